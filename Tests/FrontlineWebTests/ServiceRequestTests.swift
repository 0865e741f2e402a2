import Foundation
import FrontlineCore
import SQLKit
import Vapor
import XCTVapor
import XCTest

@testable import FrontlineStore
@testable import FrontlineWeb

/// Engineering and after-sales requests (工程施工和售后服务, SPEC §3.4) through the API and the pages, on SQLite and
/// on PostgreSQL: the rep asks, Customer Service alone answers and decides the work, the rep sees the verdict.
final class ServiceRequestTests: XCTestCase {
    func step(_ app: Application, _ id: Int, _ action: String, _ token: String, _ json: String = "{}") async throws
        -> XCTHTTPResponse
    {
        try await app.send(.POST, "/api/v1/service-requests/\(id)/\(action)", token: token, json: json)
    }

    func problem(_ res: XCTHTTPResponse) -> String { (object(res)["detail"] as? String) ?? res.body.string }

    func request(_ res: XCTHTTPResponse) -> [String: Any] { object(res)["request"] as? [String: Any] ?? [:] }

    func testTheRepAsksCustomerServiceAnswersAndDoesTheWorkAndTheRepSeesItAll() async throws {
        try await withDemoApp { app in
            let rep1 = try await app.login("rep1"), rep2 = try await app.login("rep2"),
                manager = try await app.login("manager")
            let cs = try await app.login("csmanager"), cs1 = try await app.login("cs1"),
                finance = try await app.login("finance")
            let store = Store(database: app.db)
            let users = try await store.users()
            let rep1Id = users.first { $0.username == "rep1" }!.id, cs1Id = users.first { $0.username == "cs1" }!.id
            let customers = try await (app.db as! any SQLDatabase).select().columns("id", "owner_id").from("customers")
                .orderBy("id").all()
            let mine = try customers.first { try $0.decode(column: "owner_id", as: Int64?.self) == rep1Id }!.decode(
                column: "id", as: Int64.self)
            let other = try customers.first {
                try $0.decode(column: "owner_id", as: Int64?.self) != rep1Id
                    && $0.decode(column: "owner_id", as: Int64?.self) != nil
            }!
            .decode(column: "id", as: Int64.self)
            let body =
                #"{"customer_id":\#(mine),"kind":"repair","title":"网关离线","detail":"3 号线网关离线两天","location":"3 号车间","wished_on":"\#(DateText.day(Store.now() + 5 * 86_400))"}"#

            // Who may ask: the rep for his own customer, not for another's; Customer Service and finance not at all.
            let notHis = try await app.send(
                .POST, "/api/v1/service-requests", token: rep1,
                json: body.replacingOccurrences(of: "\(mine)", with: "\(other)"))
            expect(notHis, .unprocessableEntity, "another rep's customer is not his to see, nor to name")
            XCTAssertTrue(notHis.body.string.contains("无权查看"), notHis.body.string)
            for token in [cs, finance] {
                expect(try await app.send(.POST, "/api/v1/service-requests", token: token, json: body), .forbidden)
            }
            let invalid = try await app.send(
                .POST, "/api/v1/service-requests", token: rep1,
                json: #"{"customer_id":\#(mine),"kind":"paint","title":"","detail":"x"}"#)
            expect(invalid, .unprocessableEntity)
            XCTAssertEqual(
                Set((object(invalid)["fields"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String }),
                ["kind", "title"])
            let created = try await app.send(.POST, "/api/v1/service-requests", token: rep1, json: body)
            expect(created, .created)
            let r = request(created), id = r["id"] as! Int
            XCTAssertEqual(created.headers.first(name: .location), "/api/v1/service-requests/\(id)")
            XCTAssertTrue((r["number"] as! String).hasPrefix("FW"))
            XCTAssertEqual(
                (r["response"] as? [String: Any])?["target_minutes"] as? Int, 120,
                "a repair is answered within two working hours")
            expect(try await app.send(.GET, "/api/v1/service-requests/\(id)", token: rep2), .notFound)

            // The Market Department does not judge feasibility nor schedule the work: refused, naming who may.
            let scheduling = #"{"plan":"x","engineers":[\#(cs1Id)],"start_on":"2026-12-10","end_on":"2026-12-10"}"#
            for token in [manager, rep1] {
                let refused = try await step(app, id, "answer", token, #"{"verdict":"feasible","text":"可以"}"#)
                expect(refused, .forbidden)
                XCTAssertTrue(problem(refused).contains("客户服务部"), problem(refused))
            }
            // Customer Service answers with its reasoning; a stale version is refused and changes nothing.
            expect(
                try await step(app, id, "answer", cs1, #"{"verdict":"conditional","text":"可以","version":1}"#),
                .unprocessableEntity)
            let answered = try await step(
                app, id, "answer", cs1,
                #"{"verdict":"conditional","text":"备件有库存","conditions":"客户安排停机两小时","version":1}"#)
            expect(answered, .ok)
            XCTAssertEqual(request(answered)["state"] as? String, "answered")
            XCTAssertEqual((request(answered)["response"] as? [String: Any])?["status"] as? String, "met")
            expect(try await step(app, id, "answer", cs, #"{"verdict":"feasible","text":"再答","version":1}"#), .conflict)
            // The rep sees the verdict on his home page, his customer's page and the request.
            let (repCookie, _) = try await self.pageLogin(app, "rep1")
            let home = try await app.send(.GET, "/", headers: [("Cookie", repCookie)]).body.string
            XCTAssertTrue(
                home.contains("id=\"service-mine\"") && home.contains("/service-requests/\(id)"),
                "the rep's home lists his request")
            XCTAssertTrue(home.contains("有条件可行"))
            let customerPage = try await app.send(.GET, "/customers/\(mine)", headers: [("Cookie", repCookie)]).body
                .string
            XCTAssertTrue(
                customerPage.contains("id=\"customer-service-requests\"")
                    && customerPage.contains("/service-requests/\(id)"))
            let page = try await app.send(.GET, "/service-requests/\(id)", headers: [("Cookie", repCookie)]).body.string
            XCTAssertTrue(page.contains("客户安排停机两小时") && page.contains("id=\"market-read-only\""))

            for token in [manager, rep1] {
                let refused = try await step(app, id, "schedule", token, scheduling)
                expect(refused, .forbidden)
                XCTAssertTrue(problem(refused).contains("客户服务部经理"), problem(refused))
            }
            // The CS manager schedules; the engineer logs, waits on the customer, the rep relays his answer; resolved.
            expect(
                try await step(
                    app, id, "schedule", cs1,
                    #"{"plan":"x","engineers":[\#(cs1Id)],"start_on":"2026-12-10","end_on":"2026-12-10"}"#), .forbidden)
            expect(
                try await step(
                    app, id, "schedule", cs,
                    #"{"plan":"上门更换电源模块","engineers":[\#(cs1Id)],"start_on":"\#(DateText.today())","end_on":"\#(DateText.today())"}"#
                ), .ok)
            expect(try await step(app, id, "log", cs1, #"{"text":"排查电源","hours":1.5}"#), .ok)
            expect(try await step(app, id, "log", cs1, #"{"text":"x","hours":"abc"}"#), .unprocessableEntity)
            let waiting = try await step(app, id, "wait", cs1, #"{"text":"请客户确认停机窗口"}"#)
            XCTAssertEqual((request(waiting)["resolution_level"] as? [String: Any])?["paused"] as? Bool, true)
            expect(try await step(app, id, "resolve", cs1, #"{"text":"x"}"#), .conflict)
            expect(try await step(app, id, "resume", rep1, #"{"text":"客户同意今晚停机"}"#), .ok)
            expect(try await step(app, id, "resolve", cs1, #"{"text":"更换电源模块后恢复"}"#), .ok)
            expect(try await step(app, id, "reopen", rep1, #"{}"#), .unprocessableEntity)
            expect(try await step(app, id, "reopen", rep1, #"{"comment":"又掉线了"}"#), .ok)
            expect(try await step(app, id, "resolve", cs1, #"{"text":"更换主板"}"#), .ok)
            let closed = try await step(app, id, "confirm", rep1, #"{"confirmed_by":"王芳","satisfaction":5}"#)
            expect(closed, .ok)
            XCTAssertEqual(request(closed)["state"] as? String, "closed")
            XCTAssertEqual((object(closed)["log"] as? [[String: Any]])?.first?["minutes"] as? Int, 90)
            let history =
                (object(try await app.send(.GET, "/api/v1/service-requests/\(id)/history", token: rep1))["items"]
                as! [[String: Any]]).map { $0["action"] as! String }
            XCTAssertEqual(
                history,
                ["create", "answer", "schedule", "log", "wait", "resume", "resolve", "reopen", "resolve", "confirm"])
            let audits = try await (app.db as! any SQLDatabase).select().column(
                SQLFunction("COUNT", args: SQLLiteral.all), as: "n"
            ).from("audit_log")
                .where("entity", .equal, "service_request").where("entity_id", .equal, String(id)).first()!.decode(
                    column: "n", as: Int.self)
            XCTAssertEqual(audits, history.count, "every step in the audit log")
            let problems = try await store.integrityProblems()
            XCTAssertEqual(problems, [])
        }
    }

    func testNotFeasibleClosesItAndTheListsFindWhatNeedsAttention() async throws {
        try await withDemoApp { app in
            let rep2 = try await app.login("rep2"), cs = try await app.login("csmanager"),
                rep1 = try await app.login("rep1")
            let all = object(try await app.send(.GET, "/api/v1/service-requests?limit=200", token: cs))
            let items = all["items"] as! [[String: Any]]
            XCTAssertEqual(
                Set(items.map { $0["state"] as! String }), Set(ServiceRequest.State.allCases.map(\.rawValue)),
                "demo data in every state")
            // The demo repair asked four days ago has no answer: past its response target, in the attention list.
            let attention =
                (object(try await app.send(.GET, "/api/v1/service-requests?attention=true&sort=due", token: cs))[
                    "items"] as! [[String: Any]])
            XCTAssertTrue(attention.contains { $0["title"] as? String == "报表服务器无法访问" })
            XCTAssertTrue(
                attention.allSatisfy {
                    ["due_soon", "overdue"].contains(($0["response"] as! [String: Any])["status"] as! String)
                        || ["due_soon", "overdue"].contains(
                            ($0["resolution_level"] as! [String: Any])["status"] as! String)
                })
            let (csCookie, _) = try await self.pageLogin(app, "csmanager")
            let home = try await app.send(.GET, "/", headers: [("Cookie", csCookie)]).body.string
            XCTAssertTrue(
                home.contains("id=\"service-attention\"") && home.contains("超时"),
                "the CS manager's home shows what is overdue")
            // Filters, sorts and paging; a bad one is told.
            let repairs = object(try await app.send(.GET, "/api/v1/service-requests?kind=repair&limit=1", token: cs))
            XCTAssertEqual((repairs["items"] as! [[String: Any]]).count, 1)
            XCTAssertGreaterThan(repairs["total"] as! Int, 1)
            expect(try await app.send(.GET, "/api/v1/service-requests?sort=colour", token: cs), .badRequest)
            expect(try await app.send(.GET, "/api/v1/service-requests?state=lost", token: cs), .badRequest)
            let repOnly =
                object(try await app.send(.GET, "/api/v1/service-requests?limit=200", token: rep1))["items"]
                as! [[String: Any]]
            XCTAssertFalse(repOnly.isEmpty)
            XCTAssertTrue(
                repOnly.allSatisfy {
                    ($0["requester_name"] as? String) == "陈伟" || ($0["account_owner_id"] as? Int) != nil
                })
            XCTAssertLessThan(repOnly.count, items.count, "a rep reads only his own")
            // Not feasible: closed by itself, with the reason on the record.
            let mine =
                items.first { $0["state"] as? String == "submitted" && $0["requester_name"] as? String == "刘洋" }!["id"]
                as! Int
            let no = try await step(app, mine, "answer", cs, #"{"verdict":"not_feasible","text":"超出维保范围"}"#)
            expect(no, .ok)
            XCTAssertEqual(request(no)["state"] as? String, "declined")
            XCTAssertEqual((object(no)["actions"] as? [[String: Any]])?.count, 0)
            expect(try await step(app, mine, "decline", cs), .notFound, "an automatic step has no route")
            let h =
                (object(try await app.send(.GET, "/api/v1/service-requests/\(mine)/history", token: rep2))["items"]
                as! [[String: Any]]).map { $0["action"] as! String }
            XCTAssertEqual(h.suffix(2), ["answer", "decline"])
            // Exports with the list's filters.
            let csv = try await app.send(.GET, "/api/v1/service-requests/export?format=csv&kind=repair", token: cs)
            expect(csv, .ok)
            XCTAssertTrue(csv.body.string.contains("报表服务器无法访问"))
            XCTAssertFalse(csv.body.string.contains("年度巡检维护"), "the filter holds in the export")
            expect(try await app.send(.GET, "/api/v1/service-requests/export?format=xlsx", token: rep1), .ok)
            // Every page renders in both languages without a raw key.
            for id in items.map({ $0["id"] as! Int }) {
                for lang in ["zh-CN", "en"] {
                    let res = try await app.send(
                        .GET, "/service-requests/\(id)", headers: [("Cookie", csCookie), ("Accept-Language", lang)])
                    expect(res, .ok)
                    XCTAssertFalse(
                        res.body.string.contains("service.") || res.body.string.contains("step.")
                            || res.body.string.contains("sla."), "a raw key on /service-requests/\(id) \(lang)")
                }
            }
            for path in [
                "/service-requests", "/service-requests?attention=true&sort=due",
                "/service-requests?open=true&mine=true", "/settings/service-levels",
            ] {
                let res = try await app.send(.GET, path, headers: [("Cookie", csCookie)])
                expect(res, .ok, path)
                XCTAssertFalse(
                    res.body.string.contains("service.") || res.body.string.contains("sla."), "a raw key on \(path)")
            }
        }
    }

    func testAPageAsksThroughTheFormAndARefusalKeepsWhatWasTyped() async throws {
        try await withDemoApp { app in
            let (cookie, csrf) = try await self.pageLogin(app, "rep1")
            let form = try await app.send(.GET, "/service-requests/new", headers: [("Cookie", cookie)])
            expect(form, .ok)
            let customer = try XCTUnwrap(
                form.body.string.components(separatedBy: "name=\"customer_id\"").last?.components(
                    separatedBy: "<option value=\""
                ).dropFirst(2).first?.prefix { $0 != "\"" })
            func post(_ fields: String) async throws -> XCTHTTPResponse {
                try await app.send(
                    .POST, "/service-requests", body: Array("_csrf=\(csrf)&\(fields)".utf8),
                    headers: [("Cookie", cookie), ("Content-Type", "application/x-www-form-urlencoded")])
            }
            let bad = try await post("customer_id=\(customer)&kind=repair&title=&detail=%E7%BD%91%E5%85%B3")
            expect(bad, .unprocessableEntity)
            XCTAssertTrue(bad.body.string.contains("网关"), "what was typed stays")
            let good = try await post(
                "customer_id=\(customer)&kind=repair&title=%E7%BD%91%E5%85%B3%E7%A6%BB%E7%BA%BF&detail=%E7%BD%91%E5%85%B3"
            )
            expect(good, .seeOther)
            let location = try XCTUnwrap(good.headers.first(name: .location))
            XCTAssertTrue(location.hasPrefix("/service-requests/"))
            // Customer Service answers through the page's form.
            let (csCookie, _) = try await self.pageLogin(app, "cs1")
            let page = try await app.send(.GET, location, headers: [("Cookie", csCookie)])
            XCTAssertTrue(page.body.string.contains("name=\"verdict\""))
            let token = self.csrf(in: page.body.string)
            let res = try await app.send(
                .POST, location + "/act",
                body: Array("_csrf=\(token)&action=answer&version=1&verdict=feasible&text=%E5%8F%AF%E4%BB%A5".utf8),
                headers: [("Cookie", csCookie), ("Content-Type", "application/x-www-form-urlencoded")])
            expect(res, .seeOther)
            let repPage = try await app.send(.GET, location, headers: [("Cookie", cookie)]).body.string
            XCTAssertTrue(repPage.contains("id=\"verdict\""))
            expect(
                try await app.send(
                    .POST, "/service-requests",
                    body: Array("customer_id=\(customer)&kind=repair&title=x&detail=y".utf8),
                    headers: [("Cookie", cookie), ("Content-Type", "application/x-www-form-urlencoded")]), .forbidden)
        }
    }

    func testServiceLevelsAreVersionedCheckedAndMoveTheOpenCasesDeadlines() async throws {
        try await withDemoApp { app in
            let admin = try await app.login("admin"), cs = try await app.login("csmanager"),
                rep1 = try await app.login("rep1")
            let current = try await app.send(.GET, "/api/v1/settings/service-levels", token: rep1)
            expect(current, .ok)
            XCTAssertEqual(object(current)["workdays"] as? [Int], [1, 2, 3, 4, 5])
            let first = object(current)["version"] as! Int
            // Three at once on the built-in defaults (nothing stored yet): one wins, the others are told.
            let firsts = try await withThrowingTaskGroup(of: UInt.self) { group in
                for h in ["08:30-17:30", "09:00-18:00", "09:30-18:30"] {
                    group.addTask {
                        try await app.send(
                            .PATCH, "/api/v1/settings/service-levels", token: admin,
                            json: #"{"periods":["\#(h)"],"version":\#(first)}"#
                        ).status.code
                    }
                }
                var out: [UInt] = []
                for try await s in group { out.append(s) }
                return out
            }
            XCTAssertEqual(firsts.sorted(), [200, 409, 409])
            let version =
                object(try await app.send(.GET, "/api/v1/settings/service-levels", token: rep1))["version"] as! Int
            XCTAssertEqual(version, first + 1)
            expect(
                try await app.send(
                    .PATCH, "/api/v1/settings/service-levels", token: rep1,
                    json: #"{"periods":["09:00-17:00"],"version":\#(version)}"#), .forbidden)
            let bad = try await app.send(
                .PATCH, "/api/v1/settings/service-levels", token: cs,
                json: #"{"periods":["17:00-09:00"],"targets":{"request.repair":{"response":0}},"version":\#(version)}"#)
            expect(bad, .unprocessableEntity)
            XCTAssertEqual(
                Set((object(bad)["fields"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String }),
                ["periods", "targets.request.repair.response"])
            expect(
                try await app.send(
                    .PATCH, "/api/v1/settings/service-levels", token: cs,
                    json: #"{"targets":{"request.repair":{"response":"1"}},"version":\#(version)}"#), .badRequest)
            let sql = app.db as! any SQLDatabase
            func dues() async throws -> [Int64?] {
                try await sql.select().column("resolution_due_at").from("service_requests").where(
                    "state", .equal, "scheduled"
                ).orderBy("id").all()
                    .map { try $0.decode(column: "resolution_due_at", as: Int64?.self) }
            }
            let before = try await dues()
            XCTAssertFalse(before.isEmpty)
            // A day of 24 working hours, every day: the open cases' deadlines come nearer at once.
            let changed = try await app.send(
                .PATCH, "/api/v1/settings/service-levels", token: admin,
                json:
                    #"{"workdays":[1,2,3,4,5,6,7],"periods":["00:00-24:00"],"targets":{"request.repair":{"response":30}},"version":\#(version)}"#
            )
            expect(changed, .ok)
            XCTAssertEqual(object(changed)["version"] as? Int, version + 1)
            XCTAssertEqual(
                ((object(changed)["targets"] as? [String: Any])?["request.repair"] as? [String: Any])?["response"]
                    as? Int, 30)
            let after = try await dues()
            for (a, b) in zip(after, before) { XCTAssertLessThan(a ?? .max, b ?? .max) }
            expect(
                try await app.send(
                    .PATCH, "/api/v1/settings/service-levels", token: cs,
                    json: #"{"periods":["09:00-18:00"],"version":\#(version)}"#), .conflict)
            // Two at once from the same version: one wins, the other is told.
            let statuses = try await withThrowingTaskGroup(of: UInt.self) { group in
                for p in ["08:00-17:00", "09:00-18:00", "10:00-19:00"] {
                    group.addTask {
                        try await app.send(
                            .PATCH, "/api/v1/settings/service-levels", token: admin,
                            json: #"{"periods":["\#(p)"],"version":\#(version + 1)}"#
                        ).status.code
                    }
                }
                var out: [UInt] = []
                for try await s in group { out.append(s) }
                return out
            }
            XCTAssertEqual(statuses.sorted(), [200, 409, 409])
            // A new repair is opened under the new target.
            let customer = try await sql.select().column("id").from("customers").where(
                "owner_id", .equal, try await Store(database: app.db).users().first { $0.username == "rep1" }!.id
            ).first()!.decode(column: "id", as: Int64.self)
            let r = try await app.send(
                .POST, "/api/v1/service-requests", token: rep1,
                json: #"{"customer_id":\#(customer),"kind":"repair","title":"x","detail":"y"}"#)
            XCTAssertEqual((request(r)["response"] as? [String: Any])?["target_minutes"] as? Int, 30)
        }
    }
}
