import Foundation
import FrontlineCore
import SQLKit
import Vapor
import XCTVapor
import XCTest

@testable import FrontlineStore
@testable import FrontlineWeb

/// Market intelligence (一线信息/市场调研, issue 12) on SQLite and PostgreSQL: a report is read by its author, the
/// market manager, the GM and whoever he shares it with — its files too — and changed by its author alone.
final class IntelligenceTests: XCTestCase {
    func testAReportIsReadByItsAuthorTheLeadersAndWhomHeSharesItWith() async throws {
        try await withDemoApp { app in
            let store = Store(database: app.db)
            let rep1 = try await app.login("rep1"), rep2 = try await app.login("rep2"),
                manager = try await app.login("manager"), gm = try await app.login("gm")
            let assistant = try await app.login("assistant"), cs1 = try await app.login("cs1")
            let people = try await store.users()
            let rep2Id = people.first { $0.username == "rep2" }!.id,
                adminId = people.first { $0.username == "admin" }!.id
            expect(
                try await app.send(
                    .POST, "/api/v1/intelligence-reports", token: cs1,
                    json: #"{"kind":"research","title":"x","body":"y"}"#), .forbidden)
            let bad = try await app.send(
                .POST, "/api/v1/intelligence-reports", token: rep1,
                json: #"{"kind":"competitor","title":"","body":"","shared_with":[\#(adminId)]}"#)
            expect(bad, .unprocessableEntity)
            XCTAssertEqual(
                Set((object(bad)["fields"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String }),
                ["title", "body", "competitor", "shared_with"])
            // The kind is required on creation (the fuzzer found one created without it).
            let kindless = try await app.send(
                .POST, "/api/v1/intelligence-reports", token: rep1, json: #"{"title":"无类别","body":"内容"}"#)
            expect(kindless, .unprocessableEntity)
            XCTAssertEqual((object(kindless)["fields"] as? [[String: Any]])?.map { $0["field"] as? String }, ["kind"])
            let made = try await app.send(
                .POST, "/api/v1/intelligence-reports", token: rep1,
                json: #"{"kind":"competitor","title":"对手降价","body":"华信本月报价下调 10%","competitor":"华信软件"}"#)
            expect(made, .created)
            let r = object(made)
            let id = r["id"] as! Int
            for (token, status) in [
                (manager, HTTPStatus.ok), (gm, .ok), (rep1, .ok), (rep2, .notFound), (assistant, .notFound),
                (cs1, .notFound),
            ] {
                expect(try await app.send(.GET, "/api/v1/intelligence-reports/\(id)", token: token), status)
            }
            // Its file: added by the author only, read by its readers.
            expect(
                try await app.send(
                    .POST, "/api/v1/intelligence-reports/\(id)/files?filename=x.pdf", token: manager,
                    body: Array("x".utf8), headers: [("Content-Type", "application/octet-stream")]), .forbidden)
            let up = try await app.send(
                .POST, "/api/v1/intelligence-reports/\(id)/files?filename=price.pdf", token: rep1,
                body: Array("%PDF-1.4 报价".utf8), headers: [("Content-Type", "application/octet-stream")])
            expect(up, .created)
            let file = object(up)["id"] as! Int
            expect(try await app.send(.GET, "/api/v1/attachments/\(file)", token: rep2), .notFound)
            expect(try await app.send(.GET, "/api/v1/attachments/\(file)", token: manager), .ok)
            // Shared with rep2: he reads it and its file, and lists it; he does not change it.
            expect(
                try await app.send(
                    .PATCH, "/api/v1/intelligence-reports/\(id)", token: manager, json: #"{"title":"x","version":1}"#),
                .forbidden)
            let shared = try await app.send(
                .PATCH, "/api/v1/intelligence-reports/\(id)", token: rep1,
                json: #"{"shared_with":[\#(rep2Id)],"version":1}"#)
            expect(shared, .ok)
            XCTAssertEqual((object(shared)["shared_with"] as! [[String: Any]]).map { $0["id"] as? Int }, [Int(rep2Id)])
            expect(try await app.send(.GET, "/api/v1/attachments/\(file)", token: rep2), .ok)
            let listed =
                object(
                    try await app.send(
                        .GET, "/api/v1/intelligence-reports?kind=competitor&q=\(percent("华信"))", token: rep2))["items"]
                as! [[String: Any]]
            XCTAssertTrue(listed.contains { $0["id"] as? Int == id })
            expect(
                try await app.send(
                    .PATCH, "/api/v1/intelligence-reports/\(id)", token: rep2, json: #"{"title":"x","version":2}"#),
                .forbidden)
            expect(
                try await app.send(
                    .PATCH, "/api/v1/intelligence-reports/\(id)", token: rep1, json: #"{"title":"x","version":1}"#),
                .conflict, "stale")
            // Unshared again, he no longer reads it.
            expect(
                try await app.send(
                    .PATCH, "/api/v1/intelligence-reports/\(id)", token: rep1, json: #"{"shared_with":[],"version":2}"#),
                .ok)
            expect(try await app.send(.GET, "/api/v1/intelligence-reports/\(id)", token: rep2), .notFound)
            // The pages: the author's form clears the sharing when no box is ticked.
            let (cookie, _) = try await self.pageLogin(app, "rep1")
            let page = try await app.send(.GET, "/intelligence-reports/\(id)", headers: [("Cookie", cookie)])
            expect(page, .ok)
            XCTAssertTrue(page.body.string.contains("price.pdf") && page.body.string.contains("id=\"intel-edit\""))
            let token = csrf(in: page.body.string)
            let body =
                "_csrf=\(token)&version=3&kind=competitor&title=\(percent("对手降价"))&body=\(percent("更新"))&competitor=\(percent("华信软件"))&shared_with_sent=1&shared_with[]=\(rep2Id)"
            let posted = try await app.send(
                .POST, "/intelligence-reports/\(id)/edit", body: Array(body.utf8),
                headers: [("Content-Type", "application/x-www-form-urlencoded"), ("Cookie", cookie)])
            XCTAssertEqual(posted.status, .seeOther, posted.body.string)
            expect(try await app.send(.GET, "/api/v1/intelligence-reports/\(id)", token: rep2), .ok)
            let audit = try await store.sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from(
                "audit_log"
            )
            .where("entity", .equal, "intelligence_report").where("entity_id", .equal, String(id)).first()!.decode(
                column: "n", as: Int.self)
            XCTAssertEqual(audit, 4, "created and changed three times")
        }
    }
}
