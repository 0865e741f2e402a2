import Foundation
import FrontlineCore
import SQLKit
import Vapor
import XCTVapor
import XCTest

@testable import FrontlineStore
@testable import FrontlineWeb

/// Same-version edits and one step taken at once: exactly one wins, the others are told 409 — on PostgreSQL too,
/// where READ COMMITTED lets the losers' `UPDATE … WHERE version = ?` change nothing (issue 10's lost updates; the
/// gate over every process action comes with the runner).
final class RaceTests: XCTestCase {
    func race(_ app: Application, _ n: Int = 8, _ call: @escaping @Sendable (Int) async throws -> XCTHTTPResponse)
        async throws -> [UInt]
    {
        try await withThrowingTaskGroup(of: UInt.self) { group in
            for i in 0..<n { group.addTask { try await call(i).status.code } }
            var out: [UInt] = []
            for try await s in group { out.append(s) }
            return out
        }
    }

    func testSameVersionEditsOnEveryRecordKindLetExactlyOneWin() async throws {
        try await withDemoApp { app in
            let assistant = try await app.login("assistant"), admin = try await app.login("admin")
            func first(_ path: String, _ token: String) async throws -> [String: Any] {
                (object(try await app.send(.GET, path, token: token))["items"] as! [[String: Any]])[0]
            }
            let kinds: [(String, String, String, String)] = [
                ("/api/v1/products", "name", assistant, "/api/v1/products"),
                ("/api/v1/quotations?state=draft", "title", assistant, "/api/v1/quotations"),
                ("/api/v1/contracts?state=draft", "title", assistant, "/api/v1/contracts"),
                ("/api/v1/tenders?state=preparing", "title", assistant, "/api/v1/tenders"),
                ("/api/v1/customers?limit=1&sort=id", "notes", assistant, "/api/v1/customers"),
                ("/api/v1/regions", "name", admin, "/api/v1/regions"),
                ("/api/v1/users", "display_name", admin, "/api/v1/users"),
            ]
            for (list, field, token, base) in kinds {
                let record = try await first(list, token)
                let id = record["id"] as! Int, version = record["version"] as! Int
                let statuses = try await self.race(app) { i in
                    try await app.send(
                        .PATCH, "\(base)/\(id)", token: token, json: #"{"\#(field)":"并发\#(i)","version":\#(version)}"#)
                }
                XCTAssertEqual(statuses.filter { $0 == 200 }.count, 1, "\(base): \(statuses)")
                XCTAssertEqual(statuses.filter { $0 == 409 }.count, statuses.count - 1, "\(base): \(statuses)")
                let after = object(try await app.send(.GET, "\(base)/\(id)", token: token))
                XCTAssertEqual(after["version"] as? Int, version + 1, base)
            }
            // Records whose answer nests the record: opportunities and leads.
            for (list, field, base, key) in [
                ("/api/v1/opportunities?open=true&sort=number", "title", "/api/v1/opportunities", "opportunity"),
                ("/api/v1/leads?state=open&sort=number", "need", "/api/v1/leads", "lead"),
            ] {
                let record = try await first(list, assistant)
                let id = record["id"] as! Int, version = record["version"] as! Int
                let statuses = try await self.race(app) { i in
                    try await app.send(
                        .PATCH, "\(base)/\(id)", token: assistant,
                        json: #"{"\#(field)":"并发\#(i)","version":\#(version)}"#)
                }
                XCTAssertEqual(statuses.filter { $0 == 200 }.count, 1, "\(base): \(statuses)")
                XCTAssertEqual(statuses.filter { $0 == 409 }.count, statuses.count - 1, "\(base): \(statuses)")
                let after = object(try await app.send(.GET, "\(base)/\(id)", token: assistant))[key] as! [String: Any]
                XCTAssertEqual(after["version"] as? Int, version + 1, base)
            }
            // An action plan: its items while a draft, its summary report once approved — both by its rep.
            let rep1 = try await app.login("rep1")
            for (state, field) in [("draft", "items"), ("approved", "results")] {
                let record = try await first("/api/v1/action-plans?state=\(state)&sort=starts_on", rep1)
                let id = record["id"] as! Int, version = record["version"] as! Int
                let statuses = try await self.race(app) { i in
                    let value = field == "items" ? #"[{"goal":"并发\#(i)"}]"# : #""并发\#(i)""#
                    return try await app.send(
                        .PATCH, "/api/v1/action-plans/\(id)", token: rep1,
                        json: #"{"\#(field)":\#(value),"version":\#(version)}"#)
                }
                XCTAssertEqual(statuses.filter { $0 == 200 }.count, 1, "action plan \(field): \(statuses)")
                XCTAssertEqual(
                    statuses.filter { $0 == 409 }.count, statuses.count - 1, "action plan \(field): \(statuses)")
                let after =
                    object(try await app.send(.GET, "/api/v1/action-plans/\(id)", token: rep1))["plan"]
                    as! [String: Any]
                XCTAssertEqual(after["version"] as? Int, version + 1)
            }
            // A scheduled visit's arrangements.
            let visit = try await first("/api/v1/visits?state=scheduled&sort=starts_at", assistant)
            let visitId = visit["id"] as! Int, visitVersion = visit["version"] as! Int
            let visitStatuses = try await self.race(app) { i in
                try await app.send(
                    .PATCH, "/api/v1/visits/\(visitId)", token: assistant,
                    json: #"{"arrangements":"并发\#(i)","version":\#(visitVersion)}"#)
            }
            XCTAssertEqual(visitStatuses.filter { $0 == 200 }.count, 1, "visit: \(visitStatuses)")
            XCTAssertEqual(visitStatuses.filter { $0 == 409 }.count, visitStatuses.count - 1, "visit: \(visitStatuses)")
            // A market intelligence report, by its author.
            let report = try await first("/api/v1/intelligence-reports?sort=number", rep1)
            let reportId = report["id"] as! Int, reportVersion = report["version"] as! Int
            let reportStatuses = try await self.race(app) { i in
                try await app.send(
                    .PATCH, "/api/v1/intelligence-reports/\(reportId)", token: rep1,
                    json: #"{"body":"并发\#(i)","shared_with":[],"version":\#(reportVersion)}"#)
            }
            XCTAssertEqual(reportStatuses.filter { $0 == 200 }.count, 1, "intelligence: \(reportStatuses)")
            XCTAssertEqual(
                reportStatuses.filter { $0 == 409 }.count, reportStatuses.count - 1, "intelligence: \(reportStatuses)")
            // A contact: same-version changes and removals at once, one of all of them wins.
            let customer = (try await first("/api/v1/customers?limit=1&sort=id", assistant))["id"] as! Int
            let contact =
                (object(try await app.send(.GET, "/api/v1/customers/\(customer)/contacts", token: assistant))["items"]
                as! [[String: Any]])[0]
            let cid = contact["id"] as! Int, cv = contact["version"] as! Int
            let contactStatuses = try await self.race(app) { i in
                i % 4 == 3
                    ? try await app.send(
                        .DELETE, "/api/v1/customers/\(customer)/contacts/\(cid)?version=\(cv)", token: assistant)
                    : try await app.send(
                        .PATCH, "/api/v1/customers/\(customer)/contacts/\(cid)", token: assistant,
                        json: #"{"title":"并发\#(i)","version":\#(cv)}"#)
            }
            XCTAssertEqual(contactStatuses.filter { $0 == 200 || $0 == 204 }.count, 1, "contacts: \(contactStatuses)")
            XCTAssertEqual(
                contactStatuses.filter { $0 == 409 || $0 == 404 }.count, contactStatuses.count - 1,
                "contacts: \(contactStatuses)")
            // The authority limits are one versioned record too.
            let limits = object(try await app.send(.GET, "/api/v1/settings/authority-limits", token: admin))
            let v = limits["version"] as! Int
            let statuses = try await self.race(app) { i in
                try await app.send(
                    .PATCH, "/api/v1/settings/authority-limits", token: admin,
                    json: #"{"discount":"\#(50_000 + i)","version":\#(v)}"#)
            }
            XCTAssertEqual(statuses.filter { $0 == 200 }.count, 1, "limits: \(statuses)")
            XCTAssertEqual(statuses.filter { $0 == 409 }.count, statuses.count - 1, "limits: \(statuses)")
            let after = object(try await app.send(.GET, "/api/v1/settings/authority-limits", token: admin))
            XCTAssertEqual(after["version"] as? Int, v + 1)
        }
    }

    /// Two of the office handing one pool customer out at once (each from the version read), and one enquiry sent from a web page many times at
    /// once: one owner change (one pool event), one lead. On PostgreSQL each is READ COMMITTED's race.
    func testOneCustomerHandedOutAtOnceAndOneEnquirySentAtOnceAreEachDoneOnce() async throws {
        try await withDemoApp { app in
            let store = Store(database: app.db)
            let manager = try await app.login("manager"), assistant = try await app.login("assistant")
            let people = try await store.users()
            let rep1 = people.first { $0.username == "rep1" }!.id, rep2 = people.first { $0.username == "rep2" }!.id
            let managerActor = people.first { $0.username == "manager" }!.actor
            let c = try await store.createCustomer(CustomerInput(name: "并发分配客户", ownerId: ""), by: managerActor)
            let statuses = try await race(app) { i in
                try await app.send(
                    .POST, "/api/v1/pool/\(c.id)/assign", token: i % 2 == 0 ? manager : assistant,
                    json: #"{"owner_id":\#(i % 4 < 2 ? rep1 : rep2),"version":\#(c.version)}"#)
            }
            XCTAssertEqual(statuses.filter { $0 == 200 }.count, 1, "\(statuses)")
            XCTAssertEqual(statuses.filter { $0 == 409 }.count, statuses.count - 1, "\(statuses)")
            let assigned = try await store.sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
                .from("pool_events").where("customer_id", .equal, c.id)
                .where("kind", .equal, "assigned").first()!.decode(column: "n", as: Int.self)
            XCTAssertEqual(assigned, 1)
            let after = try await store.rawCustomer(id: c.id)!
            XCTAssertEqual(after.version, c.version + 1)
            let token = LeadForm.token(now: Store.nowSeconds() - 10)
            let sent = try await race(app) { _ in
                try await app.send(
                    .POST, "/api/v1/public/leads",
                    json: #"{"company":"并发官网访客公司","contact_name":"访客","phone":"13800007777","form_token":"\#(token)"}"#)
            }
            XCTAssertEqual(sent.filter { $0 == 202 }.count, sent.count, "\(sent)")
            let leads = try await store.sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from(
                "leads"
            ).where("company", .equal, "并发官网访客公司")
                .first()!.decode(column: "n", as: Int.self)
            XCTAssertEqual(leads, 1, "the repeats fold into the first")
            let problems = try await store.integrityProblems()
            XCTAssertEqual(problems, [])
        }
    }

    /// The versioned settings (authority limits, service levels) raced from the built-in defaults — nothing stored
    /// yet, where a writer inserts instead of claiming a row — and from a stored version, round after round: exactly
    /// one wins each time. (With none stored, the limits' second writer used to delete the first's rows and win too.)
    func testEachSettingIsWrittenOnceFromTheDefaultsAndFromAStoredVersion() async throws {
        try await withDemoApp { app in
            let admin = try await app.login("admin")
            let sql = app.db as! any SQLDatabase
            let settings: [(path: String, stored: String, body: @Sendable (Int, Int) -> String)] = [
                (
                    "/api/v1/settings/authority-limits", "limit.%",
                    { i, v in #"{"discount":"\#(50_000 + i)","version":\#(v)}"# }
                ),
                (
                    "/api/v1/settings/service-levels", "service.levels",
                    { i, v in #"{"targets":{"request.repair":{"response":\#(60 + i)}},"version":\#(v)}"# }
                ),
                ("/api/v1/settings/pool", "pool.rules", { i, v in #"{"warn_days":\#(i + 1),"version":\#(v)}"# }),
                (
                    "/api/v1/settings/opportunity-stages", "opportunity.stages",
                    { i, v in
                        let rest = ["needs", "solution", "bidding", "negotiation", "won", "lost"].map {
                            #"{"stage":"\#($0)"}"#
                        }.joined(separator: ",")
                        return #"{"stages":[{"stage":"contact","probability":\#(10 + i)},\#(rest)],"version":\#(v)}"#
                    }
                ),
            ]
            for (path, stored, body) in settings {
                for round in 0..<6 {
                    if round % 2 == 0 { try await sql.delete(from: "settings").where("key", .like, stored).run() }
                    let v = object(try await app.send(.GET, path, token: admin))["version"] as! Int
                    let statuses = try await self.race(app) { i in
                        try await app.send(.PATCH, path, token: admin, json: body(i, v))
                    }
                    XCTAssertEqual(statuses.filter { $0 == 200 }.count, 1, "\(path) round \(round): \(statuses)")
                    XCTAssertEqual(
                        statuses.filter { $0 == 409 }.count, statuses.count - 1, "\(path) round \(round): \(statuses)")
                    let after = object(try await app.send(.GET, path, token: admin))["version"] as? Int
                    XCTAssertEqual(after, v + 1, "\(path) round \(round)")
                }
            }
        }
    }

    func testOneStepTakenAtOnceIsTakenOnce() async throws {
        try await withDemoApp { app in
            let assistant = try await app.login("assistant")
            let draft =
                (object(try await app.send(.GET, "/api/v1/quotations?state=draft", token: assistant))["items"]
                as! [[String: Any]])
                .first { ($0["needs_approval"] as? Bool) == false }!
            let id = draft["id"] as! Int, version = draft["version"] as! Int
            let statuses = try await self.race(app) { _ in
                try await app.send(
                    .POST, "/api/v1/quotations/\(id)/send", token: assistant, json: #"{"version":\#(version)}"#)
            }
            XCTAssertEqual(statuses.filter { $0 == 200 }.count, 1, "\(statuses)")
            let history =
                object(try await app.send(.GET, "/api/v1/quotations/\(id)/history", token: assistant))["items"]
                as! [[String: Any]]
            XCTAssertEqual(history.filter { $0["action"] as? String == "send" }.count, 1)
        }
    }

    /// The same new record created several times at once: one is created, every other caller is told 409 with the
    /// existing record named — never a 500 (on PostgreSQL the losers' inserts meet the unique index inside their
    /// own checks' transaction). Two primary contacts marked at once leave one primary.
    func testTheSameRecordCreatedAtOnceIsCreatedOnceAndTheOthersAreNamedIt() async throws {
        try await withDemoApp { app in
            let assistant = try await app.login("assistant"), admin = try await app.login("admin"),
                rep1 = try await app.login("rep1")
            let rep1Id = try await Store(database: app.db).users().first { $0.username == "rep1" }!.id
            let manager = try await app.login("manager"), rep2 = try await app.login("rep2")
            let managerActor = try await Store(database: app.db).users().first { $0.username == "manager" }!.actor
            let disputed = try await Store(database: app.db).createCustomer(
                CustomerInput(name: "并发争议客户", ownerId: String(rep1Id)), by: managerActor
            ).id
            let screened =
                (object(try await app.send(.GET, "/api/v1/customers?sort=-id&limit=1", token: manager))["items"]
                as! [[String: Any]])[0]["id"] as! Int
            let creates: [(String, String, String, String)] = [
                ("/api/v1/customers", assistant, #"{"name":"并发新建科技有限公司","tier":"B"}"#, "并发新建科技有限公司"),
                (
                    "/api/v1/products", assistant,
                    #"{"code":"RACE-001","name":"并发产品","kind":"product","unit":"套","list_price":"100","floor_price":"80","cost":"50","tax_rate":13}"#,
                    "RACE-001"
                ),
                (
                    "/api/v1/users", admin,
                    #"{"username":"racer","display_name":"并发用户","password":"frontline2026","roles":["sales_rep"],"region_id":1}"#,
                    "racer"
                ),
                // A region is named by its name or its code, whichever the loser's check met first.
                ("/api/v1/regions", admin, #"{"name":"并发区域","code":"RACE"}"#, "并发区域|RACE"),
                // One action plan per rep and period: the losers are told the winner's number.
                (
                    "/api/v1/action-plans", rep1,
                    #"{"period":"month","starts_on":"2031-01-01","items":[{"goal":"并发计划"}]}"#, "JH"
                ),
                // One host is not booked twice at once: the losers are told the visit that holds him.
                (
                    "/api/v1/visits", assistant,
                    #"{"visitors":"并发来访","starts_at":"2030-06-03 09:00","ends_at":"2030-06-03 10:00","host_id":\#(rep1Id)}"#,
                    "JD"
                ),
                // One open screening per customer.
                (
                    "/api/v1/screenings", manager, #"{"customer_id":\#(screened),"outcome":"archive","reason":"并发筛选"}"#,
                    "SX"
                ),
                // One open dispute per rep and customer.
                ("/api/v1/disputes", rep2, #"{"customer_id":\#(disputed),"reason":"并发争议"}"#, "ZY"),
            ]
            for (path, token, body, name) in creates {
                let results = try await withThrowingTaskGroup(of: (UInt, String).self) { group in
                    for _ in 0..<8 {
                        group.addTask {
                            let r = try await app.send(.POST, path, token: token, json: body);
                            return (r.status.code, r.body.string)
                        }
                    }
                    var out: [(UInt, String)] = []
                    for try await r in group { out.append(r) }
                    return out
                }
                XCTAssertEqual(results.filter { $0.0 == 201 }.count, 1, "\(path): \(results)")
                let refused = results.filter { $0.0 != 201 }
                XCTAssertEqual(refused.filter { $0.0 == 409 }.count, 7, "\(path): \(refused)")
                for r in refused {
                    XCTAssertTrue(
                        name.split(separator: "|").contains { r.1.contains($0) },
                        "\(path) names the existing record: \(r.1)")
                }
            }
            let customer =
                (object(try await app.send(.GET, "/api/v1/customers?sort=id&limit=1", token: rep1))["items"]
                as! [[String: Any]])[0]["id"] as! Int
            let statuses = try await race(app) { i in
                try await app.send(
                    .POST, "/api/v1/customers/\(customer)/contacts", token: rep1,
                    json: #"{"name":"联系人\#(i)","is_primary":true}"#)
            }
            XCTAssertEqual(statuses.filter { $0 == 201 }.count, 8, "each contact is added: \(statuses)")
            let contacts =
                object(try await app.send(.GET, "/api/v1/customers/\(customer)/contacts", token: rep1))["items"]
                as! [[String: Any]]
            XCTAssertEqual(contacts.filter { ($0["is_primary"] as? Bool) == true }.count, 1, "one primary contact")
            let problems = try await Store(database: app.db).integrityProblems()
            XCTAssertEqual(problems, [])
        }
    }
}
