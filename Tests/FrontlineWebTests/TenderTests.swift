import Foundation
import FrontlineCore
import FrontlineStore
import XCTVapor
import XCTest

@testable import FrontlineWeb

/// Tenders as SPEC §3.1 describes them, through the API, with the people the design names.
final class TenderTests: XCTestCase {
    func post(_ app: Application, _ path: String, _ token: String, _ json: String = "{}") async throws
        -> XCTHTTPResponse
    {
        try await app.send(.POST, path, token: token, json: json)
    }

    func upload(_ app: Application, _ id: Int, _ part: String, _ name: String, _ token: String, _ text: String)
        async throws -> XCTHTTPResponse
    {
        let encoded = name.addingPercentEncoding(
            withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: ".")))!
        return try await app.send(
            .POST, "/api/v1/tenders/\(id)/files?filename=\(encoded)&part=\(part)&note=v", token: token,
            body: Array(text.utf8),
            headers: [("Content-Type", "application/octet-stream")])
    }

    func userId(_ app: Application, _ token: String, _ username: String) async throws -> Int {
        let list = object(try await app.send(.GET, "/api/v1/users", token: token))
        return (list["items"] as! [[String: Any]]).first { $0["username"] as? String == username }!["id"] as! Int
    }

    func rep1Customer(_ app: Application, _ token: String) async throws -> Int {
        let list = object(try await app.send(.GET, "/api/v1/customers?limit=1", token: token))
        return (list["items"] as! [[String: Any]])[0]["id"] as! Int
    }

    func testATenderIsWrittenByItsOwnersReviewedAssembledSubmittedAndWonIntoAContract() async throws {
        try await withDemoApp { app in
            let assistant = try await app.login("assistant"), manager = try await app.login("manager"),
                cs1 = try await app.login("cs1")
            let rep1 = try await app.login("rep1"), rep2 = try await app.login("rep2"),
                csm = try await app.login("csmanager")
            let finance = try await app.login("finance")
            let managerId = try await self.userId(app, assistant, "manager"),
                cs1Id = try await self.userId(app, assistant, "cs1")
            let customer = try await self.rep1Customer(app, rep1)
            // Opened by the Market Department with the facts of the notice; a past deadline is refused.
            let past = try await self.post(
                app, "/api/v1/tenders", assistant,
                #"{"customer_id":\#(customer),"title":"平台","tender_no":"ZB-1","deadline":"2020-01-01 09:00"}"#)
            expect(past, .unprocessableEntity)
            XCTAssertTrue(past.body.string.contains("tender.deadline_past"))
            expect(
                try await self.post(
                    app, "/api/v1/tenders", rep2,
                    #"{"customer_id":\#(customer),"title":"平台","tender_no":"ZB-1","deadline":"2999-01-01 09:00"}"#),
                .unprocessableEntity)
            let made = try await self.post(
                app, "/api/v1/tenders", rep1,
                #"{"customer_id":\#(customer),"title":"营销平台","tender_no":"ZB-2026-9","deadline":"2999-01-01 09:30","bid_amount":"250000","deposit_amount":5000}"#
            )
            expect(made, .created)
            var t = object(made)
            let id = t["id"] as! Int
            XCTAssertEqual(t["state"] as? String, "preparing")
            XCTAssertEqual(t["deposit"] as? String, "unpaid")
            XCTAssertEqual(t["deadline"] as? String, "2999-01-01T09:30:00+08:00")
            XCTAssertFalse((t["buyer"] as! String).isEmpty, "the buyer defaults to the customer")
            // Another rep and an unassigned engineer do not see it; the CS manager does, and assigns the technical bid.
            expect(try await app.send(.GET, "/api/v1/tenders/\(id)", token: rep2), .notFound)
            expect(try await app.send(.GET, "/api/v1/tenders/\(id)", token: cs1), .notFound)
            expect(
                try await self.post(app, "/api/v1/tenders/\(id)/assign", assistant, #"{"engineer_id":\#(cs1Id)}"#),
                .forbidden)
            expect(
                try await self.post(app, "/api/v1/tenders/\(id)/assign", csm, #"{"engineer_id":\#(managerId)}"#),
                .unprocessableEntity)
            t = object(try await self.post(app, "/api/v1/tenders/\(id)/assign", csm, #"{"engineer_id":\#(cs1Id)}"#))
            XCTAssertEqual(t["engineer_name"] as? String, "孙磊")
            expect(try await app.send(.GET, "/api/v1/tenders/\(id)", token: cs1), .ok)
            // Each part by its owner, in versions.
            expect(try await self.upload(app, id, "technical", "技术方案.pdf", assistant, "x"), .forbidden)
            expect(try await self.upload(app, id, "commercial", "商务标.pdf", cs1, "x"), .forbidden)
            expect(try await self.upload(app, id, "commercial", "商务标.pdf", rep1, "x"), .forbidden)
            expect(try await self.upload(app, id, "nonsense", "商务标.pdf", assistant, "x"), .badRequest)
            // The query is read strictly, even when a form carries the part: each field once and well-formed.
            let twice = try await app.send(
                .POST, "/api/v1/tenders/\(id)/files?filename=a.pdf&filename=b.pdf&part=commercial", token: assistant,
                body: [1],
                headers: [("Content-Type", "application/octet-stream")])
            expect(twice, .badRequest)
            let boundary = "frontline-test-boundary"
            let form =
                "--\(boundary)\r\nContent-Disposition: form-data; name=\"part\"\r\n\r\ncommercial\r\n--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n\r\nx\r\n--\(boundary)--\r\n"
            let mixed = try await app.send(
                .POST, "/api/v1/tenders/\(id)/files?part=null", token: assistant, body: Array(form.utf8),
                headers: [("Content-Type", "multipart/form-data; boundary=\(boundary)")])
            expect(mixed, .badRequest)
            // A byte above 0x7F in a part's header name traps MultipartKit; it is refused before parsing (found by fuzzing).
            var trap = Array(
                "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\nX".utf8)
            trap += [0xC3, 0xA9] + Array(": 1\r\n\r\nx\r\n--\(boundary)--\r\n".utf8)
            for path in [
                "/api/v1/tenders/\(id)/files?part=commercial", "/api/v1/customers/\(customer)/attachments",
                "/api/v1/customers/import",
            ] {
                let res = try await app.send(
                    .POST, path, token: assistant, body: trap,
                    headers: [("Content-Type", "multipart/form-data; boundary=\(boundary)")])
                XCTAssertEqual(res.status, .badRequest, path)
            }
            // A file name in UTF-8 in the header's value is fine.
            let utf8Name =
                "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"商务标.pdf\"\r\n\r\nx\r\n--\(boundary)--\r\n"
            let named = try await app.send(
                .POST, "/api/v1/tender-templates", token: assistant, body: Array(utf8Name.utf8),
                headers: [("Content-Type", "multipart/form-data; boundary=\(boundary)")])
            expect(named, .created)
            XCTAssertEqual(object(named)["name"] as? String, "商务标.pdf")
            expect(try await self.upload(app, id, "commercial", "商务标.pdf", assistant, "商务标 第一版"), .created)
            expect(try await self.upload(app, id, "technical", "技术方案.pdf", cs1, "技术方案"), .created)
            // Not every part written yet: the review cannot open.
            let missing = try await self.post(
                app, "/api/v1/tenders/\(id)/open_review", assistant, #"{"reviewers":[\#(managerId),\#(cs1Id)]}"#)
            expect(missing, .conflict)
            XCTAssertTrue(missing.body.string.contains("标准报价 还没有上传文件"), missing.body.string)
            expect(try await self.upload(app, id, "quotation", "报价表.xlsx", assistant, "报价"), .created)
            let second = try await self.upload(app, id, "commercial", "商务标.pdf", assistant, "商务标 第二版")
            XCTAssertEqual(object(second)["version"] as? Int, 2)
            // Customer Service must be among the reviewers.
            expect(
                try await self.post(
                    app, "/api/v1/tenders/\(id)/open_review", assistant, #"{"reviewers":[\#(managerId)]}"#), .conflict)
            expect(
                try await self.post(
                    app, "/api/v1/tenders/\(id)/open_review", rep1, #"{"reviewers":[\#(managerId),\#(cs1Id)]}"#),
                .forbidden)
            t = object(
                try await self.post(
                    app, "/api/v1/tenders/\(id)/open_review", assistant, #"{"reviewers":[\#(managerId),\#(cs1Id)]}"#))
            XCTAssertEqual(t["state"] as? String, "in_review")
            // Files are locked during the review.
            expect(try await self.upload(app, id, "commercial", "商务标.pdf", assistant, "偷偷改"), .conflict)
            // A rejection sends the bid back with the reason; it is reviewed again after the change.
            expect(
                try await self.post(app, "/api/v1/tenders/\(id)/review", cs1, #"{"opinion":"reject"}"#),
                .unprocessableEntity)
            expect(
                try await self.post(
                    app, "/api/v1/tenders/\(id)/review", cs1, #"{"opinion":"reject","comment":"偏离表缺失"}"#), .ok)
            expect(try await self.post(app, "/api/v1/tenders/\(id)/review", cs1, #"{"opinion":"approve"}"#), .conflict)
            t = object(try await self.post(app, "/api/v1/tenders/\(id)/review", manager, #"{"opinion":"approve"}"#))
            XCTAssertEqual(t["state"] as? String, "preparing")
            expect(try await self.upload(app, id, "technical", "技术方案.pdf", cs1, "技术方案 补偏离表"), .created)
            _ = try await self.post(
                app, "/api/v1/tenders/\(id)/open_review", assistant, #"{"reviewers":[\#(managerId),\#(cs1Id)]}"#)
            expect(try await self.post(app, "/api/v1/tenders/\(id)/review", cs1, #"{"opinion":"approve"}"#), .ok)
            t = object(
                try await self.post(
                    app, "/api/v1/tenders/\(id)/review", manager,
                    #"{"opinion":"approve_with_conditions","comment":"注意工期"}"#))
            XCTAssertEqual(t["state"] as? String, "passed")
            // The assistant assembles the chosen versions; the package is one archive with a cover and index.
            expect(try await self.post(app, "/api/v1/tenders/\(id)/submit", assistant), .conflict)
            expect(try await self.post(app, "/api/v1/tenders/\(id)/assemble", manager), .forbidden)
            expect(
                try await self.post(
                    app, "/api/v1/tenders/\(id)/assemble", assistant, #"{"versions":{"commercial":9}}"#),
                .unprocessableEntity)
            t = object(
                try await self.post(app, "/api/v1/tenders/\(id)/assemble", assistant, #"{"versions":{"commercial":1}}"#)
            )
            let package = t["package"] as! [String: Any]
            XCTAssertEqual(package["versions"] as? [String: Int], ["commercial": 1, "quotation": 1, "technical": 2])
            let zip = try await app.send(.GET, "/api/v1/tenders/\(id)/package", token: rep1)
            expect(zip, .ok)
            XCTAssertEqual(zip.headers.contentType?.description, "application/zip")
            let bytes = String(decoding: Data(buffer: zip.body), as: UTF8.self)
            XCTAssertTrue(bytes.contains("商务标 第一版"), "the chosen version, not the latest")
            XCTAssertFalse(bytes.contains("商务标 第二版"))
            XCTAssertTrue(bytes.contains("技术方案 补偏离表"))
            XCTAssertTrue(bytes.contains("00-封面与目录.html"))
            XCTAssertTrue(bytes.contains("贰拾伍万元整"))
            // Deposit by finance; then submitted before the deadline.
            expect(try await self.post(app, "/api/v1/tenders/\(id)/pay_deposit", rep1), .forbidden)
            t = object(
                try await self.post(app, "/api/v1/tenders/\(id)/pay_deposit", finance, #"{"date":"2026-11-20"}"#))
            XCTAssertEqual(t["deposit"] as? String, "paid")
            XCTAssertEqual(t["deposit_paid_on"] as? String, "2026-11-20")
            t = object(try await self.post(app, "/api/v1/tenders/\(id)/submit", assistant, #"{"comment":"现场递交"}"#))
            XCTAssertEqual(t["state"] as? String, "submitted")
            // Won: a contract draft opens from it, for the bid price.
            expect(try await self.post(app, "/api/v1/tenders/\(id)/win", rep1), .forbidden)
            t = object(try await self.post(app, "/api/v1/tenders/\(id)/win", manager))
            XCTAssertEqual(t["state"] as? String, "won")
            let contractId = t["contract_id"] as! Int
            let k = object(try await app.send(.GET, "/api/v1/contracts/\(contractId)", token: assistant))
            XCTAssertEqual(k["source_kind"] as? String, "tender")
            XCTAssertEqual(k["source_id"] as? Int, id)
            XCTAssertEqual(k["amount"] as? String, "250000.00")
            XCTAssertEqual(k["state"] as? String, "draft")
            expect(
                try await self.post(app, "/api/v1/tenders/\(id)/lose", manager, #"{"reason":"x","winner":"y"}"#),
                .conflict)
            // Decided with the deposit still out: finance's home page asks for it back.
            let (cookie, _) = try await self.pageLogin(app, "finance")
            let home = try await app.send(.GET, "/", headers: [("Cookie", cookie)])
            XCTAssertTrue(home.body.string.contains("待退回的投标保证金（¥5,000.00）"))
            expect(try await self.post(app, "/api/v1/tenders/\(id)/refund_deposit", finance), .ok)
            let after = try await app.send(.GET, "/", headers: [("Cookie", cookie)])
            XCTAssertFalse(after.body.string.contains("待退回的投标保证金"))
            // Every step is in the history and the audit log.
            let history =
                object(try await app.send(.GET, "/api/v1/tenders/\(id)/history", token: assistant))["items"]
                as! [[String: Any]]
            let actions = history.map { $0["action"] as! String }
            for a in [
                "create", "assign", "upload", "open_review", "review", "return", "pass", "assemble", "pay_deposit",
                "submit", "win", "refund_deposit",
            ] {
                XCTAssertTrue(actions.contains(a), a)
            }
            let audit = object(
                try await app.send(
                    .GET, "/api/v1/audit?entity=tender&entity_id=\(id)", token: try await app.login("gm")))
            XCTAssertGreaterThan(audit["total"] as! Int, 10)
        }
    }

    func testALateBidIsRefusedAndALossKeepsItsReasonAndTheWinner() async throws {
        try await withDemoApp { app in
            let assistant = try await app.login("assistant"), manager = try await app.login("manager")
            let store = Store(database: app.db)
            let actor = try await store.users().first { $0.username == "assistant" }!.actor
            let t = try await store.tenders(TenderFilter(state: .passed), for: actor).items.map(\.tender).first {
                !$0.packageSha.isEmpty
            }!
            // At or after the deadline the submission is refused, with the deadline in the message.
            do {
                _ = try await store.actOnTender(
                    id: t.id, .submit, TenderStepInput(), version: nil,
                    folder: FileFolder(app.services.config.filesDir), by: actor, now: t.deadline)
                XCTFail("late submission accepted")
            } catch let e as DomainError {
                XCTAssertEqual(e.message.key, "tender.late")
                XCTAssertTrue(e.message.text(.zhCN).contains(DateText.minute(t.deadline)))
            }
            let unchanged = try await store.tender(id: t.id, for: actor)!.tender
            XCTAssertEqual(unchanged.state, .passed)
            XCTAssertEqual(unchanged.version, t.version)
            // A loss needs the reason and the winner.
            let submitted = try await store.tenders(TenderFilter(state: .submitted), for: actor).items[0].tender
            let bad = try await self.post(app, "/api/v1/tenders/\(submitted.id)/lose", manager, #"{"reason":"价格高"}"#)
            expect(bad, .unprocessableEntity)
            XCTAssertTrue(bad.body.string.contains("winner"))
            let lost = object(
                try await self.post(
                    app, "/api/v1/tenders/\(submitted.id)/lose", assistant,
                    #"{"reason":"价格分落后","winner":"某厂商","winning_amount":"300000","version":\#(submitted.version)}"#))
            XCTAssertEqual(lost["state"] as? String, "lost")
            XCTAssertEqual(lost["winner"] as? String, "某厂商")
            XCTAssertEqual(lost["winning_amount"] as? String, "300000.00")
            // A stale version is refused.
            expect(
                try await self.post(
                    app, "/api/v1/tenders/\(submitted.id)/refund_deposit", assistant, #"{"version":1}"#), .conflict)
            // A deadline extension moves it; a closed tender no longer changes.
            let open = try await store.tenders(TenderFilter(state: .preparing), for: actor).items[0].tender
            let moved = try await app.send(
                .PATCH, "/api/v1/tenders/\(open.id)", token: assistant,
                json: #"{"deadline":"2999-03-01 10:00","version":\#(open.version)}"#)
            expect(moved, .ok)
            XCTAssertEqual(object(moved)["deadline"] as? String, "2999-03-01T10:00:00+08:00")
            expect(
                try await app.send(
                    .PATCH, "/api/v1/tenders/\(submitted.id)", token: assistant,
                    json: #"{"title":"x","version":\#(submitted.version + 1)}"#), .conflict)
        }
    }

    func testDemoTendersCoverEveryStateTheListFiltersAndExportsAndHomePagesRemind() async throws {
        try await withDemoApp { app in
            let assistant = try await app.login("assistant")
            let all =
                object(try await app.send(.GET, "/api/v1/tenders?limit=200", token: assistant))["items"]
                as! [[String: Any]]
            XCTAssertEqual(Set(all.map { $0["state"] as! String }), Set(Tender.State.allCases.map(\.rawValue)))
            XCTAssertEqual(Set(all.map { $0["deposit"] as! String }), Set(Tender.Deposit.allCases.map(\.rawValue)))
            let due =
                object(try await app.send(.GET, "/api/v1/tenders?due_within_days=3", token: assistant))["items"]
                as! [[String: Any]]
            XCTAssertEqual(due.count, 2)
            XCTAssertTrue(due.allSatisfy { $0["deadline_near"] as? Bool == true })
            expect(try await app.send(.GET, "/api/v1/tenders?state=nope", token: assistant), .badRequest)
            let csv = try await app.send(.GET, "/api/v1/tenders/export?format=csv&state=lost", token: assistant)
            expect(csv, .ok)
            XCTAssertTrue(csv.body.string.contains("某国际 CRM 厂商"))
            // rep2 sees his own customers' tenders only; admin none.
            let rep2 = object(try await app.send(.GET, "/api/v1/tenders?limit=200", token: try await app.login("rep2")))
            XCTAssertLessThan(rep2["total"] as! Int, all.count)
            expect(try await app.send(.GET, "/api/v1/tenders", token: try await app.login("admin")), .forbidden)
            // The owners' home pages carry the deadlines within three days; the GM's does not.
            for (user, sees) in [("assistant", true), ("rep1", true), ("cs1", true), ("gm", false)] {
                let (cookie, _) = try await self.pageLogin(app, user)
                let home = try await app.send(.GET, "/", headers: [("Cookie", cookie)])
                XCTAssertEqual(home.body.string.contains("id=\"tenders-due\""), sees, user)
                // cs1 is named on the tender in review and has not answered yet.
                XCTAssertEqual(home.body.string.contains("/tenders?state=in_review"), user == "cs1", user)
            }
        }
    }

    func testPagesRenderInBothLanguagesAndTheCoverCarriesOnlyItsOwnStyle() async throws {
        try await withDemoApp { app in
            let (cookie, csrf) = try await self.pageLogin(app, "assistant")
            for id in 1...10 {
                for lang in ["zh-CN", "en"] {
                    let res = try await app.send(
                        .GET, "/tenders/\(id)", headers: [("Cookie", cookie), ("Accept-Language", lang)])
                    expect(res, .ok, "/tenders/\(id) \(lang)")
                    XCTAssertFalse(res.body.string.contains("tender."), "a raw catalogue key on /tenders/\(id)")
                }
            }
            for path in ["/tenders", "/tenders/new", "/tenders/1/edit", "/tenders?due_within_days=3"] {
                expect(try await app.send(.GET, path, headers: [("Cookie", cookie)]), .ok, path)
            }
            let cover = try await app.send(.GET, "/tenders/5/cover", headers: [("Cookie", cookie)])
            expect(cover, .ok)
            XCTAssertTrue(cover.body.string.contains("投标文件"))
            XCTAssertTrue(cover.headers.first(name: "Content-Security-Policy")?.contains("style-src 'sha256-") ?? false)
            // The page form opens a tender and keeps the values on an error.
            let bad = try await app.send(
                .POST, "/tenders",
                body: Array("_csrf=\(csrf)&customer_id=1&title=%E5%B9%B3%E5%8F%B0&tender_no=&deadline=".utf8),
                headers: [("Cookie", cookie), ("Content-Type", "application/x-www-form-urlencoded")])
            expect(bad, .unprocessableEntity)
            XCTAssertTrue(bad.body.string.contains("value=\"平台\""))
            let good = try await app.send(
                .POST, "/tenders",
                body: Array(
                    "_csrf=\(csrf)&customer_id=1&title=%E5%B9%B3%E5%8F%B0&tender_no=ZB-9&deadline=2999-01-01T09%3A30&deposit_amount=3000"
                        .utf8),
                headers: [("Cookie", cookie), ("Content-Type", "application/x-www-form-urlencoded")])
            expect(good, .seeOther)
            let location = good.headers.first(name: .location) ?? ""
            XCTAssertTrue(location.hasPrefix("/tenders/"))
            let page = try await app.send(.GET, location, headers: [("Cookie", cookie)])
            XCTAssertTrue(page.body.string.contains("2999-01-01 09:30"))
            XCTAssertTrue(
                page.body.string.contains("enctype=\"multipart/form-data\""),
                "the assistant uploads the commercial bid here")
        }
    }

    func testTheAssistantKeepsTheBidTemplatesForEveryoneWhoWritesBids() async throws {
        try await withDemoApp { app in
            let assistant = try await app.login("assistant"), rep1 = try await app.login("rep1"),
                cs1 = try await app.login("cs1")
            let finance = try await app.login("finance")
            let demo = object(try await app.send(.GET, "/api/v1/tender-templates", token: cs1))
            XCTAssertEqual(demo["total"] as? Int, 3)
            let up = try await app.send(
                .POST, "/api/v1/tender-templates?filename=%E5%B0%81%E9%9D%A2%E6%A0%B7%E5%BC%8F.docx", token: assistant,
                body: Array("封面".utf8),
                headers: [("Content-Type", "application/octet-stream")])
            expect(up, .created)
            let id = object(up)["id"] as! Int
            expect(
                try await app.send(
                    .POST, "/api/v1/tender-templates?filename=x.docx", token: rep1, body: [1],
                    headers: [("Content-Type", "application/octet-stream")]),
                .forbidden)
            expect(try await app.send(.GET, "/api/v1/tender-templates", token: finance), .forbidden)
            let file = try await app.send(.GET, "/api/v1/attachments/\(id)", token: rep1)
            expect(file, .ok)
            XCTAssertEqual(file.body.string, "封面")
            expect(try await app.send(.DELETE, "/api/v1/attachments/\(id)", token: rep1), .forbidden)
            expect(try await app.send(.DELETE, "/api/v1/attachments/\(id)", token: assistant), .ok)
            let after = object(try await app.send(.GET, "/api/v1/tender-templates", token: rep1))
            XCTAssertEqual(after["total"] as? Int, 3)
            let (cookie, _) = try await self.pageLogin(app, "assistant")
            let page = try await app.send(.GET, "/tenders/templates", headers: [("Cookie", cookie)])
            expect(page, .ok)
            XCTAssertTrue(page.body.string.contains("技术标模板.docx"))
            XCTAssertTrue(page.body.string.contains("enctype=\"multipart/form-data\""))
        }
    }
}
