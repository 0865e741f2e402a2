import Foundation
import FrontlineCore
import SQLKit
import Vapor
import XCTVapor
import XCTest

@testable import FrontlineStore
@testable import FrontlineWeb

/// Pre-sales support (销售支持, SPEC §3.5) through the API and the pages, on SQLite and on PostgreSQL.
final class SupportRequestTests: XCTestCase {
    func step(_ app: Application, _ id: Int, _ action: String, _ token: String, _ json: String = "{}") async throws
        -> XCTHTTPResponse
    {
        try await app.send(.POST, "/api/v1/support-requests/\(id)/\(action)", token: token, json: json)
    }
    func request(_ res: XCTHTTPResponse) -> [String: Any] { object(res)["request"] as? [String: Any] ?? [:] }

    func testTheRepAsksTheManagerEndorsesCustomerServiceAllocatesAndTheOutcomeReachesTheTimeline() async throws {
        try await withDemoApp { app in
            let rep1 = try await app.login("rep1"), rep2 = try await app.login("rep2"),
                manager = try await app.login("manager")
            let csm = try await app.login("csmanager"), cs1 = try await app.login("cs1"),
                assistant = try await app.login("assistant")
            let store = Store(database: app.db)
            let users = try await store.users()
            let rep1Id = users.first { $0.username == "rep1" }!.id, cs1Id = users.first { $0.username == "cs1" }!.id
            let customer = try await (app.db as! any SQLDatabase).select().column("id").from("customers").where(
                "owner_id", .equal, rep1Id
            ).orderBy("id").first()!
            .decode(column: "id", as: Int64.self)
            let when = DateText.minute(Store.now() + 20 * 86_400)
            let body = #"{"kind":"demo","title":"移动审批演示","customer_id":\#(customer),"wished_at":"\#(when)","hours":3}"#
            for token in [assistant, csm] {
                expect(try await app.send(.POST, "/api/v1/support-requests", token: token, json: body), .forbidden)
            }
            expect(
                try await app.send(
                    .POST, "/api/v1/support-requests", token: rep1,
                    json: body.replacingOccurrences(of: when, with: "2020-01-01 09:00")), .unprocessableEntity)
            expect(
                try await app.send(
                    .POST, "/api/v1/support-requests", token: rep1,
                    json: body.replacingOccurrences(of: "\"hours\":3", with: "\"hours\":0")), .unprocessableEntity)
            let created = try await app.send(.POST, "/api/v1/support-requests", token: rep1, json: body)
            expect(created, .created)
            let id = request(created)["id"] as! Int
            XCTAssertTrue((request(created)["number"] as! String).hasPrefix("ZC"))
            expect(try await app.send(.GET, "/api/v1/support-requests/\(id)", token: rep2), .notFound)
            // Customer Service takes it only once the market manager has endorsed it; the rep cannot endorse his own.
            expect(
                try await step(
                    app, id, "allocate", csm, #"{"engineer_id":\#(cs1Id),"starts_at":"\#(when)","ends_at":"\#(when)"}"#),
                .conflict)
            expect(try await step(app, id, "endorse", rep1), .forbidden)
            expect(try await step(app, id, "return", manager), .unprocessableEntity, "a return says why")
            expect(try await step(app, id, "return", manager, #"{"comment":"写清楚演示内容"}"#), .ok)
            expect(try await step(app, id, "resubmit", rep2), .notFound)
            expect(try await step(app, id, "resubmit", rep1), .ok)
            expect(try await step(app, id, "endorse", manager, #"{"comment":"同意"}"#), .ok)
            // The CS manager allocates; an overlapping booking of the same engineer is a conflict both managers see.
            expect(
                try await step(
                    app, id, "allocate", cs1, #"{"engineer_id":\#(cs1Id),"starts_at":"\#(when)","ends_at":"\#(when)"}"#),
                .forbidden)
            let start = Store.now() + 20 * 86_400
            expect(
                try await step(
                    app, id, "allocate", csm,
                    #"{"engineer_id":\#(cs1Id),"starts_at":"\#(DateText.minute(start))","ends_at":"\#(DateText.minute(start))"}"#
                ), .unprocessableEntity)
            let allocated = try await step(
                app, id, "allocate", csm,
                #"{"engineer_id":\#(cs1Id),"starts_at":"\#(DateText.minute(start))","ends_at":"\#(DateText.minute(start + 3 * 3600))"}"#
            )
            expect(allocated, .ok)
            XCTAssertEqual((object(allocated)["conflicts"] as? [[String: Any]])?.count, 0)
            let second =
                request(try await app.send(.POST, "/api/v1/support-requests", token: rep1, json: body))["id"] as! Int
            expect(try await step(app, second, "endorse", manager), .ok)
            let clash = try await step(
                app, second, "allocate", csm,
                #"{"engineer_id":\#(cs1Id),"starts_at":"\#(DateText.minute(start + 3600))","ends_at":"\#(DateText.minute(start + 5 * 3600))"}"#
            )
            expect(clash, .ok)
            XCTAssertEqual((object(clash)["conflicts"] as? [[String: Any]])?.first?["id"] as? Int, id)
            let conflicts =
                (object(try await app.send(.GET, "/api/v1/support-requests?conflicts=true&limit=200", token: manager))[
                    "items"] as! [[String: Any]]).map { $0["id"] as! Int }
            XCTAssertTrue(conflicts.contains(id) && conflicts.contains(second))
            for login in ["manager", "csmanager"] {
                let (cookie, _) = try await self.pageLogin(app, login)
                let home = try await app.send(.GET, "/", headers: [("Cookie", cookie)]).body.string
                XCTAssertTrue(
                    home.contains("id=\"support-conflicts\"") && home.contains("/support-requests/\(second)"),
                    "\(login) sees the conflict")
                let page = try await app.send(.GET, "/support-requests/\(second)", headers: [("Cookie", cookie)]).body
                    .string
                XCTAssertTrue(page.contains("id=\"conflict\""))
            }
            // The CS manager resolves it by moving the second booking; the conflict is gone.
            expect(
                try await step(
                    app, second, "allocate", csm,
                    #"{"engineer_id":\#(cs1Id),"starts_at":"\#(DateText.minute(start + 4 * 3600))","ends_at":"\#(DateText.minute(start + 6 * 3600))"}"#
                ), .ok)
            let after =
                (object(try await app.send(.GET, "/api/v1/support-requests?conflicts=true&limit=200", token: manager))[
                    "items"] as! [[String: Any]]).map { $0["id"] as! Int }
            XCTAssertFalse(after.contains(id) || after.contains(second))
            // The engineer records the outcome; it goes onto the customer's timeline.
            expect(try await step(app, id, "record_outcome", cs1, #"{"text":"客户对移动审批很满意，要求报价"}"#), .ok)
            let comms = try await store.communications(customerId: customer, limit: 5)
            XCTAssertTrue(
                comms.items.contains {
                    $0.communication.summary.contains("客户对移动审批很满意") && $0.communication.authorId == cs1Id
                })
            let history =
                (object(try await app.send(.GET, "/api/v1/support-requests/\(id)/history", token: rep1))["items"]
                as! [[String: Any]]).map { $0["action"] as! String }
            XCTAssertEqual(history, ["create", "return", "resubmit", "endorse", "allocate", "record_outcome"])
            expect(try await step(app, second, "cancel", rep1, #"{"comment":"客户改期"}"#), .ok)
            let problems = try await store.integrityProblems()
            XCTAssertEqual(problems, [])
        }
    }

    func testListsExportsAndPagesInBothLanguages() async throws {
        try await withDemoApp { app in
            let manager = try await app.login("manager"), rep1 = try await app.login("rep1")
            let all =
                object(try await app.send(.GET, "/api/v1/support-requests?limit=200", token: manager))["items"]
                as! [[String: Any]]
            XCTAssertEqual(
                Set(all.map { $0["state"] as! String }), Set(SupportRequest.State.allCases.map(\.rawValue)),
                "demo data in every state")
            let demoConflicts =
                object(try await app.send(.GET, "/api/v1/support-requests?conflicts=true", token: manager))["items"]
                as! [[String: Any]]
            XCTAssertEqual(demoConflicts.count, 2, "the demo conflict")
            let mine =
                object(try await app.send(.GET, "/api/v1/support-requests?limit=200", token: rep1))["items"]
                as! [[String: Any]]
            XCTAssertLessThan(mine.count, all.count)
            expect(try await app.send(.GET, "/api/v1/support-requests?kind=dance", token: manager), .badRequest)
            let csv = try await app.send(.GET, "/api/v1/support-requests/export?format=csv&state=done", token: manager)
            expect(csv, .ok)
            XCTAssertTrue(csv.body.string.contains("数据平台技术交流") && !csv.body.string.contains("年会期间演示"))
            expect(try await app.send(.GET, "/api/v1/support-requests/export?format=xlsx", token: rep1), .ok)
            let (cookie, csrf) = try await self.pageLogin(app, "rep1")
            for path in ["/support-requests", "/support-requests?conflicts=true", "/support-requests/new"]
                + all.map({ "/support-requests/\($0["id"] as! Int)" })
            {
                for lang in ["zh-CN", "en"] {
                    let res = try await app.send(.GET, path, headers: [("Cookie", cookie), ("Accept-Language", lang)])
                    expect(
                        res,
                        path.hasPrefix("/support-requests/") && !path.hasSuffix("new")
                            && !mine.contains { "/support-requests/\($0["id"] as! Int)" == path } ? .notFound : .ok,
                        path)
                    if res.status == .ok {
                        XCTAssertFalse(
                            res.body.string.contains("support.") || res.body.string.contains("step."),
                            "a raw key on \(path) \(lang)")
                    }
                }
            }
            let customer = String(mine.first!["customer_id"] as! Int)
            let when = DateText.minute(Store.now() + 9 * 86_400).replacingOccurrences(of: " ", with: "T")
            let refused = try await app.send(
                .POST, "/support-requests",
                body: Array(
                    "_csrf=\(csrf)&customer_id=\(customer)&kind=demo&title=%E6%BC%94%E7%A4%BA&wished_at=\(when)&hours="
                        .utf8),
                headers: [("Cookie", cookie), ("Content-Type", "application/x-www-form-urlencoded")])
            expect(refused, .unprocessableEntity)
            XCTAssertTrue(refused.body.string.contains("演示"))
            let taken = try await app.send(
                .POST, "/support-requests",
                body: Array(
                    "_csrf=\(csrf)&customer_id=\(customer)&kind=demo&title=%E6%BC%94%E7%A4%BA&wished_at=\(when)&hours=2"
                        .utf8),
                headers: [("Cookie", cookie), ("Content-Type", "application/x-www-form-urlencoded")])
            expect(taken, .seeOther)
        }
    }
}
