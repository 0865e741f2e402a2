import Foundation
import XCTest

@testable import FrontlineCore

/// Each rule at its boundary, so that a comparison flipped or a guard dropped fails a test (issue 9, item 20; the
/// slips `scripts/mutants.sh` applies). One fen, one basis point or one day either side.
final class BoundaryTests: XCTestCase {
    let rep1 = Actor(id: 4, username: "rep1", displayName: "陈伟", roles: [.salesRep])
    let rep2 = Actor(id: 5, username: "rep2", displayName: "刘洋", roles: [.salesRep])
    let manager = Actor(id: 2, username: "manager", displayName: "李明", roles: [.marketManager])
    let csManager = Actor(id: 6, username: "csmanager", displayName: "赵强", roles: [.csManager])
    let threshold = Money(yuan: 1_000_000)

    func approvedReviews() -> [Review] {
        [
            Review(recordId: 1, reviewerId: 2, reviewerName: "李明", part: "commercial", opinion: .approve),
            Review(recordId: 1, reviewerId: 7, reviewerName: "孙磊", part: "technical", opinion: .approve),
        ]
    }

    func concluded(_ k: Contract) throws -> ContractProcess.Action {
        let s = ContractProcess.Subject(k, reviews: approvedReviews(), threshold: threshold)
        let next: ContractProcess.Action = s.toMeeting ? .toMeeting : .conclude
        _ = try ProcessEngine.step(ContractProcess.self, from: .inReview, action: next, subject: s, actor: manager)
        return next
    }

    func testTheReviewConcludesOnlyWhenEveryoneNamedHasAnswered() throws {
        let one = [
            Review(recordId: 1, reviewerId: 2, reviewerName: "李明", part: "commercial", opinion: .approve),
            Review(recordId: 1, reviewerId: 7, reviewerName: "孙磊", part: "technical", opinion: .pending),
        ]
        XCTAssertFalse(Review.answered(one))
        XCTAssertFalse(Review.answered([]))
        XCTAssertTrue(Review.answered(approvedReviews()))
        let k = Contract(customerId: 1, ownerId: 4, title: "合同", amount: Money(yuan: 10_000), state: .inReview)
        XCTAssertThrowsError(
            try ProcessEngine.step(
                ContractProcess.self, from: .inReview, action: .conclude,
                subject: .init(k, reviews: one, threshold: threshold), actor: manager)
        ) { e in XCTAssertEqual((e as? DomainError)?.message.key, "contract.reviews_pending") }
        let t = Tender(
            customerId: 1, ownerId: 4, title: "标", deadline: Int64(Date().timeIntervalSince1970) + 86_400,
            state: .inReview)
        let ts = TenderProcess.Subject(
            t, reviews: one, partsWithFiles: Set(Tender.Part.allCases), now: Int64(Date().timeIntervalSince1970))
        XCTAssertThrowsError(
            try ProcessEngine.step(TenderProcess.self, from: .inReview, action: .pass, subject: ts, actor: manager))
    }

    func testAContractFlaggedSpecialGoesToTheMeetingWhateverItsAmount() throws {
        var k = Contract(
            customerId: 1, ownerId: 4, title: "非标", amount: Money(yuan: 10_000), special: true, state: .inReview)
        XCTAssertEqual(try concluded(k), .toMeeting)
        k.special = false
        XCTAssertEqual(try concluded(k), .conclude)
        // And the approving step refuses the other way.
        k.special = true
        XCTAssertThrowsError(
            try ProcessEngine.step(
                ContractProcess.self, from: .inReview, action: .conclude,
                subject: .init(k, reviews: approvedReviews(), threshold: threshold), actor: manager))
    }

    func testTheSpecialAmountIsOverTheThresholdNotAtIt() throws {
        let at = Contract(customerId: 1, ownerId: 4, title: "整", amount: threshold, state: .inReview)
        XCTAssertFalse(at.isSpecial(threshold: threshold))
        XCTAssertEqual(try concluded(at), .conclude)
        let over = Contract(
            customerId: 1, ownerId: 4, title: "多一分", amount: threshold + Money(fen: 1), state: .inReview)
        XCTAssertTrue(over.isSpecial(threshold: threshold))
        XCTAssertEqual(try concluded(over), .toMeeting)
    }

    func testMilestonesMustMatchTheAmountToTheFen() throws {
        let base = Contract(customerId: 1, ownerId: 4, title: "合同")
        func plan(_ a: String, _ b: String) -> [ContractInput.Milestone] {
            [.init(name: "一", amount: a), .init(name: "二", amount: b)]
        }
        XCTAssertNoThrow(
            try ContractInput(amount: "100000.00", milestones: plan("30000.00", "70000.00")).apply(to: base))
        for (a, b) in [("30000.00", "69999.99"), ("30000.01", "70000.00")] {
            XCTAssertThrowsError(try ContractInput(amount: "100000.00", milestones: plan(a, b)).apply(to: base)) { e in
                XCTAssertEqual((e as? DomainError)?.fields.first?.message.key, "contract.milestones_sum")
            }
        }
        // The standard plan always adds up, the rounding going to the last milestone.
        for fen in [Int64(1), 3, 10, 333, 1_000_001, 999_999_999] {
            XCTAssertEqual(
                Money.total(ContractInput.standardMilestones(Money(fen: fen)).map(\.amount)), Money(fen: fen))
        }
    }

    func line(list: Int64, discount: Int, floor: Int64) -> QuoteLine {
        QuoteLine(
            productId: 1, code: "P", name: "产品", unit: "套", quantity: Quantity.parse("1")!, listPrice: Money(fen: list),
            discount: discount,
            taxRate: 13, floorPrice: Money(fen: floor), cost: .zero)
    }

