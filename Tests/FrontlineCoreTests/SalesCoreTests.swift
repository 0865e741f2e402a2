import Foundation
import XCTest

@testable import FrontlineCore

final class SalesCoreTests: XCTestCase {
    let rep1 = Actor(id: 4, username: "rep1", displayName: "陈伟", roles: [.salesRep])
    let manager = Actor(id: 2, username: "manager", displayName: "李明", roles: [.marketManager])
    let assistant = Actor(id: 3, username: "assistant", displayName: "张丽", roles: [.businessAssistant])
    let gm = Actor(id: 1, username: "gm", displayName: "王建国", roles: [.gm])
    let cs = Actor(id: 7, username: "cs1", displayName: "孙磊", roles: [.csEngineer])

    func line(list: Int64, qty: String, discount: Int, floor: Int64 = 0, tax: Int = 13) -> QuoteLine {
        QuoteLine(
            productId: 1, code: "P", name: "产品", unit: "套", quantity: Quantity.parse(qty)!, listPrice: Money(fen: list),
            discount: discount,
            taxRate: tax, floorPrice: Money(fen: floor), cost: Money(fen: list / 2))
    }

    func testLineAndTotalArithmeticIsExactToTheFen() {
        // 1,234.56 × 3 at 7.5 % off: unit 1,141.97 (1,234.56 − 92.592 → 92.59), net 3,425.91, VAT 13 % 445.37.
        let l = line(list: 123_456, qty: "3", discount: 750)
        XCTAssertEqual(l.unitPrice, Money(fen: 114_197))
        XCTAssertEqual(l.netAmount, Money(fen: 342_591))
        XCTAssertEqual(l.taxAmount, Money(fen: 44_537))
        let half = line(list: 280_000, qty: "0.5", discount: 0, tax: 6)
        XCTAssertEqual(half.netAmount, Money(fen: 140_000))
        XCTAssertEqual(half.taxAmount, Money(fen: 8_400))
        let t = QuoteTotals([l, half])
        XCTAssertEqual(t.list, Money(fen: 370_368 + 140_000))
        XCTAssertEqual(t.net, Money(fen: 482_591))
        XCTAssertEqual(t.discount, t.list - t.net)
        XCTAssertEqual(t.gross, t.net + t.tax)
        // Large amounts stay exact up to the ceiling (Int128 intermediates); past it the line does not fit.
        let large = line(list: 99_999_999, qty: "8000", discount: 1)
        XCTAssertEqual(large.listAmount, Money(fen: 799_999_992_000))
        XCTAssertTrue(QuoteTotals.fit([large]))
        let big = line(list: 99_999_999_999_99, qty: "9999.99", discount: 1)
        XCTAssertFalse(QuoteTotals.fit([big]))
    }

    func testQuantitiesAndRatesParseAsPeopleTypeThem() {
        XCTAssertEqual(Quantity.parse("2")?.hundredths, 200)
        XCTAssertEqual(Quantity.parse("0.5")?.text, "0.5")
        XCTAssertNil(Quantity.parse("0"))
        XCTAssertNil(Quantity.parse("1.234"))
        XCTAssertNil(Quantity.parse("-1"))
        XCTAssertEqual(Rate.parsePercent("12.5%"), 1_250)
        XCTAssertEqual(Rate.parsePercent(""), 0)
        XCTAssertNil(Rate.parsePercent("101"))
        XCTAssertEqual(Rate.text(1_250), "12.5%")
    }

    func testAmountInChineseWords() {
        XCTAssertEqual(Money(fen: 123_456_789).chineseUppercase, "壹佰贰拾叁万肆仟伍佰陆拾柒元捌角玖分")
        XCTAssertEqual(Money(fen: 10_000_000).chineseUppercase, "壹拾万元整")
        XCTAssertEqual(Money(fen: 1_000_550).chineseUppercase, "壹万零伍元伍角整")
        XCTAssertEqual(Money(fen: 100_000_100).chineseUppercase, "壹佰万零壹元整")
        XCTAssertEqual(Money(fen: 5).chineseUppercase, "伍分")
        XCTAssertEqual(Money(fen: 0).chineseUppercase, "零元整")
    }

