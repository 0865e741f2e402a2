import FrontlineCore
import FrontlineStore
import Vapor
import XCTVapor
import XCTest

@testable import FrontlineWeb

/// The customer list people work in: each customer's last and next follow-up, 全部 / 我负责的 for those who read
/// everyone's, and the office's hand-over of several customers at once — all or none, on the page and the API.
final class CustomerListTests: XCTestCase {
    func testTheListShowsFollowUpsAndTheOfficeHandsSeveralCustomersToARepAtOnce() async throws {
        try await withDemoApp { app in
            let store = Store(database: app.db)
            let users = try await store.users()
            let manager = users.first { $0.username == "manager" }!.actor
            let rep1 = users.first { $0.username == "rep1" }!, rep2 = users.first { $0.username == "rep2" }!
            let (cookie, csrf) = try await self.pageLogin(app, "manager")
            let list = try await app.send(.GET, "/customers?owner_id=\(rep1.id)", headers: [("Cookie", cookie)])
            expect(list, .ok)
            let html = list.body.string
            XCTAssertTrue(html.contains("最近跟进") && html.contains("下次跟进"))
            XCTAssertTrue(html.contains("我负责的") && html.contains("id=\"bulk\""))
            // rep1's customers with a logged communication show its day.
            let his = try await store.customers(
                CustomerFilter(ownerId: rep1.id), ListQuery(limit: 3, sortField: "name"), for: manager
            ).items.map(\.customer)
            XCTAssertEqual(his.count, 3)
            let follow = try await store.followUps(his.map(\.id))
            if let last = follow.values.compactMap(\.last).first {
                XCTAssertTrue(html.contains(DateText.day(last)))
            }
            // Two of his customers to rep2, one at the version read, one without: both move, audited, and the page
            // says so on the list it came from.
            let form = [("Cookie", cookie), ("Content-Type", "application/x-www-form-urlencoded")]
            let body =
                "_csrf=\(csrf)&customers%5B%5D=\(his[0].id):\(his[0].version)&customers%5B%5D=\(his[1].id)&owner_id=\(rep2.id)&note=%E5%8C%BA%E5%9F%9F%E8%B0%83%E6%95%B4&back=%2Fcustomers%3Fowner_id%3D\(rep1.id)"
            let moved = try await app.send(.POST, "/customers/transfer", body: Array(body.utf8), headers: form)
            XCTAssertEqual(moved.status, .seeOther, moved.body.string)
            XCTAssertEqual(moved.headers.first(name: .location), "/customers?owner_id=\(rep1.id)")
            let notice = try XCTUnwrap(moved.headers.setCookie?[Pages.noticeCookie]).string
            XCTAssertEqual(notice.removingPercentEncoding, "已转移 2 个客户")
            for c in his.prefix(2) {
                let now = try await store.customer(id: c.id, for: manager)!.customer
                XCTAssertEqual(now.ownerId, rep2.id)
                XCTAssertEqual(now.version, c.version + 1)
            }
            let audited = try await store.sql.raw(
                "SELECT COUNT(*) AS n FROM audit_log WHERE entity = 'customer' AND entity_id IN (\(literal: String(his[0].id)), \(literal: String(his[1].id))) AND action = 'update'"
            ).first()!.decode(column: "n", as: Int.self)
            XCTAssertGreaterThanOrEqual(audited, 2)
            // Stale: the first one at the version read before the move refuses the whole hand-over; the third stays.
            let stale =
                "_csrf=\(csrf)&customers%5B%5D=\(his[2].id):\(his[2].version)&customers%5B%5D=\(his[0].id):\(his[0].version)&owner_id=\(rep1.id)"
            let refused = try await app.send(
                .POST, "/customers/transfer?owner_id=\(rep1.id)", body: Array(stale.utf8), headers: form)
            XCTAssertEqual(refused.status, .conflict)
            XCTAssertTrue(refused.body.string.contains(his[0].name), "the refusal names the customer that changed")
            XCTAssertTrue(refused.body.string.contains("value=\"\(his[2].id):\(his[2].version)\" aria-label"))
            let third = try await store.customer(id: his[2].id, for: manager)!.customer
            XCTAssertEqual(third.ownerId, rep1.id, "all or none")
            // Nothing ticked, nobody named: both said at once.
            let empty = try await app.send(
                .POST, "/customers/transfer", body: Array("_csrf=\(csrf)&owner_id=".utf8), headers: form)
            XCTAssertEqual(empty.status, .unprocessableEntity)
            XCTAssertTrue(empty.body.string.contains("请至少选择一个客户"))
            // A rep may not hand customers over, and sees no boxes or tabs.
            let (repCookie, repCSRF) = try await self.pageLogin(app, "rep1")
            let mine = try await app.send(.GET, "/customers", headers: [("Cookie", repCookie)])
            XCTAssertFalse(mine.body.string.contains("id=\"bulk\""))
            XCTAssertFalse(mine.body.string.contains("我负责的"))
            let repTry = try await app.send(
                .POST, "/customers/transfer",
                body: Array("_csrf=\(repCSRF)&customers%5B%5D=\(his[2].id)&owner_id=\(rep1.id)".utf8),
                headers: [("Cookie", repCookie), ("Content-Type", "application/x-www-form-urlencoded")])
            XCTAssertEqual(repTry.status, .forbidden)
        }
    }

