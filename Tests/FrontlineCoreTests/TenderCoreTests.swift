import Foundation
import XCTest

@testable import FrontlineCore

/// The tender table (SPEC §3.1) read row by row: who takes each step, from where, and what each refusal says.
final class TenderCoreTests: XCTestCase {
    let manager = Actor(id: 2, username: "manager", displayName: "李明", roles: [.marketManager])
    let assistant = Actor(id: 3, username: "assistant", displayName: "张丽", roles: [.businessAssistant])
    let rep1 = Actor(id: 4, username: "rep1", displayName: "陈伟", roles: [.salesRep])
    let csManager = Actor(id: 6, username: "csmanager", displayName: "赵强", roles: [.csManager])
    let cs1 = Actor(id: 7, username: "cs1", displayName: "孙磊", roles: [.csEngineer])
    let cs2 = Actor(id: 8, username: "cs2", displayName: "周杰", roles: [.csEngineer])
    let finance = Actor(id: 9, username: "finance", displayName: "钱芳", roles: [.finance])
    let now: Int64 = 1_800_000_000

    func tender(_ state: Tender.State = .preparing, deadlineIn: Int64 = 86_400 * 5) -> Tender {
        Tender(
            id: 1, number: "TB2026-0001", customerId: 1, ownerId: 4, title: "项目", tenderNo: "ZB-1", buyer: "招标人",
            deadline: now + deadlineIn,
            state: state, bidAmount: Money(yuan: 100_000), depositAmount: Money(yuan: 5_000), deposit: .unpaid,
            engineerId: 7)
    }

    func subject(_ t: Tender, reviews: [Review] = [], parts: Set<Tender.Part> = Set(Tender.Part.allCases))
        -> TenderProcess.Subject
    {
        TenderProcess.Subject(t, reviews: reviews, partsWithFiles: parts, now: now)
    }

    func refusal(
        _ t: Tender, _ a: TenderProcess.Action, _ actor: Actor, reviews: [Review] = [],
        parts: Set<Tender.Part> = Set(Tender.Part.allCases),
        comment: String = "理由"
    ) -> (DomainError.Kind, String)? {
        do {
            _ = try ProcessEngine.step(
                TenderProcess.self, from: t.state, action: a, subject: subject(t, reviews: reviews, parts: parts),
                actor: actor, comment: comment)
            return nil
        } catch { return (error.kind, error.message.key) }
    }

    func review(_ id: Int64, _ part: String, _ o: Review.Opinion) -> Review {
        Review(recordId: 1, reviewerId: id, reviewerName: "", part: part, opinion: o)
    }

    func testPartsHaveTheirOwnersAndFilesFreezeOutsidePreparation() {
        let t = tender()
        XCTAssertTrue(TenderAccess.mayWrite(.commercial, of: t, assistant))
        XCTAssertTrue(TenderAccess.mayWrite(.quotation, of: t, manager))
        XCTAssertFalse(TenderAccess.mayWrite(.commercial, of: t, cs1))
        XCTAssertFalse(TenderAccess.mayWrite(.technical, of: t, assistant))
        XCTAssertTrue(TenderAccess.mayWrite(.technical, of: t, cs1))
        XCTAssertFalse(TenderAccess.mayWrite(.technical, of: t, cs2), "only the engineer the CS manager assigned")
        XCTAssertTrue(TenderAccess.mayWrite(.technical, of: t, csManager))
        XCTAssertFalse(TenderAccess.mayWrite(.quotation, of: t, rep1))
        XCTAssertEqual(TenderAccess.uploadRefusal(.technical, of: t, cs2)?.kind, .forbidden)
        XCTAssertEqual(
            TenderAccess.uploadRefusal(.commercial, of: tender(.passed), assistant)?.message.key, "tender.files_frozen")
        XCTAssertNil(TenderAccess.uploadRefusal(.commercial, of: t, assistant))
    }