    func testApprovalsAreRoutedByTheLimitsAndNeverSelfApproved() throws {
        let limits = AuthorityLimits.defaults
        let small = try ApprovalRequest.raise(
            kind: .discount, amount: Money(yuan: 50_000), subject: "quotation", subjectId: 1, title: "Q",
            reason: "竞争激烈", by: rep1,
            limits: limits, limitsVersion: 1, now: 0)
        XCTAssertEqual(small.approverRole, .marketManager)
        XCTAssertEqual(small.limitInForce, Money(yuan: 50_000))
        let big = try ApprovalRequest.raise(
            kind: .discount, amount: Money(fen: 5_000_000_01), subject: "quotation", subjectId: 1, title: "Q",
            reason: "竞争激烈", by: rep1,
            limits: limits, limitsVersion: 1, now: 0)
        XCTAssertEqual(big.approverRole, .gm)
        XCTAssertThrowsError(
            try ApprovalRequest.raise(
                kind: .discount, amount: .zero, subject: "q", subjectId: 1, title: "", reason: "", by: rep1,
                limits: limits, limitsVersion: 1, now: 0))
        // The manager decides within his limit, the GM anything; nobody his own request; others nothing.
        XCTAssertEqual(
            try ProcessEngine.step(
                ApprovalProcess.self, from: .pending, action: .approve, subject: small, actor: manager
            ).to, .approved)
        XCTAssertEqual(
            try ProcessEngine.step(ApprovalProcess.self, from: .pending, action: .approve, subject: small, actor: gm)
                .to, .approved)
        XCTAssertThrowsError(
            try ProcessEngine.step(ApprovalProcess.self, from: .pending, action: .approve, subject: big, actor: manager)
        ) {
            XCTAssertEqual(($0 as! DomainError).message.key, "approval.above_limit")
        }
        var own = small
        own.requestedBy = manager.id
        XCTAssertThrowsError(
            try ProcessEngine.step(ApprovalProcess.self, from: .pending, action: .approve, subject: own, actor: manager)
        ) {
            XCTAssertEqual(($0 as! DomainError).message.key, "approval.own_request")
        }
        XCTAssertThrowsError(
            try ProcessEngine.step(ApprovalProcess.self, from: .pending, action: .approve, subject: small, actor: rep1)
        ) {
            XCTAssertEqual(($0 as! DomainError).kind, .forbidden)
            XCTAssertEqual(($0 as! DomainError).message.key, "process.role")
        }
        XCTAssertThrowsError(
            try ProcessEngine.step(ApprovalProcess.self, from: .approved, action: .reject, subject: small, actor: gm)
        ) {
            XCTAssertEqual(($0 as! DomainError).kind, .conflict)
            XCTAssertEqual(($0 as! DomainError).message.key, "process.not_now")
        }
        XCTAssertEqual(
            try ProcessEngine.step(ApprovalProcess.self, from: .pending, action: .withdraw, subject: small, actor: rep1)
                .to, .withdrawn)
        XCTAssertThrowsError(
            try ProcessEngine.step(
                ApprovalProcess.self, from: .pending, action: .withdraw, subject: small, actor: assistant))
    }

