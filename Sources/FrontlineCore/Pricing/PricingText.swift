extension Catalog {
    /// Products', quotations' and approvals' strings: `key | 中文 | English`.
    static let pricingTable = """
        limit.discount | 销货折让/折扣 | Sales allowance / discount
        limit.return | 退货 | Return
        limit.compensation | 客诉赔偿 | Complaint compensation
        limit.expense | 单笔费用支出 | Single expense
        process.approval.state.pending | 待审批 | Pending
        process.approval.state.approved | 已批准 | Approved
        process.approval.state.rejected | 已驳回 | Rejected
        process.approval.state.withdrawn | 已撤回 | Withdrawn
        process.approval.action.approve | 批准 | Approve
        process.approval.action.reject | 驳回 | Reject
        process.approval.action.withdraw | 撤回 | Withdraw
        process.approval.action.void | 随单作废 | Void with its subject
        approval.subject_moved | 该审批所属的单据已变更（已作废、撤回或已决定），此审批不再生效 | The record this approval is about has moved on (voided, withdrawn or decided); the approval no longer applies
        process.quotation.state.draft | 草稿 | Draft
        process.quotation.state.pending_approval | 待审批 | Awaiting approval
        process.quotation.state.approved | 已批准 | Approved
        process.quotation.state.sent | 已发送 | Sent
        process.quotation.state.accepted | 客户已接受 | Accepted
        process.quotation.state.declined | 客户已拒绝 | Declined
        process.quotation.state.superseded | 已被新版本取代 | Superseded
        process.quotation.state.cancelled | 已作废 | Cancelled
        process.quotation.action.submit | 提交审批 | Submit for approval
        process.quotation.action.approve | 批准折让 | Approve the discount
        process.quotation.action.reject | 驳回折让 | Reject the discount
        process.quotation.action.withdraw | 撤回审批 | Withdraw the request
        process.quotation.action.send | 发送给客户 | Send to the customer
        process.quotation.action.accept | 客户接受 | Customer accepted
        process.quotation.action.decline | 客户拒绝 | Customer declined
        process.quotation.action.revise | 修订为新版本 | Revise as a new version
        process.quotation.action.cancel | 作废 | Cancel
        approval.amount_positive | 审批金额必须大于零 | The amount must be above zero
        approval.own_request | 不能审批自己提出的申请 | You cannot decide your own request
        approval.above_limit | 金额超过市场部经理权限（{limit} 元），须由总经理审批 | Above the market manager's limit ({limit} yuan): the GM decides
        approval.not_requester | 只有申请人可以撤回 | Only the requester may withdraw it
        product.kind.product | 产品 | Product
        product.kind.service | 服务 | Service
        product.code_format | 编码为 1–32 位字母、数字或 - _ . | The code is 1–32 letters, digits or - _ .
        product.floor_above_list | 底价不能高于目录价 | The floor price cannot exceed the list price
        product.reason_needed | 调价须说明原因 | A price change needs a reason
        quotation.over_standard | {code} 折扣 {discount} 超过标准折扣 {standard} | {code}: discount {discount} exceeds the standard {standard}
        quotation.below_floor | {code} 报价低于底价 | {code} is priced under the floor
        quotation.valid_past | 有效期不能早于今天 | The validity date cannot be in the past
        quotation.too_many_lines | 一张报价单最多 200 行 | A quotation holds at most 200 lines
        quotation.unknown_product | 价格表中没有这个产品 | No such product in the price book
        quotation.inactive_product | {code} 已停用，不能新加入报价 | {code} is discontinued and cannot be added
        quotation.quantity | 数量须为大于 0 的数，最多两位小数 | The quantity is a number above 0 with at most two decimals
        quotation.discount | 折扣为 0–99.99 的百分数 | The discount is a percentage from 0 to 99.99
        quotation.no_lines | 报价单还没有明细行 | The quotation has no lines yet
        quotation.expired | 报价单已过有效期（{date}），请修订 | The quotation expired on {date}; revise it
        quotation.no_approval_needed | 折扣在标准之内，无需审批，可以直接发送 | Within the standard discount: no approval needed, send it
        quotation.needs_approval | 折扣超过标准或低于底价，须先审批 | Beyond the standard discount or under the floor: approval first
        quotation.not_draft | 报价单当前为“{state}”，只有草稿可以修改；请修订为新版本 | The quotation is “{state}”; only a draft can be changed — revise it instead
        quotation.customer_fixed | 报价单的客户不能更改 | The quotation's customer cannot change
        quotation.unknown_customer | 没有这个客户，或您无权查看 | No such customer, or not one you may see
        product.duplicate | 产品编码 {code} 已存在 | Product code {code} exists already
        approval.reason_needed | 驳回时请写明原因 | Say why when rejecting
        product.inactive | 已停用 | Discontinued
        product.new | 新建产品 | New product
        product.show_inactive | 含已停用 | Include discontinued
        product.code | 编码 | Code
        product.name | 名称 | Name
        product.kind | 类别 | Kind
        product.unit | 单位 | Unit
        product.list_price | 目录价（元） | List price (¥)
        product.floor_price | 底价（元） | Floor price (¥)
        product.cost | 成本（元） | Cost (¥)
        product.tax_rate | 税率 | VAT
        product.description | 说明 | Description
        product.reason | 调价原因 | Reason for the change
        product.reason_hint | 修改目录价、底价或成本时必填 | Required when a price changes
        product.active | 在售 | On sale
        product.prices_exclude_tax | 价格均为不含税价，税额按税率另计。 | Prices exclude VAT, which is added at the product's rate.
        price.at | 时间 | When
        price.by | 调整人 | By
        quotation.new | 新建报价单 | New quotation
        quotation.heading | 报价单 | Quotation
        quotation.number | 报价单号 | Number
        quotation.title | 项目/商机 | Project or opportunity
        quotation.title_hint | 这份报价回应的项目或商机 | The project or opportunity it answers
        quotation.valid_until | 有效期至 | Valid until
        quotation.made_from | 报价日期自 | Quoted from
        quotation.made_to | 报价日期至 | Quoted to
        quotation.col_quantity | 数量 | Quantity
        quotation.col_discount | 折扣 | Discount
        quotation.unit_price | 折后单价 | Net unit price
        quotation.net | 不含税金额 | Net amount
        quotation.tax | 税额 | VAT
        quotation.gross | 价税合计 | Total incl. VAT
        quotation.list_total | 目录价合计 | List total
        quotation.discount_total | 折让合计 | Discount total
        quotation.profit | 毛利 | Profit
        quotation.terms | 条款与说明 | Terms
        quotation.lines_hint | 每行选一个产品，填数量（可两位小数）与折扣百分比；空行不保存。 | One product per row with its quantity (two decimals) and discount percentage; empty rows are ignored.
        quotation.under_floor | 低于底价 | Under floor
        quotation.over_standard_short | 超标准 | Over standard
        quotation.print | 打印 | Print
        quotation.print_hint | 用浏览器的“打印”可存为 PDF | Use the browser's Print to save a PDF
        quotation.sheet_title | 报 价 单 | QUOTATION
        quotation.to | 致 | To
        quotation.date | 日期 | Date
        quotation.seq | 序号 | No.
        quotation.in_words | 大写 | In words
        quotation.our_seal | 报价单位（盖章）： | Issued by (seal):
        quotation.customer_seal | 客户确认（签字/盖章）： | Accepted by the customer (signature/seal):
        approval.heading | 折让审批 | Discount approval
        approval.amount | 金额 | Amount
        approval.routed_to | 审批人 | Routed to
        approval.limit | 权限额度 | Limit
        approval.box.inbox | 待我审批 | Awaiting me
        approval.box.mine | 我提交的 | Raised by me
        approval.box.all | 全部 | All
        approval.ledger | {year} 年审批台账 | Approvals ledger {year}
        approval.approver | 审批人 | Approver
        approval.kind | 类别 | Kind
        approval.count | 批准笔数 | Approved
        approval.total | 批准金额合计 | Approved total
        approval.largest | 单笔最大 | Largest
        approval.rejected | 驳回笔数 | Rejected
        approval.subject | 事项 | Subject
        approval.requester | 申请人 | Requested by
        approval.none | 没有审批事项 | Nothing to approve
        approval.reason_required | 请写明申请审批的理由 | Say why you ask for approval
        approval.needed_generic | 本报价需审批后才能发出 | This quotation needs approval before it goes out
        approval.limit_above | 超出经理权限 | Above the manager's limit
        approval.box.done | 已处理 | Decided by me
        approval.basis | 审批依据 | Why approval is needed
        quotation.to_contract | 生成合同草稿 | Draft a contract
        limit.standard_discount | 报价标准折扣（超过须审批） | Standard quotation discount (beyond it: approval)
        limit.special_contract | 特殊合同金额（超过须经评审会） | Special contract amount (above it: review meeting)
        limit.kind | 审批事项 | Request kind
        limit.amount | 市场部经理审批上限（元） | Market manager's limit (CNY)
        limit.help | 金额在上限以内由市场部经理审批，超过上限自动转总经理审批。每次修改都记入审计日志。 | Within the limit the market manager approves; above it the request goes to the GM. Every change is audited.
        """
}
