extension Catalog {
    /// Pre-sales support's strings (销售支持): `key | 中文 | English`.
    static let supportRequestTable = """
        nav.support_requests | 售前支持 | Pre-sales support
        support.list | 售前支持 | Pre-sales support
        support.new | 申请售前支持 | Ask for pre-sales support
        support.title | 售前支持申请 | Support request
        support.number | 编号 | Number
        support.kind | 类型 | Kind
        support.subject | 事项 | What
        support.detail | 说明 | Details
        support.customer | 客户 | Customer
        support.tender | 相关标书 | Tender
        support.wished_at | 期望时间 | Wished for
        support.hours | 预计时长（小时） | Hours needed
        support.requester | 申请人 | Asked by
        support.engineer | 工程师 | Engineer
        support.booking | 安排时间 | Booked
        support.outcome | 支持结果 | Outcome
        support.state | 状态 | State
        support.created | 申请时间 | Asked on
        support.conflict | 时间冲突 | Conflict
        support.conflict_with | 工程师 {name} 在同一时间另有安排：{others}。请两部门协调，由客户服务部经理重新安排。 | {name} is booked at the same time for {others}. The two departments coordinate; the CS manager reallocates.
        support.home_conflicts | 工程师时间冲突 | Engineers booked twice
        support.home_to_endorse | 待审核的售前支持申请 | Support requests to endorse
        support.home_to_allocate | 待安排的售前支持 | Support to allocate
        support.home_mine | 我的售前支持 | My support
        support.filter_conflicts | 有时间冲突 | With conflicts
        support.filter_open | 未完成 | Open
        support.none | 暂无 | None
        support.kind.demo | 产品演示 | Demonstration
        support.kind.solution | 方案设计 | Solution design
        support.kind.exchange | 技术交流 | Technical exchange
        support.kind.bid | 投标支持 | Bid support
        support.wished_past | 期望时间不能早于现在 | The wished time cannot be past
        support.not_customers_tender | 请选择该客户的标书 | Choose a tender of this customer
        support.unknown_customer | 客户不存在或无权查看 | No such customer, or not yours to see
        support.not_your_customer | 只能为自己负责的客户申请 | You ask only for the customers you own
        support.reps_ask | 售前支持由业务代表（或市场部经理）申请 | A rep (or the market manager) asks for pre-sales support
        support.not_requester | 只有申请人或市场部经理可以操作 | Only the one who asked or the market manager may do that
        support.end_before_start | 结束时间须晚于开始时间 | The end comes after the start
        support.too_long | 一次安排不超过 14 天 | One booking lasts 14 days at most
        support.not_allocated | 只有被安排的工程师或客户服务部经理可以记录结果 | Only the engineer allocated or the CS manager records the outcome
        process.support_request.state.submitted | 待市场部经理审核 | Waiting for the market manager
        process.support_request.state.returned | 已退回 | Returned
        process.support_request.state.endorsed | 已提交客户服务部 | With Customer Service
        process.support_request.state.scheduled | 已安排 | Allocated
        process.support_request.state.done | 已完成 | Done
        process.support_request.state.declined | 客户服务部无法支持 | Declined
        process.support_request.state.cancelled | 已取消 | Cancelled
        process.support_request.action.create | 提出申请 | Asked
        process.support_request.action.endorse | 同意并提交客户服务部 | Endorse and submit
        process.support_request.action.return | 退回 | Return
        process.support_request.action.resubmit | 重新提交 | Resubmit
        process.support_request.action.allocate | 安排工程师和时间 | Allocate
        process.support_request.action.decline | 无法支持 | Decline
        process.support_request.action.record_outcome | 记录支持结果 | Record the outcome
        process.support_request.action.cancel | 取消申请 | Cancel
        """
}
