import Foundation
import FrontlineCore
import Vapor
import XCTVapor
import XCTest

@testable import FrontlineStore
@testable import FrontlineWeb

/// Contract implementation (合同实施, SPEC §3.3) through the API and the pages: Customer Service owns it, the
/// Market Department reads it and acts only on an obstacle report its manager has answered.
final class ImplementationTests: XCTestCase {
    func step(_ app: Application, _ id: Int, _ action: String, _ token: String, _ json: String = "{}") async throws
        -> XCTHTTPResponse
    {
        try await app.send(.POST, "/api/v1/implementations/\(id)/\(action)", token: token, json: json)
    }

    func problem(_ res: XCTHTTPResponse) -> String { (object(res)["detail"] as? String) ?? res.body.string }

    func testCustomerServiceCarriesItFromHandOffToCompletionAndTheMarketDepartmentOnlyAnswersAnObstacle() async throws {
        try await withDemoApp { app in
            let cs = try await app.login("csmanager"), cs1 = try await app.login("cs1"),
                manager = try await app.login("manager")
            let assistant = try await app.login("assistant"), rep1 = try await app.login("rep1"),
                rep2 = try await app.login("rep2")
            let store = Store(database: app.db)
            let cs1Id = try await store.users().first { $0.username == "cs1" }!.id
            let rep1Id = Int(try await store.users().first { $0.username == "rep1" }!.id)
            // A new hand-off, on one of rep1's accounts.
            let handed =
                object(try await app.send(.GET, "/api/v1/implementations?state=open", token: cs))["items"]
                as! [[String: Any]]
            let mine = try XCTUnwrap(handed.first { ($0["account_owner_id"] as? Int) == rep1Id })
            let id = mine["id"] as! Int
            let contractId = mine["contract_id"] as! Int
            let detail = object(try await app.send(.GET, "/api/v1/implementations/\(id)", token: rep1))
            XCTAssertEqual((detail["implementation"] as! [String: Any])["state"] as? String, "open")
            XCTAssertEqual(
                (detail["actions"] as? [[String: Any]])?.count, 0, "the rep reads it, with no step open to him")
            expect(try await app.send(.GET, "/api/v1/implementations/\(id)", token: rep2), .notFound)

            // The Market Department cannot change anything, and is told why.
            for (action, json) in [
                ("assign", #"{"engineers":[\#(cs1Id)]}"#),
                ("plan", #"{"kind":"deployment","title":"x","due":"2027-01-05"}"#), ("complete", "{}"),
            ] {
                for token in [assistant, manager, rep1] {
                    let r = try await step(app, id, action, token, json)
                    XCTAssertTrue([403, 409].contains(r.status.code), "\(action): \(r.status) \(r.body.string)")
                    XCTAssertFalse(problem(r).isEmpty)
                }
            }
            let refused = try await step(app, id, "assign", assistant, #"{"engineers":[\#(cs1Id)]}"#)
            expect(refused, .forbidden)
            XCTAssertTrue(problem(refused).contains("客户服务部经理"), problem(refused))

            // The CS manager assigns; the engineer plans the deployment and the acceptance (which makes the 60 % due).
            expect(try await step(app, id, "assign", cs, #"{"engineers":[\#(cs1Id)]}"#), .ok)
            expect(
                try await step(
                    app, id, "plan", cs1, #"{"kind":"deployment","title":"系统部署","due":"\#(DateText.today())"}"#), .ok)
            let badPay = try await step(
                app, id, "plan", cs1, #"{"kind":"acceptance","title":"客户验收","due":"2027-01-31","payment_seq":9}"#)
            expect(badPay, .unprocessableEntity)
            expect(
                try await step(
                    app, id, "plan", cs1, #"{"kind":"acceptance","title":"客户验收","due":"2027-01-31","payment_seq":2}"#),
                .ok)
            let rep2Engineer = try await step(
                app, id, "plan", try await app.login("rep2"), #"{"kind":"other","title":"x","due":"2027-01-31"}"#)
            XCTAssertEqual(rep2Engineer.status, .notFound, "another rep's account is not his to see")

            // An obstacle Customer Service cannot overcome goes back to the Market Department.
            expect(try await step(app, id, "report_obstacle", cs1, #"{"text":"客户机房未就绪，无法部署"}"#), .ok)
            var d = object(try await app.send(.GET, "/api/v1/implementations/\(id)", token: manager))
            XCTAssertEqual((d["implementation"] as! [String: Any])["state"] as? String, "blocked")
            let report = ((d["obstacles"] as! [[String: Any]])[0]["id"] as! Int)
            XCTAssertEqual(
                (d["actions"] as! [[String: Any]]).map { $0["action"] as! String }, ["answer_obstacle"],
                "the market manager must answer it")
            // Before the answer the Market Department does nothing, the rep included.
            let early = try await step(app, id, "market_note", rep1, #"{"obstacle_id":\#(report),"text":"已联系客户"}"#)
            expect(early, .forbidden)
            XCTAssertTrue(problem(early).contains("市场部经理答复"), problem(early))
            expect(
                try await step(app, id, "answer_obstacle", assistant, #"{"obstacle_id":\#(report),"answer":"x"}"#),
                .forbidden)
            expect(
                try await step(app, id, "answer_obstacle", manager, #"{"obstacle_id":\#(report)}"#),
                .unprocessableEntity)
            expect(
                try await step(
                    app, id, "answer_obstacle", manager, #"{"obstacle_id":\#(report),"answer":"由业务代表协调客户机房进度"}"#), .ok)
            expect(
                try await step(app, id, "answer_obstacle", manager, #"{"obstacle_id":\#(report),"answer":"再次"}"#),
                .conflict)
            // Then it acts on that report — and only on it: the milestones stay Customer Service's.
            expect(
                try await step(app, id, "market_note", rep1, #"{"obstacle_id":\#(report),"text":"客户承诺下周完成机房改造"}"#), .ok)
            expect(
                try await step(app, id, "plan", rep1, #"{"kind":"other","title":"x","due":"2027-01-31"}"#), .forbidden)
            expect(
                try await step(
                    app, id, "market_note", try await app.login("rep2"), #"{"obstacle_id":\#(report),"text":"x"}"#),
                .notFound)
            expect(
                try await step(app, id, "resolve_obstacle", cs1, #"{"obstacle_id":\#(report),"comment":"机房已就绪"}"#), .ok)
            expect(
                try await step(app, id, "market_note", rep1, #"{"obstacle_id":\#(report),"text":"再补充"}"#), .conflict,
                "the report is closed, and so is the Market Department's part")

            // The acceptance needs the customer's date and his signed document, and makes the payment line due.
            d = object(try await app.send(.GET, "/api/v1/implementations/\(id)", token: cs1))
            let milestones = d["milestones"] as! [[String: Any]]
            let deployment = milestones.first { $0["kind"] as? String == "deployment" }!["id"] as! Int
            let acceptance = milestones.first { $0["kind"] as? String == "acceptance" }!["id"] as! Int
            expect(try await step(app, id, "complete_milestone", cs1, #"{"milestone_id":\#(deployment)}"#), .ok)
            expect(try await step(app, id, "complete", cs, "{}"), .conflict, "not before the acceptance")
            let noDoc = try await step(
                app, id, "complete_milestone", cs1, #"{"milestone_id":\#(acceptance),"date":"\#(DateText.today())"}"#)
            expect(noDoc, .unprocessableEntity)
            let upload = try await app.send(
                .POST, "/api/v1/implementations/\(id)/files?filename=%E9%AA%8C%E6%94%B6%E5%8D%95.pdf", token: cs1,
                body: Array("%PDF-1.4 验收".utf8),
                headers: [("Content-Type", "application/octet-stream")])
            expect(upload, .created)
            let doc = object(upload)["id"] as! Int
            expect(
                try await app.send(
                    .POST, "/api/v1/implementations/\(id)/files?filename=x.pdf", token: assistant,
                    body: Array("x".utf8), headers: [("Content-Type", "application/octet-stream")]),
                .forbidden, "the Market Department adds no documents")
            let future = DateText.day(Store.now() + 3 * 86_400)
            expect(
                try await step(
                    app, id, "complete_milestone", cs1,
                    #"{"milestone_id":\#(acceptance),"date":"\#(future)","document_id":\#(doc)}"#), .unprocessableEntity
            )
            expect(
                try await step(
                    app, id, "complete_milestone", cs1,
                    #"{"milestone_id":\#(acceptance),"date":"\#(DateText.today())","document_id":\#(doc)}"#), .ok)
            let contract = object(try await app.send(.GET, "/api/v1/contracts/\(contractId)", token: manager))
            let plan = (contract["handoff"] as! [String: Any])["payment_plan"] as! [[String: Any]]
            XCTAssertEqual(plan[1]["due"] as? String, DateText.today(), "the acceptance made the 60 % due")
            expect(try await step(app, id, "complete", cs1, "{}"), .forbidden, "the CS manager closes it")
            expect(try await step(app, id, "complete", cs, "{}"), .ok)
            let history =
                (object(try await app.send(.GET, "/api/v1/implementations/\(id)/history", token: rep1))["items"]
                as! [[String: Any]]).map { $0["action"] as! String }
            XCTAssertEqual(
                history,
                [
                    "create", "assign", "plan", "plan", "report_obstacle", "answer_obstacle", "market_note",
                    "resolve_obstacle", "complete_milestone", "complete_milestone", "complete",
                ])
            let problems = try await store.integrityProblems()
            XCTAssertEqual(problems, [])
        }
    }

    /// Every page's file upload carries the form's CSRF token: another site's form cannot post a file into a
    /// signed-in engineer's implementation, a customer or the bid templates.
    func testPageUploadsNeedTheFormsToken() async throws {
        try await withDemoApp { app in
            let cs = try await app.login("csmanager")
            let id =
                (object(try await app.send(.GET, "/api/v1/implementations?state=in_progress", token: cs))["items"]
                as! [[String: Any]])[0]["id"] as! Int
            let (cookie, csrf) = try await self.pageLogin(app, "csmanager")
            let boundary = "frontline-test-boundary"
            func form(_ token: String?) -> [UInt8] {
                var s = ""
                if let token {
                    s += "--\(boundary)\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n\(token)\r\n"
                }
                s +=
                    "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"验收单.pdf\"\r\n\r\n%PDF-1.4\r\n--\(boundary)--\r\n"
                return Array(s.utf8)
            }
            let headers = [("Content-Type", "multipart/form-data; boundary=\(boundary)"), ("Cookie", cookie)]
            let before =
                (object(try await app.send(.GET, "/api/v1/implementations/\(id)/files", token: cs))["items"]
                as! [[String: Any]]).count
            expect(
                try await app.send(.POST, "/implementations/\(id)/files", body: form(nil), headers: headers), .forbidden
            )
            expect(
                try await app.send(.POST, "/implementations/\(id)/files", body: form("forged"), headers: headers),
                .forbidden)
            let after =
                (object(try await app.send(.GET, "/api/v1/implementations/\(id)/files", token: cs))["items"]
                as! [[String: Any]]).count
            XCTAssertEqual(after, before, "a refused upload keeps nothing")
            expect(
                try await app.send(.POST, "/implementations/\(id)/files", body: form(csrf), headers: headers), .seeOther
            )
            let (aCookie, _) = try await self.pageLogin(app, "assistant")
            let aHeaders = [("Content-Type", "multipart/form-data; boundary=\(boundary)"), ("Cookie", aCookie)]
            expect(try await app.send(.POST, "/tenders/templates", body: form(nil), headers: aHeaders), .forbidden)
            expect(
                try await app.send(.POST, "/customers/1/attachments", body: form(nil), headers: aHeaders), .forbidden)
        }
    }

    func testHomePagesListHandOffsOverdueMilestonesAndObstaclesAndThePagesRenderInBothLanguages() async throws {
        try await withDemoApp { app in
            let (csCookie, _) = try await self.pageLogin(app, "csmanager")
            let home = try await app.send(.GET, "/", headers: [("Cookie", csCookie)])
            expect(home, .ok)
            for id in ["implementations-handed", "implementations-overdue", "implementations-obstructed"] {
                XCTAssertTrue(home.body.string.contains("id=\"\(id)\""), "the CS manager's home lists \(id)")
            }
            let (repCookie, _) = try await self.pageLogin(app, "rep1")
            let repHome = try await app.send(.GET, "/", headers: [("Cookie", repCookie)]).body.string
            XCTAssertTrue(
                repHome.contains("id=\"implementations-obstructed\""), "the rep sees obstacle reports on his accounts")
            XCTAssertFalse(repHome.contains("id=\"implementations-handed\""))
            let (rep2Cookie, _) = try await self.pageLogin(app, "rep2")
            let rep2Home = try await app.send(.GET, "/", headers: [("Cookie", rep2Cookie)]).body.string
            XCTAssertFalse(rep2Home.contains("id=\"implementations-obstructed\""))
            let (managerCookie, _) = try await self.pageLogin(app, "manager")
            let managerHome = try await app.send(.GET, "/", headers: [("Cookie", managerCookie)]).body.string
            XCTAssertTrue(managerHome.contains("id=\"implementations-obstructed\""))
            let ids =
                (object(
                    try await app.send(
                        .GET, "/api/v1/implementations?limit=100", token: try await app.login("csmanager")))["items"]
                as! [[String: Any]]).map { $0["id"] as! Int }
            XCTAssertGreaterThanOrEqual(ids.count, 7)
            for id in ids {
                for lang in ["zh-CN", "en"] {
                    let res = try await app.send(
                        .GET, "/implementations/\(id)", headers: [("Cookie", csCookie), ("Accept-Language", lang)])
                    expect(res, .ok, "/implementations/\(id) \(lang)")
                    XCTAssertFalse(
                        res.body.string.contains("implementation."), "a raw catalogue key on /implementations/\(id)")
                    XCTAssertFalse(res.body.string.contains("step."), "a raw catalogue key on /implementations/\(id)")
                }
                let market = try await app.send(.GET, "/implementations/\(id)", headers: [("Cookie", managerCookie)])
                    .body.string
                XCTAssertTrue(market.contains("id=\"market-read-only\""))
            }
            for path in [
                "/implementations", "/implementations?overdue=true", "/implementations?obstructed=true",
                "/implementations/export?format=csv",
            ] {
                expect(try await app.send(.GET, path, headers: [("Cookie", csCookie)]), .ok, path)
            }
            let states = Set(
                (object(
                    try await app.send(.GET, "/api/v1/implementations?limit=100", token: try await app.login("manager"))
                )["items"] as! [[String: Any]]).map { $0["state"] as! String })
            XCTAssertEqual(states, Set(Implementation.State.allCases.map(\.rawValue)), "demo data in every state")
        }
    }
}
