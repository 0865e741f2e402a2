import Foundation
import FrontlineCore
import SQLKit
import Vapor
import XCTVapor
import XCTest

@testable import FrontlineStore
@testable import FrontlineWeb

/// Complaints (客户投诉) through the API and the pages, on SQLite and on PostgreSQL: taken in by the Market
/// Department, Customer Service's by themselves when about engineering or after-sales (SPEC §3.4), a compensation
/// approved within the authority limits and paid only once approved.
final class ComplaintTests: XCTestCase {
    func step(_ app: Application, _ id: Int, _ action: String, _ token: String, _ json: String = "{}") async throws
        -> XCTHTTPResponse
    {
        try await app.send(.POST, "/api/v1/complaints/\(id)/\(action)", token: token, json: json)
    }

    func complaint(_ res: XCTHTTPResponse) -> [String: Any] { object(res)["complaint"] as? [String: Any] ?? [:] }
    func problem(_ res: XCTHTTPResponse) -> String { (object(res)["detail"] as? String) ?? res.body.string }

    func customers(_ app: Application) async throws -> (mine: Int64, other: Int64) {
        let rep1 = try await Store(database: app.db).users().first { $0.username == "rep1" }!.id
        let rows = try await (app.db as! any SQLDatabase).select().columns("id", "owner_id").from("customers").orderBy(
            "id"
        ).all()
        let mine = try rows.first { try $0.decode(column: "owner_id", as: Int64?.self) == rep1 }!.decode(
            column: "id", as: Int64.self)
        let other = try rows.first {
            let o = try $0.decode(column: "owner_id", as: Int64?.self); return o != nil && o != rep1
        }!.decode(column: "id", as: Int64.self)
        return (mine, other)
    }

