import FrontlineCore
import XCTest

/// The one search's query and terms in the pure core.
final class SearchCoreTests: XCTestCase {
    func fields(_ body: () throws -> Void) -> [String] {
        do { try body(); return [] } catch let e as DomainError {
            return e.fields.map { "\($0.field):\($0.message.key)" }
        } catch { return ["?"] }
    }

    func testAQueryIsTwoToAHundredCharactersOfKnownKinds() throws {
        XCTAssertEqual(fields { _ = try SearchQuery.parse(q: nil, kinds: nil, limit: nil) }, ["q:field.required"])
        XCTAssertEqual(fields { _ = try SearchQuery.parse(q: "  华 ", kinds: nil, limit: nil) }, ["q:search.too_short"])
        XCTAssertEqual(
            fields { _ = try SearchQuery.parse(q: String(repeating: "华", count: 101), kinds: nil, limit: nil) },
            ["q:field.too_long"])
        // Counted in scalars as sent (the fuzzer's 100 characters of combining marks were taken as fewer).
        XCTAssertEqual(
            fields {
                _ = try SearchQuery.parse(q: "a" + String(repeating: "\u{301}", count: 100), kinds: nil, limit: nil)
            }, ["q:field.too_long"])
        XCTAssertEqual(
            fields { _ = try SearchQuery.parse(q: "华为", kinds: "customer,nonsense", limit: "0") },
            ["kinds:search.kind_unknown", "limit:paging.limit"])
        let q = try SearchQuery.parse(q: " 华为  技术 ", kinds: "opportunity, customer,opportunity", limit: "5")
        XCTAssertEqual(q.text, "华为 技术")
        XCTAssertEqual(q.kinds, [.opportunity, .customer])
        XCTAssertEqual(q.limit, 5)
        XCTAssertEqual(try SearchQuery.parse(q: "华为", kinds: "", limit: "").kinds, SearchKind.allCases)
    }

    func testTermsAreTheLongestRunsOfNeighbouringCharactersSpreadOverTheKey() {
        XCTAssertEqual(SearchTerms.terms("华为技术"), ["华为技", "为技术"])
        XCTAssertEqual(SearchTerms.terms("华为"), ["华为"])
        XCTAssertEqual(SearchTerms.terms("华为技"), ["华为技"])
        XCTAssertEqual(SearchTerms.terms("aaaa"), ["aaa"])
        XCTAssertEqual(SearchTerms.terms("华"), [])
        // Five characters or more: the fives, which digits of sequential numbers seldom share.
        XCTAssertEqual(SearchTerms.terms("1300004"), ["13000", "30000", "00004"])
        XCTAssertEqual(SearchTerms.terms("aaaaaaa"), ["aaaaa"])
        let long = SearchTerms.terms("abcdefghijklmnop", max: 4)
        XCTAssertEqual(long.count, 4)
        XCTAssertEqual(long.first, "abcde")
        XCTAssertEqual(long.last, "lmnop")
        XCTAssertEqual(SearchTerms.terms("sj0000-00123").last, "00123")
        // Scalars, as the database counts characters: a flag is two of them.
        XCTAssertEqual(SearchTerms.terms("🇨🇳"), ["🇨🇳"])
        XCTAssertEqual(SearchTerms.terms("🇨🇳x"), ["🇨🇳x"])
        XCTAssertEqual(SearchTerms.terms("🇨🇳🇨🇳x"), ["🇨🇳🇨🇳x"])
    }

    func testACustomersNameIsMatchedFoldedTheOthersLowered() {
        XCTAssertEqual(SearchKind.customer.key("华东（上海） ＡＢ"), "华东(上海)ab")
        XCTAssertEqual(SearchKind.opportunity.key("SJ2026 ＡＢ"), "sj2026 ａｂ")
        XCTAssertFalse(SearchKind.customer.lowered("name_key"))
        XCTAssertTrue(SearchKind.customer.lowered("credit_code"))
        XCTAssertEqual(Set(SearchKind.allCases.map(\.code)).count, SearchKind.allCases.count)
        XCTAssertEqual(SearchHit(kind: .contact, id: 7, title: "李", customerId: 3).path, "/customers/3")
        XCTAssertEqual(SearchKind.opportunity.listPath("a&b c"), "/opportunities?q=a%26b%20c")
    }
}
