extension Catalog {
    /// Action plans' and summary reports' strings (行动计划, 销售分析和总结报告): `key | 中文 | English`.
    static let actionPlanTable = """
        nav.action_plans | 行动计划 | Action plans
        plan.list | 行动计划 | Action plans
        plan.new | 新建行动计划 | New action plan
        plan.title | 行动计划 | Action plan
        plan.number | 编号 | Number
        plan.owner | 业务代表 | Rep
        plan.period | 周期 | Period
        plan.period.week | 周计划 | Weekly
        plan.period.month | 月计划 | Monthly
        plan.starts_on | 开始日期 | First day
        plan.ends_on | 结束日期 | Last day
        plan.range | {start} 至 {end} | {start} to {end}
        plan.items | 计划事项 | Items
        plan.item_customer | 客户 | Customer
        plan.item_kind | 方式 | Kind
        plan.item_times | 次数 | Times
        plan.item_goal | 目标 | Goal
        plan.item_expected | 预期结果 | Expected outcome
        plan.item_done | 已完成 | Done
        plan.items_hint | 写明客户和方式的事项按该期间内你记录的同客户、同方式的沟通计数；只写目标的事项不计数。空行不保存。 | Items naming a customer and a kind count your communications with that customer, of that kind, inside the period; a goal alone is not counted. Blank rows are dropped.
        plan.planned | 计划 | Planned
        plan.completed | 完成 | Done
        plan.rate | 完成率 | Completion
        plan.done_of_planned | 完成/计划 | Done/planned
        plan.sort.latest | 开始日期（最近的在前） | Latest period first
        plan.sort.earliest | 开始日期（最早的在前） | Earliest period first
        plan.none | 未提交计划 | No plan
        plan.state | 状态 | State
        plan.edit | 修改计划 | Change the plan
        plan.save | 保存 | Save
        plan.summary | 销售分析和总结报告 | Sales summary report
        plan.summary_hint | 计划批准后、周期最后一天起提交总结：业绩、丢单及原因、市场信息。 | Once the plan is approved, from the period's last day: results, lost deals and why, market notes.
        plan.results | 业绩与分析 | Results
        plan.lost_deals | 丢单及原因 | Lost deals and why
        plan.market_notes | 市场信息与建议 | Market notes
        plan.save_summary | 保存总结 | Save the report
        plan.outcomes | 本期商机结果 | Opportunities closed in the period
        plan.won | 赢单 | Won
        plan.lost | 输单 | Lost
        plan.completion | 计划完成情况 | Plan completion
        plan.completion_intro | 各业务代表本期计划的完成情况：计划次数、已记录的沟通次数和完成率。 | Each rep's plan for the period: contacts planned, logged and the rate.
        plan.previous | 上一期 | Previous
        plan.next | 下一期 | Next
        plan.mine | 我的计划 | My plans
        plan.week_monday | 周计划从星期一开始 | A weekly plan starts on a Monday
        plan.month_first | 月计划从每月1日开始 | A monthly plan starts on the 1st
        plan.exists | 该期间已有你的计划（{number}） | You already have a plan for this period ({number})
        plan.too_many | 最多 {max} 项 | At most {max} items
        plan.not_a_goal | 第 {number} 项不是本计划自己的目标（只有不指定客户的目标项可报告完成） | Item {number} is not one of the plan's own goals (only an item without a customer is reported met)
        plan.goals_met | 已完成的目标 | Goals met
        plan.goal_met | 已完成 | Met
        plan.customer_unknown | 客户不存在或你无权查看 | No such customer, or not one you may see
        plan.customer_needed | 写明方式的事项须选择客户 | An item with a kind names its customer
        plan.kind_needed | 选择拜访、电话等方式 | Choose a visit, a call or another kind
        plan.items_locked | 计划{state}，事项不能再修改 | The plan is {state}; its items no longer change
        plan.summary_locked | 计划{state}，总结现在不能修改 | The plan is {state}; the report cannot change now
        plan.summary_later | 总结在计划批准后填写 | The report is written once the plan is approved
        plan.no_items | 计划至少要有一项 | A plan has at least one item
        plan.not_owner | 只有计划的业务代表本人可以这样做 | Only the plan's own rep may do that
        plan.period_not_over | 周期最后一天（{date}）起才能提交总结 | The report is due from the period's last day ({date})
        plan.results_needed | 请先填写总结的业绩与分析 | Write the report's results first
        plan.comment_needed | 请填写意见 | Write the comment
        plan.reps_plan | 行动计划由业务代表制定 | Reps make action plans
        plan.home | 本周计划 | This week's plan
        plan.home_none | 还没有本周计划，去制定 | No plan for this week yet: make one
        process.action_plan.state.draft | 草稿 | Draft
        process.action_plan.state.submitted | 待审阅 | Submitted
        process.action_plan.state.returned | 已退回 | Returned
        process.action_plan.state.approved | 已批准 | Approved
        process.action_plan.state.reported | 总结待审阅 | Report submitted
        process.action_plan.state.reviewed | 总结已审阅 | Report reviewed
        process.action_plan.action.create | 制定计划 | Made
        process.action_plan.action.submit | 提交 | Submit
        process.action_plan.action.withdraw | 撤回 | Withdraw
        process.action_plan.action.approve | 批准 | Approve
        process.action_plan.action.return | 退回修改 | Return
        process.action_plan.action.comment | 批注 | Comment
        process.action_plan.action.report | 提交总结 | Submit the report
        process.action_plan.action.review | 审阅总结 | Review the report
        process.action_plan.action.return_report | 退回总结 | Return the report
        """
}