    func testAnAfterSalesComplaintGoesToCustomerServiceAndTheMarketDepartmentFollowsIt() async throws {
        try await withDemoApp { app in
            let assistant = try await app.login("assistant"), rep1 = try await app.login("rep1"),
                rep2 = try await app.login("rep2")
            let manager = try await app.login("manager"), cs1 = try await app.login("cs1"),
                csm = try await app.login("csmanager")
            let (mine, other) = try await self.customers(app)
            let words =
                #""customer_id":\#(mine),"contact_name":"王芳","channel":"phone","severity":"high","words":"维保工程师三次都没修好""#
            // Who takes it in: the assistant, the rep for his own customer; not Customer Service, not for another rep's customer.
            expect(
                try await app.send(
                    .POST, "/api/v1/complaints", token: cs1, json: "{\(words),\"category\":\"after_sales\"}"),
                .forbidden)
            expect(
                try await app.send(
                    .POST, "/api/v1/complaints", token: rep1,
                    json:
                        "{\(words.replacingOccurrences(of: "\(mine)", with: "\(other)")),\"category\":\"after_sales\"}"),
                .unprocessableEntity)
            let bad = try await app.send(
                .POST, "/api/v1/complaints", token: assistant,
                json:
                    #"{"customer_id":\#(mine),"channel":"fax","category":"after_sales","severity":"high","words":" "}"#)
            expect(bad, .unprocessableEntity)
            XCTAssertEqual(
                Set((object(bad)["fields"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String }),
                ["channel", "words"])
            let created = try await app.send(
                .POST, "/api/v1/complaints", token: rep1, json: "{\(words),\"category\":\"after_sales\"}")
            expect(created, .created)
            let c = complaint(created), id = c["id"] as! Int
            XCTAssertEqual(
                c["department"] as? String, "customer_service", "after-sales goes to Customer Service by itself")
            XCTAssertTrue((c["number"] as! String).hasPrefix("TS"))
            XCTAssertEqual(
                (c["response"] as? [String: Any])?["target_minutes"] as? Int, 120,
                "a high complaint is acknowledged within two working hours")
            expect(try await app.send(.GET, "/api/v1/complaints/\(id)", token: rep2), .notFound)
            // The Market Department follows it without owning it: refused with the reason.
            for token in [assistant, manager, rep1] {
                let r = try await step(app, id, "acknowledge", token, #"{"text":"收到"}"#)
                expect(r, .forbidden)
                XCTAssertTrue(problem(r).contains("客户服务部处理"), problem(r))
            }
            let (repCookie, _) = try await self.pageLogin(app, "rep1")
            let page = try await app.send(.GET, "/complaints/\(id)", headers: [("Cookie", repCookie)]).body.string
            XCTAssertTrue(page.contains("id=\"follow-only\""))
            let home = try await app.send(.GET, "/", headers: [("Cookie", repCookie)]).body.string
            XCTAssertTrue(home.contains("id=\"complaints-followed\"") && home.contains("/complaints/\(id)"))
            // Customer Service acknowledges, waits on the customer, resolves with the root cause; closing needs his satisfaction.
            expect(try await step(app, id, "acknowledge", cs1, #"{"text":"已受理，明天派高级工程师上门"}"#), .ok)
            expect(try await step(app, id, "wait", cs1, #"{"text":"请客户确认上门时间"}"#), .ok)
            expect(try await step(app, id, "resume", rep1, #"{"text":"客户约周四上午"}"#), .ok)
            expect(
                try await step(app, id, "resolve", cs1, #"{"text":"更换主板"}"#), .unprocessableEntity,
                "the root cause is needed")
            let resolved = try await step(app, id, "resolve", csm, #"{"root_cause":"备件批次质量问题","text":"更换主板并延长保修"}"#)
            expect(resolved, .ok)
            XCTAssertEqual((complaint(resolved)["response"] as? [String: Any])?["status"] as? String, "met")
            expect(try await step(app, id, "confirm", rep1, #"{"confirmed_by":"王芳"}"#), .unprocessableEntity)
            expect(
                try await step(app, id, "confirm", rep1, #"{"confirmed_by":"王芳","satisfaction":9}"#),
                .unprocessableEntity)
            let closed = try await step(app, id, "confirm", rep1, #"{"confirmed_by":"王芳","satisfaction":4}"#)
            expect(closed, .ok)
            XCTAssertEqual(complaint(closed)["state"] as? String, "closed")
            let history =
                (object(try await app.send(.GET, "/api/v1/complaints/\(id)/history", token: rep1))["items"]
                as! [[String: Any]]).map { $0["action"] as! String }
            XCTAssertEqual(history, ["create", "acknowledge", "wait", "resume", "resolve", "confirm"])
            // A complaint about prices is the Market Department's: Customer Service is told so.
            let billing = complaint(
                try await app.send(
                    .POST, "/api/v1/complaints", token: assistant, json: "{\(words),\"category\":\"billing\"}"))
            XCTAssertEqual(billing["department"] as? String, "market")
            let refused = try await step(app, billing["id"] as! Int, "acknowledge", cs1, #"{"text":"收到"}"#)
            expect(refused, .forbidden)
            XCTAssertTrue(problem(refused).contains("市场部处理"), problem(refused))
            expect(
                try await step(app, billing["id"] as! Int, "acknowledge", rep1, #"{"text":"收到，马上核对"}"#), .ok,
                "the account's rep handles his customer's")
            let problems = try await Store(database: app.db).integrityProblems()
            XCTAssertEqual(problems, [])
        }
    }

    func testACompensationIsApprovedWithinTheLimitsAndPaidOnlyOnceApproved() async throws {
        try await withDemoApp { app in
            let assistant = try await app.login("assistant"), manager = try await app.login("manager"),
                gm = try await app.login("gm")
            let finance = try await app.login("finance"), rep1 = try await app.login("rep1")
            let (mine, _) = try await self.customers(app)
            func newComplaint() async throws -> Int {
                let c = complaint(
                    try await app.send(
                        .POST, "/api/v1/complaints", token: assistant,
                        json:
                            #"{"customer_id":\#(mine),"channel":"email","category":"product","severity":"normal","words":"设备故障导致停产"}"#
                    ))
                let id = c["id"] as! Int
                expect(try await step(app, id, "acknowledge", assistant, #"{"text":"已受理"}"#), .ok)
                return id
            }
            // Within the market manager's limit (20,000 by default): his to approve.
            let id = try await newComplaint()
            expect(
                try await step(app, id, "request_compensation", assistant, #"{"amount":"abc","text":"停产损失"}"#),
                .unprocessableEntity)
            expect(
                try await step(app, id, "request_compensation", rep1, #"{"amount":"5000","text":"停产损失"}"#), .ok,
                "the account's rep handles the Market Department's complaint")
            let d = object(try await app.send(.GET, "/api/v1/complaints/\(id)", token: assistant))
            XCTAssertEqual(d["compensation_state"] as? String, "pending")
            let approvalId = (d["complaint"] as! [String: Any])["compensation_approval_id"] as! Int
            let approval = object(try await app.send(.GET, "/api/v1/approvals/\(approvalId)", token: manager))
            XCTAssertEqual(approval["kind"] as? String, "compensation")
            XCTAssertEqual(approval["approver_role"] as? String, "market_manager")
            expect(
                try await step(app, id, "request_compensation", assistant, #"{"amount":"100","text":"再来一次"}"#),
                .conflict, "one compensation at a time")
            // Not paid before it is approved; finance pays once, not twice.
            let early = try await step(app, id, "pay_compensation", finance)
            expect(early, .conflict)
            XCTAssertTrue(problem(early).contains("审批通过后"), problem(early))
            expect(try await step(app, id, "pay_compensation", assistant), .forbidden)
            expect(
                try await app.send(
                    .POST, "/api/v1/approvals/\(approvalId)/approve", token: manager, json: #"{"comment":"同意"}"#), .ok)
            let paid = try await step(app, id, "pay_compensation", finance, #"{"date":"\#(DateText.today())"}"#)
            expect(paid, .ok)
            XCTAssertEqual(complaint(paid)["compensation_paid_on"] as? String, DateText.today())
            expect(try await step(app, id, "pay_compensation", finance), .conflict)
            // Above his limit: the GM's; the manager cannot approve it.
            let big = try await newComplaint()
            expect(
                try await step(app, big, "request_compensation", assistant, #"{"amount":"50000","text":"重大损失"}"#), .ok)
            let bigApproval =
                (complaint(try await app.send(.GET, "/api/v1/complaints/\(big)", token: assistant))[
                    "compensation_approval_id"] as! Int)
            expect(
                try await app.send(
                    .POST, "/api/v1/approvals/\(bigApproval)/approve", token: manager, json: #"{"comment":"同意"}"#),
                .forbidden)
            expect(
                try await app.send(
                    .POST, "/api/v1/approvals/\(bigApproval)/reject", token: gm, json: #"{"comment":"金额过高，请重新协商"}"#),
                .ok)
            expect(try await step(app, big, "pay_compensation", finance), .conflict)
            expect(
                try await step(app, big, "request_compensation", assistant, #"{"amount":"15000","text":"协商后的金额"}"#),
                .ok, "a rejected one may be asked again")
            // In the year-to-date ledger beside the discounts.
            let ledger =
                object(try await app.send(.GET, "/api/v1/approvals/ledger", token: gm))["items"] as! [[String: Any]]
            XCTAssertTrue(
                ledger.contains { $0["kind"] as? String == "compensation" && ($0["approved_count"] as? Int ?? 0) >= 1 })
            XCTAssertTrue(ledger.contains { $0["kind"] as? String == "discount" })
        }
    }

    func testStatisticsListsAndPagesInBothLanguages() async throws {
        try await withDemoApp { app in
            let manager = try await app.login("manager"), rep1 = try await app.login("rep1")
            let all =
                object(try await app.send(.GET, "/api/v1/complaints?limit=200", token: manager))["items"]
                as! [[String: Any]]
            XCTAssertEqual(
                Set(all.map { $0["state"] as! String }), Set(Complaint.State.allCases.map(\.rawValue)),
                "demo data in every state")
            let stats = object(try await app.send(.GET, "/api/v1/complaints/stats", token: manager))
            XCTAssertEqual(stats["total"] as? Int, all.count)
            let groups = stats["groups"] as! [String: [[String: Any]]]
            XCTAssertEqual(Set(groups.keys), ["category", "product", "region", "severity", "month"])
            XCTAssertEqual(groups["category"]!.reduce(0) { $0 + ($1["count"] as! Int) }, all.count)
            XCTAssertNotNil(groups["severity"]!.first { $0["key"] as? String == "low" }?["resolve_minutes"] as? Int)
            let repStats = object(try await app.send(.GET, "/api/v1/complaints/stats", token: rep1))
            XCTAssertLessThan(repStats["total"] as! Int, all.count, "a rep counts only his own")
            expect(
                try await app.send(.GET, "/api/v1/complaints/stats?from=2026-12-01&to=2026-01-01", token: manager),
                .badRequest)
            let attention =
                object(try await app.send(.GET, "/api/v1/complaints?attention=true", token: manager))["items"]
                as! [[String: Any]]
            XCTAssertTrue(
                attention.contains { ($0["words"] as? String)?.contains("频繁死机") == true },
                "the critical one past its target")
            expect(try await app.send(.GET, "/api/v1/complaints?severity=urgent", token: manager), .badRequest)
            let csv = try await app.send(
                .GET, "/api/v1/complaints/export?format=csv&department=customer_service", token: manager)
            expect(csv, .ok)
            XCTAssertTrue(csv.body.string.contains("售后服务") && !csv.body.string.contains("价格与账务"))
            expect(try await app.send(.GET, "/api/v1/complaints/export?format=xlsx", token: rep1), .ok)
            let (cookie, _) = try await self.pageLogin(app, "manager")
            let home = try await app.send(.GET, "/", headers: [("Cookie", cookie)]).body.string
            XCTAssertTrue(home.contains("id=\"complaints-attention\""))
            for id in all.map({ $0["id"] as! Int }) {
                for lang in ["zh-CN", "en"] {
                    let res = try await app.send(
                        .GET, "/complaints/\(id)", headers: [("Cookie", cookie), ("Accept-Language", lang)])
                    expect(res, .ok)
                    XCTAssertFalse(
                        res.body.string.contains("complaint.") || res.body.string.contains("step.")
                            || res.body.string.contains("sla."), "a raw key on /complaints/\(id) \(lang)")
                }
            }
            for path in [
                "/complaints", "/complaints?attention=true", "/complaints/stats",
                "/complaints/stats?from=2026-01-01&to=2026-12-31", "/complaints/new", "/approvals",
            ] {
                for lang in ["zh-CN", "en"] {
                    let res = try await app.send(.GET, path, headers: [("Cookie", cookie), ("Accept-Language", lang)])
                    expect(res, .ok, path)
                    XCTAssertFalse(
                        res.body.string.contains("complaint.") || res.body.string.contains("sla."),
                        "a raw key on \(path) \(lang)")
                }
            }
            // The form takes one in and keeps what was typed when refused.
            let (aCookie, csrf) = try await self.pageLogin(app, "assistant")
            let (mine, _) = try await self.customers(app)
            let refused = try await app.send(
                .POST, "/complaints",
                body: Array(
                    "_csrf=\(csrf)&customer_id=\(mine)&channel=phone&category=&severity=high&words=%E6%85%A2".utf8),
                headers: [("Cookie", aCookie), ("Content-Type", "application/x-www-form-urlencoded")])
            expect(refused, .unprocessableEntity)
            XCTAssertTrue(refused.body.string.contains("慢"))
            let taken = try await app.send(
                .POST, "/complaints",
                body: Array(
                    "_csrf=\(csrf)&customer_id=\(mine)&channel=phone&category=engineering&severity=high&words=%E6%85%A2"
                        .utf8),
                headers: [("Cookie", aCookie), ("Content-Type", "application/x-www-form-urlencoded")])
            expect(taken, .seeOther)
        }
    }
}
