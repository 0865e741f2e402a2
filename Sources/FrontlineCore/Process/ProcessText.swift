extension Catalog {
    /// What every process shares: its steps' words and fields: `key | 中文 | English`.
    static let processTable = """
        process.automatic_only | “{action}”在上一步完成后自动进行，不能单独执行 | “{action}” follows the step before it by itself and cannot be taken alone
        process.not_now | 当前状态为“{state}”，不能执行“{action}” | “{action}” cannot be taken while the record is “{state}”
        process.role | 只有{roles}可以执行“{action}” | Only {roles} may take “{action}”
        process.history | 流程记录 | History
        process.actions | 可执行的操作 | What you can do now
        process.comment | 意见 | Comment
        process.created | 创建 | Created
        process.reason_needed | “{action}”无法撤销，请写明原因 | “{action}” cannot be undone: give the reason
        process.confirm | 此操作无法撤销，确定要继续吗？ | This cannot be undone. Go ahead?
        process.confirm_back | 这一步会把记录退回到之前的状态，确定要继续吗？ | This takes the record back to an earlier state. Go ahead?
        process.automatic | 系统（自动） | System (automatic)
        process.automatic_after | 全部评审意见已提交，最后一份来自 {name} | Every review answer is in; the last came from {name}
        review.remarks | 评审说明 | Remarks
        step.engineers | 工程师 | Engineers
        step.kind | 类型 | Kind
        step.title | 名称 | Title
        step.due | 计划日期 | Due
        step.payment_seq | 对应付款节点 | Payment line
        step.milestone_id | 节点 | Milestone
        step.document_id | 验收单 | Document
        step.obstacle_id | 阻碍报告 | Report
        step.text | 内容 | Text
        step.answer | 答复（市场部将如何处理） | Answer (what the Market Department will do)
        step.date | 日期 | Date
        step.verdict | 可行性结论 | Verdict
        step.conditions | 实施条件 | Conditions
        step.plan | 实施方案 | Plan
        step.start_on | 开始日期 | First day
        step.end_on | 结束日期 | Last day
        step.hours | 工时（小时） | Hours
        step.confirmed_by | 客户确认人 | Confirmed by (at the customer)
        step.satisfaction | 客户满意度（1–5） | Satisfaction (1–5)
        step.root_cause | 根本原因 | Root cause
        step.amount | 金额（元） | Amount (yuan)
        step.starts_at | 开始时间 | Starts
        step.contacts | 客户联系人 | The customer's contacts
        step.contact_id | 学员 | Attendee
        step.place | 地点或会议链接 | Place or meeting link
        step.score | 评分（1–5） | Score (1–5)
        step.ends_at | 结束时间 | Ends
        step.comment | 备注 | Remarks
        step.reviewers | 评审人（须含客户服务部） | Reviewers (Customer Service among them)
        step.opinion | 意见 | Opinion
        step.meeting_date | 会议日期 | Meeting date
        step.attendees | 参会人 | Attendees
        step.minutes | 会议纪要与决定 | Minutes and decision
        step.customer_signed_on | 客户签署日期 | Customer signed on
        step.engineer_id | 工程师 | Engineer
        step.versions | 版本 | Versions
        step.reason | 原因 | Reason
        step.winner | 中标单位 | Winning bidder
        step.winning_amount | 中标价 | Winning price
        process.comment_or_reason | 意见 / 原因 | Comment or reason
        """
}
