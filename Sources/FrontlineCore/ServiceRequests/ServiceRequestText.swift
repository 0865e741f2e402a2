extension Catalog {
    /// Service requests' strings (工程施工和售后服务): `key | 中文 | English`.
    static let serviceRequestTable = """
        nav.service_requests | 服务请求 | Service requests
        nav.service_levels | 服务时限 | Service levels
        service.list | 服务请求 | Service requests
        service.new | 提交服务请求 | New service request
        service.title | 服务请求 | Service request
        service.number | 编号 | Number
        service.kind | 类型 | Type
        service.subject | 事项 | What
        service.detail | 详细说明 | Details
        service.location | 地点 | Where
        service.wished_on | 期望完成日期 | Wished by
        service.customer | 客户 | Customer
        service.contract | 相关合同 | Contract
        service.implementation | 相关实施项目 | Implementation
        service.requester | 提出人 | Asked by
        service.state | 状态 | State
        service.created | 提交时间 | Asked on
        service.verdict_label | 可行性结论 | Verdict
        service.verdict_by | 答复人 | Answered by
        service.conditions_label | 实施条件 | Conditions
        service.plan_label | 实施安排 | Plan
        service.engineers | 工程师 | Engineers
        service.dates | 实施日期 | Days
        service.resolution | 处理结果 | Resolution
        service.confirmed | 客户确认 | Customer's confirmation
        service.log | 工作记录 | Work log
        service.files | 附件 | Attachments
        service.upload | 上传附件 | Upload a file
        service.none | 暂无 | None
        service.response | 响应 | Response
        service.resolve_by | 解决 | Resolution
        service.read_only | 可行性与实施安排由客户服务部决定；市场部提出请求并跟踪结果。 | Customer Service judges feasibility and decides the work; the Market Department asks and follows.
        service.home_attention | 临近或超过时限的服务请求 | Service requests near or past their target
        service.home_new | 待答复的服务请求 | Requests waiting for a verdict
        service.home_mine | 我的服务请求 | My service requests
        service.customer_section | 未关闭的服务请求 | Open service requests
        service.all_of_customer | 全部服务请求 | All his requests
        service.filter_attention | 临近或超时 | Near or past target
        service.filter_open | 未关闭 | Open
        service.sort | 排序 | Sort
        service.sort_newest | 最新提交 | Newest
        service.sort_oldest | 最早提交 | Oldest
        service.sort_due | 解决时限最近 | Resolution due first
        service.prev | 上一页 | Previous
        service.next | 下一页 | Next
        service.filter_mine | 我提出或负责的 | Mine
        service.files_after | 提交后可在请求页面上传附件（现场照片、图纸、客户来函）。 | Once it is in, attach files (site photos, drawings, the customer's letter) on the request's page.
        service.kind.engineering | 工程施工 | Engineering works
        service.kind.installation | 安装调试 | Installation
        service.kind.repair | 故障维修 | Repair
        service.kind.maintenance | 维护保养 | Maintenance
        service.kind.upgrade | 升级改造 | Upgrade
        service.kind.other | 其他 | Other
        service.verdict.feasible | 可行 | Feasible
        service.verdict.conditional | 有条件可行 | Feasible with conditions
        service.verdict.not_feasible | 不可行 | Not feasible
        service.wished_past | 期望日期不能早于今天 | The wished day cannot be past
        service.not_customers_contract | 请选择该客户的合同 | Choose a contract of this customer
        service.not_customers_implementation | 请选择该客户的实施项目 | Choose an implementation of this customer
        service.implementation_other_contract | 实施项目不属于所选合同 | The implementation belongs to another contract
        service.unknown_customer | 客户不存在或无权查看 | No such customer, or not yours to see
        service.not_your_customer | 只能为自己负责的客户提交服务请求 | You ask only for the customers you own
        service.market_asks | 服务请求由市场部（销售代表、市场部经理或商务助理）提出 | The Market Department (a rep, the market manager or the assistant) asks for service
        service.not_assigned | 只有被指派的工程师或客户服务部经理可以处理该请求 | Only the assigned engineers or the CS manager work on this request
        service.conditions_needed | 有条件可行时请写明条件 | Give the conditions of a conditional verdict
        service.end_before_start | 结束日期不能早于开始日期 | The last day cannot come before the first
        service.too_many_engineers | 工程师过多（最多 20 名） | Too many engineers (20 at most)
        service.log_full | 工作记录过多 | The work log is full
        service.hours | 工时须大于 0 且不超过 24 小时 | Hours are more than 0 and at most 24
        service.resume_elsewhere | 该请求等待前处于其他阶段 | The request waited from another stage
        service.work_begun | 客户服务部已开始实施，不能撤回 | Customer Service has begun the work: it cannot be withdrawn
        process.service_request.state.submitted | 待答复 | Waiting for a verdict
        process.service_request.state.answered | 可行·待安排 | Feasible, to schedule
        process.service_request.state.scheduled | 实施中 | Scheduled
        process.service_request.state.waiting | 等待客户 | Waiting on the customer
        process.service_request.state.resolved | 待客户确认 | Waiting for confirmation
        process.service_request.state.closed | 已关闭 | Closed
        process.service_request.state.declined | 不可行 | Not feasible
        process.service_request.state.withdrawn | 已撤回 | Withdrawn
        process.service_request.action.create | 提交请求 | Asked
        process.service_request.action.answer | 答复可行性 | Give the verdict
        process.service_request.action.decline | 不可行，关闭 | Closed as not feasible
        process.service_request.action.schedule | 安排实施 | Schedule the work
        process.service_request.action.log | 记录工作 | Log work
        process.service_request.action.wait | 等待客户 | Wait on the customer
        process.service_request.action.resume | 客户已答复 | The customer answered
        process.service_request.action.resolve | 处理完成 | Resolved
        process.service_request.action.confirm | 客户确认关闭 | Customer confirmed
        process.service_request.action.reopen | 重新打开 | Reopen
        process.service_request.action.withdraw | 撤回请求 | Withdraw
        """
}
