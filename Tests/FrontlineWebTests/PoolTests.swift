import Foundation
import FrontlineCore
import SQLKit
import Vapor
import XCTVapor
import XCTest

@testable import FrontlineStore
@testable import FrontlineWeb

/// The customer pool (公海, issue 12) on SQLite and PostgreSQL: the sweep returns idle customers and warns first,
/// reps claim within their limits, the office hands customers out, and the rules are a versioned setting.
final class PoolTests: XCTestCase {
    let day: Int64 = 86_400_000

    func customer(_ app: Application, _ name: String, tier: String, owner: String?, idleDays: Int64) async throws
        -> Customer
    {
        let store = Store(database: app.db)
        let manager = try await store.users().first { $0.username == "manager" }!.actor
        let ownerId = try await owner.asyncMap { o in try await store.users().first { $0.username == o }!.id }
        let c = try await store.createCustomer(
            CustomerInput(name: name, tier: tier, ownerId: ownerId.map(String.init) ?? ""), by: manager)
        try await store.sql.update("customers").set("owner_since", to: Store.nowMillis() - idleDays * day).where(
            "id", .equal, c.id
        ).run()
        return c
    }

    func testTheSweepReturnsIdleCustomersWarnsFirstAndKeepsTheExempt() async throws {
        try await withDemoApp { app in
            let store = Store(database: app.db)
            let rep1 = try await app.login("rep1")
            let idle = try await self.customer(app, "池测试闲置客户", tier: "D", owner: "rep1", idleDays: 31)
            let near = try await self.customer(app, "池测试将退客户", tier: "C", owner: "rep1", idleDays: 40)
            let dealing = try await self.customer(app, "池测试谈判客户", tier: "D", owner: "rep1", idleDays: 31)
            let fresh = try await self.customer(app, "池测试新客户", tier: "D", owner: "rep1", idleDays: 2)
            // An opportunity in negotiation keeps a customer with its owner.
            let o = object(
                try await app.send(
                    .POST, "/api/v1/opportunities", token: rep1, json: #"{"customer_id":\#(dealing.id),"title":"谈判中"}"#)
            )
            let oid = (o["opportunity"] as! [String: Any])["id"] as! Int
            expect(try await app.send(.POST, "/api/v1/opportunities/\(oid)/to_negotiation", token: rep1), .ok)
            _ = try await store.runPoolSweep()
            let after = { (c: Customer) in try await store.rawCustomer(id: c.id)! }
            let idleOwner = try await after(idle).ownerId
            XCTAssertNil(idleOwner, "31 days idle, tier D allows 30")
            let nearOwner = try await after(near).ownerId, dealingOwner = try await after(dealing).ownerId,
                freshOwner = try await after(fresh).ownerId
            XCTAssertNotNil(nearOwner)
            XCTAssertNotNil(dealingOwner, "in negotiation: exempt")
            XCTAssertNotNil(freshOwner)
            let events =
                object(try await app.send(.GET, "/api/v1/pool/\(idle.id)/events", token: rep1))["items"]
                as! [[String: Any]]
            XCTAssertEqual(events.first?["kind"] as? String, "returned")
            XCTAssertTrue((events.first?["note"] as? String ?? "").contains("31"))
            // The warning: once per owner and day, on his home page and in /pool/warnings; a contact answers it.
            var warnings =
                object(try await app.send(.GET, "/api/v1/pool/warnings", token: rep1))["items"] as! [[String: Any]]
            XCTAssertTrue(warnings.contains { $0["customer_id"] as? Int == Int(near.id) })
            _ = try await store.runPoolSweep()
            let warned = try await store.sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from(
                "pool_events"
            ).where("customer_id", .equal, near.id)
                .where("kind", .equal, "warned").first()!.decode(column: "n", as: Int.self)
            XCTAssertEqual(warned, 1, "warned once")
            let (cookie, _) = try await self.pageLogin(app, "rep1")
            let home = try await app.send(.GET, "/", headers: [("Cookie", cookie)]).body.string
            XCTAssertTrue(home.contains("id=\"pool-warnings\"") && home.contains("池测试将退客户"))
            expect(
                try await app.send(
                    .POST, "/api/v1/customers/\(near.id)/communications", token: rep1,
                    json: #"{"kind":"call","summary":"回访"}"#), .created)
            warnings =
                object(try await app.send(.GET, "/api/v1/pool/warnings", token: rep1))["items"] as! [[String: Any]]
            XCTAssertFalse(warnings.contains { $0["customer_id"] as? Int == Int(near.id) })
            // Without the exemption the deal no longer keeps it.
            let admin = try await app.login("admin")
            let rules = object(try await app.send(.GET, "/api/v1/settings/pool", token: admin))
            expect(
                try await app.send(
                    .PATCH, "/api/v1/settings/pool", token: rep1,
                    json: #"{"exempt_negotiation":false,"version":\#(rules["version"] as! Int)}"#), .forbidden)
            expect(
                try await app.send(
                    .PATCH, "/api/v1/settings/pool", token: admin,
                    json: #"{"warn_days":-1,"version":\#(rules["version"] as! Int)}"#), .unprocessableEntity)
            expect(
                try await app.send(
                    .PATCH, "/api/v1/settings/pool", token: admin,
                    json: #"{"return_days":{"E":3},"version":\#(rules["version"] as! Int)}"#), .unprocessableEntity)
            expect(
                try await app.send(
                    .PATCH, "/api/v1/settings/pool", token: admin,
                    json: #"{"exempt_negotiation":false,"version":\#(rules["version"] as! Int)}"#), .ok)
            expect(
                try await app.send(
                    .PATCH, "/api/v1/settings/pool", token: admin,
                    json: #"{"exempt_negotiation":true,"version":\#(rules["version"] as! Int)}"#), .conflict, "stale")
            let (returned, _) = try await store.runPoolSweep()
            XCTAssertGreaterThanOrEqual(returned, 1)
            let dealingNow = try await after(dealing).ownerId
            XCTAssertNil(dealingNow)
            let problems = try await store.integrityProblems()
            XCTAssertEqual(problems, [])
        }
    }

    func testRepsClaimWithinTheirLimitsAndTheOfficeHandsCustomersOut() async throws {
        try await withDemoApp { app in
            let store = Store(database: app.db)
            let rep1 = try await app.login("rep1"), rep2 = try await app.login("rep2"),
                manager = try await app.login("manager"), admin = try await app.login("admin")
            let rep1Id = try await store.users().first { $0.username == "rep1" }!.id
            let lostByRep2 = try await self.customer(app, "池测试退回客户", tier: "D", owner: "rep2", idleDays: 40)
            _ = try await store.runPoolSweep()
            let listed =
                object(try await app.send(.GET, "/api/v1/pool?q=池测试", token: rep1))["items"] as! [[String: Any]]
            XCTAssertTrue(listed.contains { $0["id"] as? Int == Int(lostByRep2.id) && $0["last_owner_name"] != nil })
            // rep2 lost it: he waits before claiming it again; rep1 may.
            let wait = try await app.send(.POST, "/api/v1/pool/\(lostByRep2.id)/claim", token: rep2)
            expect(wait, .conflict)
            XCTAssertTrue((object(wait)["detail"] as? String ?? "").contains(DateText.day(Store.now() + 30 * 86_400)))
            expect(
                try await app.send(.POST, "/api/v1/pool/\(lostByRep2.id)/claim", token: manager), .forbidden,
                "the managers assign")
            let claimed = object(try await app.send(.POST, "/api/v1/pool/\(lostByRep2.id)/claim", token: rep1))
            XCTAssertEqual(claimed["owner_id"] as? Int, Int(rep1Id))
            // Another rep's customer now: not found for rep2, its name and owner not said; rep1 is told it is his.
            let taken = try await app.send(.POST, "/api/v1/pool/\(lostByRep2.id)/claim", token: rep2)
            expect(taken, .notFound)
            XCTAssertFalse(taken.body.string.contains("池测试退回客户") || taken.body.string.contains("陈伟"))
            let again = try await app.send(.POST, "/api/v1/pool/\(lostByRep2.id)/claim", token: rep1)
            expect(again, .conflict)
            XCTAssertTrue((object(again)["detail"] as? String ?? "").contains("池测试退回客户"))
            // The daily limit.
            let rules = object(try await app.send(.GET, "/api/v1/settings/pool", token: admin))
            expect(
                try await app.send(
                    .PATCH, "/api/v1/settings/pool", token: manager,
                    json: #"{"daily_claims":1,"version":\#(rules["version"] as! Int)}"#), .ok)
            let second = try await self.customer(app, "池测试第二个", tier: "B", owner: nil, idleDays: 0)
            let limited = try await app.send(.POST, "/api/v1/pool/\(second.id)/claim", token: rep1)
            expect(limited, .conflict)
            XCTAssertEqual((object(limited)["detail"] as? String)?.contains("1"), true)
            // A lead of his qualified into a pool customer is a claim too: the daily limit holds.
            let pooled = try await self.customer(app, "池测试线索客户", tier: "C", owner: nil, idleDays: 0)
            let lead =
                object(
                    try await app.send(
                        .POST, "/api/v1/leads", token: rep1,
                        json: #"{"company":"池测试线索客户","contact_name":"张三","phone":"13800001234"}"#))["lead"]
                as! [String: Any]
            let qualified = try await app.send(
                .POST, "/api/v1/leads/\(lead["id"] as! Int)/qualify", token: rep1, json: #"{"title":"池测试商机"}"#)
            expect(qualified, .conflict)
            let stillPooled = try await store.rawCustomer(id: pooled.id)!.ownerId
            XCTAssertNil(stillPooled, "nothing changed")
            // The office hands it out instead; a rep may not.
            expect(
                try await app.send(
                    .POST, "/api/v1/pool/\(second.id)/assign", token: rep1, json: #"{"owner_id":\#(rep1Id)}"#),
                .forbidden)
            expect(
                try await app.send(.POST, "/api/v1/pool/\(second.id)/assign", token: manager, json: #"{"owner_id":1}"#),
                .unprocessableEntity, "not a rep")
            let assigned = object(
                try await app.send(
                    .POST, "/api/v1/pool/\(second.id)/assign", token: manager,
                    json: #"{"owner_id":\#(rep1Id),"comment":"重点客户"}"#))
            XCTAssertEqual(assigned["owner_id"] as? Int, Int(rep1Id))
            let events =
                (object(try await app.send(.GET, "/api/v1/pool/\(second.id)/events", token: rep1))["items"]
                as! [[String: Any]]).map { $0["kind"] as! String }
            XCTAssertEqual(events, ["assigned"])
            expect(try await app.send(.GET, "/api/v1/pool/\(second.id)/events", token: rep2), .notFound)
            // The pages: a rep claims with a button, the office assigns with a list.
            let (cookie, _) = try await self.pageLogin(app, "rep1")
            expect(try await app.send(.GET, "/pool", headers: [("Cookie", cookie)]), .ok)
            let (office, _) = try await self.pageLogin(app, "manager")
            let page = try await app.send(.GET, "/pool", headers: [("Cookie", office)]).body.string
            XCTAssertTrue(page.contains("/assign\"") && !page.contains("/claim\""))
            let (adminCookie, _) = try await self.pageLogin(app, "admin")
            expect(try await app.send(.GET, "/settings/pool", headers: [("Cookie", adminCookie)]), .ok)
            let problems = try await store.integrityProblems()
            XCTAssertEqual(problems, [])
        }
    }

    func testTwoRepsClaimingOneCustomerAtOnceGiveItToOne() async throws {
        try await withDemoApp { app in
            let store = Store(database: app.db)
            let rep1 = try await app.login("rep1"), rep2 = try await app.login("rep2")
            for round in 0..<3 {
                let c = try await self.customer(app, "池并发客户\(round)", tier: "C", owner: nil, idleDays: 0)
                let statuses = try await withThrowingTaskGroup(of: UInt.self) { group in
                    for i in 0..<6 {
                        group.addTask {
                            try await app.send(.POST, "/api/v1/pool/\(c.id)/claim", token: i % 2 == 0 ? rep1 : rep2)
                                .status.code
                        }
                    }
                    var out: [UInt] = []
                    for try await s in group { out.append(s) }
                    return out
                }
                XCTAssertEqual(statuses.filter { $0 == 200 }.count, 1, "\(statuses)")
                // The winner's other claims are told it is his (409), the other rep's find no such customer (404).
                XCTAssertEqual(statuses.filter { $0 == 409 || $0 == 404 }.count, 5, "\(statuses)")
                let claims = try await store.sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
                    .from("pool_events").where("customer_id", .equal, c.id)
                    .where("kind", .equal, "claimed").first()!.decode(column: "n", as: Int.self)
                XCTAssertEqual(claims, 1)
            }
            // One rep's claims at once do not pass his daily limit.
            let admin = try await app.login("admin")
            let rules = object(try await app.send(.GET, "/api/v1/settings/pool", token: admin))
            expect(
                try await app.send(
                    .PATCH, "/api/v1/settings/pool", token: admin,
                    json: #"{"daily_claims":3,"version":\#(rules["version"] as! Int)}"#), .ok)
            var ids: [Int64] = []
            for n in 0..<6 {
                ids.append(try await self.customer(app, "池限额客户\(n)", tier: "C", owner: nil, idleDays: 0).id)
            }
            let statuses = try await withThrowingTaskGroup(of: UInt.self) { group in
                for id in ids {
                    group.addTask { try await app.send(.POST, "/api/v1/pool/\(id)/claim", token: rep2).status.code }
                }
                var out: [UInt] = []
                for try await s in group { out.append(s) }
                return out
            }
            let already = 3 - statuses.filter { $0 == 200 }.count
            XCTAssertGreaterThanOrEqual(already, 0, "\(statuses)")
            let rep2Id = try await store.users().first { $0.username == "rep2" }!.id
            let today = try await store.sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from(
                "pool_events"
            ).where("to_owner_id", .equal, rep2Id)
                .where("kind", .equal, "claimed").first()!.decode(column: "n", as: Int.self)
            XCTAssertLessThanOrEqual(today, 3, "\(statuses)")
        }
    }

    func testAnOwnershipDisputeIsRaisedByARepAndDecidedByTheMarketManager() async throws {
        try await withDemoApp { app in
            let store = Store(database: app.db)
            let rep1 = try await app.login("rep1"), rep2 = try await app.login("rep2"),
                manager = try await app.login("manager"), assistant = try await app.login("assistant")
            let rep2Id = try await store.users().first { $0.username == "rep2" }!.id
            let contested = try await self.customer(app, "争议测试客户", tier: "B", owner: "rep1", idleDays: 0)
            let mine = try await self.customer(app, "争议测试自己的客户", tier: "B", owner: "rep2", idleDays: 0)
            expect(
                try await app.send(
                    .POST, "/api/v1/disputes", token: rep2, json: #"{"customer_id":\#(mine.id),"reason":"x"}"#),
                .unprocessableEntity, "his own")
            expect(
                try await app.send(.POST, "/api/v1/disputes", token: rep2, json: #"{"customer_id":\#(contested.id)}"#),
                .unprocessableEntity, "with the reason")
            expect(
                try await app.send(
                    .POST, "/api/v1/disputes", token: manager, json: #"{"customer_id":\#(contested.id),"reason":"x"}"#),
                .forbidden)
            let raised = try await app.send(
                .POST, "/api/v1/disputes", token: rep2, json: #"{"customer_id":\#(contested.id),"reason":"老关系，去年开始接触"}"#
            )
            expect(raised, .created)
            let id = (object(raised)["dispute"] as! [String: Any])["id"] as! Int
            expect(
                try await app.send(
                    .POST, "/api/v1/disputes", token: rep2, json: #"{"customer_id":\#(contested.id),"reason":"再来一次"}"#),
                .conflict, "one open dispute at a time")
            let second =
                (object(
                    try await app.send(
                        .POST, "/api/v1/disputes", token: rep1, json: #"{"customer_id":\#(mine.id),"reason":"反向争议"}"#))[
                    "dispute"] as! [String: Any])["id"] as! Int
            // Both reps read it; the owner may not withdraw it; only the market manager decides, with the reasons.
            expect(try await app.send(.GET, "/api/v1/disputes/\(id)", token: rep1), .ok)
            let rep1Sees =
                object(try await app.send(.GET, "/api/v1/disputes", token: rep1))["items"] as! [[String: Any]]
            XCTAssertTrue(rep1Sees.contains { $0["id"] as? Int == id })
            expect(try await app.send(.POST, "/api/v1/disputes/\(id)/withdraw", token: rep1), .forbidden)
            expect(
                try await app.send(.POST, "/api/v1/disputes/\(id)/award", token: assistant, json: #"{"comment":"x"}"#),
                .forbidden)
            expect(try await app.send(.POST, "/api/v1/disputes/\(id)/award", token: manager), .unprocessableEntity)
            let awarded = object(
                try await app.send(
                    .POST, "/api/v1/disputes/\(id)/award", token: manager, json: #"{"comment":"提出人跟进在先","version":1}"#))
            XCTAssertEqual((awarded["dispute"] as! [String: Any])["state"] as? String, "awarded")
            let owner = try await store.rawCustomer(id: contested.id)!.ownerId
            XCTAssertEqual(owner, rep2Id)
            let events =
                object(try await app.send(.GET, "/api/v1/pool/\(contested.id)/events", token: rep2))["items"]
                as! [[String: Any]]
            XCTAssertEqual(events.first?["kind"] as? String, "assigned")
            XCTAssertTrue((events.first?["note"] as? String ?? "").contains("提出人跟进在先"))
            // A dispute over a customer whose owner has changed since is not awarded; it is dismissed or raised again.
            let rep1Id = try await store.users().first { $0.username == "rep1" }!.id
            expect(
                try await app.send(
                    .POST, "/api/v1/pool/\(mine.id)/assign", token: manager, json: #"{"owner_id":\#(rep1Id)}"#), .ok)
            expect(
                try await app.send(
                    .POST, "/api/v1/disputes/\(second)/award", token: manager, json: #"{"comment":"x"}"#), .conflict)
            expect(try await app.send(.POST, "/api/v1/disputes/\(second)/withdraw", token: rep1), .ok)
            let history =
                (object(try await app.send(.GET, "/api/v1/disputes/\(id)/history", token: rep1))["items"]
                as! [[String: Any]]).map { $0["action"] as! String }
            XCTAssertEqual(history, ["create", "award"])
            let (cookie, _) = try await self.pageLogin(app, "manager")
            for path in ["/disputes", "/disputes/\(id)"] {
                expect(try await app.send(.GET, path, headers: [("Cookie", cookie)]), .ok)
            }
            let (repCookie, _) = try await self.pageLogin(app, "rep2")
            expect(
                try await app.send(.GET, "/disputes/new?customer_id=\(mine.id)", headers: [("Cookie", repCookie)]), .ok)
            let problems = try await store.integrityProblems()
            XCTAssertEqual(problems, [])
        }
    }
}
