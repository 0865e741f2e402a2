import Foundation
import XCTest

@testable import FrontlineCore

final class MoneyTests: XCTestCase {
    func testParsesWhatUsersType() {
        XCTAssertEqual(Money.parse("12,345.67"), Money(fen: 1_234_567))
        XCTAssertEqual(Money.parse("1.2万"), Money(fen: 1_200_000))
        XCTAssertEqual(Money.parse("¥1,000"), Money(fen: 100_000))
        XCTAssertEqual(Money.parse("-5"), Money(fen: -500))
        XCTAssertEqual(Money.parse("0.1"), Money(fen: 10))
        XCTAssertNil(Money.parse("1.234"))
        XCTAssertNil(Money.parse("abc"))
        XCTAssertNil(Money.parse(""))
        XCTAssertNil(Money.parse("1e5"))
    }

    func testThousandsSeparatorsStandOnlyBetweenThousands() {
        XCTAssertEqual(Money.parse("1,234,567.89"), Money(fen: 123_456_789))
        XCTAssertEqual(Money.parse("1，234"), Money(fen: 123_400), "the full-width comma as well")
        XCTAssertEqual(Money.parse("-12,345"), Money(fen: -1_234_500))
        XCTAssertEqual(Money.parse("1,234.5万"), Money(fen: 1_234_500_000))
        // "1,5" is no 15.00, nor "1,0,0" 100.00: refused, for the field to be named.
        for typo in ["1,5", "1,0,0", "12,34", ",123", "1,2345", "1,234,56", "1.234,56", "1,,234", "1,234.5,6"] {
            XCTAssertNil(Money.parse(typo), typo)
        }
    }

    func testFormatsWithSeparatorsAndWan() {
        XCTAssertEqual(Money(fen: 1_234_567).grouped, "12,345.67")
        XCTAssertEqual(Money(fen: -5).decimalString, "-0.05")
        XCTAssertEqual(Money(fen: 123_456_789).wan, "123.46")
    }
}

final class CreditCodeTests: XCTestCase {
    func testKnownCodes() {
        XCTAssertTrue(CreditCode.isValid("91350100M000100Y43"))
        XCTAssertFalse(CreditCode.isValid("91350100M000100Y44"))
        XCTAssertFalse(CreditCode.isValid("91350100M000100Y4"))
        XCTAssertFalse(CreditCode.isValid("91350100M000100I43"))  // I is not in the alphabet
    }

    func testInputValidatesCheckDigitAndLength() {
        XCTAssertThrowsError(try CustomerInput(name: "甲", creditCode: "123").apply(to: CustomerFields(name: ""))) { e in
            XCTAssertEqual((e as? DomainError)?.fields.first?.message.key, "credit_code.length")
        }
        XCTAssertThrowsError(
            try CustomerInput(name: "甲", creditCode: "91350100M000100Y44").apply(to: CustomerFields(name: ""))
        ) { e in
            XCTAssertEqual((e as? DomainError)?.fields.first?.message.key, "credit_code.check_digit")
        }
        let ok = try? CustomerInput(name: " 甲  公司 ", creditCode: "91350100m000100y43").apply(
            to: CustomerFields(name: ""))
        XCTAssertEqual(ok?.creditCode, "91350100M000100Y43")
        XCTAssertEqual(ok?.name, "甲 公司")
    }
}

final class CustomerRuleTests: XCTestCase {
    let rep1 = Actor(id: 4, username: "rep1", displayName: "陈伟", roles: [.salesRep], regionId: 1)
    let rep2 = Actor(id: 5, username: "rep2", displayName: "刘洋", roles: [.salesRep], regionId: 2)
    let manager = Actor(id: 2, username: "manager", displayName: "李明", roles: [.marketManager])
    let admin = Actor(id: 9, username: "admin", displayName: "admin", roles: [.admin])

    func customer(owner: Int64?) -> Customer {
        Customer(
            id: 1, name: "甲", tier: .a, industry: "", regionId: 1, ownerId: owner, status: .active, address: "",
            creditCode: nil, notes: "")
    }

