import Foundation
import FrontlineCore
import SQLKit
import Vapor
import XCTVapor
import XCTest

@testable import FrontlineStore
@testable import FrontlineWeb

/// Customer screening (筛选客户, issue 12) on SQLite and PostgreSQL: the market manager proposes, the GM decides, and
/// the customer changes in the approving step.
final class ScreeningTests: XCTestCase {
    func screening(_ res: XCTHTTPResponse) -> [String: Any] { object(res)["screening"] as? [String: Any] ?? [:] }

    func testTheManagerProposesTheGMDecidesAndTheCustomerChanges() async throws {
        try await withDemoApp { app in
            let store = Store(database: app.db)
            let manager = try await app.login("manager"), gm = try await app.login("gm"),
                rep1 = try await app.login("rep1"), assistant = try await app.login("assistant")
            let managerActor = try await store.users().first { $0.username == "manager" }!.actor
            let c = try await store.createCustomer(CustomerInput(name: "筛选测试客户", tier: "C"), by: managerActor)
            expect(
                try await app.send(
                    .POST, "/api/v1/screenings", token: rep1,
                    json: #"{"customer_id":\#(c.id),"outcome":"tier","tier":"A","reason":"x"}"#), .forbidden)
            expect(
                try await app.send(
                    .POST, "/api/v1/screenings", token: gm,
                    json: #"{"customer_id":\#(c.id),"outcome":"tier","tier":"A","reason":"x"}"#), .forbidden,
                "the GM decides, he does not propose")
            let same = try await app.send(
                .POST, "/api/v1/screenings", token: manager,
                json: #"{"customer_id":\#(c.id),"outcome":"tier","tier":"C","reason":""}"#)
            expect(same, .unprocessableEntity)
            XCTAssertEqual(
                Set((object(same)["fields"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String }),
                ["tier", "reason"])
            let made = try await app.send(
                .POST, "/api/v1/screenings", token: manager,
                json: #"{"customer_id":\#(c.id),"outcome":"tier","tier":"A","reason":"重点客户"}"#)
            expect(made, .created)
            let id = screening(made)["id"] as! Int
            XCTAssertEqual(screening(made)["tier_before"] as? String, "C")
            let again = try await app.send(
                .POST, "/api/v1/screenings", token: manager,
                json: #"{"customer_id":\#(c.id),"outcome":"archive","reason":"x"}"#)
            expect(again, .conflict)
            XCTAssertTrue(again.body.string.contains(screening(made)["number"] as! String))
            expect(try await app.send(.GET, "/api/v1/screenings/\(id)", token: rep1), .notFound)
            expect(try await app.send(.GET, "/api/v1/screenings/\(id)", token: assistant), .ok)
            expect(try await app.send(.POST, "/api/v1/screenings/\(id)/approve", token: manager), .forbidden)
            let approved = try await app.send(
                .POST, "/api/v1/screenings/\(id)/approve", token: gm, json: #"{"comment":"同意"}"#)
            expect(approved, .ok)
            let after = try await store.rawCustomer(id: c.id)!
            XCTAssertEqual(after.tier, .a)
            XCTAssertEqual(after.version, c.version + 1)
            // Dropping it from the archive: approved, the customer is archived; another proposal on it is refused.
            let drop = screening(
                try await app.send(
                    .POST, "/api/v1/screenings", token: manager,
                    json: #"{"customer_id":\#(c.id),"outcome":"archive","reason":"合并到集团客户"}"#))
            let dropId = drop["id"] as! Int
            expect(
                try await app.send(.POST, "/api/v1/screenings/\(dropId)/reject", token: gm), .unprocessableEntity,
                "a reason")
            expect(try await app.send(.POST, "/api/v1/screenings/\(dropId)/approve", token: gm), .ok)
            let archived = try await store.rawCustomer(id: c.id)!.archived
            XCTAssertTrue(archived)
            expect(
                try await app.send(
                    .POST, "/api/v1/screenings", token: manager,
                    json: #"{"customer_id":\#(c.id),"outcome":"tier","tier":"B","reason":"x"}"#), .unprocessableEntity)
            let audit = try await store.sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from(
                "audit_log"
            )
            .where("entity", .equal, "customer").where("entity_id", .equal, String(c.id)).first()!.decode(
                column: "n", as: Int.self)
            XCTAssertEqual(audit, 3, "created, raised, archived")
            let (cookie, _) = try await self.pageLogin(app, "gm")
            let page = try await app.send(.GET, "/screenings/\(dropId)", headers: [("Cookie", cookie)])
            expect(page, .ok)
            XCTAssertTrue(page.body.string.contains("合并到集团客户"))
            let problems = try await store.integrityProblems()
            XCTAssertEqual(problems, [])
        }
    }
}
