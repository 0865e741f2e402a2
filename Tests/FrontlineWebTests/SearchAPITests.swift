import Foundation
import FrontlineCore
import SQLKit
import Vapor
import XCTVapor
import XCTest

@testable import FrontlineStore
@testable import FrontlineWeb

/// The one search through the API and the page, on SQLite and PostgreSQL: a record just made is found by a
/// two-character fragment, its number or its customer's credit code, by those who read it and nobody else; bad
/// queries are refused with their reason.
final class SearchAPITests: XCTestCase {
    func groups(_ res: XCTHTTPResponse) -> [String: [[String: Any]]] {
        var out: [String: [[String: Any]]] = [:]
        for g in object(res)["groups"] as? [[String: Any]] ?? [] {
            out[g["kind"] as! String] = g["hits"] as? [[String: Any]]
        }
        return out
    }

    func testARecordIsFoundByAFragmentByThoseWhoReadItOnly() async throws {
        try await withDemoApp { app in
            let rep1 = try await app.login("rep1"), rep2 = try await app.login("rep2"),
                manager = try await app.login("manager"), cs1 = try await app.login("cs1")
            let store = Store(database: app.db)
            let rep = try await store.users().first { $0.username == "rep1" }!.actor
            let customer = try await store.customers(
                CustomerFilter(ownerId: rep.id), ListQuery(limit: 1, sortField: "id", descending: true), for: rep
            ).items[0].customer
            let made = try await app.send(
                .POST, "/api/v1/opportunities", token: rep1,
                json:
                    #"{"customer_id":\#(customer.id),"title":"鲲鹏算力平台扩容","amount":"80万","expected_close":"2027-03-01","competitors":"Zyxel"}"#
            )
            expect(made, .created)
            let opp = object(made)["opportunity"] as? [String: Any] ?? object(made)
            let id = opp["id"] as! Int, number = opp["number"] as! String
            for (q, token) in [("鲲鹏", rep1), ("算力平", manager), (number.lowercased(), rep1), ("ZYX", manager)] {
                let res = try await app.send(
                    .GET, "/api/v1/search?q=\(q.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)",
                    token: token)
                expect(res, .ok, q)
                let hit = groups(res)["opportunity"]?.first { $0["id"] as? Int == id }
                XCTAssertEqual(hit?["path"] as? String, "/opportunities/\(id)", q)
                XCTAssertEqual(hit?["detail"] as? String, customer.name, q)
            }
            // `%` and `_` are the characters themselves, on SQLite as on PostgreSQL (SQLite's LIKE has no escape unless
            // told: the lists' search found nothing for them there).
            let percent = try await app.send(
                .POST, "/api/v1/opportunities", token: rep1,
                json: #"{"customer_id":\#(customer.id),"title":"毛利 15%_方案","amount":"1万"}"#)
            expect(percent, .created)
            let pid = (object(percent)["opportunity"] as? [String: Any] ?? object(percent))["id"] as! Int
            let listed = try await app.send(.GET, "/api/v1/opportunities?q=15%25_", token: rep1)
            XCTAssertEqual((object(listed)["items"] as? [[String: Any]])?.compactMap { $0["id"] as? Int }, [pid])
            let searched = try await app.send(.GET, "/api/v1/search?q=15%25_&kinds=opportunity", token: rep1)
            XCTAssertEqual(groups(searched)["opportunity"]?.compactMap { $0["id"] as? Int }, [pid])
            let wild = try await app.send(.GET, "/api/v1/opportunities?q=1_%25", token: rep1)
            XCTAssertEqual(object(wild)["total"] as? Int, 0, "a wildcard matched")
            // rep2 reads neither the opportunity nor its customer; CS reads no opportunities at all.
            let other = try await app.send(.GET, "/api/v1/search?q=%E9%B2%B2%E9%B9%8F", token: rep2)
            expect(other, .ok)
            XCTAssertEqual(groups(other)["opportunity"]?.count, 0)
            let cs = try await app.send(.GET, "/api/v1/search?q=%E9%B2%B2%E9%B9%8F", token: cs1)
            XCTAssertNil(groups(cs)["opportunity"])
            let fragment = String(customer.name.dropFirst(2).prefix(2)).addingPercentEncoding(
                withAllowedCharacters: .alphanumerics)!
            let byName = try await app.send(.GET, "/api/v1/search?q=\(fragment)&kinds=customer&limit=50", token: rep1)
            XCTAssertTrue(groups(byName)["customer"]?.contains { $0["id"] as? Int == Int(customer.id) } ?? false)
            XCTAssertEqual(Array(groups(byName).keys), ["customer"])
            let rep2s = try await app.send(.GET, "/api/v1/search?q=\(fragment)&kinds=customer&limit=50", token: rep2)
            XCTAssertFalse(groups(rep2s)["customer"]?.contains { $0["id"] as? Int == Int(customer.id) } ?? true)
            // Refused, with the field and the reason in the reader's language.
            for (path, field) in [
                ("/api/v1/search", "q"), ("/api/v1/search?q=%E9%B2%B2", "q"),
                ("/api/v1/search?q=ab&kinds=planets", "kinds"), ("/api/v1/search?q=ab&limit=51", "limit"),
            ] {
                let res = try await app.send(.GET, path, token: manager)
                expect(res, .badRequest, path)
                XCTAssertEqual((object(res)["fields"] as? [[String: Any]])?.first?["field"] as? String, field, path)
            }
            let short = try await app.send(
                .GET, "/api/v1/search?q=%E9%B2%B2", token: manager, headers: [("Accept-Language", "en")])
            XCTAssertTrue(short.body.string.contains("at least 2"), short.body.string)
            // The page: one table per kind found, the reader's hits only.
            let page = try await self.pageLogin(app, "rep1")
            let html = try await app.send(.GET, "/search?q=%E9%B2%B2%E9%B9%8F", headers: [("Cookie", page.cookie)])
            expect(html, .ok)
            XCTAssertTrue(html.body.string.contains("id=\"search-opportunities\""))
            XCTAssertTrue(html.body.string.contains("href=\"/opportunities/\(id)\""))
            let page2 = try await self.pageLogin(app, "rep2")
            let html2 = try await app.send(.GET, "/search?q=%E9%B2%B2%E9%B9%8F", headers: [("Cookie", page2.cookie)])
            XCTAssertFalse(html2.body.string.contains("/opportunities/\(id)"))
            XCTAssertTrue(html2.body.string.contains("id=\"search-nothing\""))
            let one = try await app.send(.GET, "/search?q=%E9%B2%B2", headers: [("Cookie", page.cookie)])
            XCTAssertTrue(one.body.string.contains("id=\"search-error\""))
        }
    }
}
