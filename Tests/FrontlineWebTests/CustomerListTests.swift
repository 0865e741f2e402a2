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

extension CustomerListTests {
    /// A hand-over raced against the other ways a customer changes hands or is edited — the pool's hand-out and a
    /// plain edit — all at the version read: exactly one lands, the others are told it changed, nothing half-done.
    /// Past the limit of one hand-over, it is refused whole. Two undos of one done step at once: one reopens it.
    func testAHandOverRacedAgainstAHandOutAndAnEditLetsOneWinAndALimitHolds() async throws {
        try await withDemoApp { app in
            let store = Store(database: app.db)
            let users = try await store.users()
            let manager = users.first { $0.username == "manager" }!.actor
            let rep1 = users.first { $0.username == "rep1" }!, rep2 = users.first { $0.username == "rep2" }!
            let token = try await app.login("manager"), assistant = try await app.login("assistant")
            let his = try await store.customers(
                CustomerFilter(ownerId: rep1.id), ListQuery(limit: 3, sortField: "name"), for: manager
            ).items.map(\.customer)
            for c in his {
                async let transfer = app.send(
                    .POST, "/api/v1/customers/transfer", token: token,
                    json: #"{"customers":[{"id":\#(c.id),"version":\#(c.version)}],"owner_id":\#(rep2.id)}"#,
                    versioned: false)
                async let assign = app.send(
                    .POST, "/api/v1/pool/\(c.id)/assign", token: assistant,
                    json: #"{"owner_id":\#(rep2.id),"version":\#(c.version)}"#, versioned: false)
                async let edit = app.send(
                    .PATCH, "/api/v1/customers/\(c.id)", token: token,
                    json: #"{"notes":"并发编辑","version":\#(c.version)}"#, versioned: false)
                let codes = try await [transfer.status.code, assign.status.code, edit.status.code]
                XCTAssertEqual(codes.filter { $0 / 100 == 2 }.count, 1, "\(codes)")
                XCTAssertEqual(codes.filter { $0 == 409 }.count, 2, "\(codes)")
                let now = try await store.customer(id: c.id, for: manager)!.customer
                XCTAssertEqual(now.version, c.version + 1, "one write")
            }
            let tooMany = (1...201).map { #"{"id":\#($0)}"# }.joined(separator: ",")
            let refused = try await app.send(
                .POST, "/api/v1/customers/transfer", token: token,
                json: #"{"customers":[\#(tooMany)],"owner_id":\#(rep2.id)}"#, versioned: false)
            expect(refused, .unprocessableEntity)
            XCTAssertTrue(refused.body.string.contains("200"), refused.body.string)
            let problems = try await store.integrityProblems()
            XCTAssertEqual(problems, [])

            // Two undos of one close at once: one reopens the step, the other is told it is too late.
            let repActor = rep1.actor
            let mine = try await store.customers(
                CustomerFilter(), ListQuery(limit: 1, sortField: "name"), for: repActor
            ).items[0].customer
            let m = try await store.addCommunication(
                customerId: mine.id,
                CommunicationInput(kind: "call", direction: "outbound", summary: "约演示", nextStep: "发方案"),
                by: repActor)
            let closed = try await store.completeNextStep(communicationId: m.id, by: repActor)
            let doneAt = try XCTUnwrap(closed.nextStepDoneAt)
            async let a: Bool = {
                do {
                    _ = try await store.reopenNextStep(communicationId: m.id, doneAt: doneAt, by: repActor); return true
                } catch let e as DomainError where e.kind == .conflict { return false }
            }()
            async let b: Bool = {
                do {
                    _ = try await store.reopenNextStep(communicationId: m.id, doneAt: doneAt, by: repActor); return true
                } catch let e as DomainError where e.kind == .conflict { return false }
            }()
            let outcomes = try await [a, b]
            XCTAssertEqual(outcomes.filter { $0 }.count, 1, "\(outcomes)")
        }
    }
}

/// The customer page is built around the follow-up: 写跟进 first, the log with its next steps as the main column, the
/// rest beside it; phones tappable; a next step marked done returns to the page, says so and can be taken back once.
final class CustomerPageTests: XCTestCase {
    func testTheFollowUpComesFirstAndADoneStepCanBeTakenBack() async throws {
        try await withDemoApp { app in
            let (cookie, csrf) = try await self.pageLogin(app, "rep1")
            let token = try await app.login("rep1")
            let customers = object(try await app.send(.GET, "/api/v1/customers?limit=1", token: token))
            let id = (customers["items"] as! [[String: Any]])[0]["id"] as! Int
            let contact = try await app.send(
                .POST, "/api/v1/customers/\(id)/contacts", token: token,
                json: #"{"name":"王经理","mobile":"138 0013 8000","email":"wang@example.com"}"#, versioned: false)
            expect(contact, .created)
            let logged = try await app.send(
                .POST, "/api/v1/customers/\(id)/communications", token: token,
                json:
                    #"{"kind":"call","direction":"outbound","summary":"约了演示","next_step":"发送方案","next_step_date":"2099-01-05"}"#,
                versioned: false)
            expect(logged, .created)
            let comm = object(logged)["id"] as! Int
            let page = try await app.send(.GET, "/customers/\(id)", headers: [("Cookie", cookie)]).body.string
            let write = try XCTUnwrap(page.range(of: "写跟进")), log = try XCTUnwrap(page.range(of: "id=\"timeline\""))
            let side = try XCTUnwrap(page.range(of: "class=\"side\""))
            XCTAssertTrue(write.lowerBound < log.lowerBound && log.lowerBound < side.lowerBound, "follow-up first")
            XCTAssertTrue(page.contains("href=\"tel:13800138000\""))
            XCTAssertTrue(page.contains("href=\"mailto:wang@example.com\""))
            XCTAssertFalse(page.contains(" · v"), "no record-version noise")
            // Done from the customer page: back to it, the step named, its undo offered.
            let form = [("Cookie", cookie), ("Content-Type", "application/x-www-form-urlencoded")]
            let done = try await app.send(
                .POST, "/next-steps/\(comm)/done",
                body: Array("_csrf=\(csrf)&back=%2Fcustomers%2F\(id)%23timeline".utf8), headers: form)
            XCTAssertEqual(done.status, .seeOther)
            XCTAssertEqual(done.headers.first(name: .location), "/customers/\(id)#timeline")
            let notice = try XCTUnwrap(done.headers.setCookie?[Pages.noticeCookie]).string
            let undo = try XCTUnwrap(done.headers.setCookie?[Pages.undoCookie]).string
            let after = try await app.send(
                .GET, "/customers/\(id)",
                headers: [("Cookie", "\(cookie); \(Pages.noticeCookie)=\(notice); \(Pages.undoCookie)=\(undo)")])
            XCTAssertTrue(after.body.string.contains("已完成：发送方案"))
            let action = try XCTUnwrap(undo.removingPercentEncoding)
            XCTAssertTrue(after.body.string.contains("action=\"\(action)\""), after.body.string)
            let undone = try await app.send(
                .POST, action, body: Array("_csrf=\(csrf)&back=%2Fcustomers%2F\(id)".utf8), headers: form)
            XCTAssertEqual(undone.status, .seeOther)
            XCTAssertEqual(
                undone.headers.setCookie?[Pages.noticeCookie]?.string.removingPercentEncoding, "已撤销，下一步重新打开")
            let steps = object(try await app.send(.GET, "/api/v1/customers/\(id)/communications", token: token))
            let open = (steps["items"] as! [[String: Any]]).first { $0["id"] as? Int == comm }!
            XCTAssertTrue(open["next_step_done_at"] is NSNull || open["next_step_done_at"] == nil, "\(open)")
            // The same undo twice: the second is told it is too late, and nothing changes.
            let twice = try await app.send(
                .POST, action, body: Array("_csrf=\(csrf)&back=%2Fcustomers%2F\(id)".utf8), headers: form)
            XCTAssertEqual(
                twice.headers.setCookie?[Pages.noticeCookie]?.string.removingPercentEncoding,
                "无法撤销：这个下一步已被之后的跟进接替或已被他人处理")
        }
    }
}
