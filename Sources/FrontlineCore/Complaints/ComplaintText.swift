extension Catalog {
    /// Complaints' strings (客户投诉): `key | 中文 | English`.
    static let complaintTable = """
        nav.complaints | 投诉 | Complaints
        nav.complaint_stats | 投诉统计 | Complaint statistics
        complaint.title | 客户投诉 | Complaint
        complaint.list | 客户投诉 | Complaints
        complaint.new | 受理投诉 | Take in a complaint
        complaint.number | 编号 | Number
        complaint.customer | 客户 | Customer
        complaint.contact | 投诉人 | Complained
        complaint.channel | 渠道 | Channel
        complaint.category | 类别 | Category
        complaint.product | 产品 | Product
        complaint.severity | 严重程度 | Severity
        complaint.words | 客户原话 | The customer's words
        complaint.taken_by | 受理人 | Taken in by
        complaint.department | 负责部门 | Owned by
        complaint.state | 状态 | State
        complaint.created | 受理时间 | Taken in
        complaint.acknowledgement | 受理答复 | Acknowledgement
        complaint.root_cause | 根本原因 | Root cause
        complaint.resolution | 处理结果 | Resolution
        complaint.confirmed | 客户确认 | Customer's confirmation
        complaint.compensation | 客诉赔偿 | Compensation
        complaint.compensation_state | 审批 | Approval
        complaint.compensation_paid_on | 支付日期 | Paid on
        complaint.acknowledge_by | 受理时限 | Acknowledge
        complaint.resolve_by | 解决时限 | Resolve
        complaint.follow_only | 该投诉属于工程施工或售后服务，已自动转客户服务部处理；市场部跟踪进展。 | This complaint is about engineering or after-sales service: it went to Customer Service by itself, and the Market Department follows it.
        complaint.market_handles | 该投诉由市场部处理。 | The Market Department handles this complaint.
        complaint.stats | 投诉统计 | Complaint statistics
        complaint.stats_intro | 按受理时间统计；时长为工作时间的平均值。 | Counted by the day taken in; times are mean working time.
        complaint.stats_by | 维度 | By
        complaint.stats_count | 件数 | Count
        complaint.stats_open | 未关闭 | Open
        complaint.stats_ack | 平均受理时长 | Mean time to acknowledge
        complaint.stats_resolve | 平均解决时长 | Mean time to resolve
        complaint.stats_satisfaction | 平均满意度 | Mean satisfaction
        complaint.stats_from | 从 | From
        complaint.stats_to | 到 | To
        complaint.by.category | 按类别 | By category
        complaint.by.product | 按产品 | By product
        complaint.by.region | 按区域 | By region
        complaint.by.severity | 按严重程度 | By severity
        complaint.by.month | 按月份 | By month
        complaint.period | 统计区间无效（起始不晚于结束，最长三年） | The period is not valid (from no later than to, three years at most)
        complaint.no_product | 未指定产品 | No product named
        complaint.no_region | 未分区域 | No region
        complaint.home_attention | 临近或超过时限的投诉 | Complaints near or past their target
        complaint.home_received | 待受理的投诉 | Complaints to acknowledge
        complaint.home_followed | 我跟踪的投诉 | Complaints I follow
        complaint.customer_section | 未关闭的投诉 | Open complaints
        complaint.filter_open | 未关闭 | Open
        complaint.filter_attention | 临近或超时 | Near or past target
        complaint.none | 暂无 | None
        complaint.channel.phone | 电话 | Phone
        complaint.channel.visit | 来访 | Visit
        complaint.channel.letter | 信函 | Letter
        complaint.channel.email | 电子邮件 | E-mail
        complaint.channel.web | 网站 | Web
        complaint.category.product | 产品质量 | Product quality
        complaint.category.engineering | 工程施工 | Engineering works
        complaint.category.after_sales | 售后服务 | After-sales service
        complaint.category.delivery | 交付延误 | Late delivery
        complaint.category.attitude | 服务态度 | Attitude
        complaint.category.billing | 价格与账务 | Prices and billing
        complaint.category.other | 其他 | Other
        complaint.severity.low | 轻微 | Low
        complaint.severity.normal | 一般 | Normal
        complaint.severity.high | 严重 | High
        complaint.severity.critical | 重大 | Critical
        complaint.no_such_product | 价目表中没有该产品 | No such product in the price book
        complaint.unknown_customer | 客户不存在或无权查看 | No such customer, or not yours to see
        complaint.not_your_customer | 只能受理自己负责的客户的投诉 | You take in complaints only for the customers you own
        complaint.market_takes_in | 投诉由商务助理、市场部经理或客户的业务代表受理 | The business assistant, the market manager or the customer's rep takes complaints in
        complaint.customer_service_owns | 工程施工和售后服务的投诉由客户服务部处理，市场部只能跟踪 | Customer Service handles complaints about engineering and after-sales; the Market Department follows them
        complaint.market_owns | 该投诉由市场部处理 | The Market Department handles this complaint
        complaint.compensation_open | 已有赔偿申请在审批中或已批准 | A compensation is already being approved or has been
        complaint.compensation_not_approved | 赔偿经审批通过后才能支付 | A compensation is paid only once approved
        complaint.compensation_paid | 赔偿已于 {day} 支付 | The compensation was paid on {day}
        process.complaint.state.received | 待受理 | To acknowledge
        process.complaint.state.acknowledged | 处理中 | Being handled
        process.complaint.state.waiting | 等待客户 | Waiting on the customer
        process.complaint.state.resolved | 待客户确认 | Waiting for confirmation
        process.complaint.state.closed | 已关闭 | Closed
        process.complaint.action.create | 受理投诉 | Taken in
        process.complaint.action.acknowledge | 答复客户（受理） | Acknowledge
        process.complaint.action.wait | 等待客户 | Wait on the customer
        process.complaint.action.resume | 客户已答复 | The customer answered
        process.complaint.action.resolve | 处理完成 | Resolved
        process.complaint.action.confirm | 客户确认关闭 | Customer confirmed
        process.complaint.action.reopen | 重新打开 | Reopen
        process.complaint.action.request_compensation | 申请客诉赔偿 | Ask for a compensation
        process.complaint.action.pay_compensation | 支付赔偿 | Pay the compensation
        """
}
