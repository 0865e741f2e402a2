import Foundation
import FrontlineCore
import SQLKit
import Vapor
import XCTVapor
import XCTest

@testable import FrontlineStore
@testable import FrontlineWeb

/// Visitor reception (来访接待) and the gift register (馈赠登记, issue 12) on SQLite and PostgreSQL.
final class VisitTests: XCTestCase {
    func visit(_ res: XCTHTTPResponse) -> [String: Any] { object(res)["visit"] as? [String: Any] ?? [:] }
    func gift(_ res: XCTHTTPResponse) -> [String: Any] { object(res)["gift"] as? [String: Any] ?? [:] }

    func testTheAssistantSchedulesTheHostSeesHisAndOneHostIsNotBookedTwice() async throws {
        try await withDemoApp { app in
            let store = Store(database: app.db)
            let assistant = try await app.login("assistant"), rep1 = try await app.login("rep1"),
                rep2 = try await app.login("rep2"), cs2 = try await app.login("cs1"),
                csManager = try await app.login("csmanager")
            let people = try await store.users()
            let rep1Id = people.first { $0.username == "rep1" }!.id, cs2Id = people.first { $0.username == "cs1" }!.id
            let adminId = people.first { $0.username == "admin" }!.id
            let rep1User = people.first { $0.username == "rep1" }!
            let c = try await store.customers(
                CustomerFilter(ownerId: rep1Id), ListQuery(limit: 1, sortField: "id"), for: rep1User.actor
            ).items[0].customer
            let day = DateText.day((DateText.parseDay(DateText.today())! + 10) * 86_400)
            let body = { (host: Int64, from: String, to: String) in
                #"{"customer_id":\#(c.id),"visitors":"客户考察团 5 人","purpose":"考察","starts_at":"\#(day) \#(from)","ends_at":"\#(day) \#(to)","host_id":\#(host),"place":"一号会议室","arrangements":"接站、午餐"}"#
            }
            expect(
                try await app.send(.POST, "/api/v1/visits", token: rep1, json: body(rep1Id, "09:00", "11:00")),
                .forbidden, "the assistant schedules")
            let bad = try await app.send(
                .POST, "/api/v1/visits", token: assistant,
                json: #"{"visitors":"","starts_at":"\#(day) 11:00","ends_at":"\#(day) 10:00","host_id":\#(adminId)}"#)
            expect(bad, .unprocessableEntity)
            XCTAssertEqual(
                Set((object(bad)["fields"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String }),
                ["visitors", "ends_at", "host_id"])
            let made = try await app.send(
                .POST, "/api/v1/visits", token: assistant, json: body(rep1Id, "09:00", "11:00"))
            expect(made, .created)
            let v = visit(made)
            let id = v["id"] as! Int
            XCTAssertEqual(v["starts_at"] as? String, "\(day)T09:00:00+08:00")
            // The host is not booked twice: an overlapping visit is refused naming the first; one after it is not.
            let clash = try await app.send(
                .POST, "/api/v1/visits", token: assistant, json: body(rep1Id, "10:30", "12:00"))
            expect(clash, .conflict)
            XCTAssertTrue(clash.body.string.contains(v["number"] as! String))
            expect(
                try await app.send(.POST, "/api/v1/visits", token: assistant, json: body(rep1Id, "11:00", "12:00")),
                .created, "back to back")
            // Who sees it: the host, the customer's rep, the office; not another rep or Customer Service.
            expect(try await app.send(.GET, "/api/v1/visits/\(id)", token: rep1), .ok)
            expect(try await app.send(.GET, "/api/v1/visits/\(id)", token: rep2), .notFound)
            expect(try await app.send(.GET, "/api/v1/visits/\(id)", token: csManager), .notFound)
            // Handed to cs2 as host, he sees it and records how it went; rep2 may not.
            let moved = try await app.send(
                .PATCH, "/api/v1/visits/\(id)", token: assistant, json: #"{"host_id":\#(cs2Id),"version":1}"#)
            expect(moved, .ok)
            expect(
                try await app.send(
                    .PATCH, "/api/v1/visits/\(id)", token: assistant, json: #"{"place":"二号会议室","version":1}"#),
                .conflict, "stale")
            let mine =
                object(try await app.send(.GET, "/api/v1/visits?from=\(day)&to=\(day)", token: cs2))["items"]
                as! [[String: Any]]
            XCTAssertEqual(mine.map { $0["id"] as? Int }, [id])
            expect(
                try await app.send(.POST, "/api/v1/visits/\(id)/complete", token: rep2, json: #"{"text":"x"}"#),
                .notFound)
            let done = try await app.send(
                .POST, "/api/v1/visits/\(id)/complete", token: cs2, json: #"{"text":"客户认可方案，约定下月签约"}"#)
            expect(done, .ok)
            XCTAssertEqual(visit(done)["outcome"] as? String, "客户认可方案，约定下月签约")
            expect(
                try await app.send(
                    .PATCH, "/api/v1/visits/\(id)", token: assistant, json: #"{"place":"x","version":3}"#), .conflict,
                "done: no more changes")
            expect(
                try await app.send(.POST, "/api/v1/visits/\(id)/cancel", token: assistant, json: #"{"comment":"x"}"#),
                .conflict)
            // The calendar: the visit on its day, for the host and the office.
            let (cookie, _) = try await self.pageLogin(app, "assistant")
            let cal = try await app.send(.GET, "/visits/calendar?month=\(day.prefix(7))", headers: [("Cookie", cookie)])
            expect(cal, .ok)
            let html = cal.body.string
            XCTAssertTrue(html.contains("data-day=\"\(day)\"") && html.contains("/visits/\(id)\""))
            let (repCookie, _) = try await self.pageLogin(app, "rep2")
            let other = try await app.send(
                .GET, "/visits/calendar?month=\(day.prefix(7))", headers: [("Cookie", repCookie)])
            XCTAssertFalse(other.body.string.contains("/visits/\(id)\""))
            expect(try await app.send(.GET, "/visits/\(id)", headers: [("Cookie", cookie)]), .ok)
            // Today's visits on the host's home page (the demo has rep1 receiving one this afternoon), not on another's.
            let (rep1Cookie, _) = try await self.pageLogin(app, "rep1")
            let hostHome = try await app.send(.GET, "/", headers: [("Cookie", rep1Cookie)]).body.string
            let otherHome = try await app.send(.GET, "/", headers: [("Cookie", repCookie)]).body.string
            XCTAssertTrue(hostHome.contains("id=\"visits-today\""))
            XCTAssertFalse(otherHome.contains("id=\"visits-today\""))
            let csv = try await app.send(.GET, "/api/v1/visits/export?format=csv&from=\(day)", token: assistant)
            XCTAssertTrue(csv.body.string.contains("客户考察团"))
            let problems = try await store.integrityProblems()
            XCTAssertEqual(problems, [])
        }
    }

    func testAGiftIsDeclaredTakenInByTheAssistantAndStaysInTheRegister() async throws {
        try await withDemoApp { app in
            let store = Store(database: app.db)
            let assistant = try await app.login("assistant"), rep1 = try await app.login("rep1"),
                rep2 = try await app.login("rep2"), gm = try await app.login("gm")
            let finance = try await app.login("finance")
            let rep1User = try await store.users().first { $0.username == "rep1" }!
            let rep2User = try await store.users().first { $0.username == "rep2" }!
            let mine = try await store.customers(
                CustomerFilter(ownerId: rep1User.id), ListQuery(limit: 1, sortField: "id"), for: rep1User.actor
            ).items[0].customer
            let theirs = try await store.customers(
                CustomerFilter(ownerId: rep2User.id), ListQuery(limit: 1, sortField: "id"), for: rep2User.actor
            ).items[0].customer
            let tomorrow = DateText.day((DateText.parseDay(DateText.today())! + 1) * 86_400)
            let bad = try await app.send(
                .POST, "/api/v1/gifts", token: rep1,
                json:
                    #"{"customer_id":\#(theirs.id),"description":"","value":"-5","offered_on":"\#(tomorrow)","kind":"car"}"#
            )
            expect(bad, .unprocessableEntity)
            XCTAssertEqual(
                Set((object(bad)["fields"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String }),
                ["customer_id", "description", "value", "offered_on", "kind"])
            expect(
                try await app.send(
                    .POST, "/api/v1/gifts", token: finance,
                    json: #"{"customer_id":\#(mine.id),"description":"x","value":"1"}"#), .forbidden)
            let made = try await app.send(
                .POST, "/api/v1/gifts", token: rep1,
                json: #"{"customer_id":\#(mine.id),"kind":"money","description":"红包","value":"1,888.80"}"#)
            expect(made, .created)
            let g = gift(made)
            let id = g["id"] as! Int
            XCTAssertEqual(g["value"] as? String, "1888.80")
            XCTAssertEqual(g["offered_on"] as? String, DateText.today())
            // Nothing changes or deletes it; another rep does not see it; the rep does not take it in himself.
            expect(
                try await app.send(.PATCH, "/api/v1/gifts/\(id)", token: rep1, json: #"{"value":"1","version":1}"#),
                .methodNotAllowed)
            expect(try await app.send(.DELETE, "/api/v1/gifts/\(id)", token: assistant), .methodNotAllowed)
            expect(try await app.send(.GET, "/api/v1/gifts/\(id)", token: rep2), .notFound)
            expect(try await app.send(.POST, "/api/v1/gifts/\(id)/hand_over", token: rep1), .forbidden)
            expect(
                try await app.send(
                    .POST, "/api/v1/gifts/\(id)/hand_over", token: assistant, json: #"{"date":"\#(tomorrow)"}"#),
                .unprocessableEntity, "not in the future")
            let handed = try await app.send(
                .POST, "/api/v1/gifts/\(id)/hand_over", token: assistant, json: #"{"comment":"已交财务"}"#)
            expect(handed, .ok)
            XCTAssertEqual(gift(handed)["state"] as? String, "handed_over")
            XCTAssertEqual(gift(handed)["handled_on"] as? String, DateText.today())
            expect(
                try await app.send(.POST, "/api/v1/gifts/\(id)/give_back", token: assistant, json: #"{"comment":"x"}"#),
                .conflict)
            // The GM's register for this month holds it, with the totals.
            let register = object(try await app.send(.GET, "/api/v1/gifts/register", token: gm))
            let items = register["items"] as! [[String: Any]]
            XCTAssertTrue(items.contains { $0["id"] as? Int == id })
            let sum = items.reduce(Int64(0)) { $0 + Money.parse($1["value"] as! String)!.fen }
            XCTAssertEqual((register["total"] as! [String: Any])["value"] as? String, Money(fen: sum).decimalString)
            XCTAssertEqual((register["total"] as! [String: Any])["count"] as? Int, items.count)
            expect(try await app.send(.GET, "/api/v1/gifts/register", token: rep1), .forbidden)
            expect(
                try await app.send(.GET, "/api/v1/gifts/register?from=2026-12-31&to=2026-12-01", token: gm), .badRequest
            )
            let (cookie, _) = try await self.pageLogin(app, "gm")
            let page = try await app.send(.GET, "/gifts/register", headers: [("Cookie", cookie)])
            expect(page, .ok)
            XCTAssertTrue(page.body.string.contains("红包") && page.body.string.contains("id=\"gift-by-kind\""))
            let problems = try await store.integrityProblems()
            XCTAssertEqual(problems, [])
        }
    }
}