    func testTheReviewOpensWithEveryPartAndCustomerServiceAmongTheReviewers() {
        let t = tender()
        let both = [review(2, "commercial", .pending), review(7, "technical", .pending)]
        XCTAssertEqual(
            refusal(t, .openReview, assistant, reviews: both, parts: [.commercial, .quotation])?.1,
            "tender.part_missing")
        // The reviewers are the step's input: Customer Service must be among them, and each must be one who may review.
        let people = [
            User(id: 2, username: "manager", displayName: "李明", roles: [.marketManager], regionId: nil),
            User(id: 7, username: "cs1", displayName: "孙磊", roles: [.csEngineer], regionId: nil),
            User(id: 8, username: "finance", displayName: "周敏", roles: [.finance], regionId: nil),
        ]
        var s = subject(t, reviews: [], parts: Set(Tender.Part.allCases))
        s.people = people
        let context = StepContext(actor: assistant, now: now * 1000)
        func opened(_ ids: [String]) -> (DomainError.Kind, String)? {
            do {
                _ = try ProcessEngine.take(
                    TenderProcess.self, .openReview, on: s, input: StepInput(reviewers: ids), context: context)
                return nil
            } catch { return (error.kind, error.message.key) }
        }
        XCTAssertEqual(opened(["2"])?.1, "contract.needs_cs_reviewer")
        XCTAssertEqual(opened(["2", "8"])?.0, .validation, "finance does not review")
        XCTAssertEqual(opened([])?.0, .validation)
        let taken = try? ProcessEngine.take(
            TenderProcess.self, .openReview, on: s, input: StepInput(reviewers: ["2", "7", "7"]), context: context)
        XCTAssertEqual(taken?.after.state, .inReview)
        XCTAssertEqual(
            taken?.after.reviews.map(\.part), ["commercial", "technical"],
            "named once each, Customer Service on the technical part")
        XCTAssertEqual(taken?.note, "李明、孙磊")
        XCTAssertEqual(refusal(t, .openReview, rep1, reviews: both)?.0, .forbidden)
        XCTAssertEqual(refusal(t, .openReview, cs1, reviews: both)?.0, .forbidden)
        XCTAssertNil(refusal(t, .openReview, assistant, reviews: both))
        XCTAssertEqual(refusal(tender(deadlineIn: -60), .openReview, assistant, reviews: both)?.1, "tender.late")
        XCTAssertEqual(refusal(tender(.passed), .openReview, assistant, reviews: both)?.1, "process.not_now")
        // Only the CS manager names the engineer, while the bid is written.
        XCTAssertNil(refusal(t, .assign, csManager))
        XCTAssertEqual(refusal(t, .assign, assistant)?.0, .forbidden)
        XCTAssertEqual(refusal(tender(.inReview), .assign, csManager)?.0, .conflict)
    }

    func testReviewersAnswerOnceAndTheAnswersDecide() {
        let t = tender(.inReview)
        let pending = [review(2, "commercial", .pending), review(7, "technical", .pending)]
        XCTAssertNil(refusal(t, .review, cs1, reviews: pending))
        XCTAssertEqual(refusal(t, .review, cs2, reviews: pending)?.1, "tender.not_reviewer")
        XCTAssertEqual(
            refusal(t, .review, cs1, reviews: [review(7, "technical", .approve)])?.1, "contract.already_answered")
        XCTAssertEqual(refusal(t, .pass, manager, reviews: pending)?.1, "contract.reviews_pending")
        let approved = [review(2, "commercial", .approve), review(7, "technical", .approveWithConditions)]
        XCTAssertNil(refusal(t, .pass, manager, reviews: approved))
        XCTAssertEqual(refusal(t, .returnDraft, manager, reviews: approved)?.1, "tender.review_not_rejected")
        let rejected = [review(2, "commercial", .approve), review(7, "technical", .reject)]
        XCTAssertEqual(refusal(t, .pass, manager, reviews: rejected)?.1, "tender.review_rejected")
        XCTAssertEqual(
            try ProcessEngine.step(
                TenderProcess.self, from: .inReview, action: .returnDraft, subject: subject(t, reviews: rejected),
                actor: cs1
            ).to, .preparing)
    }

