import Foundation
import FrontlineCore
import SQLKit
import Vapor
import XCTVapor
import XCTest

@testable import FrontlineStore
@testable import FrontlineWeb

/// Customer training (客户培训, SPEC §3.6) through the API and the pages, on SQLite and on PostgreSQL.
final class TrainingTests: XCTestCase {
    func step(_ app: Application, _ id: Int, _ action: String, _ token: String, _ json: String = "{}") async throws
        -> XCTHTTPResponse
    {
        try await app.send(.POST, "/api/v1/trainings/\(id)/\(action)", token: token, json: json)
    }

    func testCustomerServicePlansInvitesHoldsAndRecordsFeedbackAgainstTheContractsPlan() async throws {
        try await withDemoApp { app in
            let cs1 = try await app.login("cs1"), csm = try await app.login("csmanager"),
                rep1 = try await app.login("rep1"), rep2 = try await app.login("rep2")
            let manager = try await app.login("manager")
            let store = Store(database: app.db)
            let cs1Id = try await store.users().first { $0.username == "cs1" }!.id
            let rep1Id = try await store.users().first { $0.username == "rep1" }!.id
            let implementation = try await store.implementations(
                ImplementationFilter(), limit: 50,
                for: Actor(id: 0, username: "x", displayName: "x", roles: [.csManager])
            ).items
                .first { $0.accountOwnerId == rep1Id }!
            let contacts = try await store.contacts(customerId: implementation.customerId).map(\.id)
            let when = DateText.minute(Store.now() + 14 * 86_400)
            let body =
                #"{"contract_id":\#(implementation.contractId),"topic":"财务模块培训","trainer_id":\#(cs1Id),"starts_at":"\#(when)","hours":2,"mode":"online","place":"腾讯会议 123-456"}"#
            for token in [manager, rep1] {
                expect(try await app.send(.POST, "/api/v1/trainings", token: token, json: body), .forbidden)
            }
            expect(
                try await app.send(
                    .POST, "/api/v1/trainings", token: cs1,
                    json: body.replacingOccurrences(of: "\"trainer_id\":\(cs1Id)", with: "\"trainer_id\":\(rep1Id)")),
                .unprocessableEntity)
            expect(
                try await app.send(
                    .POST, "/api/v1/trainings", token: cs1,
                    json: body.replacingOccurrences(
                        of: "\"contract_id\":\(implementation.contractId)", with: "\"contract_id\":999999")),
                .unprocessableEntity)
            let created = try await app.send(.POST, "/api/v1/trainings", token: cs1, json: body)
            expect(created, .created)
            let id = (object(created)["training"] as! [String: Any])["id"] as! Int
            expect(try await app.send(.GET, "/api/v1/trainings/\(id)", token: rep2), .notFound)
            expect(try await app.send(.GET, "/api/v1/trainings/\(id)", token: rep1), .ok, "the account's rep reads it")
            // Invites only the customer's contacts; holds with who came; feedback only from one who came.
            expect(try await step(app, id, "invite", cs1, #"{"contacts":[999999]}"#), .unprocessableEntity)
            expect(try await step(app, id, "invite", rep1, #"{"contacts":[\#(contacts[0])]}"#), .forbidden)
            expect(
                try await step(
                    app, id, "invite", cs1, #"{"contacts":[\#(contacts.map(String.init).joined(separator: ","))]}"#),
                .ok)
            expect(
                try await step(app, id, "feedback", cs1, #"{"contact_id":\#(contacts[0]),"score":5}"#), .conflict,
                "not before it is held")
            expect(
                try await step(app, id, "hold", cs1, #"{"contacts":[\#(contacts[0])],"date":"2999-01-01"}"#),
                .unprocessableEntity, "not held in the future")
            let held = try await step(app, id, "hold", cs1, #"{"contacts":[\#(contacts[0])]}"#)
            expect(held, .ok)
            let attendees = object(held)["attendees"] as! [[String: Any]]
            XCTAssertEqual(attendees.filter { $0["attended"] as? Bool == true }.count, 1)
            XCTAssertEqual(attendees.count, contacts.count)
            if contacts.count > 1 {
                expect(
                    try await step(app, id, "feedback", cs1, #"{"contact_id":\#(contacts[1]),"score":4}"#),
                    .unprocessableEntity, "he was absent")
            }
            expect(
                try await step(app, id, "feedback", cs1, #"{"contact_id":\#(contacts[0]),"score":7}"#),
                .unprocessableEntity)
            expect(
                try await step(app, id, "feedback", cs1, #"{"contact_id":\#(contacts[0]),"score":5,"text":"很实用"}"#), .ok
            )
            expect(try await step(app, id, "cancel", csm, #"{"comment":"x"}"#), .conflict)
            // The contract's plan: promised training milestones against the sessions given.
            let plan = object(
                try await app.send(.GET, "/api/v1/trainings/plan?contract_id=\(implementation.contractId)", token: rep1)
            )
            XCTAssertGreaterThanOrEqual(plan["held_count"] as! Int, 1)
            let given = plan["given"] as! [[String: Any]]
            XCTAssertEqual(
                given.first { ($0["training"] as! [String: Any])["id"] as? Int == id }?["score"] as? String, "5.0")
            expect(
                try await app.send(
                    .GET, "/api/v1/trainings/plan?contract_id=\(implementation.contractId)", token: rep2), .notFound)
            expect(try await app.send(.GET, "/api/v1/trainings/plan", token: rep1), .badRequest)
            // Materials, history, pages.
            let up = try await app.send(
                .POST, "/api/v1/trainings/\(id)/files?filename=%E8%AE%B2%E4%B9%89.pdf", token: cs1,
                body: Array("%PDF-1.4 教材".utf8), headers: [("Content-Type", "application/octet-stream")])
            expect(up, .created)
            expect(
                try await app.send(
                    .POST, "/api/v1/trainings/\(id)/files?filename=x.pdf", token: rep1, body: Array("%PDF-1.4".utf8),
                    headers: [("Content-Type", "application/octet-stream")]), .forbidden)
            let history =
                (object(try await app.send(.GET, "/api/v1/trainings/\(id)/history", token: cs1))["items"]
                as! [[String: Any]]).map { $0["action"] as! String }
            XCTAssertEqual(history, ["create", "invite", "hold", "feedback"])
            let (cookie, _) = try await self.pageLogin(app, "rep1")
            let page = try await app.send(
                .GET, "/trainings?contract_id=\(implementation.contractId)", headers: [("Cookie", cookie)]
            ).body.string
            XCTAssertTrue(page.contains("id=\"training-plan\"") && page.contains("/trainings/\(id)"))
            let problems = try await store.integrityProblems()
            XCTAssertEqual(problems, [])
        }
    }

    func testListsExportsAndPagesInBothLanguages() async throws {
        try await withDemoApp { app in
            let csm = try await app.login("csmanager")
            let all =
                object(try await app.send(.GET, "/api/v1/trainings?limit=200", token: csm))["items"] as! [[String: Any]]
            XCTAssertEqual(
                Set(all.map { $0["state"] as! String }), Set(Training.State.allCases.map(\.rawValue)),
                "demo data in every state")
            expect(try await app.send(.GET, "/api/v1/trainings?state=done", token: csm), .badRequest)
            let csv = try await app.send(.GET, "/api/v1/trainings/export?format=csv&state=held", token: csm)
            expect(csv, .ok)
            XCTAssertTrue(csv.body.string.contains("系统上线培训") && !csv.body.string.contains("报表高级功能培训"))
            let (cookie, _) = try await self.pageLogin(app, "csmanager")
            let home = try await app.send(.GET, "/", headers: [("Cookie", cookie)]).body.string
            XCTAssertTrue(home.contains("id=\"trainings-upcoming\""))
            for path in ["/trainings", "/trainings?upcoming=true", "/trainings/new"]
                + all.map({ "/trainings/\($0["id"] as! Int)" })
            {
                for lang in ["zh-CN", "en"] {
                    let res = try await app.send(.GET, path, headers: [("Cookie", cookie), ("Accept-Language", lang)])
                    expect(res, .ok, path)
                    XCTAssertFalse(
                        res.body.string.contains("training.") || res.body.string.contains("step."),
                        "a raw key on \(path) \(lang)")
                }
            }
        }
    }
}