    func testAPriceExactlyAtTheFloorNeedsNoApprovalOneFenUnderDoes() {
        // 1,000.00 less 5 % is 950.00.
        XCTAssertFalse(line(list: 100_000, discount: 500, floor: 95_000).belowFloor)
        XCTAssertTrue(line(list: 100_000, discount: 500, floor: 95_001).belowFloor)
        let q = Quotation(
            customerId: 1, ownerId: 4, title: "t", validUntil: "2099-01-01",
            lines: [line(list: 100_000, discount: 500, floor: 95_000)])
        XCTAssertTrue(q.approvalReasons(standardDiscount: 1_000).isEmpty)
        let under = Quotation(
            customerId: 1, ownerId: 4, title: "t", validUntil: "2099-01-01",
            lines: [line(list: 100_000, discount: 500, floor: 95_001)])
        XCTAssertEqual(under.approvalReasons(standardDiscount: 1_000).map(\.key), ["quotation.below_floor"])
    }

    func testTheStandardDiscountItselfNeedsNoApprovalOneBasisPointMoreDoes() {
        let at = Quotation(
            customerId: 1, ownerId: 4, title: "t", validUntil: "2099-01-01",
            lines: [line(list: 100_000, discount: 1_000, floor: 0)])
        XCTAssertTrue(at.approvalReasons(standardDiscount: 1_000).isEmpty)
        let over = Quotation(
            customerId: 1, ownerId: 4, title: "t", validUntil: "2099-01-01",
            lines: [line(list: 100_000, discount: 1_001, floor: 0)])
        XCTAssertEqual(over.approvalReasons(standardDiscount: 1_000).map(\.key), ["quotation.over_standard"])
        // The step table follows: sent directly at the standard, submitted beyond it.
        let s = QuotationProcess.Subject(at, standardDiscount: 1_000)
        XCTAssertNoThrow(
            try ProcessEngine.step(QuotationProcess.self, from: .draft, action: .send, subject: s, actor: rep1))
        XCTAssertThrowsError(
            try ProcessEngine.step(QuotationProcess.self, from: .draft, action: .submit, subject: s, actor: rep1))
        let o = QuotationProcess.Subject(over, standardDiscount: 1_000)
        XCTAssertThrowsError(
            try ProcessEngine.step(QuotationProcess.self, from: .draft, action: .send, subject: o, actor: rep1))
    }

    func testTheApprovalIsForTheDiscountAndRoutedAtTheLimitToTheManager() throws {
        // Two lines: the discount requested is list − net, to the fen.
        let lines = [line(list: 100_000, discount: 1_500, floor: 0), line(list: 33_333, discount: 1_250, floor: 0)]
        let t = QuoteTotals(lines)
        XCTAssertEqual(t.discount, Money(fen: 15_000 + 4_167))
        let limits = AuthorityLimits.defaults
        let limit = limits.limit(.discount)
        XCTAssertEqual(limits.approver(for: .discount, amount: limit), .marketManager)
        XCTAssertEqual(limits.approver(for: .discount, amount: limit + Money(fen: 1)), .gm)
        let r = try ApprovalRequest.raise(
            kind: .discount, amount: t.discount, subject: "quotation", subjectId: 1, title: "Q", reason: "竞争", by: rep1,
            limits: limits,
            limitsVersion: 1, now: 0)
        XCTAssertEqual(r.amount, Money(fen: 19_167))
        XCTAssertEqual(r.approverRole, .marketManager)
    }

    func testAQuotationValidUntilTodayIsStillValid() throws {
        let today = DateText.today()
        let base = Quotation(customerId: 1, ownerId: 4, title: "t", validUntil: today)
        XCTAssertNoThrow(try QuotationInput(validUntil: today).apply(to: base, products: [:], today: today))
        let q = Quotation(
            customerId: 1, ownerId: 4, title: "t", validUntil: today,
            lines: [line(list: 100_000, discount: 0, floor: 0)])
        XCTAssertNoThrow(
            try ProcessEngine.step(
                QuotationProcess.self, from: .draft, action: .send, subject: .init(q, standardDiscount: 1_000),
                actor: rep1))
        let yesterday = DateText.day(Int64(Date().timeIntervalSince1970) - 86_400)
        XCTAssertThrowsError(try QuotationInput(validUntil: yesterday).apply(to: base, products: [:], today: today))
        let stale = Quotation(customerId: 1, ownerId: 4, title: "t", validUntil: yesterday, lines: q.lines)
        XCTAssertThrowsError(
            try ProcessEngine.step(
                QuotationProcess.self, from: .draft, action: .send, subject: .init(stale, standardDiscount: 1_000),
                actor: rep1))
    }

    func testARepSignsTheCommercialPartOfHisOwnContractOnly() throws {
        var k = Contract(customerId: 1, ownerId: rep1.id, title: "合同", state: .approved)
        k.technicalSignedBy = csManager.id
        let s = ContractProcess.Subject(k, reviews: approvedReviews(), threshold: threshold)
        XCTAssertNoThrow(
            try ProcessEngine.step(
                ContractProcess.self, from: .approved, action: .signCommercial, subject: s, actor: rep1))
        XCTAssertThrowsError(
            try ProcessEngine.step(
                ContractProcess.self, from: .approved, action: .signCommercial, subject: s, actor: rep2)
        ) { e in
            XCTAssertEqual((e as? DomainError)?.kind, .forbidden)
        }
        XCTAssertNoThrow(
            try ProcessEngine.step(
                ContractProcess.self, from: .approved, action: .signCommercial, subject: s, actor: manager))
    }
}
