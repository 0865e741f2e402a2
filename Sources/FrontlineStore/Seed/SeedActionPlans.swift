import FluentKit
import Foundation
import FrontlineCore
import SQLKit

extension Store {
    /// The demo action plans (行动计划): rep1's plan for this week awaiting the market manager, with two contacts
    /// logged against it, next week's draft, last week's approved with its report written, and the one before
    /// reviewed; rep2's this week submitted, two reports awaiting review and a monthly plan returned.
    func seedActionPlans() async throws {
        let users = try await self.users()
        func actor(_ name: String) -> Actor { users.first { $0.username == name }!.actor }
        let manager = actor("manager"), rep1 = actor("rep1"), rep2 = actor("rep2")
        let today = DateText.today()
        let week = PlanPeriod.current(.week, today: today), month = PlanPeriod.current(.month, today: today)
        func customers(_ rep: Actor) async throws -> [Customer] {
            try await self.customers(CustomerFilter(ownerId: rep.id), ListQuery(limit: 3, sortField: "id"), for: rep)
                .items.map(\.customer)
        }
        func items(_ cs: [Customer]) -> [ActionPlanInput.Item] {
            var out: [ActionPlanInput.Item] = []
            if let a = cs.first {
                out.append(
                    .init(customerId: String(a.id), kind: "visit", times: "1", goal: "上门演示新版报表模块", expected: "确定试用范围"))
            }
            if cs.count > 1 {
                out.append(
                    .init(customerId: String(cs[1].id), kind: "call", times: "2", goal: "跟进年度维保续签", expected: "拿到续签意向"))
            }
            if cs.count > 2 {
                out.append(
                    .init(
                        customerId: String(cs[2].id), kind: "meeting", times: "1", goal: "与信息中心讨论二期需求", expected: "需求清单"
                    ))
            }
            out.append(.init(goal: "整理本区域竞品报价", expected: "竞品价格表"))
            return out
        }
        func plan(_ rep: Actor, _ period: ActionPlan.Period, _ start: String, _ cs: [Customer]) async throws
            -> ActionPlan
        {
            try await with(AuditContext(rep)).createActionPlan(
                ActionPlanInput(period: period.rawValue, startsOn: start, items: items(cs)), by: rep)
        }
        func step(_ p: ActionPlan, _ a: ActionPlanProcess.Action, _ by: Actor, _ comment: String = "") async throws {
            _ = try await with(AuditContext(by)).actOnActionPlan(
                id: p.id, a, StepInput(comment: comment), version: nil, by: by)
        }
        func report(_ p: ActionPlan, _ rep: Actor, _ results: String, lost: String, notes: String) async throws {
            let current = try await rawActionPlan(id: p.id)!
            _ = try await with(AuditContext(rep)).updateActionPlan(
                id: p.id, version: current.version,
                ActionPlanInput(results: results, lostDeals: lost, marketNotes: notes), by: rep)
        }
        let c1 = try await customers(rep1), c2 = try await customers(rep2)
        let lastWeek = PlanPeriod.shifted(.week, start: week, by: -1),
            weekBefore = PlanPeriod.shifted(.week, start: week, by: -2)

        // rep1
        let now1 = try await plan(rep1, .week, week, c1)
        try await step(now1, .submit, rep1)
        if let a = c1.first {
            _ = try await with(AuditContext(rep1)).addCommunication(
                customerId: a.id,
                CommunicationInput(
                    kind: "visit", direction: "outbound",
                    occurredAt: DateText.minute(
                        max(Store.nowSeconds() - 3600, PlanPeriod.window(week, week).lowerBound)),
                    summary: "上门演示报表模块，信息中心主任参加", nextStep: ""), by: rep1)
        }
        if c1.count > 1 {
            _ = try await with(AuditContext(rep1)).addCommunication(
                customerId: c1[1].id,
                CommunicationInput(
                    kind: "call", direction: "outbound",
                    occurredAt: DateText.minute(
                        max(Store.nowSeconds() - 1800, PlanPeriod.window(week, week).lowerBound)),
                    summary: "电话确认维保续签的预算已批", nextStep: ""), by: rep1)
        }
        _ = try await plan(rep1, .week, PlanPeriod.shifted(.week, start: week, by: 1), c1)
        let last1 = try await plan(rep1, .week, lastWeek, c1)
        try await step(last1, .submit, rep1)
        try await step(last1, .approve, manager, "重点跟进续签")
        try await report(last1, rep1, "完成两次拜访、一次电话；维保续签意向明确。", lost: "无", notes: "竞品本季度降价约 8%，主打免费实施。")
        let before1 = try await plan(rep1, .week, weekBefore, c1)
        try await step(before1, .submit, rep1)
        try await step(before1, .approve, manager)
        try await report(before1, rep1, "拜访计划完成，二期需求已收集。", lost: "一家客户因预算取消采购。", notes: "客户普遍关注国产化适配。")
        try await step(before1, .report, rep1)
        try await step(before1, .review, manager, "分析清楚，下周把二期方案推进到报价")
        let month1 = try await plan(rep1, .month, month, c1)
        try await step(month1, .submit, rep1)

        // rep2
        let now2 = try await plan(rep2, .week, week, c2)
        try await step(now2, .submit, rep2)
        for (start, text) in [(lastWeek, "完成年度回访，两家客户提出扩容需求。"), (weekBefore, "本周以电话回访为主，拜访计划完成一半。")] {
            let p = try await plan(rep2, .week, start, c2)
            try await step(p, .submit, rep2)
            try await step(p, .approve, manager)
            try await report(p, rep2, text, lost: "一个商机输给本地厂商，对方报价低 15%。", notes: "区域内新增两家集成商。")
            try await step(p, .report, rep2)
        }
        let month2 = try await plan(rep2, .month, month, c2)
        try await step(month2, .submit, rep2)
        try await step(month2, .returnPlan, manager, "本月拜访安排太少，请增加重点客户拜访")
    }
}
