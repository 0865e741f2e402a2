import XCTest

@testable import FrontlineCore

/// Rules whose realistic slips the suites once let through (issue 24's mutants): each test fails on its slip —
/// a limit off by one, a wait counted in seconds, a score of 0, a clock stopped by the wrong answer, a negation
/// dropped, a contact counted twice.
final class SlipCoreTests: XCTestCase {
    func t(_ s: String) -> Int64 { DateText.parseDateTime(s)! * 1000 }
    let rep = Actor(id: 4, username: "rep1", displayName: "陈伟", roles: [.salesRep])

    /// A billing complaint on rep1's customer, taken in at 09:00.
    func complaint() throws -> Complaint {
        var c = try ComplaintDraft(
            customerId: "11", channel: "phone", category: "billing", severity: "high", words: "发票错"
        ).validated(
            customer: (11, "上海浦江"), products: [:], by: rep, now: t("2026-12-07 09:00"),
            target: ServiceLevels.Target(response: 120, resolution: 960))
        c.id = 1
        c.accountOwnerId = rep.id
        return c
    }

    func testARepAtHisOwnedLimitClaimsNoMoreAndOneBelowItDoes() {
        var rules = PoolRules.defaults
        rules.ownedLimit = 5
        rules.dailyClaims = 100
        let now = DateText.parseDateTime("2026-12-07 10:00")!
        XCTAssertEqual(
            PoolAccess.claimRefusal(owned: 5, claimedToday: 0, lostAt: nil, rules: rules, now: now)?.key,
            "pool.owned_full")
        XCTAssertEqual(
            PoolAccess.claimRefusal(owned: 6, claimedToday: 0, lostAt: nil, rules: rules, now: now)?.key,
            "pool.owned_full")
        XCTAssertNil(PoolAccess.claimRefusal(owned: 4, claimedToday: 0, lostAt: nil, rules: rules, now: now))
        // The daily limit likewise: at it, refused; one below, taken.
        rules.dailyClaims = 3
        XCTAssertEqual(
            PoolAccess.claimRefusal(owned: 0, claimedToday: 3, lostAt: nil, rules: rules, now: now)?.key,
            "pool.daily_limit")
        XCTAssertNil(PoolAccess.claimRefusal(owned: 0, claimedToday: 2, lostAt: nil, rules: rules, now: now))
    }

    func testACustomerLostIsReclaimedOnlyAfterTheWaitInDays() {
        var rules = PoolRules.defaults
        rules.reclaimDays = 7
        rules.dailyClaims = 100
        let now = DateText.parseDateTime("2026-12-07 10:00")!
        let anHourAgo = (now - 3600) * 1000, sixDaysAgo = (now - 6 * 86_400) * 1000,
            eightDaysAgo = (now - 8 * 86_400) * 1000
        let wait = PoolAccess.claimRefusal(owned: 0, claimedToday: 0, lostAt: anHourAgo, rules: rules, now: now)
        XCTAssertEqual(wait?.key, "pool.reclaim_wait", "lost an hour ago: not back at once")
        XCTAssertEqual(wait?.args["date"], "2026-12-14")
        XCTAssertEqual(
            PoolAccess.claimRefusal(owned: 0, claimedToday: 0, lostAt: sixDaysAgo, rules: rules, now: now)?.key,
            "pool.reclaim_wait")
        XCTAssertNil(PoolAccess.claimRefusal(owned: 0, claimedToday: 0, lostAt: eightDaysAgo, rules: rules, now: now))
    }

    func testScoresAndSatisfactionAreOneToFiveNotZero() throws {
        for bad in ["0", "6", "-1", "abc"] {
            var errors: [FieldError] = []
            XCTAssertNil(StepInput.score(bad, "satisfaction", &errors), bad)
            XCTAssertEqual(errors.map(\.field), ["satisfaction"], bad)
        }
        for good in ["1", "5"] {
            var errors: [FieldError] = []
            XCTAssertNotNil(StepInput.score(good, "satisfaction", &errors))
            XCTAssertEqual(errors, [])
        }
        // A training's feedback: an attendee's score of 0 is refused, 1 and 5 are taken.
        let cs = Actor(id: 6, username: "csmanager", displayName: "赵强", roles: [.csManager])
        var training = Training(
            id: 1, contractId: 1, customerId: 11, topic: "系统管理", trainerId: 7, startsAt: 0, hours: 2, mode: .onsite,
            place: "会议室")
        training.state = .held
        let held = TrainingProcess.Subject(
            training, attendees: [TrainingAttendee(id: 1, contactId: 21, name: "王芳", attended: true)],
            contacts: [21: "王芳"])
        func feedback(_ score: String) throws -> TrainingProcess.Subject {
            try ProcessEngine.take(
                TrainingProcess.self, .feedback, on: held, input: StepInput(text: "很好", contactId: "21", score: score),
                context: StepContext(actor: cs, now: t("2026-12-07 10:00"))
            ).after
        }
        for bad in ["0", "6", ""] {
            XCTAssertThrowsError(try feedback(bad), bad) {
                XCTAssertEqual(($0 as? DomainError)?.fields.map(\.field), ["score"])
            }
        }
        XCTAssertEqual(try feedback("1").attendees[0].score, 1)
        XCTAssertEqual(try feedback("5").attendees[0].score, 5)
        // A complaint closed with a satisfaction of 0 is refused.
        var c = try complaint()
        c.state = .resolved
        let resolved = ComplaintProcess.Subject(c)
        XCTAssertThrowsError(
            try ProcessEngine.take(
                ComplaintProcess.self, .confirm, on: resolved, input: StepInput(confirmedBy: "王芳", satisfaction: "0"),
                context: StepContext(actor: rep, now: t("2026-12-07 11:00")))
        ) { XCTAssertEqual(($0 as? DomainError)?.fields.map(\.field), ["satisfaction"]) }
    }

