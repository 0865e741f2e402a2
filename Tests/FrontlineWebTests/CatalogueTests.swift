import FrontlineCore
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
}
