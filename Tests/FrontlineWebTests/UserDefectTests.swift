import Foundation
import FrontlineCore
import NIOCore
import Vapor
import XCTVapor
import XCTest

@testable import FrontlineStore
@testable import FrontlineWeb

/// The defects users hit when the system was tried as each demo user would (issue 9, items 11–18).
final class UserDefectTests: XCTestCase {
    func first(_ app: Application, _ token: String, _ path: String) async throws -> [String: Any]? {
        (object(try await app.send(.GET, path, token: token))["items"] as? [[String: Any]])?.first
    }

    /// Step bars mark as done what the history went through, and only that.
    /// The API document counts lengths in code points (JSON Schema's maxLength); so does every check: a skin-tone
    /// emoji is one character on screen and two code points, and 60 of them are over a limit of 100.
    func testLengthsAreCountedInCodePointsAsTheDocumentSays() async throws {
        try await withDemoApp { app in
            let manager = try await app.login("manager")
            let thumbs = String(repeating: "👍🏽", count: 60)
            XCTAssertEqual(thumbs.count, 60)
            XCTAssertEqual(thumbs.unicodeScalars.count, 120)
            let q = thumbs.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            for list in ["/api/v1/quotations", "/api/v1/contracts", "/api/v1/tenders", "/api/v1/implementations"] {
                expect(try await app.send(.GET, "\(list)?q=\(q)", token: manager), .badRequest, list)
            }
            // A comment of 1,001 accented letters written as letter + combining accent: 2,002 code points, over 2,000.
            let comment = String(repeating: "e\u{0301}", count: 1001)
            let tender =
                (object(try await app.send(.GET, "/api/v1/tenders?state=preparing", token: manager))["items"]
                as! [[String: Any]])[0]
            let res = try await app.send(
                .POST, "/api/v1/tenders/\(tender["id"]!)/cancel", token: manager, json: #"{"comment":"\#(comment)"}"#)
            XCTAssertTrue([400, 422].contains(res.status.code), res.body.string)
            let after = object(try await app.send(.GET, "/api/v1/tenders/\(tender["id"]!)", token: manager))
            XCTAssertEqual(after["state"] as? String, "preparing", "a refused step changes nothing")
        }
    }

    func testStepBarsTellTheOutcomeFromTheHistory() async throws {
        try await withDemoApp { app in
            let assistant = try await app.login("assistant")
            let (cookie, _) = try await self.pageLogin(app, "assistant")
            let declined = try await self.first(app, assistant, "/api/v1/quotations?state=declined")!
            let qPage = try await app.send(.GET, "/quotations/\(declined["id"] as! Int)", headers: [("Cookie", cookie)])
                .body.string
            XCTAssertTrue(qPage.contains("<li class=\"done\">已发送</li>"), "a declined quotation was sent")
            let lost = try await self.first(app, assistant, "/api/v1/tenders?state=lost")!
            let tPage = try await app.send(.GET, "/tenders/\(lost["id"] as! Int)", headers: [("Cookie", cookie)]).body
                .string
            XCTAssertTrue(tPage.contains("<li class=\"done\">已投标</li>"), "a lost bid was handed in")
            let effective =
                object(try await app.send(.GET, "/api/v1/contracts?state=effective&limit=50", token: assistant))[
                    "items"] as! [[String: Any]]
            var sawOneWithoutMeeting = false
            for k in effective {
                let id = k["id"] as! Int
                let history =
                    object(try await app.send(.GET, "/api/v1/contracts/\(id)/history", token: assistant))["items"]
                    as! [[String: Any]]
                guard !history.contains(where: { $0["to_state"] as? String == "awaiting_meeting" }) else { continue }
                sawOneWithoutMeeting = true
                let page = try await app.send(.GET, "/contracts/\(id)", headers: [("Cookie", cookie)]).body.string
                XCTAssertFalse(page.contains("<li class=\"done\">待评审会</li>"), "contract \(id) never went to a meeting")
                XCTAssertTrue(
                    page.contains("<li class=\"done\">评审通过</li>") || page.contains("<li class=\"done\">"),
                    "contract \(id)")
            }
            XCTAssertTrue(sawOneWithoutMeeting)
        }
    }

    /// Void and abandon cannot be undone: the API needs the reason, the page asks to confirm.
    func testIrreversibleStepsNeedAReasonAndAConfirmation() async throws {
        try await withDemoApp { app in
            let assistant = try await app.login("assistant")
            let (cookie, _) = try await self.pageLogin(app, "assistant")
            let draftQ = try await self.first(app, assistant, "/api/v1/quotations?state=draft")!
            let qid = draftQ["id"] as! Int
            expect(
                try await app.send(.POST, "/api/v1/quotations/\(qid)/cancel", token: assistant, json: "{}"),
                .unprocessableEntity)
            expect(
                try await app.send(
                    .POST, "/api/v1/quotations/\(qid)/cancel", token: assistant, json: #"{"comment":"  "}"#),
                .unprocessableEntity)
            let page = try await app.send(.GET, "/quotations/\(qid)", headers: [("Cookie", cookie)]).body.string
            XCTAssertTrue(page.contains("value=\"cancel\" data-confirm="), "the void button asks to confirm")
            expect(
                try await app.send(
                    .POST, "/api/v1/quotations/\(qid)/cancel", token: assistant, json: #"{"comment":"客户取消项目"}"#), .ok)
            let draftK = try await self.first(app, assistant, "/api/v1/contracts?state=draft")!
            expect(
                try await app.send(
                    .POST, "/api/v1/contracts/\(draftK["id"] as! Int)/cancel", token: assistant, json: "{}"),
                .unprocessableEntity)
            let kPage = try await app.send(.GET, "/contracts/\(draftK["id"] as! Int)", headers: [("Cookie", cookie)])
                .body.string
            XCTAssertTrue(kPage.contains("data-confirm="))
            let prep = try await self.first(app, assistant, "/api/v1/tenders?state=preparing")!
            expect(
                try await app.send(.POST, "/api/v1/tenders/\(prep["id"] as! Int)/cancel", token: assistant, json: "{}"),
                .unprocessableEntity)
        }
    }

    /// Contracts: the source by its number, the automatic conclusion credited to the system with the opinion as people
    /// read it, and no edit page once the draft is past.
    func testContractPagesSayWhatHappenedAndEffectiveOnesCannotBeEdited() async throws {
        try await withDemoApp { app in
            let assistant = try await app.login("assistant")
            let (cookie, _) = try await self.pageLogin(app, "assistant")
            let effective =
                object(try await app.send(.GET, "/api/v1/contracts?state=effective&limit=50", token: assistant))[
                    "items"] as! [[String: Any]]
            let fromQuote = effective.first { $0["source_kind"] as? String == "quotation" } ?? effective[0]
            let id = fromQuote["id"] as! Int
            let page = try await app.send(.GET, "/contracts/\(id)", headers: [("Cookie", cookie)]).body.string
            if fromQuote["source_kind"] as? String == "quotation" {
                XCTAssertFalse(page.contains("报价单 #"), "the source is named by its number")
                XCTAssertTrue(page.range(of: "报价单 Q20[0-9]{2}-[0-9]{4} v[0-9]+", options: .regularExpression) != nil)
            }
            let history =
                object(try await app.send(.GET, "/api/v1/contracts/\(id)/history", token: assistant))["items"]
                as! [[String: Any]]
            XCTAssertFalse(history.contains { ($0["comment"] as? String ?? "").hasPrefix("approve") }, "\(history)")
            if let concluded = history.first(where: {
                ["conclude", "to_meeting"].contains($0["action"] as? String ?? "")
            }) {
                XCTAssertEqual(concluded["actor_name"] as? String, "系统（自动）")
            }
            XCTAssertTrue(history.contains { ($0["comment"] as? String ?? "").hasPrefix("同意") })
            let edit = try await app.send(.GET, "/contracts/\(id)/edit", headers: [("Cookie", cookie)])
            XCTAssertEqual(edit.status, .conflict)
            XCTAssertFalse(edit.body.string.contains("name=\"amount\""))
            let sentQ = try await self.first(app, assistant, "/api/v1/quotations?state=sent")!
            expect(
                try await app.send(.GET, "/quotations/\(sentQ["id"] as! Int)/edit", headers: [("Cookie", cookie)]),
                .conflict)
        }
    }

    /// Markup is markup; who-asks refusals are 403 with the right record named; finance has no dead template link;
    /// amounts are number cells in Excel and right-aligned on the page.
    func testPagesShowMarkupLinksLeadSomewhereAndAmountsAreNumbers() async throws {
        try await withDemoApp { app in
            let assistant = try await app.login("assistant"), rep2 = try await app.login("rep2")
            let (cookie, _) = try await self.pageLogin(app, "assistant")
            var passed = try await self.first(app, assistant, "/api/v1/tenders?state=assembled")
            if passed == nil { passed = try await self.first(app, assistant, "/api/v1/tenders?state=submitted") }
            let shown = passed!
            let page = try await app.send(.GET, "/tenders/\(shown["id"] as! Int)", headers: [("Cookie", cookie)]).body
                .string
            XCTAssertFalse(page.contains("&lt;span class=&quot;badge"), "the 已入包 badge is markup, not text")
            XCTAssertTrue(
                page.contains("<span class=\"badge ok\">已入包</span>"), "an assembled bid marks its chosen versions")
            let inReview = try await self.first(app, assistant, "/api/v1/tenders?state=in_review")!
            let refused = try await app.send(
                .POST, "/api/v1/tenders/\(inReview["id"] as! Int)/review", token: assistant,
                json: #"{"opinion":"approve"}"#)
            if refused.status != .ok {
                XCTAssertEqual(refused.status, .forbidden, refused.body.string)
                XCTAssertTrue(refused.body.string.contains("标书"), refused.body.string)
                XCTAssertFalse(refused.body.string.contains("合同"), refused.body.string)
            }
            _ = rep2
            let (fin, _) = try await self.pageLogin(app, "finance")
            let tenders =
                object(try await app.send(.GET, "/api/v1/tenders?limit=1", token: try await app.login("finance")))[
                    "items"] as! [[String: Any]]
            let finPage = try await app.send(.GET, "/tenders/\(tenders[0]["id"] as! Int)", headers: [("Cookie", fin)])
                .body.string
            XCTAssertFalse(finPage.contains("href=\"/tenders/templates\""), "finance may not read the templates")
            for path in ["/", "/tenders", "/contracts", "/quotations"] {
                let p = try await app.send(.GET, path, headers: [("Cookie", fin)]).body.string
                XCTAssertFalse(p.contains("href=\"/tenders/templates\""), path)
            }
            // Excel: an amount is a number cell.
            let xlsx = try await app.send(.GET, "/api/v1/contracts/export?format=xlsx", token: assistant)
            XCTAssertEqual(xlsx.status, .ok)
            let css = try await app.send(.GET, "/static/app.css").body.string
            XCTAssertTrue(css.contains("table.data td.num"), "the .num rule wins over the table's left alignment")
            XCTAssertEqual(TableExport.cell("12345.67").isNumber, true)
            XCTAssertEqual(TableExport.cell("-0.50").isNumber, true)
            XCTAssertEqual(TableExport.cell("13800138000").isNumber, false)
            XCTAssertEqual(TableExport.cell("0123.45").isNumber, false)
            XCTAssertEqual(TableExport.cell("2026-12-01").isNumber, false)
            XCTAssertEqual(TableExport.cell("13%").isNumber, false)
        }
    }

    /// Customer Service reads the customer and contacts of what was handed to it — from the contract and tender
    /// pages' links — and changes nothing; a customer with nothing handed over stays out of its sight.
    func testCustomerServiceReadsTheCustomersHandedToIt() async throws {
        try await withDemoApp { app in
            let cs1 = try await app.login("cs1"), manager = try await app.login("manager")
            let contracts =
                object(try await app.send(.GET, "/api/v1/contracts?limit=50", token: cs1))["items"] as! [[String: Any]]
            XCTAssertFalse(contracts.isEmpty)
            let cid = contracts[0]["customer_id"] as! Int
            expect(try await app.send(.GET, "/api/v1/customers/\(cid)", token: cs1), .ok)
            let contacts = try await app.send(.GET, "/api/v1/customers/\(cid)/contacts", token: cs1)
            expect(contacts, .ok)
            XCTAssertFalse((object(contacts)["items"] as? [Any] ?? []).isEmpty)
            let add = try await app.send(
                .POST, "/api/v1/customers/\(cid)/contacts", token: cs1, json: #"{"name":"王工"}"#)
            XCTAssertTrue([403, 404].contains(add.status.code), add.body.string)
            let (cookie, _) = try await self.pageLogin(app, "cs1")
            let page = try await app.send(
                .GET, "/contracts/\(contracts[0]["id"] as! Int)", headers: [("Cookie", cookie)]
            ).body.string
            XCTAssertTrue(page.contains("href=\"/customers/\(cid)\""))
            expect(try await app.send(.GET, "/customers/\(cid)", headers: [("Cookie", cookie)]), .ok)
            // A new customer with nothing handed over: not found, and not in the list.
            let fresh = object(
                try await app.send(
                    .POST, "/api/v1/customers", token: manager, json: #"{"name":"未移交测试有限公司","tier":"C"}"#))
            expect(try await app.send(.GET, "/api/v1/customers/\(fresh["id"] as! Int)", token: cs1), .notFound)
            let listed =
                object(try await app.send(.GET, "/api/v1/customers?limit=200", token: cs1))["items"] as! [[String: Any]]
            XCTAssertFalse(listed.contains { $0["id"] as? Int == fresh["id"] as? Int })
            XCTAssertTrue(listed.contains { $0["id"] as? Int == cid })
        }
    }

    /// The demo files each prospect under its own province's region.
    func testDemoProspectsAreInTheirRegions() async throws {
        try await withDemoApp { app in
            let gm = try await app.login("gm")
            let list =
                object(try await app.send(.GET, "/api/v1/customers?limit=200", token: gm))["items"] as! [[String: Any]]
            XCTAssertEqual(
                list.first { ($0["name"] as? String ?? "").hasPrefix("广州") }?["region_name"] as? String, "华南")
            XCTAssertEqual(
                list.first { ($0["name"] as? String ?? "").hasPrefix("成都") }?["region_name"] as? String, "西南")
        }
    }
}

extension XLSX.Cell {
    var isNumber: Bool { if case .number = self { true } else { false } }
}