    func testAcknowledgingAComplaintStopsTheResponseClockAndLeavesTheResolutionClockRunning() throws {
        let c = try complaint()
        let acknowledged = try ProcessEngine.take(
            ComplaintProcess.self, .acknowledge, on: ComplaintProcess.Subject(c), input: StepInput(text: "已受理"),
            context: StepContext(actor: rep, now: t("2026-12-07 10:00"))
        ).after.complaint
        XCTAssertEqual(acknowledged.times.respondedAt, t("2026-12-07 10:00"))
        XCTAssertNil(acknowledged.times.resolvedAt, "an answer is not a resolution: the resolution clock runs on")
        let resolved = try ProcessEngine.take(
            ComplaintProcess.self, .resolve, on: ComplaintProcess.Subject(acknowledged),
            input: StepInput(text: "已退款", rootCause: "开票错误"),
            context: StepContext(actor: rep, now: t("2026-12-07 15:00"))
        ).after.complaint
        XCTAssertEqual(resolved.times.resolvedAt, t("2026-12-07 15:00"))
    }

    func testOnlyTheAccountsRepAddsHisNoteToAnAnsweredObstacle() throws {
        let rep1 = Actor(id: 4, username: "rep1", displayName: "陈伟", roles: [.salesRep])
        let rep2 = Actor(id: 5, username: "rep2", displayName: "刘洋", roles: [.salesRep])
        let manager = Actor(id: 2, username: "manager", displayName: "李明", roles: [.marketManager])
        let impl = Implementation(
            id: 1, contractId: 1, customerId: 11, accountOwnerId: rep1.id, engineerIds: [7], state: .blocked)
        let answered = ObstacleReport(
            id: 3, text: "客户机房未就绪", raisedBy: 7, raisedByName: "孙磊", raisedAt: 0, state: .answered, answer: "市场部协调",
            answeredBy: 2)
        let s = ImplementationProcess.Subject(impl, obstacles: [answered])
        func note(_ by: Actor) throws -> ImplementationProcess.Subject {
            try ProcessEngine.take(
                ImplementationProcess.self, .marketNote, on: s, input: StepInput(obstacleId: "3", text: "已与客户沟通"),
                context: StepContext(actor: by, now: t("2026-12-07 10:00"))
            ).after
        }
        XCTAssertThrowsError(try note(rep2), "another rep's account") {
            XCTAssertEqual(($0 as? DomainError)?.kind, .forbidden)
            XCTAssertEqual(($0 as? DomainError)?.message.key, "implementation.not_your_account")
        }
        XCTAssertEqual(try note(rep1).obstacles[0].notes.map(\.text), ["已与客户沟通"])
        XCTAssertEqual(try note(manager).obstacles[0].notes.count, 1)
    }

    func testTwoItemsOnOneCustomerAndKindShareItsContactsNotCountThemTwice() {
        let items = [
            ActionPlanItem(customerId: 11, kind: .visit, times: 2, goal: "a"),
            ActionPlanItem(customerId: 11, kind: .visit, times: 1, goal: "b"),
        ]
        let two = PlanProgress(items: items, logged: [.init(11, .visit): 2])
        XCTAssertEqual(two.done, [2, 0], "two visits fill the first item; the second waits for a third")
        XCTAssertEqual(two.completed, 2)
        let three = PlanProgress(items: items, logged: [.init(11, .visit): 3])
        XCTAssertEqual(three.done, [2, 1])
        XCTAssertEqual(three.rate, 100)
    }