    func testTheAssistantAssemblesAndTheBidGoesInBeforeTheDeadline() {
        var t = tender(.passed)
        XCTAssertNil(refusal(t, .assemble, assistant))
        XCTAssertEqual(refusal(t, .assemble, manager)?.0, .forbidden, "the assistant assembles (总成)")
        XCTAssertEqual(refusal(t, .submit, assistant)?.1, "tender.no_package")
        t.packageSha = String(repeating: "a", count: 64)
        XCTAssertNil(refusal(t, .submit, manager))
        XCTAssertEqual(refusal(t, .submit, rep1)?.0, .forbidden)
        var late = t
        late.deadline = now
        XCTAssertEqual(refusal(late, .submit, assistant)?.1, "tender.late", "at the deadline it is already late")
        XCTAssertEqual(refusal(late, .assemble, assistant)?.1, "tender.late")
        var unpriced = t
        unpriced.bidAmount = .zero
        XCTAssertEqual(refusal(unpriced, .submit, assistant)?.1, "tender.bid_amount_needed")
        XCTAssertEqual(
            try ProcessEngine.step(
                TenderProcess.self, from: .passed, action: .reopen, subject: subject(t), actor: assistant
            ).to, .preparing)
        // The result comes after submission only.
        XCTAssertEqual(refusal(tender(.passed), .win, assistant)?.1, "process.not_now")
        XCTAssertNil(refusal(tender(.submitted), .win, assistant))
        XCTAssertNil(refusal(tender(.submitted), .lose, manager))
        XCTAssertEqual(refusal(tender(.submitted), .win, rep1)?.0, .forbidden)
        XCTAssertEqual(refusal(tender(.won), .cancel, manager)?.1, "process.not_now")
        XCTAssertNil(refusal(tender(.inReview), .cancel, manager))
        // 放弃投标 cannot be undone: it needs the reason.
        XCTAssertEqual(refusal(tender(.inReview), .cancel, manager, comment: " ")?.0, .validation)
        XCTAssertTrue(ProcessEngine.needsReason(TenderProcess.self, .cancel, from: .preparing))
    }

    func testTheDepositMovesOnItsOwnWhateverTheBidsState() {
        let t = tender(.submitted)
        XCTAssertNil(refusal(t, .payDeposit, finance))
        XCTAssertEqual(
            try ProcessEngine.step(
                TenderProcess.self, from: .submitted, action: .payDeposit, subject: subject(t), actor: finance
            ).to, .submitted)
        XCTAssertEqual(refusal(t, .refundDeposit, finance)?.1, "tender.deposit_not")
        XCTAssertEqual(refusal(t, .payDeposit, rep1)?.0, .forbidden)
        XCTAssertEqual(refusal(t, .payDeposit, cs1)?.0, .forbidden)
        var paid = tender(.lost)
        paid.deposit = .paid
        XCTAssertNil(refusal(paid, .refundDeposit, assistant))
        XCTAssertNil(refusal(paid, .forfeitDeposit, manager))
        XCTAssertEqual(refusal(paid, .payDeposit, finance)?.1, "tender.deposit_not")
        var none = tender(.preparing)
        none.deposit = .none
        XCTAssertEqual(refusal(none, .payDeposit, finance)?.1, "tender.deposit_not")
        XCTAssertEqual(refusal(tender(.cancelled), .payDeposit, finance)?.1, "process.not_now")
    }