    func testQuotationStepsFollowTheTable() throws {
        let today = DateText.today()
        var q = Quotation(customerId: 1, ownerId: rep1.id, title: "项目", validUntil: "2999-12-31")
        let empty = QuotationProcess.Subject(q, standardDiscount: 1_000)
        XCTAssertThrowsError(
            try ProcessEngine.step(QuotationProcess.self, from: .draft, action: .send, subject: empty, actor: rep1)
        ) {
            XCTAssertEqual(($0 as! DomainError).message.key, "quotation.no_lines")
        }
        q.lines = [line(list: 100_000, qty: "1", discount: 500, floor: 80_000)]
        let within = QuotationProcess.Subject(q, standardDiscount: 1_000)
        XCTAssertEqual(
            ProcessEngine.available(QuotationProcess.self, from: .draft, subject: within, actor: rep1),
            [.send, .cancel])
        XCTAssertThrowsError(
            try ProcessEngine.step(QuotationProcess.self, from: .draft, action: .submit, subject: within, actor: rep1)
        ) {
            XCTAssertEqual(($0 as! DomainError).message.key, "quotation.no_approval_needed")
        }
        q.lines = [line(list: 100_000, qty: "1", discount: 1_500, floor: 80_000)]
        let over = QuotationProcess.Subject(q, standardDiscount: 1_000)
        XCTAssertEqual(
            ProcessEngine.available(QuotationProcess.self, from: .draft, subject: over, actor: rep1),
            [.submit, .cancel])
        XCTAssertThrowsError(
            try ProcessEngine.step(QuotationProcess.self, from: .draft, action: .send, subject: over, actor: rep1)
        ) {
            XCTAssertEqual(($0 as! DomainError).message.key, "quotation.needs_approval")
        }
        // Under the floor needs approval even within the standard discount.
        q.lines = [line(list: 100_000, qty: "1", discount: 500, floor: 99_000)]
        XCTAssertEqual(q.approvalReasons(standardDiscount: 1_000).map(\.key), ["quotation.below_floor"])
        // Customer Service takes no step; an expired quotation cannot go out.
        XCTAssertTrue(ProcessEngine.available(QuotationProcess.self, from: .draft, subject: within, actor: cs).isEmpty)
        var old = within
        old.quotation.validUntil = "2000-01-01"
        XCTAssertLessThan(old.quotation.validUntil, today)
        XCTAssertThrowsError(
            try ProcessEngine.step(QuotationProcess.self, from: .approved, action: .send, subject: old, actor: rep1))
        XCTAssertEqual(
            try ProcessEngine.step(
                QuotationProcess.self, from: .sent, action: .revise, subject: within, actor: assistant
            ).to, .superseded)
    }

    func testEveryStateAndActionOfEveryProcessHasBothLanguages() {
        func check<P: ProcessDefinition>(_ p: P.Type) {
            for s in P.State.allCases {
                XCTAssertTrue(Catalog.has("process.\(P.name).state.\(s.rawValue)"), "\(P.name) state \(s.rawValue)")
            }
            for a in P.Action.allCases {
                XCTAssertTrue(Catalog.has("process.\(P.name).action.\(a.rawValue)"), "\(P.name) action \(a.rawValue)")
            }
        }
        check(ApprovalProcess.self)
        check(QuotationProcess.self)
        check(ContractProcess.self)
        check(TenderProcess.self)
        let m = Message(
            "process.role",
            ["action": "@process.quotation.action.send", "roles": "@role.sales_rep,role.market_manager"])
        XCTAssertEqual(m.text(.zhCN), "只有业务代表、市场部经理可以执行“发送给客户”")
    }

    func testPriceChangesNeedAReasonAndFloorStaysUnderList() {
        let p = Product(
            id: 1, code: "A", name: "产品", listPrice: Money(yuan: 100), floorPrice: Money(yuan: 80),
            cost: Money(yuan: 50))
        XCTAssertThrowsError(try ProductInput(listPrice: "120").apply(to: p)) {
            XCTAssertEqual(($0 as! DomainError).fields.map(\.field), ["reason"])
        }
        XCTAssertEqual(try ProductInput(listPrice: "120", reason: "涨价").apply(to: p).pricesChanged, true)
        XCTAssertEqual(try ProductInput(name: "新名字").apply(to: p).pricesChanged, false)
        XCTAssertThrowsError(try ProductInput(floorPrice: "150", reason: "x").apply(to: p)) {
            XCTAssertEqual(($0 as! DomainError).fields.map(\.field), ["floor_price"])
        }
        XCTAssertThrowsError(try ProductInput(code: "A B", name: "x", listPrice: "1", taxRate: "7").apply(to: nil)) {
            XCTAssertEqual(Set(($0 as! DomainError).fields.map(\.field)), ["code", "tax_rate"])
        }
        XCTAssertTrue(PriceAccess.seesConfidential(assistant))
        XCTAssertFalse(PriceAccess.seesConfidential(rep1))
        XCTAssertFalse(PriceAccess.canEdit(gm))
    }
}