    func testTheAPIHandsOverAllOrNoneAndRacesLeaveOneWinner() async throws {
        try await withDemoApp { app in
            let store = Store(database: app.db)
            let users = try await store.users()
            let manager = users.first { $0.username == "manager" }!.actor
            let rep1 = users.first { $0.username == "rep1" }!, rep2 = users.first { $0.username == "rep2" }!
            let token = try await app.login("manager")
            let his = try await store.customers(
                CustomerFilter(ownerId: rep1.id), ListQuery(limit: 4, sortField: "name"), for: manager
            ).items.map(\.customer)
            let missing = try await app.send(
                .POST, "/api/v1/customers/transfer",
                token: token, json: #"{"customers":[{"id":\#(his[0].id)},{"id":99999999}],"owner_id":\#(rep2.id)}"#,
                versioned: false)
            expect(missing, .unprocessableEntity)
            XCTAssertTrue(missing.body.string.contains("99999999"))
            let first = try await store.customer(id: his[0].id, for: manager)!.customer
            XCTAssertEqual(first.ownerId, rep1.id)
            let notRep = try await app.send(
                .POST, "/api/v1/customers/transfer",
                token: token, json: #"{"customers":[{"id":\#(his[0].id)}],"owner_id":\#(manager.id)}"#, versioned: false
            )
            expect(notRep, .unprocessableEntity)
            let bad = try await app.send(
                .POST, "/api/v1/customers/transfer", token: token, json: #"{"customers":"x","owner_id":"y","note":5}"#,
                versioned: false)
            XCTAssertEqual(bad.status.code / 100, 4)
            // Two hand-overs of the same customers at the versions read, at once: exactly one lands.
            let pair = his[2...3].map { #"{"id":\#($0.id),"version":\#($0.version)}"# }.joined(separator: ",")
            async let a = app.send(
                .POST, "/api/v1/customers/transfer", token: token,
                json: #"{"customers":[\#(pair)],"owner_id":\#(rep2.id)}"#,
                versioned: false)
            async let b = app.send(
                .POST, "/api/v1/customers/transfer", token: token,
                json: #"{"customers":[\#(pair)],"owner_id":\#(rep2.id)}"#,
                versioned: false)
            let statuses = try await [a.status, b.status].map(\.code).sorted()
            XCTAssertEqual(statuses, [200, 409])
            for c in his[2...3] {
                let now = try await store.customer(id: c.id, for: manager)!.customer
                XCTAssertEqual(now.ownerId, rep2.id)
                XCTAssertEqual(now.version, c.version + 1, "moved once")
            }
            // Asked again without versions: already his, nothing written.
            let again = try await app.send(
                .POST, "/api/v1/customers/transfer",
                token: token, json: #"{"customers":[{"id":\#(his[2].id)}],"owner_id":\#(rep2.id)}"#, versioned: false)
            expect(again, .ok)
            XCTAssertTrue(again.body.string.contains(#""unchanged":1"#), again.body.string)
            let problems = try await store.integrityProblems()
            XCTAssertEqual(problems, [])
        }
    }
}
