import Foundation
import FrontlineCore
import SQLKit
import Vapor
import XCTVapor
import XCTest

@testable import FrontlineStore
@testable import FrontlineWeb

/// A communication's next step is a task that closes (issue 12): its owner marks it done, or the next contact with the
/// customer closes it; the home page and `GET /next-steps` list the open ones, overdue first.
final class NextStepTests: XCTestCase {
    func testNextStepsAreTasksThatTheirOwnerClosesOrTheNextContactCloses() async throws {
        try await withDemoApp { app in
            let rep1 = try await app.login("rep1"), rep2 = try await app.login("rep2"),
                manager = try await app.login("manager")
            let store = Store(database: app.db)
            let me = try await store.users().first { $0.username == "rep1" }!.actor
            let customer = try await store.customers(
                CustomerFilter(ownerId: me.id), ListQuery(limit: 1, sortField: "id"), for: me
            ).items[0].customer
            let mine = try await store.customers(
                CustomerFilter(ownerId: me.id), ListQuery(limit: 3, sortField: "id", descending: true), for: me
            ).items.map(\.customer)
            let other = mine[0], third = mine[1]
            let yesterday = DateText.day(Store.now() - 86_400), tomorrow = DateText.day(Store.now() + 86_400)
            func log(_ c: Customer, _ step: String, _ due: String?, at: String? = nil, token: String? = nil)
                async throws -> Int
            {
                let due = due.map { #","next_step_date":"\#($0)""# } ?? ""
                let when = at.map { #","occurred_at":"\#($0)""# } ?? ""
                let res = try await app.send(
                    .POST, "/api/v1/customers/\(c.id)/communications", token: token ?? rep1,
                    json: #"{"kind":"call","summary":"电话沟通","next_step":"\#(step)"\#(due)\#(when)}"#)
                expect(res, .created)
                return object(res)["id"] as! Int
            }
            let later = try await log(third, "寄送方案", tomorrow)
            let late = try await log(customer, "回访报价", yesterday)
            let undated = try await log(other, "约技术交流", nil)
            var list =
                object(try await app.send(.GET, "/api/v1/next-steps?limit=200", token: rep1))["items"]
                as! [[String: Any]]
            let ids = list.map { $0["communication_id"] as! Int }
            guard ids.contains(late) && ids.contains(later) && ids.contains(undated) else {
                return XCTFail("\(late) \(later) \(undated) \(list)")
            }
            XCTAssertLessThan(ids.firstIndex(of: late)!, ids.firstIndex(of: later)!, "overdue first")
            XCTAssertLessThan(ids.firstIndex(of: later)!, ids.firstIndex(of: undated)!, "those without a day last")
            XCTAssertEqual(list.first { $0["communication_id"] as? Int == late }?["overdue"] as? Bool, true)
            // Whose: rep2 neither sees nor closes rep1's; the manager reads rep1's list and may close one.
            expect(try await app.send(.GET, "/api/v1/next-steps?owner_id=\(me.id)", token: rep2), .forbidden)
            expect(try await app.send(.POST, "/api/v1/next-steps/\(late)/done", token: rep2), .notFound)
            let managerSees =
                object(try await app.send(.GET, "/api/v1/next-steps?owner_id=\(me.id)&limit=200", token: manager))[
                    "items"] as! [[String: Any]]
            XCTAssertTrue(managerSees.contains { $0["communication_id"] as? Int == late })
            let done = try await app.send(.POST, "/api/v1/next-steps/\(late)/done", token: rep1)
            expect(done, .ok)
            XCTAssertNotNil(object(done)["next_step_done_at"])
            expect(try await app.send(.POST, "/api/v1/next-steps/\(late)/done", token: rep1), .conflict, "done once")
            // The next contact with that customer closes what the earlier ones left open there, and only there.
            let next = try await log(other, "", nil)
            list =
                object(try await app.send(.GET, "/api/v1/next-steps?limit=200", token: rep1))["items"]
                as! [[String: Any]]
            XCTAssertFalse(list.contains { [undated, late].contains($0["communication_id"] as! Int) }, "\(list)")
            XCTAssertTrue(
                list.contains { $0["communication_id"] as? Int == later }, "another customer's step stays open")
            let timeline =
                object(try await app.send(.GET, "/api/v1/customers/\(other.id)/communications?limit=200", token: rep1))[
                    "items"] as! [[String: Any]]
            XCTAssertEqual(timeline.first { $0["id"] as? Int == undated }?["next_step_closed_by"] as? Int, next)
            expect(try await app.send(.POST, "/api/v1/next-steps/\(undated)/done", token: rep1), .conflict)
            expect(
                try await app.send(.POST, "/api/v1/next-steps/\(later)/done", token: manager), .ok,
                "the manager closes a rep's step")
            expect(
                try await app.send(.POST, "/api/v1/next-steps/\(next)/done", token: rep1), .conflict,
                "it left no next step")
            // One logged after the fact, behind a later contact, is closed by that contact at once.
            _ = try await log(other, "补记：发资料", tomorrow, at: DateText.minute(Store.now() - 10 * 86_400))
            list =
                object(try await app.send(.GET, "/api/v1/next-steps?limit=200", token: rep1))["items"]
                as! [[String: Any]]
            XCTAssertFalse(list.contains { $0["next_step"] as? String == "补记：发资料" })
            // Every closing is audited.
            let audited = try await store.sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from(
                "audit_log"
            ).where("entity", .equal, "communication")
                .where("action", .equal, "update").where(
                    "entity_id", .in, [String(late), String(later), String(undated)]
                ).first()!.decode(column: "n", as: Int.self)
            XCTAssertEqual(audited, 3)
            // The home page lists the open ones with the button that closes them.
            let open = try await log(customer, "准备合同", tomorrow)
            let (cookie, csrf) = try await self.pageLogin(app, "rep1")
            let home = try await app.send(.GET, "/", headers: [("Cookie", cookie)]).body.string
            XCTAssertTrue(home.contains("action=\"/next-steps/\(open)/done\""))
            let pressed = try await app.send(
                .POST, "/next-steps/\(open)/done", body: Array("_csrf=\(csrf)".utf8),
                headers: [("Cookie", cookie), ("Content-Type", "application/x-www-form-urlencoded")])
            expect(pressed, .seeOther)
            let after = try await app.send(.GET, "/", headers: [("Cookie", cookie)]).body.string
            XCTAssertFalse(after.contains("action=\"/next-steps/\(open)/done\""))
        }
    }

    func testAStepClosedTwiceAtOnceIsClosedOnce() async throws {
        try await withDemoApp { app in
            let rep1 = try await app.login("rep1")
            let store = Store(database: app.db)
            let me = try await store.users().first { $0.username == "rep1" }!.actor
            let customer = try await store.customers(
                CustomerFilter(ownerId: me.id), ListQuery(limit: 1, sortField: "id"), for: me
            ).items[0].customer
            for round in 0..<3 {
                let res = try await app.send(
                    .POST, "/api/v1/customers/\(customer.id)/communications", token: rep1,
                    json: #"{"kind":"visit","summary":"拜访 \#(round)","next_step":"跟进 \#(round)"}"#)
                let id = object(res)["id"] as! Int
                let statuses = try await withThrowingTaskGroup(of: UInt.self) { group in
                    for _ in 0..<6 {
                        group.addTask {
                            try await app.send(.POST, "/api/v1/next-steps/\(id)/done", token: rep1).status.code
                        }
                    }
                    var out: [UInt] = []
                    for try await s in group { out.append(s) }
                    return out
                }
                XCTAssertEqual(statuses.filter { $0 == 200 }.count, 1, "\(statuses)")
                XCTAssertEqual(statuses.filter { $0 == 409 }.count, 5, "\(statuses)")
                let audited = try await store.sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
                    .from("audit_log").where("entity", .equal, "communication")
                    .where("action", .equal, "update").where("entity_id", .equal, String(id)).first()!.decode(
                        column: "n", as: Int.self)
                XCTAssertEqual(audited, 1)
            }
        }
    }
}
