import FrontlineCore
import XCTest

/// Action plans (行动计划) in the pure core: the period a plan covers, its items checked, the communications that
/// count against them, and the table — the rep submits and reports, the market manager approves, returns and comments.
final class ActionPlanCoreTests: XCTestCase {
    let rep = Actor(id: 4, username: "rep1", displayName: "陈伟", roles: [.salesRep])
    let rep2 = Actor(id: 5, username: "rep2", displayName: "刘洋", roles: [.salesRep])
    let manager = Actor(id: 2, username: "manager", displayName: "李明", roles: [.marketManager])

    func refusal(_ body: () throws -> Void) -> DomainError? {
        do { try body(); return nil } catch let e as DomainError { return e } catch { return nil }
    }

    func testPeriodsStartOnMondaysAndFirstsAndCoverWholeDaysInChina() throws {
        XCTAssertEqual(try PlanPeriod.bounds(.week, start: "2026-11-30").end, "2026-12-06")
        XCTAssertEqual(
            refusal { _ = try PlanPeriod.bounds(.week, start: "2026-12-01") }?.fields.first?.message.key,
            "plan.week_monday")
        XCTAssertEqual(try PlanPeriod.bounds(.month, start: "2028-02-01").end, "2028-02-29")
        XCTAssertEqual(
            refusal { _ = try PlanPeriod.bounds(.month, start: "2026-12-02") }?.fields.first?.message.key,
            "plan.month_first")
        XCTAssertEqual(
            refusal { _ = try PlanPeriod.bounds(.month, start: "2026-13-01") }?.fields.first?.message.key, "field.date")
        XCTAssertEqual(PlanPeriod.current(.week, today: "2026-12-06"), "2026-11-30")
        XCTAssertEqual(PlanPeriod.current(.week, today: "2026-11-30"), "2026-11-30")
        XCTAssertEqual(PlanPeriod.current(.month, today: "2026-12-31"), "2026-12-01")
        XCTAssertEqual(PlanPeriod.shifted(.month, start: "2026-12-01", by: 1), "2027-01-01")
        XCTAssertEqual(PlanPeriod.shifted(.month, start: "2026-01-01", by: -1), "2025-12-01")
        XCTAssertEqual(PlanPeriod.shifted(.week, start: "2026-11-30", by: -1), "2026-11-23")
        // Monday 00:00 in Beijing is Sunday 16:00 UTC; Sunday 23:59:59 in Beijing is the window's last second.
        let w = PlanPeriod.window("2026-11-30", "2026-12-06")
        XCTAssertEqual(w.lowerBound, DateText.parseDateTime("2026-11-30 00:00")!)
        XCTAssertEqual(w.upperBound, DateText.parseDateTime("2026-12-06 23:59:59")!)
    }

    func testItemsAreCheckedAndBlankRowsDropped() throws {
        let readable: (Int64) -> Bool = { $0 == 11 || $0 == 12 }
        let ok = ActionPlanInput(
            period: "week", startsOn: "2026-11-30",
            items: [
                .init(customerId: "11", kind: "visit", times: "2", goal: "演示新版本", expected: "确定试用"), .init(),
                .init(goal: "整理华东竞品价格"),
            ])
        let p = try ok.newPlan(owner: 4, today: "2026-12-01", readable: readable)
        XCTAssertEqual(p.items.count, 2)
        XCTAssertEqual(
            p.items[0], ActionPlanItem(customerId: 11, kind: .visit, times: 2, goal: "演示新版本", expected: "确定试用"))
        XCTAssertFalse(p.items[1].measured)
        XCTAssertEqual(p.endsOn, "2026-12-06")
        // This week's when no period is given.
        XCTAssertEqual(
            try ActionPlanInput(items: [.init(goal: "x")]).newPlan(owner: 4, today: "2026-12-03", readable: readable)
                .startsOn, "2026-11-30")
        let bad = ActionPlanInput(
            period: "day",
            items: [
                .init(customerId: "99", kind: "visit", goal: "x"), .init(customerId: "11", goal: "y"),
                .init(kind: "fax", goal: "z"),
                .init(kind: "call", times: "0", goal: ""),
            ])
        let e = refusal { _ = try bad.newPlan(owner: 4, today: "2026-12-01", readable: readable) }
        XCTAssertEqual(
            Set(e?.fields.map(\.field) ?? []),
            [
                "period", "items[0].customer_id", "items[1].kind", "items[2].kind", "items[3].customer_id",
                "items[3].times", "items[3].goal",
            ])
        XCTAssertEqual(
            refusal {
                _ = try ActionPlanInput(results: "x").newPlan(owner: 4, today: "2026-12-01", readable: readable)
            }?.fields.first?.message.key, "plan.summary_later")
        let many = ActionPlanInput(items: Array(repeating: .init(goal: "g"), count: 51))
        XCTAssertEqual(
            refusal { _ = try many.newPlan(owner: 4, today: "2026-12-01", readable: readable) }?.fields.first?.message
                .key, "plan.too_many")
        // Items change only while the plan is a draft or returned; the report only once approved.
        var submitted = p
        submitted.state = .submitted
        XCTAssertEqual(
            refusal { _ = try ActionPlanInput(items: []).apply(to: submitted, readable: readable) }?.message.key,
            "plan.items_locked")
        XCTAssertEqual(
            refusal { _ = try ActionPlanInput(results: "好").apply(to: p, readable: readable) }?.message.key,
            "plan.summary_locked")
        submitted.state = .approved
        XCTAssertEqual(
            try ActionPlanInput(results: " 完成三家拜访 ").apply(to: submitted, readable: readable).results, "完成三家拜访")
    }

