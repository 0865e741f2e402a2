extension Catalog {
    /// Customer screening's strings (筛选客户): `key | 中文 | English`.
    static let screeningTable = """
        nav.screenings | 客户筛选 | Customer screening
        screening.list | 客户筛选建议 | Customer screening
        screening.new | 提出筛选建议 | Propose a screening
        screening.title | 客户筛选建议 | Screening proposal
        screening.number | 编号 | Number
        screening.customer | 客户 | Customer
        screening.outcome | 建议 | Proposal
        screening.outcome.tier | 调整客户等级 | Change the tier
        screening.outcome.status | 调整客户状态 | Change the status
        screening.outcome.archive | 移出客户档案 | Drop from the archive
        screening.tier | 建议等级 | Tier proposed
        screening.status | 建议状态 | Status proposed
        screening.before | 现状 | Now
        screening.reason | 理由 | Reason
        screening.decision | 总经理意见 | The GM's decision
        screening.proposer | 建议人 | Proposed by
        screening.created | 提出时间 | Proposed on
        screening.state | 状态 | State
        screening.intro | 市场部经理对客户筛选有建议权，由总经理决定；批准后客户随即调整。 | The market manager proposes, the GM decides; on approval the customer changes at once.
        screening.same_tier | 与客户现在的等级相同 | That is the customer's tier already
        screening.same_status | 与客户现在的状态相同 | That is the customer's status already
        screening.open_already | 这个客户已有一项待决定的筛选建议（{number}） | This customer already has a proposal awaiting the GM ({number})
        screening.customer_archived | 客户已移出档案，这项建议无法执行 | The customer has left the archive; the proposal cannot be carried out
        screening.customer_unknown | 客户不存在或已移出档案 | No such customer in the archive
        screening.managers | 筛选建议由市场部经理提出 | The market manager proposes screenings
        process.screening.state.proposed | 待总经理决定 | Awaiting the GM
        process.screening.state.approved | 已批准 | Approved
        process.screening.state.rejected | 未批准 | Rejected
        process.screening.state.withdrawn | 已撤回 | Withdrawn
        process.screening.action.create | 提出建议 | Proposed
        process.screening.action.approve | 批准 | Approve
        process.screening.action.reject | 不批准 | Reject
        process.screening.action.withdraw | 撤回 | Withdraw
        """
}