    func testEveryDayBoundaryIsMidnightInShanghai() {
        // 2026-12-08 00:00 in Shanghai is 2026-12-07 16:00 UTC.
        let midnight = DateText.parseDateTime("2026-12-08 00:00")!
        XCTAssertEqual(DateText.start(of: "2026-12-08"), midnight)
        XCTAssertEqual(DateText.start(ofDay: DateText.parseDay("2026-12-08")!), midnight)
        XCTAssertEqual(midnight % 86_400, 16 * 3600, "not UTC midnight")
        XCTAssertEqual(DateText.day(midnight - 1), "2026-12-07")
        XCTAssertEqual(DateText.day(midnight), "2026-12-08")
        XCTAssertEqual(
            DateText.startOfDay(midnight + 10 * 60), midnight, "00:10 belongs to the day that began at midnight")
        XCTAssertEqual(DateText.startOfDay(midnight - 10 * 60), midnight - 86_400, "23:50 to the day before")
        XCTAssertEqual(DateText.adding(1, to: "2026-12-31"), "2027-01-01")
        XCTAssertEqual(DateText.adding(-1, to: "2028-03-01"), "2028-02-29")
        XCTAssertNil(DateText.start(of: "2026-02-30"))
        // An action plan's week covers its days whole, from Monday's midnight to Sunday's last second in Shanghai.
        let week = PlanPeriod.window("2026-12-07", "2026-12-13")
        XCTAssertEqual(week.lowerBound, DateText.parseDateTime("2026-12-07 00:00")!)
        XCTAssertEqual(week.upperBound, DateText.parseDateTime("2026-12-13 23:59:59")!)
    }

    /// The public form's repeat: the same phone is its digits, the same e-mail is the address in any case.
    func testARepeatEnquiryIsTheSamePhoneDigitsOrTheSameAddressInAnyCase() {
        let first = Lead(source: .webForm, company: "甲公司", phone: "138 0000 1111", email: "Li.Ming@Example.com")
        XCTAssertTrue(first.isRepeat(of: Lead(source: .webForm, company: "甲公司", phone: "138-0000-1111")))
        XCTAssertTrue(first.isRepeat(of: Lead(source: .webForm, company: "甲公司", email: "li.ming@example.COM")))
        XCTAssertFalse(first.isRepeat(of: Lead(source: .webForm, company: "甲公司", phone: "138-0000-1112")))
        XCTAssertFalse(first.isRepeat(of: Lead(source: .webForm, company: "甲公司", email: "li.ming@example.cn")))
        XCTAssertFalse(
            Lead(source: .webForm, company: "甲公司").isRepeat(of: Lead(source: .webForm, company: "甲公司")),
            "nothing to compare is no repeat")
    }

    /// English counts agree with their noun: one customer, two customers; Chinese is untouched.
    func testAnEnglishCountAgreesWithItsNoun() {
        XCTAssertEqual(
            Catalog.text("pool.daily_limit", ["limit": "1"], .en), "You have claimed 1 customer today, the daily limit")
        XCTAssertEqual(
            Catalog.text("pool.daily_limit", ["limit": "3"], .en), "You have claimed 3 customers today, the daily limit"
        )
        XCTAssertEqual(Catalog.text("pool.daily_limit", ["limit": "1"], .zhCN), "今天已领取 1 个客户，达到每日上限")
        XCTAssertEqual(
            Catalog.text("contract.ledger_total", ["count": "1", "amount": "5.00"], .en), "1 contract; in effect: ¥5.00"
        )
    }

    /// A goal of the plan's own counts once in its completion, done when its owner reports it met in the summary;
    /// a measured item cannot be reported met.
    func testAGoalOfThePlansOwnCountsInItsCompletion() throws {
        var plan = ActionPlan(
            ownerId: 7, period: .week, startsOn: "2026-11-30", endsOn: "2026-12-06",
            items: [ActionPlanItem(customerId: 1, kind: .visit, times: 2, goal: "拜访"), ActionPlanItem(goal: "竞品报价")],
            state: .approved)
        let logged = [PlanProgress.Key(1, .visit): 1]
        var progress = PlanProgress(items: plan.items, logged: logged)
        XCTAssertEqual([progress.planned, progress.completed, progress.rate ?? -1], [3, 1, 33])
        plan = try ActionPlanInput(goalsMet: [2]).apply(to: plan) { _ in true }
        progress = PlanProgress(items: plan.items, logged: logged)
        XCTAssertEqual([progress.planned, progress.completed, progress.rate ?? -1], [3, 2, 66])
        XCTAssertThrowsError(try ActionPlanInput(goalsMet: [1]).apply(to: plan) { _ in true }) { e in
            XCTAssertEqual((e as? DomainError)?.fields.first?.message.key, "plan.not_a_goal")
        }
        plan = try ActionPlanInput(goalsMet: []).apply(to: plan) { _ in true }
        XCTAssertEqual(PlanProgress(items: plan.items, logged: logged).completed, 1, "none ticked: none met")
    }

    /// A refused choice is named by the labels the reader sees, in his language, never by its codes.
    func testARefusedChoiceListsTheLabelsNotTheCodes() {
        let e = FieldError.oneOf("category", Complaint.Category.self)
        let zh = e.message.text(.zhCN), en = e.message.text(.en)
        for c in Complaint.Category.allCases {
            XCTAssertTrue(zh.contains(Catalog.text(c.labelKey, [:], .zhCN)), zh)
            XCTAssertTrue(en.contains(Catalog.text(c.labelKey, [:], .en)), en)
            XCTAssertFalse(zh.contains(c.rawValue), zh)
        }
        XCTAssertTrue(zh.contains("、"))
    }
}