    func testEachCommunicationCountsOnceAgainstTheItems() {
        let items = [
            ActionPlanItem(customerId: 11, kind: .visit, times: 2, goal: "a"),
            ActionPlanItem(customerId: 11, kind: .visit, times: 1, goal: "b"),
            ActionPlanItem(customerId: 12, kind: .call, times: 3, goal: "c"), ActionPlanItem(goal: "d"),
        ]
        let p = PlanProgress(items: items, logged: [.init(11, .visit): 4, .init(12, .call): 1, .init(12, .visit): 5])
        XCTAssertEqual(p.done, [2, 1, 1, 0])
        // The goal of its own ("d") counts once, not met yet (issue 25: goal-only items count in the completion).
        XCTAssertEqual(p.planned, 7)
        XCTAssertEqual(p.completed, 4)
        XCTAssertEqual(p.rate, 57)
        XCTAssertEqual(PlanProgress(items: [ActionPlanItem(goal: "d")], logged: [:]).rate, 0)
        XCTAssertNil(PlanProgress(items: [], logged: [:]).rate, "nothing planned, no rate")
    }

    func testTheRepSubmitsAndReportsTheManagerApprovesReturnsAndComments() throws {
        var plan = ActionPlan(id: 1, ownerId: 4, period: .week, startsOn: "2026-11-30", endsOn: "2026-12-06")
        var s = ActionPlanProcess.Subject(plan, today: "2026-12-01")
        func take(_ a: ActionPlanProcess.Action, _ by: Actor, _ input: StepInput = StepInput()) throws {
            s = try ProcessEngine.take(
                ActionPlanProcess.self, a, on: s, input: input, context: StepContext(actor: by, now: 0)
            ).after
        }
        XCTAssertEqual(refusal { try take(.submit, rep) }?.message.key, "plan.no_items")
        plan.items = [ActionPlanItem(customerId: 11, kind: .visit, goal: "a")]
        s.plan = plan
        XCTAssertEqual(refusal { try take(.submit, rep2) }?.kind, .forbidden)
        XCTAssertEqual(refusal { try take(.submit, manager) }?.kind, .forbidden)
        try take(.submit, rep)
        XCTAssertEqual(refusal { try take(.approve, rep) }?.kind, .forbidden)
        XCTAssertEqual(refusal { try take(.comment, manager) }?.fields.first?.message.key, "plan.comment_needed")
        try take(.comment, manager, StepInput(comment: "周三前先去客户11"))
        XCTAssertEqual(s.state, .submitted)
        XCTAssertEqual(refusal { try take(.returnPlan, manager) }?.fields.first?.message.key, "process.reason_needed")
        try take(.returnPlan, manager, StepInput(comment: "拜访太少"))
        XCTAssertEqual(s.state, .returned)
        try take(.submit, rep)
        try take(.approve, manager)
        XCTAssertEqual(s.state, .approved)
        // The report waits for the period's last day and its results.
        XCTAssertEqual(refusal { try take(.report, rep) }?.message.key, "plan.period_not_over")
        s.today = "2026-12-06"
        XCTAssertEqual(refusal { try take(.report, rep) }?.message.key, "plan.results_needed")
        s.plan.results = "拜访一家，签约意向明确"
        try take(.report, rep)
        XCTAssertEqual(s.state, .reported)
        try take(.returnReport, manager, StepInput(comment: "补充丢单原因"))
        XCTAssertEqual(s.state, .approved)
        try take(.report, rep)
        XCTAssertEqual(refusal { try take(.review, manager) }?.fields.first?.message.key, "plan.comment_needed")
        try take(.review, manager, StepInput(comment: "分析到位"))
        XCTAssertEqual(s.state, .reviewed)
        XCTAssertEqual(
            ProcessEngine.available(ActionPlanProcess.self, from: s.state, subject: s, actor: manager), [.comment])
        XCTAssertEqual(ProcessEngine.available(ActionPlanProcess.self, from: s.state, subject: s, actor: rep), [])
    }
}