    func testRepSeesOnlyHisOwn() {
        XCTAssertEqual(CustomerAccess.readScope(rep1), .ownedBy(4))
        XCTAssertTrue(CustomerAccess.canRead(rep1, customer(owner: 4)))
        XCTAssertFalse(CustomerAccess.canRead(rep2, customer(owner: 4)))
        XCTAssertFalse(CustomerAccess.canEdit(rep2, customer(owner: 4)))
        XCTAssertEqual(CustomerAccess.readScope(manager), .all)
        XCTAssertEqual(CustomerAccess.readScope(admin), .none)
        XCTAssertFalse(CustomerAccess.canCreate(admin))
    }

    func testRepsNewCustomerIsHisAndCannotBeHandedOn() throws {
        let f = try CustomerAccess.settleOwner(rep1, proposed: CustomerFields(name: "甲"), existing: nil) { $0 == 4 }
        XCTAssertEqual(f.ownerId, 4)
        XCTAssertEqual(f.regionId, 1)
        XCTAssertThrowsError(
            try CustomerAccess.settleOwner(rep1, proposed: CustomerFields(name: "甲", ownerId: 5), existing: nil) { _ in
                true
            })
        XCTAssertThrowsError(
            try CustomerAccess.settleOwner(manager, proposed: CustomerFields(name: "甲", ownerId: 2), existing: nil) {
                $0 == 4
            }
        ) { e in XCTAssertEqual((e as? DomainError)?.fields.first?.message.key, "customer.owner_not_rep") }
    }

    func testDuplicateKeyFoldsBracketsAndSpaces() {
        XCTAssertEqual(Text.matchKey("华东（上海）科技 有限公司"), Text.matchKey("华东(上海)科技有限公司 "))
    }

    func testTimesAreWrittenInChinaStandardTime() {
        XCTAssertEqual(DateText.iso8601(0), "1970-01-01T08:00:00+08:00")
        XCTAssertEqual(DateText.iso8601(1_795_962_605), "2026-11-29T22:30:05+08:00")
        XCTAssertEqual(DateText.minute(-1), "1970-01-01 07:59")
        XCTAssertEqual(DateText.day(57_599), "1970-01-01")
        XCTAssertEqual(DateText.day(57_600), "1970-01-02")
        XCTAssertEqual(DateText.parseDateTime("2026-11-29 22:30:05"), 1_795_962_605)
    }

    func testCommunicationValidation() {
        XCTAssertThrowsError(
            try CommunicationInput(kind: "fax", summary: "x").validated(customerId: 1, authorId: 1, now: 0))
        XCTAssertThrowsError(
            try CommunicationInput(kind: "call", summary: "").validated(customerId: 1, authorId: 1, now: 0))
        XCTAssertThrowsError(
            try CommunicationInput(kind: "call", summary: "x", nextStepDate: "2026-02-30").validated(
                customerId: 1, authorId: 1, now: 0))
        let m = try? CommunicationInput(
            kind: "visit", direction: "inbound", occurredAt: "2026-11-29 14:30", summary: "拜访"
        )
        .validated(customerId: 1, authorId: 1, now: 1_900_000_000)
        XCTAssertEqual(m.map { DateText.minute($0.occurredAt) }, "2026-11-29 14:30")
    }
}

final class OrganisationRuleTests: XCTestCase {
    func testApproverFollowsTheLimit() {
        let limits = AuthorityLimits([.discount: Money(yuan: 50_000)])
        XCTAssertEqual(limits.approver(for: .discount, amount: Money(yuan: 50_000)), .marketManager)
        XCTAssertEqual(limits.approver(for: .discount, amount: Money(fen: 5_000_001)), .gm)
    }

    func testUserInputRules() {
        XCTAssertThrowsError(
            try UserInput(username: "9x", displayName: "a", password: "12345678", roles: ["gm"]).apply(to: nil))
        XCTAssertThrowsError(
            try UserInput(username: "ab", displayName: "a", password: "short", roles: ["gm"]).apply(to: nil))
        XCTAssertThrowsError(
            try UserInput(username: "ab", displayName: "a", password: "12345678", roles: ["boss"]).apply(to: nil))
        XCTAssertNoThrow(
            try UserInput(username: "ab", displayName: "a", password: "good-secret-2026", roles: ["gm", "admin"]).apply(
                to: nil))
    }

