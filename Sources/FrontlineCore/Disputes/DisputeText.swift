extension Catalog {
    /// Ownership disputes' strings (工作争议): `key | 中文 | English`.
    static let disputeTable = """
        nav.disputes | 归属争议 | Ownership disputes
        dispute.list | 客户归属争议 | Ownership disputes
        dispute.new | 提出归属争议 | Raise an ownership dispute
        dispute.title | 归属争议 | Ownership dispute
        dispute.number | 编号 | Number
        dispute.customer | 客户 | Customer
        dispute.claimant | 提出人 | Raised by
        dispute.owner | 当时负责人 | Owner then
        dispute.reason | 理由 | Reason
        dispute.decision | 裁决意见 | Decision
        dispute.state | 状态 | State
        dispute.created | 提出时间 | Raised on
        dispute.intro | 客户已由其他业务代表负责时，可提出归属争议，由市场部经理裁决。 | When another rep owns the customer, raise a dispute; the market manager decides.
        dispute.not_others | 只能对其他业务代表负责的客户提出争议 | A dispute is about a customer another rep owns
        dispute.open_already | 你对这个客户已有一项未裁决的争议（{number}） | You already have an open dispute over this customer ({number})
        dispute.owner_changed | 客户负责人已经变化，这项争议需要重新提出 | The customer's owner has changed since; raise the dispute again
        dispute.not_claimant | 只有提出人可以撤回争议 | Only whoever raised it withdraws it
        dispute.reps_raise | 归属争议由业务代表提出 | Reps raise ownership disputes
        process.dispute.state.open | 待裁决 | Open
        process.dispute.state.awarded | 已裁给提出人 | Awarded
        process.dispute.state.dismissed | 已驳回 | Dismissed
        process.dispute.state.withdrawn | 已撤回 | Withdrawn
        process.dispute.action.create | 提出争议 | Raised
        process.dispute.action.award | 裁给提出人 | Award to the claimant
        process.dispute.action.dismiss | 驳回 | Dismiss
        process.dispute.action.withdraw | 撤回 | Withdraw
        """
}
