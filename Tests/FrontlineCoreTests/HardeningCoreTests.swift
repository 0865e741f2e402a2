import Foundation
import XCTest

@testable import FrontlineCore

/// The rules issue 9's review found loose: amounts past any meaning, rounding, look-alike names, file names,
/// passwords and the sign-in throttle's address rule. Each test fails on the code before its fix.
final class HardeningCoreTests: XCTestCase {
    /// A fixed-seed generator, so a failure can be replayed.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    func product(_ price: Money, cost: Money = .zero, tax: Int = 13) -> Product {
        Product(
            id: 1, code: "BIG", name: "大件", unit: "套", listPrice: price, floorPrice: .zero, cost: cost, taxRate: tax)
    }

    /// Random large values at every money computation: nothing traps, and what passes the ceiling is a 422.
    func testNoMoneyComputationTrapsOnRandomLargeValues() throws {
        var rng = SplitMix(state: 20261201)
        let extremes: [Int64] = [
            .max, .min, .max - 1, .min + 1, 0, 1, -1, Money.ceiling.fen, Money.ceiling.fen + 1, -Money.ceiling.fen,
        ]
        for round in 0..<3_000 {
            let a = round < extremes.count ? extremes[round] : Int64.random(in: .min ... .max, using: &rng)
            let b = Int64.random(in: .min ... .max, using: &rng)
            let m = Money(fen: a), n = Money(fen: b)
            // Formatting and plain arithmetic never trap (they saturate).
            _ = m.decimalString; _ = m.grouped; _ = m.wan; _ = m.chineseUppercase
            _ = m + n; _ = m - n; _ = Money(yuan: a)
            _ = m.scaled(Int128(b), 10_000); _ = Money.total([m, n, m])
            XCTAssertEqual(Money.parse(m.decimalString).map { $0.withinCeiling } ?? true, true)
            _ = Rate.apply(Int.random(in: 0...10_000, using: &rng), to: a)
            // A quotation of up to 200 lines of random prices and quantities: valid, or a field error — never a trap.
            let price = Money(fen: Int64.random(in: 0...Money.ceiling.fen, using: &rng))
            let products = [
                Int64(1): product(price, cost: Money(fen: price.fen / 2), tax: Int.random(in: 0...17, using: &rng))
            ]
            let lines = (0..<Int.random(in: 1...200, using: &rng)).map { _ in
                QuotationInput.Line(
                    productId: "1", quantity: String(Int.random(in: 1...10_000_000, using: &rng)),
                    discount: String(Int.random(in: 0...99, using: &rng)))
            }
            let base = Quotation(customerId: 1, ownerId: 1, title: "t", validUntil: "2099-01-01")
            do {
                let q = try QuotationInput(title: "大单", validUntil: "2099-01-01", lines: lines).apply(
                    to: base, products: products, today: "2026-12-01")
                let t = q.totals
                XCTAssertTrue(t.gross.withinCeiling && t.list.withinCeiling)
                XCTAssertEqual(t.gross, t.net + t.tax)
            } catch {
                XCTAssertEqual(error.fields.first?.message.key, "amount.too_large")
            }
            // Contracts: amount, cost, tax rate and up to 24 milestones of random amounts.
            let ms = (0..<Int.random(in: 1...24, using: &rng)).map { _ in
                ContractInput.Milestone(
                    name: "期", amount: Money(fen: Int64.random(in: 1...Money.ceiling.fen, using: &rng)).decimalString,
                    due: "")
            }
            let amount = Money(fen: Int64.random(in: 1...Money.ceiling.fen, using: &rng))
            if let k = try? ContractInput(
                amount: amount.decimalString, costEstimate: price.decimalString, milestones: ms, taxRate: "13"
            )
            .apply(to: Contract(customerId: 1, ownerId: 1, title: "合同")) {
                XCTAssertEqual(k.milestoneTotal, k.amount)
                _ = k.profit; _ = k.netAmount
            }
            let standard = ContractInput.standardMilestones(amount)
            XCTAssertEqual(Money.total(standard.map(\.amount)), amount)
        }
    }

    func testTheIssuesQuotationThatEndedTheServerIsAFieldError() {
        // 200 lines × 10,000,000 of a product priced 50,000,000.
        let products = [Int64(1): product(Money(yuan: 50_000_000))]
        let lines = Array(repeating: QuotationInput.Line(productId: "1", quantity: "10000000"), count: 200)
        XCTAssertThrowsError(
            try QuotationInput(title: "t", validUntil: "2099-01-01", lines: lines)
                .apply(
                    to: Quotation(customerId: 1, ownerId: 1, title: "t", validUntil: "2099-01-01"), products: products,
                    today: "2026-12-01")
        ) { e in
            XCTAssertEqual((e as? DomainError)?.fields.first?.message.key, "amount.too_large")
        }
        XCTAssertNil(Money.parse("10000000000.01"))
        XCTAssertEqual(Money.parse("10000000000"), Money.ceiling)
    }

    func testAmountsRoundHalfUpAsInvoicesDo() {
        // 10.10 less 15 %: 8.585 → 8.59 (四舍五入), not 8.58.
        let l = QuoteLine(
            productId: 1, code: "P", name: "p", unit: "个", quantity: Quantity.parse("1")!, listPrice: Money(fen: 1010),
            discount: 1500,
            taxRate: 13, floorPrice: .zero, cost: .zero)
        XCTAssertEqual(l.unitPrice, Money(fen: 859))
        // A line whose amount is not a whole fen: 0.35 × 3.33 = 1.1655 → 1.17; VAT 13 % of 1.17 = 0.1521 → 0.15.
        let odd = QuoteLine(
            productId: 1, code: "P", name: "p", unit: "个", quantity: Quantity.parse("3.33")!, listPrice: Money(fen: 35),
            discount: 0,
            taxRate: 13, floorPrice: .zero, cost: .zero)
        XCTAssertEqual(odd.netAmount, Money(fen: 117))
        XCTAssertEqual(odd.taxAmount, Money(fen: 15))
        XCTAssertEqual(Money(fen: 5).scaled(1, 10), Money(fen: 1))
        XCTAssertEqual(Money(fen: -5).scaled(1, 10), Money(fen: -1))
        XCTAssertEqual(Money(fen: 4_999).wan, "0.00")
        XCTAssertEqual(Money(fen: 5_000).wan, "0.01")
    }

    func testContractProfitIsNetOfVATAndUnknownWithoutACost() throws {
        // ¥113,000 including 13 % VAT is ¥100,000 net; cost ¥60,000 → profit ¥40,000, not ¥53,000.
        var k = Contract(
            customerId: 1, ownerId: 1, title: "合同", amount: Money(yuan: 113_000), costEstimate: Money(yuan: 60_000))
        XCTAssertEqual(k.netAmount, Money(yuan: 100_000))
        XCTAssertEqual(k.profit, Money(yuan: 40_000))
        k.costEstimate = nil
        XCTAssertNil(k.profit, "an unknown cost is no profit at all, not the whole amount")
        // At 6 % (services).
        let s = try ContractInput(amount: "106000", costEstimate: "", taxRate: "6").apply(
            to: Contract(customerId: 1, ownerId: 1, title: "服务"))
        XCTAssertEqual(s.netAmount, Money(yuan: 100_000))
        XCTAssertNil(s.costEstimate)
        XCTAssertThrowsError(try ContractInput(taxRate: "100").apply(to: k))
        XCTAssertThrowsError(try ContractInput(taxRate: "abc").apply(to: k))
        // From a quotation: its own rate.
        let t = QuoteTotals([
            QuoteLine(
                productId: 1, code: "S", name: "服务", unit: "人天", quantity: Quantity.parse("10")!,
                listPrice: Money(yuan: 1_000), discount: 0,
                taxRate: 6, floorPrice: .zero, cost: Money(yuan: 400))
        ])
        XCTAssertEqual(Contract.taxRate(of: t), 600)
    }

    /// Each class of look-alike the review found folds to the same key as the plain name.
    func testLookAlikeNamesShareTheirDuplicateKey() {
        let plain = Text.matchKey("上海浦江智能制造有限公司（浦东）2026")
        for variant in [
            "上海浦江\u{200B}智能制造有限公司（浦东）2026",  // zero-width space
            "上海浦江\u{00AD}智能制造有限公司（浦东）2026",  // soft hyphen
            "上海浦江\u{200D}智能制造有限公司（浦东）2026",  // zero-width joiner
            "\u{FEFF}上海浦江智能制造有限公司（浦东）2026",  // BOM
            "上海浦江智能制造有限公司（浦东）２０２６",  // full-width digits
            "上海浦江智能制造有限公司【浦东】2026", "上海浦江智能制造有限公司〔浦东〕2026", "上海浦江智能制造有限公司[浦东]2026",
            "上海浦江智能制造有限公司(浦东)2026", " 上海浦江 智能制造有限公司（浦东） 2026 ", "上海浦江\u{202E}智能制造有限公司（浦东）2026",
        ] {
            XCTAssertEqual(
                Text.matchKey(variant), plain,
                variant.unicodeScalars.map { String($0.value, radix: 16) }.joined(separator: " "))
        }
        XCTAssertEqual(Text.matchKey("ＡＢＣ科技"), Text.matchKey("abc科技"))
        XCTAssertNotEqual(Text.matchKey("上海浦江智能制造有限公司"), Text.matchKey("上海浦西智能制造有限公司"))
        // What is kept is cleaned too: no invisible characters in a stored name.
        XCTAssertEqual(Text.clean("上海\u{200B}浦江\u{202E}"), "上海浦江")
    }

    func testFileNamesAreCleanedOfReorderingAndWindowsReservedCharacters() throws {
        XCTAssertEqual(try FileKinds.cleanName("合同\u{202E}fdp.exe"), "合同fdp.exe")
        XCTAssertEqual(try FileKinds.cleanName("a\u{200B}b\u{2066}c.pdf"), "abc.pdf")
        XCTAssertEqual(try FileKinds.cleanName("报价<1>:2|3?4*5\".docx"), "报价_1__2_3_4_5_.docx")
        XCTAssertEqual(try FileKinds.cleanName("C:\\tmp\\技术标.pdf "), "技术标.pdf")
        XCTAssertEqual(try FileKinds.cleanName("说明.txt. . "), "说明.txt")
        XCTAssertEqual(try FileKinds.cleanName("a\u{85}b\u{9F}.txt"), "ab.txt")
        XCTAssertThrowsError(try FileKinds.cleanName("\u{202E}\u{200B}"))
        // Inside a tender package, names stored before this rule are cleaned when the archive is written.
        let f = TenderFile(
            tenderId: 1, part: .commercial, version: 1, note: "",
            file: Attachment(
                id: 1, entity: "tender", entityId: 1, name: "商务<标>?.pdf", contentType: "application/pdf", size: 1,
                sha256: "x", uploadedBy: 1))
        XCTAssertFalse(TenderPackage.path(f).dropFirst(6).contains { "<>:\"|?*\\".contains($0) }, TenderPackage.path(f))
        let t = Tender(customerId: 1, ownerId: 1, title: "项目<一>|二?", deadline: 0)
        XCTAssertFalse(TenderPackage.fileName(t).contains { "<>:\"|?*\\/".contains($0) })
    }

    func testWeakPasswordsAreRefused() {
        for (weak, key) in [
            ("12345678", "user.password_length"), ("password", "user.password_length"),
            ("        ", "user.password_blank"),
            ("frontline", "user.password_length"), ("1234567890", "user.password_common"),
            ("password123", "user.password_common"),
            ("aaaaaaaaaaaa", "user.password_common"), ("abcdefghijk", "user.password_common"),
            ("wu.tao-2026x", "user.password_username"),
            ("WU.TAO-secret", "user.password_username"), ("          ", "user.password_blank"),
            (String(repeating: "密", count: 25), "user.password_bytes"),
            (String(repeating: "x1", count: 37), "user.password_bytes"),
        ] {
            XCTAssertEqual(Password.problem(weak, username: "wu.tao"), key, weak)
            XCTAssertThrowsError(
                try UserInput(username: "wu.tao", displayName: "吴涛", password: weak, roles: ["sales_rep"]).apply(
                    to: nil))
        }
        XCTAssertNil(Password.problem("frontline2026", username: "rep1"))
        XCTAssertNil(Password.problem("绿色的山丘-2026", username: "rep1"))
        XCTAssertNil(
            Password.problem("correct horse battery staple, and then some more words to reach 72 b", username: "rep1"))
        XCTAssertTrue(Password.fitsBcrypt(String(repeating: "a", count: 72)))
        XCTAssertFalse(Password.fitsBcrypt(String(repeating: "a", count: 73)))
    }

    func testAnAddressOverItsAllowanceStillLetsInAUserWhoIsNotUnderAttack() {
        let t = LoginThrottle(threshold: 5)
        // Twenty people behind one proxy each mistyped once: the address is over, yet a correct password of a user
        // with no failures of his own goes in.
        XCTAssertFalse(
            t.addressRefuses(distinctFailedNames: 20, knownUser: true, userFailures: 0, passwordCorrect: true))
        XCTAssertTrue(
            t.addressRefuses(distinctFailedNames: 20, knownUser: true, userFailures: 0, passwordCorrect: false))
        XCTAssertTrue(
            t.addressRefuses(distinctFailedNames: 20, knownUser: false, userFailures: 0, passwordCorrect: false))
        XCTAssertTrue(
            t.addressRefuses(distinctFailedNames: 20, knownUser: true, userFailures: 2, passwordCorrect: true))
        XCTAssertFalse(
            t.addressRefuses(distinctFailedNames: 19, knownUser: false, userFailures: 0, passwordCorrect: false))
    }
}