    func testThrottleSlowsDownAfterThreshold() {
        let t = LoginThrottle(threshold: 5)
        let now: Int64 = 10_000
        XCTAssertNil(t.wait(failures: [now - 5, now - 4, now - 3, now - 2], now: now))
        XCTAssertEqual(t.wait(failures: [now - 5, now - 4, now - 3, now - 2, now - 1], now: now), 29)
        XCTAssertNil(t.wait(failures: [1, 2, 3, 4, 5], now: now))  // outside the window
    }

    func testLocaleNegotiation() {
        XCTAssertEqual(AppLocale.negotiate("en-US,en;q=0.9"), .en)
        XCTAssertEqual(AppLocale.negotiate("zh-CN,zh;q=0.9,en;q=0.8"), .zhCN)
        XCTAssertEqual(AppLocale.negotiate("fr"), .zhCN)
        XCTAssertEqual(AppLocale.negotiate(nil), .zhCN)
    }

    func testPagingRefusesOutOfRange() {
        XCTAssertThrowsError(
            try ListQuery.parse(limit: "0", offset: nil, sort: nil, allowedSorts: ["name"], defaultSort: "name"))
        XCTAssertThrowsError(
            try ListQuery.parse(limit: "201", offset: nil, sort: nil, allowedSorts: ["name"], defaultSort: "name"))
        XCTAssertThrowsError(
            try ListQuery.parse(limit: nil, offset: "-1", sort: nil, allowedSorts: ["name"], defaultSort: "name"))
        XCTAssertThrowsError(
            try ListQuery.parse(limit: nil, offset: nil, sort: "password", allowedSorts: ["name"], defaultSort: "name"))
        let q = try? ListQuery.parse(
            limit: "10", offset: "20", sort: "-name", allowedSorts: ["name"], defaultSort: "name")
        XCTAssertEqual(q, ListQuery(limit: 10, offset: 20, sortField: "name", descending: true))
    }
}

/// Every string a user sees exists in both languages.
final class CatalogTests: XCTestCase {
    func testEveryEntryHasBothLanguages() {
        for (key, e) in Catalog.entries {
            XCTAssertFalse(e.zh.isEmpty, "missing zh-CN for \(key)")
            XCTAssertFalse(e.en.isEmpty, "missing en for \(key)")
        }
        let keys = Catalog.table.split(separator: "\n").compactMap {
            $0.split(separator: "|").first?.trimmingCharacters(in: .whitespaces)
        }
        XCTAssertEqual(keys.count, Set(keys).count, "duplicate catalogue keys")
        XCTAssertTrue(
            Catalog.table.split(separator: "\n").allSatisfy {
                $0.split(separator: "|", omittingEmptySubsequences: false).count == 3
            })
    }

    func testEveryLabelOfEveryEnumExists() {
        var keys: [String] = Role.allCases.map(\.labelKey) + Department.allCases.map(\.labelKey)
        keys += CustomerTier.allCases.map(\.labelKey) + CustomerStatus.allCases.map(\.labelKey)
        keys += CommunicationKind.allCases.map(\.labelKey) + CommunicationDirection.allCases.map(\.labelKey)
        keys += ApprovalKind.allCases.map(\.labelKey) + AuditAction.allCases.map(\.labelKey)
        for k in keys { XCTAssertTrue(Catalog.has(k), "missing catalogue entry \(k)") }
    }

    /// Scans the sources for keys passed to the catalogue and checks each exists.
    func testEveryKeyUsedInSourcesExists() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
            .appendingPathComponent("Sources")
        let pattern = try NSRegularExpression(
            pattern:
                #"(?:\bt|Message|badRequest|Catalog\.text|FieldError\("[a-z_]+",)\(?\s*"([a-z_0-9]+\.[A-Za-z_0-9.]+)""#)
        var checked = 0
        let files = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)!
        for case let url as URL in files where url.pathExtension == "swift" {
            let text = try String(contentsOf: url, encoding: .utf8)
            for m in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                let key = String(text[Range(m.range(at: 1), in: text)!])
                XCTAssertTrue(Catalog.has(key), "\(url.lastPathComponent) uses \(key), which the catalogue lacks")
                checked += 1
            }
        }
        XCTAssertGreaterThan(checked, 100)
    }
}