    func testInputNeedsTheFactsAndAFutureDeadline() {
        let base = Tender(customerId: 1, ownerId: 4)
        XCTAssertThrowsError(try TenderInput().apply(to: base, now: now)) {
            XCTAssertEqual(Set(($0 as! DomainError).fields.map(\.field)), ["title", "tender_no", "buyer", "deadline"])
        }
        let past = TenderInput(title: "项目", tenderNo: "ZB-1", buyer: "招标人", deadline: DateText.minute(now - 60))
        XCTAssertThrowsError(try past.apply(to: base, now: now)) {
            XCTAssertEqual(($0 as! DomainError).fields.first?.message.key, "tender.deadline_past")
        }
        XCTAssertThrowsError(
            try TenderInput(title: "项目", tenderNo: "ZB-1", buyer: "招标人", deadline: "明天").apply(to: base, now: now)
        ) {
            XCTAssertEqual(($0 as! DomainError).fields.first?.message.key, "tender.deadline_format")
        }
        let ok = try? TenderInput(
            title: "项目", tenderNo: "ZB-1", buyer: "招标人", deadline: "2027-06-15 09:30", depositAmount: "5000"
        ).apply(to: base, now: now)
        XCTAssertEqual(ok?.deposit, .unpaid)
        XCTAssertEqual(ok?.deadline, DateText.parseDateTime("2027-06-15 09:30"))
        // A paid deposit's amount no longer changes; a past deadline kept as it was is no error.
        var paid = ok!
        paid.deposit = .paid
        XCTAssertThrowsError(try TenderInput(depositAmount: "6000").apply(to: paid, now: now + 400 * 86_400)) {
            XCTAssertEqual(($0 as! DomainError).fields.map(\.field), ["deposit_amount"])
        }
        XCTAssertNoThrow(try TenderInput(agency: "代理").apply(to: paid, now: now + 400 * 86_400))
        // The reviewed price stays as reviewed; the deadline may still move when the buyer extends it.
        var reviewed = tender(.passed)
        XCTAssertThrowsError(try TenderInput(bidAmount: "99000").apply(to: reviewed, now: now)) {
            XCTAssertEqual(($0 as! DomainError).fields.map(\.field), ["bid_amount"])
        }
        reviewed.deposit = .none
        XCTAssertNoThrow(try TenderInput(deadline: DateText.minute(now + 30 * 86_400)).apply(to: reviewed, now: now))
    }

    func testThePackageHoldsTheCoverAndOneFilePerPartInItsFolder() throws {
        let t = tender(.passed)
        let files = Tender.Part.allCases.enumerated().map { i, part in
            TenderFile(
                tenderId: 1, part: part, version: i + 1, note: "",
                file: Attachment(
                    id: Int64(i), entity: "tender", entityId: 1, name: "文件\(i).pdf", contentType: "application/pdf",
                    size: 3, sha256: String(repeating: "b", count: 64), uploadedBy: 3),
                uploaderName: "张丽")
        }
        let cover = TenderPackage.cover(t, buyerName: "招标人<script>", bidder: "本公司", files: files, at: now)
        XCTAssertTrue(cover.contains("壹拾万元整"))
        XCTAssertTrue(cover.contains("招标人&lt;script&gt;"))
        XCTAssertTrue(cover.contains("3-技术标/文件2.pdf"))
        let zip = TenderPackage.archive(cover: cover, files: files.map { ($0, Data("abc".utf8)) })
        XCTAssertEqual(zip.prefix(4), Data([0x50, 0x4B, 0x03, 0x04]))
        let text = String(decoding: zip, as: UTF8.self)
        for name in ["00-封面与目录.html", "1-商务标/文件0.pdf", "2-标准报价/文件1.pdf", "3-技术标/文件2.pdf"] {
            XCTAssertTrue(text.contains(name), name)
        }
        XCTAssertEqual(
            TenderPackage.fileName(Tender(number: "TB2026-0001", customerId: 1, ownerId: 1, title: "a/b:c")),
            "TB2026-0001-a_b_c-投标文件.zip")
    }
}
