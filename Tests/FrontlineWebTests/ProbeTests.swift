import Foundation
import FrontlineCore
import SQLKit
import Vapor
import XCTVapor
import XCTest

@testable import FrontlineStore
@testable import FrontlineWeb

/// What the acceptance probes found (issue 24), each as the probe did it: races between linked records, a scheduled
/// job run several times at once, a burst at a limit, refusals that named what the asker may not read, and files a
/// signed-in user could not open. On PostgreSQL (FRONTLINE_TEST_DATABASE_URL) the races are READ COMMITTED's.
final class ProbeTests: XCTestCase {
    /// A quotation of rep1's waiting for the market manager's approval of its 15 % discount: (id, version, approval id).
    func pendingQuotation(_ app: Application, _ rep: String, title: String) async throws -> (
        id: Int, version: Int, approval: Int
    ) {
        let std =
            (object(try await app.send(.GET, "/api/v1/products?q=FL-CRM-STD", token: rep))["items"] as! [[String: Any]])[
                0]["id"] as! Int
        let customer =
            (object(try await app.send(.GET, "/api/v1/customers?limit=1&sort=id", token: rep))["items"]
            as! [[String: Any]])[0]["id"] as! Int
        let q = object(
            try await app.send(
                .POST, "/api/v1/quotations", token: rep,
                json:
                    #"{"customer_id":\#(customer),"title":"\#(title)","lines":[{"product_id":\#(std),"quantity":2,"discount":15}]}"#
            ))
        let submitted = object(
            try await app.send(
                .POST, "/api/v1/quotations/\(q["id"] as! Int)/submit", token: rep, json: #"{"comment":"竞争激烈"}"#))
        XCTAssertEqual(submitted["state"] as? String, "pending_approval")
        return (submitted["id"] as! Int, submitted["version"] as! Int, submitted["approval_id"] as! Int)
    }

    /// Sends every request at once and answers their statuses.
    func atOnce(_ requests: [@Sendable () async throws -> XCTHTTPResponse]) async throws -> [UInt] {
        try await withThrowingTaskGroup(of: UInt.self) { group in
            for r in requests { group.addTask { try await r().status.code } }
            var out: [UInt] = []
            for try await s in group { out.append(s) }
            return out
        }
    }

    func history(_ app: Application, _ path: String, _ token: String) async throws -> [String] {
        (object(try await app.send(.GET, path + "/history", token: token))["items"] as! [[String: Any]]).map {
            $0["action"] as! String
        }
    }

    func testAnApprovalAndItsQuotationRacedByDifferentActionsEndInOneOutcome() async throws {
        try await withDemoApp { app in
            let rep = try await app.login("rep1"), manager = try await app.login("manager"),
                gm = try await app.login("gm")
            for round in 0..<4 {
                let q = try await self.pendingQuotation(app, rep, title: "并发审批\(round)")
                // The approver decides through the quotation or the approval; the rep cancels or withdraws, all at once
                // with the version each read.
                let v = q.version
                let statuses = try await self.atOnce([
                    {
                        try await app.send(
                            .POST, "/api/v1/quotations/\(q.id)/approve", token: gm,
                            json: #"{"comment":"同意","version":\#(v)}"#)
                    },
                    {
                        try await app.send(
                            .POST, "/api/v1/approvals/\(q.approval)/reject", token: manager, json: #"{"comment":"不行"}"#)
                    },
                    {
                        try await app.send(
                            .POST, "/api/v1/quotations/\(q.id)/cancel", token: rep,
                            json: #"{"comment":"客户取消","version":\#(v)}"#)
                    },
                    {
                        try await app.send(
                            .POST, "/api/v1/quotations/\(q.id)/withdraw", token: rep, json: #"{"version":\#(v)}"#)
                    },
                ])
                XCTAssertFalse(statuses.contains { $0 >= 500 }, "\(statuses)")
                XCTAssertEqual(statuses.filter { $0 == 200 }.count, 1, "\(statuses)")
                XCTAssertEqual(statuses.filter { $0 == 409 }.count, 3, "\(statuses)")
                let quotation = object(try await app.send(.GET, "/api/v1/quotations/\(q.id)", token: rep))
                let approval = object(try await app.send(.GET, "/api/v1/approvals/\(q.approval)", token: manager))
                let steps = try await self.history(app, "/api/v1/quotations/\(q.id)", rep)
                // The two records agree, and the quotation's history holds the one step that won.
                switch quotation["state"] as? String {
                case "approved":
                    XCTAssertEqual(approval["state"] as? String, "approved");
                    XCTAssertEqual(steps, ["create", "submit", "approve"])
                case "draft":
                    XCTAssertTrue(
                        ["rejected", "withdrawn"].contains(approval["state"] as? String ?? ""), "\(approval)")
                    XCTAssertTrue(
                        steps == ["create", "submit", "reject"] || steps == ["create", "submit", "withdraw"], "\(steps)"
                    )
                case "cancelled":
                    XCTAssertEqual(approval["state"] as? String, "withdrawn");
                    XCTAssertEqual(steps, ["create", "submit", "cancel"])
                default: XCTFail("\(quotation)")
                }
            }
            let problems = try await Store(database: app.db).integrityProblems()
            XCTAssertEqual(problems, [])
        }
    }

    func testCancellingAQuotationVoidsItsApprovalSoNobodyApprovesADiscountOnAVoidQuotation() async throws {
        try await withDemoApp { app in
            let rep = try await app.login("rep1"), manager = try await app.login("manager")
            let ledgerBefore = object(try await app.send(.GET, "/api/v1/approvals/ledger", token: manager))
            let q = try await self.pendingQuotation(app, rep, title: "作废报价")
            expect(
                try await app.send(
                    .POST, "/api/v1/quotations/\(q.id)/cancel", token: rep,
                    json: #"{"comment":"客户取消","version":\#(q.version)}"#), .ok)
            let approval = object(try await app.send(.GET, "/api/v1/approvals/\(q.approval)", token: manager))
            XCTAssertEqual(approval["state"] as? String, "withdrawn")
            let approvalSteps = try await Store(database: app.db).history("approval", Int64(q.approval)).map(\.action)
            XCTAssertEqual(approvalSteps, ["create", "void"])
            let inbox =
                object(try await app.send(.GET, "/api/v1/approvals?box=inbox", token: manager))["items"]
                as! [[String: Any]]
            XCTAssertFalse(inbox.contains { $0["id"] as? Int == q.approval })
            expect(
                try await app.send(
                    .POST, "/api/v1/approvals/\(q.approval)/approve", token: manager, json: #"{"comment":"同意"}"#),
                .conflict)
            expect(
                try await app.send(
                    .POST, "/api/v1/quotations/\(q.id)/approve", token: manager, json: #"{"comment":"同意"}"#), .conflict)
            let ledgerAfter = object(try await app.send(.GET, "/api/v1/approvals/ledger", token: manager))
            XCTAssertEqual(
                ledgerAfter as NSDictionary, ledgerBefore as NSDictionary,
                "the ledger gains no discount on a void quotation")
            // A rep's approvals list, with no box named, shows what he asked for.
            let mine = object(try await app.send(.GET, "/api/v1/approvals", token: rep))["items"] as! [[String: Any]]
            XCTAssertTrue(mine.contains { $0["id"] as? Int == q.approval })
        }
    }

    func testSweepsRunAtOnceWarnEachCustomerOnceAndAChangedReturnDayListsTheCustomerOnce() async throws {
        try await withDemoApp { app in
            let store = Store(database: app.db)
            let manager = try await store.users().first { $0.username == "manager" }!.actor
            let rep1 = try await store.users().first { $0.username == "rep1" }!
            var ids: [Int64] = []
            for i in 0..<6 {
                let c = try await store.createCustomer(
                    CustomerInput(name: "并发预警客户\(i)", tier: "C", ownerId: String(rep1.id)), by: manager)
                try await store.sql.update("customers").set("owner_since", to: Store.nowMillis() - 40 * 86_400_000)
                    .where("id", .equal, c.id).run()
                ids.append(c.id)
            }
            let runs = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<4 { group.addTask { try await Store(database: app.db).runPoolSweep().warned } }
                var warned: [Int] = []
                for try await w in group { warned.append(w) }
                return warned
            }
            func warnings(_ id: Int64) async throws -> Int {
                try await store.sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from(
                    "pool_events"
                ).where("customer_id", .equal, id)
                    .where("kind", .equal, "warned").first()!.decode(column: "n", as: Int.self)
            }
            for id in ids { let n = try await warnings(id); XCTAssertEqual(n, 1, "customer \(id) warned once") }
            XCTAssertGreaterThanOrEqual(runs.reduce(0, +), ids.count)
            let written = try await store.sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from(
                "pool_events"
            )
            .where("kind", .equal, "warned").first()!.decode(column: "n", as: Int.self)
            XCTAssertLessThanOrEqual(runs.reduce(0, +), written, "a sweep counts only what it wrote")
            // The admin gives tier C two days more: the next sweep warns of the new day, and the rep sees each once.
            let admin = try await app.login("admin"), rep = try await app.login("rep1")
            let rules = object(try await app.send(.GET, "/api/v1/settings/pool", token: admin))
            var days = rules["return_days"] as! [String: Int]
            days["C"] = days["C"]! + 2
            let body = String(
                decoding: try JSONSerialization.data(withJSONObject: [
                    "return_days": days, "version": rules["version"] as! Int,
                ]), as: UTF8.self)
            expect(try await app.send(.PATCH, "/api/v1/settings/pool", token: admin, json: body), .ok)
            _ = try await store.runPoolSweep()
            let listed =
                (object(try await app.send(.GET, "/api/v1/pool/warnings?limit=100", token: rep))["items"]
                as! [[String: Any]])
                .compactMap { $0["customer_id"] as? Int }.filter { ids.contains(Int64($0)) }
            XCTAssertEqual(
                listed.sorted(), ids.map(Int.init).sorted(), "each customer once, under the return day in force")
        }
    }

    func testTheDailyClaimLimitCountsFromMidnightInChina() async throws {
        try await withDemoApp { app in
            let store = Store(database: app.db)
            let rep1 = try await store.users().first { $0.username == "rep1" }!
            var rules = PoolRules.defaults
            rules.dailyClaims = 1
            // 00:30 in Shanghai is 16:30 UTC the day before: a boundary at UTC midnight would count yesterday evening.
            let midnight = DateText.start(of: "2026-12-08")!
            let now = (midnight + 30 * 60) * 1000
            func claim(at seconds: Int64) async throws {
                try await store.recordPoolEvent(
                    PoolEvent(
                        customerId: 1, kind: .claimed, fromOwnerId: nil, toOwnerId: rep1.id, note: "", actorId: rep1.id,
                        at: seconds * 1000))
            }
            try await claim(at: midnight - 2 * 86_400)
            try await claim(at: midnight - 10 * 60)
            let yesterday = try await store.claimRefusal(customerId: 2, for: rep1.id, rules: rules, now: now)
            XCTAssertNil(
                yesterday, "claims of the days before, the last ten minutes before midnight among them, do not count")
            try await claim(at: midnight + 60)
            let today = try await store.claimRefusal(customerId: 2, for: rep1.id, rules: rules, now: now)
            XCTAssertEqual(today?.key, "pool.daily_limit")
            XCTAssertEqual(DateText.startOfDay(midnight + 30 * 60), midnight)
            XCTAssertEqual(DateText.startOfDay(midnight - 1), midnight - 86_400)
            XCTAssertEqual(DateText.adding(1, to: "2026-12-31"), "2027-01-01")
        }
    }

    func testTheOpportunitiesClosingWithinDaysAreThoseDueFromTodayOn() async throws {
        try await withDemoApp { app in
            let rep = try await app.login("rep1")
            let customer =
                (object(try await app.send(.GET, "/api/v1/customers?limit=1&sort=id", token: rep))["items"]
                as! [[String: Any]])[0]["id"] as! Int
            let today = DateText.today()
            var ids: [String: Int] = [:]
            for (title, days) in [("三天后成交", 3), ("一月后成交", 30)] {
                let o = object(
                    try await app.send(
                        .POST, "/api/v1/opportunities", token: rep,
                        json:
                            #"{"customer_id":\#(customer),"title":"\#(title)","expected_close":"\#(DateText.adding(days, to: today)!)"}"#
                    ))
                ids[title] = (o["opportunity"] as! [String: Any])["id"] as? Int
            }
            let soon =
                (object(try await app.send(.GET, "/api/v1/opportunities?closing_within_days=7&limit=200", token: rep))[
                    "items"] as! [[String: Any]])
                .compactMap { $0["id"] as? Int }
            XCTAssertTrue(soon.contains(ids["三天后成交"]!), "due in three days is within seven")
            XCTAssertFalse(soon.contains(ids["一月后成交"]!))
        }
    }

    func testRemovingOneAttachmentTwiceAtOnceRemovesItOnce() async throws {
        try await withDemoApp { app in
            let manager = try await app.login("manager")
            let customer =
                (object(try await app.send(.GET, "/api/v1/customers?limit=1&sort=id", token: manager))["items"]
                as! [[String: Any]])[0]["id"] as! Int
            let up = try await app.send(
                .POST, "/api/v1/customers/\(customer)/attachments?filename=twice.pdf", token: manager,
                body: Array("%PDF-1.4 twice".utf8),
                headers: [("Content-Type", "application/octet-stream")])
            expect(up, .created)
            let id = object(up)["id"] as! Int
            let statuses = try await self.atOnce(
                (0..<4).map { _ in { try await app.send(.DELETE, "/api/v1/attachments/\(id)", token: manager) } })
            XCTAssertEqual(statuses.filter { (200..<300).contains($0) }.count, 1, "\(statuses)")
            XCTAssertEqual(statuses.filter { $0 == 404 }.count, 3, "\(statuses)")
            let audited = try await Store(database: app.db).sql.select().column(
                SQLFunction("COUNT", args: SQLLiteral.all), as: "n"
            ).from("audit_log")
                .where("entity", .equal, "attachment").where("entity_id", .equal, String(id)).where(
                    "action", .equal, "archive"
                ).first()!
                .decode(column: "n", as: Int.self)
            XCTAssertEqual(audited, 1)
        }
    }

    func testABurstAtThePublicFormPassesNoMoreThanItsLimitAndAStaffCookieDoesNotSignIt() async throws {
        try await withDemoApp { app in
            let store = Store(database: app.db)
            let token = LeadForm.token(now: Store.nowSeconds() - 10)
            let (cookie, _) = try await self.pageLogin(app, "manager")
            let statuses = try await self.atOnce(
                (0..<12).map { i in
                    {
                        try await app.send(
                            .POST, "/api/v1/public/leads",
                            json:
                                #"{"company":"突发公司\#(i)","contact_name":"访客","phone":"139000\#(10000 + i)","need":"了解产品","form_token":"\#(token)"}"#,
                            headers: [("Cookie", cookie)])
                    }
                })
            XCTAssertEqual(statuses.filter { $0 == 202 }.count, LeadForm.perHour, "\(statuses)")
            XCTAssertEqual(statuses.filter { $0 == 429 }.count, 12 - LeadForm.perHour, "\(statuses)")
            let stored = try await store.sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from(
                "leads"
            )
            .where("company", .like, "突发公司%").first()!.decode(column: "n", as: Int.self)
            XCTAssertEqual(stored, LeadForm.perHour)
            // Each was written by the web form, not by the manager whose session cookie came with it.
            let actors = try await store.sql.select().column("actor_name").from("audit_log").where(
                "entity", .equal, "lead"
            )
            .where("action", .equal, "create").orderBy("id", .descending).limit(LeadForm.perHour).all().map {
                try $0.decode(column: "actor_name", as: String.self)
            }
            XCTAssertEqual(actors.count, LeadForm.perHour)
            XCTAssertFalse(actors.contains("manager"), "\(actors)")
        }
    }

    func testAStepThatMayLeaveItsStateNeedsTheVersionAndTheDocumentSaysWhich() async throws {
        try await withDemoApp { app in
            let store = Store(database: app.db)
            let csmanager = try await app.login("csmanager"), rep = try await app.login("rep1")
            // An implementation's engineers are assigned again in the same state: without a version that is a 400.
            let id = try await store.sql.select().column("id").from("implementations").where(
                "state", .notEqual, "completed"
            ).orderBy("id").first()!
            .decode(column: "id", as: Int.self)
            let cs1 = try await store.users().first { $0.username == "cs1" }!.id
            let bare = try await app.send(
                .POST, "/api/v1/implementations/\(id)/assign", token: csmanager, json: #"{"engineers":[\#(cs1)]}"#,
                versioned: false)
            expect(bare, .badRequest)
            XCTAssertEqual((object(bare)["fields"] as? [[String: Any]])?.first?["field"] as? String, "version")
            // Who may not take it is told that first, not asked for a version.
            let notHis = try await app.send(
                .POST, "/api/v1/implementations/\(id)/assign", token: rep, json: #"{"engineers":[\#(cs1)]}"#,
                versioned: false)
            XCTAssertTrue([403, 404].contains(notHis.status.code), notHis.body.string)
            // A step that always moves the state may leave it out: the state refuses a repeat.
            let oid = try await store.sql.select().column("id").from("opportunities").where("stage", .equal, "contact")
                .where("owner_id", .equal, try await store.users().first { $0.username == "rep1" }!.id).orderBy("id")
                .first()!.decode(column: "id", as: Int.self)
            expect(
                try await app.send(
                    .POST, "/api/v1/opportunities/\(oid)/to_solution", token: rep, json: "{}", versioned: false), .ok)
            expect(
                try await app.send(
                    .POST, "/api/v1/opportunities/\(oid)/to_solution", token: rep, json: "{}", versioned: false),
                .conflict)
            // The document says which: the assignment's body requires the version, the stage's does not.
            let doc = object(try await app.send(.GET, "/api/v1/openapi.json"))
            let paths = doc["paths"] as! [String: Any]
            func body(_ path: String) -> [String: Any] {
                let post = (paths[path] as! [String: Any])["post"] as! [String: Any]
                let schema =
                    (((post["requestBody"] as! [String: Any])["content"] as! [String: Any])["application/json"]
                    as! [String: Any])["schema"] as! [String: Any]
                if let ref = schema["$ref"] as? String {
                    return ((doc["components"] as! [String: Any])["schemas"] as! [String: Any])[
                        String(ref.split(separator: "/").last!)] as! [String: Any]
                }
                return schema
            }
            XCTAssertEqual(body("/implementations/{id}/assign")["required"] as? [String], ["version"])
            XCTAssertNil(body("/opportunities/{id}/to_solution")["required"])
        }
    }

    func testRefusalsSayWhyInTheUsersWords() async throws {
        try await withDemoApp { app in
            let store = Store(database: app.db)
            let csmanager = try await app.login("csmanager"), manager = try await app.login("manager")
            // An upload to a closed service request says it is closed, not that he may not.
            let closed = try await store.sql.select().column("id").from("service_requests").where(
                "state", .equal, "closed"
            ).orderBy("id").first()!
            .decode(column: "id", as: Int.self)
            let upload = try await app.send(
                .POST, "/api/v1/service-requests/\(closed)/files?filename=late.pdf", token: csmanager,
                body: Array("%PDF-1.4 late".utf8),
                headers: [("Content-Type", "application/octet-stream")])
            expect(upload, .conflict)
            XCTAssertEqual(object(upload)["detail"] as? String, "该记录已关闭，文件不能再增删")
            // A satisfaction that is no number says what it must be.
            let sr = try await store.sql.select().column("id").from("service_requests").where(
                "state", .notEqual, "closed"
            ).orderBy("id").first()!
            .decode(column: "id", as: Int.self)
            let abc = try await app.send(
                .POST, "/api/v1/service-requests/\(sr)/confirm", token: csmanager,
                json: #"{"satisfaction":"abc","confirmed_by":"王芳"}"#)
            expect(abc, .unprocessableEntity)
            XCTAssertTrue(abc.body.string.contains("须为 1 到 5 之间的整数"), abc.body.string)
            // The Market Department takes no part in an implementation's steps: told so, whatever its state.
            for state in ["in_progress", "completed"] {
                guard
                    let i = try await store.sql.select().column("id").from("implementations").where(
                        "state", .equal, state
                    ).first()
                else { continue }
                let r = try await app.send(
                    .POST, "/api/v1/implementations/\(try i.decode(column: "id", as: Int.self))/complete",
                    token: manager, json: "{}")
                expect(r, .forbidden, state)
            }
            // A body over a route's limit is refused with that route's limit (the server refuses it before a handler).
            for (path, limit) in [
                ("/api/v1/customers/import", "10 MiB"), ("/api/v1/customers/1/attachments", "20 MiB"),
                ("/api/v1/customers", "1 MiB"),
            ] {
                let req = Request(application: app, method: .POST, url: URI(path: path), on: app.eventLoopGroup.next())
                let refusal = ErrorRenderer.domainError(for: Abort(.payloadTooLarge), req)
                XCTAssertEqual(refusal.message.args["max"], limit, path)
            }
        }
    }

    func testFileLinksOnEveryPageWithFilesOpenForTheSignedInReader() async throws {
        try await withDemoApp { app in
            let store = Store(database: app.db)
            let (cs, _) = try await self.pageLogin(app, "csmanager"),
                (office, _) = try await self.pageLogin(app, "manager")
            var checked = 0
            for (entity, page, cookie) in [
                ("service_request", "service-requests", cs), ("implementation", "implementations", cs),
                ("training", "trainings", cs),
                ("intelligence_report", "intelligence-reports", office),
            ] {
                guard
                    let row = try await store.sql.select().column("entity_id").from("attachments").where(
                        "entity", .equal, entity
                    )
                    .where("archived", .equal, false).first()
                else { continue }
                let html = try await app.send(
                    .GET, "/\(page)/\(try row.decode(column: "entity_id", as: Int.self))", headers: [("Cookie", cookie)]
                ).body.string
                XCTAssertFalse(html.contains("/api/v1/attachments/"), page)
                guard let link = html.range(of: #"href="/files/\d+""#, options: .regularExpression) else {
                    XCTFail("no file link on \(page)"); continue
                }
                let path = String(html[link].dropFirst(6).dropLast())
                expect(try await app.send(.GET, path, headers: [("Cookie", cookie)]), .ok, page)
                checked += 1
            }
            XCTAssertGreaterThan(checked, 0, "the demo has files on these pages")
        }
    }

    func testEveryListSortsAsAskedAndRefusesASortItDoesNotOffer() async throws {
        try await withDemoApp { app in
            let manager = try await app.login("manager"), csmanager = try await app.login("csmanager"),
                gm = try await app.login("gm")
            for (list, token) in [
                ("complaints", manager), ("support-requests", csmanager), ("trainings", csmanager),
                ("implementations", csmanager), ("disputes", manager),
                ("screenings", gm),
            ] {
                func ids(_ sort: String) async throws -> [Int] {
                    let res = try await app.send(.GET, "/api/v1/\(list)?limit=200&sort=\(sort)", token: token)
                    expect(res, .ok, "\(list) sort=\(sort)")
                    return (object(res)["items"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? Int }
                }
                let up = try await ids("id"), down = try await ids("-id")
                XCTAssertGreaterThan(up.count, 1, "\(list): the demo holds two or more")
                XCTAssertEqual(up, up.sorted(), list)
                XCTAssertEqual(down, up.reversed(), list)
                expect(try await app.send(.GET, "/api/v1/\(list)?sort=nonsense", token: token), .badRequest, list)
                // Another order it offers is taken too, every row still listed once.
                let byState = try await ids("state")
                XCTAssertEqual(Set(byState), Set(up), list)
            }
            // Disputes and screenings are searched and exported like every list.
            for (list, token) in [("disputes", manager), ("screenings", gm)] {
                let all =
                    object(try await app.send(.GET, "/api/v1/\(list)?limit=200", token: token))["items"]
                    as! [[String: Any]]
                let number = all[0]["number"] as! String
                let found =
                    object(try await app.send(.GET, "/api/v1/\(list)?q=\(number)", token: token))["items"]
                    as! [[String: Any]]
                XCTAssertEqual(found.map { $0["number"] as! String }, [number], list)
                let csv = try await app.send(.GET, "/api/v1/\(list)/export?format=csv", token: token)
                expect(csv, .ok, list)
                XCTAssertTrue(csv.body.string.contains(number), list)
                XCTAssertEqual(
                    csv.body.string.split(whereSeparator: \.isNewline).count, all.count + 1,
                    "\(list): the header and every row")
            }
        }
    }

    func testALeadQualifiesIntoTheCustomerItsCompanyIsWrittenDifferentlyAndARepSeesOnlyHisLeads() async throws {
        try await withDemoApp { app in
            let store = Store(database: app.db)
            let rep1 = try await app.login("rep1"), rep2 = try await app.login("rep2")
            let rep1Actor = try await store.users().first { $0.username == "rep1" }!.actor
            let mine = try await store.customers(
                CustomerFilter(ownerId: rep1Actor.id), ListQuery(limit: 1, sortField: "id"), for: rep1Actor
            ).items[0].customer
            // The same company as his customer, typed with a space and full-width letters: the folded key finds it.
            let typed = String(mine.name.prefix(2)) + " " + String(mine.name.dropFirst(2)) + "ＡＢ"
            try await store.sql.update("customers").set("name", to: mine.name + "AB").set(
                "name_key", to: Text.matchKey(mine.name + "AB")
            )
            .where("id", .equal, mine.id).run()
            let created = object(
                try await app.send(
                    .POST, "/api/v1/leads", token: rep1,
                    json: #"{"company":"\#(typed)","contact_name":"李四","phone":"13900007777"}"#))
            let lead = created["lead"] as! [String: Any]
            XCTAssertEqual((created["match"] as? [String: Any])?["customer_id"] as? Int, Int(mine.id))
            func customers() async throws -> Int {
                try await store.sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from(
                    "customers"
                ).first()!.decode(column: "n", as: Int.self)
            }
            let before = try await customers()
            let qualified = object(
                try await app.send(
                    .POST, "/api/v1/leads/\(lead["id"] as! Int)/qualify", token: rep1,
                    json: #"{"title":"扩容","amount":"50000"}"#))
            XCTAssertEqual(
                (qualified["lead"] as? [String: Any])?["customer_id"] as? Int, Int(mine.id),
                "linked to the customer, not a duplicate")
            let after = try await customers()
            XCTAssertEqual(after, before)
            // rep2 sees none of rep1's leads, in his list or in the one search.
            let theirs = try await store.sql.select().columns("id", "company").from("leads").where(
                "owner_id", .equal, rep1Actor.id
            ).all()
            XCTAssertFalse(theirs.isEmpty)
            let listed = Set(
                (object(try await app.send(.GET, "/api/v1/leads?limit=200", token: rep2))["items"] as! [[String: Any]])
                    .compactMap { $0["id"] as? Int })
            for row in theirs { XCTAssertFalse(listed.contains(Int(try row.decode(column: "id", as: Int64.self)))) }
            let company = try theirs[0].decode(column: "company", as: String.self)
            let search = object(
                try await app.send(
                    .GET,
                    "/api/v1/search?kinds=lead&q=\(company.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed)!)",
                    token: rep2))
            let hits = (search["groups"] as? [[String: Any]] ?? []).flatMap { $0["hits"] as? [[String: Any]] ?? [] }
            XCTAssertTrue(hits.isEmpty, "\(hits)")
        }
    }

    func testAnAmountWithSeparatorsOutsideTheThousandsIsRefusedWithItsFieldNamed() async throws {
        try await withDemoApp { app in
            let rep = try await app.login("rep1")
            let customer =
                (object(try await app.send(.GET, "/api/v1/customers?limit=1&sort=id", token: rep))["items"]
                as! [[String: Any]])[0]["id"] as! Int
            for typo in ["1,5", "1,0,0"] {
                let res = try await app.send(
                    .POST, "/api/v1/opportunities", token: rep,
                    json: #"{"customer_id":\#(customer),"title":"金额","amount":"\#(typo)"}"#)
                XCTAssertTrue([400, 422].contains(res.status.code), "\(typo): \(res.body.string)")
                XCTAssertEqual((object(res)["fields"] as? [[String: Any]])?.first?["field"] as? String, "amount", typo)
            }
            let ok = object(
                try await app.send(
                    .POST, "/api/v1/opportunities", token: rep,
                    json: #"{"customer_id":\#(customer),"title":"金额","amount":"12,345.67"}"#))
            XCTAssertEqual((ok["opportunity"] as? [String: Any])?["amount"] as? String, "12345.67")
        }
    }
}
