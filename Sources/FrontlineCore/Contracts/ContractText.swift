extension Catalog {
    /// Contracts' strings: `key | 中文 | English`.
    static let contractTable = """
        process.contract.state.draft | 草稿 | Draft
        process.contract.state.in_review | 评审中 | In review
        process.contract.state.awaiting_meeting | 待评审会 | Awaiting the review meeting
        process.contract.state.approved | 评审通过 | Approved
        process.contract.state.effective | 已生效 | In effect
        process.contract.state.superseded | 已被变更取代 | Superseded by an amendment
        process.contract.state.cancelled | 已作废 | Cancelled
        process.contract.action.open_review | 发起评审 | Open the review
        contract.amendment_open | 合同 {number} 的变更第 {amendment} 版尚未完成，完成或作废后才能再次变更 | Amendment v{amendment} of {number} is still open: finish or void it before amending again
        process.contract.action.supersede | 被新版本取代 | Superseded by an amendment
        process.contract.action.review | 提交评审意见 | Give a review opinion
        process.contract.action.conclude | 评审通过 | Review passed
        process.contract.action.to_meeting | 提交评审会 | Sent to the review meeting
        process.contract.action.approve | 评审会批准 | Approve at the meeting
        process.contract.action.return | 评审会退回 | Return from the meeting
        process.contract.action.sign_technical | 签署技术部分 | Sign the technical part
        process.contract.action.sign_commercial | 签署商务部分 | Sign the commercial part
        process.contract.action.take_effect | 合同生效 | Put into effect
        process.contract.action.amend | 合同变更 | Amend
        process.contract.action.cancel | 作废 | Cancel
        contract.opinion.pending | 待评审 | Pending
        contract.opinion.approve | 同意 | Approve
        contract.opinion.approve_with_conditions | 有条件同意 | Approve with conditions
        contract.opinion.reject | 不同意 | Reject
        contract.amount_positive | 合同金额必须大于零 | The amount must be above zero
        contract.too_many_milestones | 付款节点最多 24 个 | At most 24 payment milestones
        contract.milestones_sum | 付款节点合计 {sum} 元，与合同金额 {amount} 元不符 | The milestones add up to {sum}, not the contract amount {amount}
        contract.no_milestones | 请先填写付款节点 | Add the payment milestones first
        contract.needs_cs_reviewer | 技术部分须由客户服务部评审，请指定客户服务部评审人 | Customer Service reviews the technical part: name a Customer Service reviewer
        contract.not_reviewer | 您不是这份合同的评审人 | You are not a reviewer of this contract
        contract.already_answered | 您已提交过评审意见 | You have given your opinion already
        contract.reviews_pending | 还有评审人未提交意见 | Some reviewers have not answered yet
        contract.meeting_needed | 有不同意见或为特殊合同，须提交评审会 | A rejection or a special contract goes to the review meeting
        contract.no_meeting_needed | 评审一致通过，无须评审会 | All approved: no meeting needed
        contract.minutes_needed | 请填写评审会纪要与决定 | Record the meeting's minutes and decision
        contract.already_signed | 这一部分已经签署 | This part is signed already
        contract.not_owner | 只有负责该客户的业务代表或市场部经理可以签署商务部分 | Only the account's rep or the market manager signs the commercial part
        contract.signatures_missing | 技术部分与商务部分都签署后才能生效 | Both the technical and the commercial part must be signed first
        contract.customer_date_missing | 请填写客户签署日期 | Enter the date the customer signed
        contract.date_future | 客户签署日期不能晚于今天 | The customer's signing date cannot be in the future
        contract.unknown_quotation | 没有这份报价单，或您无权查看 | No such quotation, or not one you may see
        contract.quotation_not_accepted | 只有客户已接受的报价单可以生成合同 | Only an accepted quotation becomes a contract
        contract.not_draft | 合同当前为“{state}”，只有草稿可以修改 | The contract is “{state}”; only a draft can be changed
        contract.source_fixed | 合同的客户与来源不能更改 | The contract's customer and source cannot change
        contract.reviewers_needed | 请指定评审人 | Name the reviewers
        contract.bad_reviewer | 评审人 {id} 不存在或不属于相关部门 | Reviewer {id} does not exist or belongs to no department concerned
        contract.comment_needed | 有条件同意或不同意时请写明意见 | Say why when approving with conditions or rejecting
        contract.new | 新建合同草稿 | New contract draft
        contract.heading | 合同 | Contract
        contract.number | 合同编号 | Number
        contract.title | 合同名称/项目 | Title or project
        contract.title_hint | 从报价单生成时可留空，沿用报价单的项目 | Leave empty to take the quotation's project
        contract.amount | 合同金额（元，含税） | Amount (¥, incl. VAT)
        contract.signed_from | 客户签订自 | Signed from
        contract.signed_to | 客户签订至 | Signed to
        contract.amount_hint | 从报价单生成时可留空，取价税合计 | Leave empty to take the quotation's total
        contract.cost_estimate | 成本估算（元，不含税） | Cost estimate (¥, net of VAT)
        contract.tax_rate | 增值税率须为 0 到 99 之间的百分数，例如 13 或 6 | The VAT rate is a percentage from 0 to 99, e.g. 13 or 6
        contract.tax_rate_label | 增值税率 | VAT rate
        contract.net_amount | 不含税金额 | Amount net of VAT
        contract.profit_unknown | 未知（未填成本） | Unknown (no cost entered)
        contract.quotation_has_contract | 这份报价单已有合同 {number}，不能再起草一份 | This quotation already has contract {number}; no second draft can be made from it
        contract.amendment_n | 第 {n} 次变更 | Amendment {n}
        contract.ledger_total | 共 {count} 份；其中已生效合同金额合计 ¥{amount} | {count} {count~contract~contracts}; in effect: ¥{amount}
        contract.from_quotation | 来自已接受的报价单 | From an accepted quotation
        contract.or_customer | 或直接选择客户 | Or a customer
        contract.milestones | 付款节点 | Payment milestones
        contract.milestones_hint | 每行一个：名称｜金额｜日期（可空），用竖线“｜”或“/”分隔；合计须等于合同金额；留空则按 30%/60%/10% | One per line: name｜amount｜date (optional), separated by “｜” or “/”; they must add up to the amount; empty means 30/60/10 %
        contract.milestone | 节点 | Milestone
        contract.milestone_amount | 金额 | Amount
        contract.due | 日期 | Due
        contract.technical_annex | 技术附件 | Technical annex
        contract.commercial_terms | 商务条款 | Commercial terms
        contract.special | 特殊合同（非标准条款，须经评审会） | Special contract (non-standard terms: review meeting)
        contract.special_badge | 须经评审会 | Review meeting
        contract.reviewers | 评审人（须含客户服务部） | Reviewers (Customer Service among them)
        contract.reviews | 评审意见 | Review opinions
        contract.reviewer | 评审人 | Reviewer
        contract.no_reviews | 尚未发起评审 | No review opened yet
        contract.part | 评审部分 | Part
        contract.part.technical | 技术部分 | Technical part
        contract.part.commercial | 商务部分 | Commercial part
        contract.opinion | 意见 | Opinion
        contract.meeting | 评审会 | Review meeting
        contract.meeting_date | 会议日期 | Meeting date
        contract.attendees | 参会人 | Attendees
        contract.minutes | 会议纪要与决定 | Minutes and decision
        contract.signatures | 签署 | Signatures
        contract.customer_signed_on | 客户签署日期 | Customer signed on
        contract.source | 来源 | Source
        contract.handoff | 已移交客户服务部 | Handed to Customer Service
        contract.handoff_text | 已生成实施记录 #{id}（客户服务部负责）和回款计划；市场部不再修改合同与实施。 | Implementation record #{id} (owned by Customer Service) and the payment plan are created; the Market Department no longer changes the contract or its implementation.
        """
}
