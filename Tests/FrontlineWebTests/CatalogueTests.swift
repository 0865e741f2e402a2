@testable import FrontlineCore
import FrontlineStore
import Vapor
import XCTVapor
import XCTest

@testable import FrontlineWeb

/// The record catalogue: what every kind declared once gets from the one registrar — the same filters read by the
/// list API, its export and its page, the export named in the reader's language, the list page's refusal of a filter
/// it does not understand.
final class CatalogueTests: XCTestCase {
    /// Every kind's list and export take the same filters, documented as the registrar reads them.
    func testEveryKindsListAndExportShareTheirDeclaredFilters() {
        let lists = OpenAPI.operations.filter { $0.method == "GET" }
        for kind in Route.Records.allCases {
            guard let list = lists.first(where: { $0.path == "/" + kind.path }),
                let export = lists.first(where: { $0.path == "/" + kind.path + "/export" })
            else { continue }
            let filters = Set(list.query.map(\.name)).subtracting(["limit", "offset", "sort"])
            XCTAssertEqual(Set(export.query.map(\.name)).subtracting(["format"]), filters, kind.path)
        }
    }

    func testAnExportIsNamedInTheReadersLanguageAndTheListRefusesWhatItDoesNotUnderstand() async throws {
        try await withDemoApp { app in
            let manager = try await app.login("manager")
            let zh = try await app.send(.GET, "/api/v1/gifts/export?format=csv", token: manager)
            expect(zh, .ok)
            let disposition = zh.headers.first(name: .contentDisposition) ?? ""
            XCTAssertTrue(disposition.contains("filename*=UTF-8''%E9%A6%88%E8%B5%A0%E7%99%BB%E8%AE%B0-"), disposition)
            XCTAssertFalse(disposition.contains("gifts.csv"), disposition)
            let en = try await app.send(
                .GET, "/api/v1/gifts/export?format=xlsx", token: manager, headers: [("Accept-Language", "en")])
            XCTAssertTrue(
                (en.headers.first(name: .contentDisposition) ?? "").contains("filename*=UTF-8''Gift%20register-"),
                en.headers.description)
            // The API refuses every bad filter at once, each by name; the page shows the list without them and says so.
            let bad = try await app.send(
                .GET, "/api/v1/complaints?state=nope&customer_id=x&from=2026-13-45", token: manager)
            expect(bad, .badRequest)
            for field in ["state", "customer_id", "from"] {
                XCTAssertTrue(bad.body.string.contains(#""field":"\#(field)""#), field)
            }
            let (cookie, _) = try await self.pageLogin(app, "manager")
            let page = try await app.send(.GET, "/complaints?state=nope&severity=high", headers: [("Cookie", cookie)])
            expect(page, .ok)
            XCTAssertTrue(page.body.string.contains("以下筛选条件无效"), "the refused filter is named")
            XCTAssertTrue(page.body.string.contains("<option value=\"high\" selected>"), "the understood one is kept")
            XCTAssertTrue(
                page.body.string.contains("/complaints/export?severity=high&amp;format=csv")
                    || page.body.string.contains("/complaints/export?severity=high&format=csv"))
        }
    }

    /// Home puts what waits for the reader first: a rep's next steps before his work and his figures.
    func testHomePutsTheRepsNextStepsFirstAndHisFiguresLast() async throws {
        try await withDemoApp { app in
            for user in ["rep1", "manager"] {
                let (cookie, _) = try await self.pageLogin(app, user)
                let home = try await app.send(.GET, "/", headers: [("Cookie", cookie)]).body.string
                guard
                    let steps = home.range(of: "home.waiting")
                        ?? home.range(of: Catalog.text("home.waiting", [:], .zhCN)),
                    let figures = home.range(of: "id=\"home-figures\"")
                else { return XCTFail("\(user): next steps and figures both shown") }
                XCTAssertLessThan(steps.lowerBound, figures.lowerBound, user)
                if let work = home.range(of: "id=\"my-work\"") {
                    XCTAssertLessThan(steps.lowerBound, work.lowerBound, user)
                }
                if let first = home.range(of: "<h2>") {
                    XCTAssertEqual(
                        first.lowerBound, home.range(of: "<h2>\(Catalog.text("home.waiting", [:], .zhCN))")?.lowerBound,
                        user)
                }
            }
        }
    }

    /// After a save the page it leads to says what happened, once: a step names itself, any other save says 已保存.
    func testASaveSaysWhatHappenedOnTheNextPageOnce() async throws {
        try await withDemoApp { app in
            let (cookie, csrf) = try await self.pageLogin(app, "rep1")
            let form = [("Cookie", cookie), ("Content-Type", "application/x-www-form-urlencoded")]
            let made = try await app.send(
                .POST, "/gifts", body: Array("_csrf=\(csrf)&customer_id=&description=x&value=10".utf8), headers: form)
            XCTAssertEqual(made.status, .unprocessableEntity, "a refusal is no save: no message")
            XCTAssertNil(made.headers.setCookie?[Pages.noticeCookie])
            let customers = try await app.send(.GET, "/api/v1/customers", token: try await app.login("rep1"))
            let customer = (object(customers)["items"] as! [[String: Any]])[0]["id"] as! Int
            let saved = try await app.send(
                .POST, "/gifts",
                body: Array(
                    "_csrf=\(csrf)&customer_id=\(customer)&kind=gift&description=%E8%8C%B6%E5%8F%B6&value=100".utf8),
                headers: form)
            XCTAssertEqual(saved.status, .seeOther, saved.body.string)
            let notice = try XCTUnwrap(saved.headers.setCookie?[Pages.noticeCookie]).string
            let next = try await app.send(
                .GET, saved.headers.first(name: .location)!,
                headers: [("Cookie", "\(cookie); \(Pages.noticeCookie)=\(notice)")])
            XCTAssertTrue(next.body.string.contains("id=\"notice\">已保存</div>"), next.body.string)
            XCTAssertEqual(next.headers.setCookie?[Pages.noticeCookie]?.string, "", "shown once")
            // A step names itself: the assistant hands the gift over.
            let (office, officeCSRF) = try await self.pageLogin(app, "assistant")
            let id = saved.headers.first(name: .location)!.split(separator: "/").last!
            let page = try await app.send(.GET, "/gifts/\(id)", headers: [("Cookie", office)]).body.string
            let version = String(
                page[try XCTUnwrap(page.range(of: "name=\"version\" value=\"")).upperBound...].prefix { $0 != "\"" })
            let stepped = try await app.send(
                .POST, "/gifts/\(id)/act",
                body: Array("_csrf=\(officeCSRF)&action=hand_over&version=\(version)&date=\(DateText.today())".utf8),
                headers: [("Cookie", office), ("Content-Type", "application/x-www-form-urlencoded")])
            XCTAssertEqual(stepped.status, .seeOther, stepped.body.string)
            let text = try XCTUnwrap(stepped.headers.setCookie?[Pages.noticeCookie]?.string.removingPercentEncoding)
            XCTAssertEqual(text, "已完成：" + Catalog.text("process.gift.action.hand_over", [:], .zhCN))
        }
    }

    /// The ledger and the quotation list filter by owner and date on the page and the API alike, and total the amount
    /// of every row that matched under the amount column; a rep sees no profit column.
    func testTheLedgerAndQuotationsFilterByOwnerAndDateAndTotalTheirAmounts() async throws {
        try await withDemoApp { app in
            let manager = try await app.login("manager")
            let store = Store(database: app.db)
            let all = try await store.contracts(
                ContractFilter(), ListQuery(limit: 200, sortField: "id"),
                for: try await store.users().first { $0.username == "manager" }!.actor)
            let owner = all.items[0].contract.ownerId
            let his = all.items.filter { $0.contract.ownerId == owner }
            let api = try await app.send(.GET, "/api/v1/contracts?owner_id=\(owner)&sort=-amount", token: manager)
            expect(api, .ok)
            XCTAssertTrue(api.body.string.contains(#""total":\#(his.count)"#), api.body.string)
            let bad = try await app.send(.GET, "/api/v1/contracts?signed_from=2026-02-30&owner_id=0", token: manager)
            expect(bad, .badRequest)
            XCTAssertTrue(bad.body.string.contains(#""field":"signed_from""#))
            XCTAssertTrue(bad.body.string.contains(#""field":"owner_id""#))
            let (cookie, _) = try await self.pageLogin(app, "manager")
            let page = try await app.send(.GET, "/contracts?owner_id=\(owner)", headers: [("Cookie", cookie)])
            expect(page, .ok)
            let sum = his.reduce(Money.zero) { $0 + $1.contract.amount }
            XCTAssertTrue(page.body.string.contains("<td class=\"num\" data-total>\(sum.grouped)"), "the total of his")
            XCTAssertTrue(page.body.string.contains("name=\"signed_from\""))
            XCTAssertTrue(page.body.string.contains("<option value=\"\(owner)\" selected>"))
            let quotes = try await app.send(.GET, "/quotations?to=2999-12-31", headers: [("Cookie", cookie)])
            expect(quotes, .ok)
            XCTAssertTrue(quotes.body.string.contains("data-total"))
            XCTAssertTrue(quotes.body.string.contains("name=\"from\""))
            // Opportunities total every stage's amount from the kept totals.
            let opportunities = try await app.send(.GET, "/opportunities?stage=won", headers: [("Cookie", cookie)])
            expect(opportunities, .ok)
            let won = try await store.stageTotals(
                OpportunityFilter(stage: .won), for: try await store.users().first { $0.username == "manager" }!.actor)
            let wonSum = Money.total(won.map(\.amount)) ?? .zero
            XCTAssertTrue(opportunities.body.string.contains("data-total>\(wonSum.grouped)<"), "the won total")
            let (repCookie, _) = try await self.pageLogin(app, "rep1")
            let mine = try await app.send(.GET, "/contracts", headers: [("Cookie", repCookie)])
            expect(mine, .ok)
            XCTAssertFalse(mine.body.string.contains("利润"), "a rep sees no profit")
        }
    }

    /// A record's steps look as what they do: one that cannot be undone is marked and asks first, one that goes
    /// back is drawn apart with ↩ and asks; a step whose own words are its text has no second comment box.
    func testStepsThatCloseOrGoBackLookDifferentAndOwnWordsNeedNoSecondBox() async throws {
        try await withDemoApp { app in
            let rep = try await app.login("rep1"), manager = try await app.login("manager")
            let made = try await app.send(
                .POST, "/api/v1/leads", token: rep, json: #"{"company":"步骤样式测试公司","contact_name":"赵"}"#)
            expect(made, .created)
            let id = (object(made)["lead"] as! [String: Any])["id"] as! Int
            let (cookie, _) = try await self.pageLogin(app, "rep1")
            let page = try await app.send(.GET, "/leads/\(id)", headers: [("Cookie", cookie)]).body.string
            XCTAssertTrue(
                page.contains(#"class="btn primary final" type="submit" name="action" value="qualify" data-confirm"#),
                "qualifying closes the lead: marked, asked")
            XCTAssertTrue(page.contains(#"class="btn primary" type="submit" name="action" value="follow_up">"#))
            let forms = page.components(separatedBy: "<form class=\"card stack step-form\"").dropFirst()
            let followUp = try XCTUnwrap(forms.first { $0.contains("value=\"follow_up\"") })
            XCTAssertTrue(followUp.contains("name=\"text\""))
            XCTAssertFalse(followUp.contains("name=\"comment\""), "its text is its words: no 意见 beside 内容")
            let discarded = try await app.send(
                .POST, "/api/v1/leads/\(id)/discard", token: rep, json: #"{"reason":"没有预算"}"#)
            expect(discarded, .ok)
            let (office, _) = try await self.pageLogin(app, "manager")
            _ = manager
            let again = try await app.send(.GET, "/leads/\(id)", headers: [("Cookie", office)]).body.string
            XCTAssertTrue(
                again.contains(
                    #"class="btn back" type="submit" name="action" value="reopen" data-confirm="这一步会把记录退回到之前的状态"#),
                again)
            XCTAssertTrue(again.contains("↩ "))
        }
    }

    /// A picker's choice names its record by `#id` at the end; the search behind it answers only what the reader
    /// may read.
    func testAPickerSendsTheIdItsChoiceNamesAndSearchesOnlyWhatTheReaderReads() async throws {
        XCTAssertEqual(Input.picked("上海浦江智能制造有限公司 #12"), "12")
        XCTAssertEqual(Input.picked("12"), "12")
        XCTAssertEqual(Input.picked("没有编号的名称"), "没有编号的名称")
        XCTAssertEqual(Input.picked("#１２"), "#１２", "full-width digits are no id")
        try await withDemoApp { app in
            let (rep, _) = try await self.pageLogin(app, "rep1")
            let (manager, _) = try await self.pageLogin(app, "manager")
            let store = Store(database: app.db)
            let users = try await store.users()
            let rep2 = users.first { $0.username == "rep2" }!
            let other = try await store.customers(
                CustomerFilter(ownerId: rep2.id), ListQuery(limit: 1, sortField: "name"),
                for: users.first { $0.username == "manager" }!.actor
            ).items[0].customer
            let q = String(other.name.prefix(6)).addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            let seen = try await app.send(.GET, "/search/pick?kind=customer&q=\(q)", headers: [("Cookie", manager)])
            expect(seen, .ok)
            XCTAssertTrue(seen.body.string.contains("#\(other.id)\""), seen.body.string)
            let hidden = try await app.send(.GET, "/search/pick?kind=customer&q=\(q)", headers: [("Cookie", rep)])
            expect(hidden, .ok)
            XCTAssertFalse(hidden.body.string.contains("#\(other.id)\""), "another rep's customer is not offered")
            let short = try await app.send(.GET, "/search/pick?kind=customer&q=x", headers: [("Cookie", manager)])
            XCTAssertEqual(short.body.string, "[]")
            let form = try await app.send(.GET, "/gifts/new", headers: [("Cookie", rep)]).body.string
            XCTAssertTrue(form.contains("data-pick=\"customer\""))
            XCTAssertTrue(form.contains("<datalist id=\"f-customer_id-list\"><option value=\""))
        }
    }

    /// A refused step marks only its own form: the field of the same name in another step's form stays clean.
    func testARefusalMarksOnlyTheFormOfTheStepSent() async throws {
        try await withDemoApp { app in
            let req = Request(
                application: app, method: .POST, url: "/service-requests/1/act",
                headers: ["Content-Type": "application/x-www-form-urlencoded"],
                collectedBody: ByteBuffer(string: "action=resolve&text="), on: app.eventLoopGroup.next())
            let offers: [ProcessOffer<ServiceRequestProcess>] = [
                ProcessOffer(action: .log, input: [.text, .date, .hours], needsReason: false),
                ProcessOffer(action: .resolve, input: [.text], needsReason: false),
            ]
            let html = ProcessPages.forms(
                req, ServiceRequestProcess.self, route: "service-requests", id: 1, version: 1, offers: offers,
                errors: [FieldError("text", "field.required")]
            ).raw
            let forms = html.components(separatedBy: "<form ").dropFirst()
            let log = try XCTUnwrap(forms.first { $0.contains("value=\"log\"") })
            let resolve = try XCTUnwrap(forms.first { $0.contains("value=\"resolve\"") })
            XCTAssertTrue(resolve.contains("id=\"text-error\""), resolve)
            XCTAssertFalse(log.contains("id=\"text-error\""), "the other form is not marked")
        }
    }
}
