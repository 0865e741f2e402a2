extension Catalog {
    /// One line per string: `key | 中文 | English`.
    static let table = """
        app.name | Frontline 市场营销系统 | Frontline
        app.tagline | 市场部与客户服务部的一体化营销运营系统 | Sales and marketing operations
        role.gm | 总经理 | General manager
        role.market_manager | 市场部经理 | Market manager
        role.business_assistant | 商务助理 | Business assistant
        role.sales_rep | 业务代表 | Sales representative
        role.cs_manager | 客户服务部经理 | Customer Service manager
        role.cs_engineer | 客户服务工程师 | Customer Service engineer
        role.finance | 财务 | Finance
        role.admin | 系统管理员 | Administrator
        department.market | 市场部 | Market Department
        department.customer_service | 客户服务部 | Customer Service Department
        tier.A | A 类（重点客户） | A (key account)
        tier.B | B 类 | B
        tier.C | C 类 | C
        tier.D | D 类 | D
        customer.status.prospect | 潜在 | Prospect
        customer.status.active | 活跃 | Active
        customer.status.dormant | 休眠 | Dormant
        customer.status.lost | 流失 | Lost
        comm.kind.call | 电话 | Call
        comm.kind.visit | 拜访 | Visit
        comm.kind.email | 电子邮件 | E-mail
        comm.kind.letter | 信函 | Letter
        comm.kind.meeting | 会议 | Meeting
        comm.direction.inbound | 客户来访/来电 | Inbound
        comm.direction.outbound | 我方发起 | Outbound
        limit.discount | 销货折让/折扣 | Sales allowance / discount
        limit.return | 退货 | Return
        limit.compensation | 客诉赔偿 | Complaint compensation
        limit.expense | 单笔费用支出 | Single expense
        audit.action.create | 新建 | Create
        audit.action.update | 修改 | Update
        audit.action.archive | 归档 | Archive
        audit.action.restore | 恢复 | Restore
        audit.action.login | 登录 | Sign-in
        audit.action.login_failed | 登录失败 | Failed sign-in
        audit.action.logout | 退出 | Sign-out
        audit.action.export | 导出 | Export
        audit.action.import | 导入 | Import
        audit.action.deactivate | 停用 | Deactivate
        audit.action.password_change | 修改密码 | Password change
        error.validation | 提交的内容有误，请按提示修改 | Some fields need attention
        error.not_found | 记录不存在或您无权查看 | The record does not exist or you may not see it
        error.forbidden | 您没有执行此操作的权限 | You are not allowed to do this
        error.unauthenticated | 请先登录 | Please sign in first
        record.duplicate | 同一记录刚被他人同时创建，请刷新后查看 | The same record was created by someone else at the same moment — reload to see it
        error.stale_raced | 该记录刚被他人同时修改，您的修改未保存，请刷新后重试 | Someone else changed this record at the same moment; yours was not saved — reload and try again
        error.stale_version | 该记录已被他人修改，请刷新后重试（版本 {current}） | Someone else changed this record; reload and try again (version {current})
        error.version_required | 修改时必须提供版本号 version（请求体或 If-Match 头） | An update must send the record's version (in the body or If-Match)
        error.bad_json | 请求体不是有效的 JSON：{detail} | The request body is not valid JSON: {detail}
        error.bad_utf8 | 请求内容不是有效的 UTF-8 文本 | The request body is not valid UTF-8
        error.nul | 文本中不能含有空字符（\\0）：{field} | Text may not contain NUL characters (\\0): {field}
        error.not_object | 请求体必须是一个 JSON 对象 | The request body must be a JSON object
        error.unknown_field | 不认识的字段：{field} | Unknown field: {field}
        error.wrong_type | 字段类型错误，应为{expected} | Wrong type; expected {expected}
        error.too_large | 请求体超过 {max} 的上限 | The request body exceeds the {max} limit
        error.throttled | 尝试次数过多，请 {seconds} 秒后再试 | Too many attempts; try again in {seconds} seconds
        error.csrf | 表单已过期或来源无效，请刷新页面后重试 | The form has expired or did not come from this site; reload and try again
        error.internal | 服务器内部错误，已记录（请求号 {id}） | Internal error, logged (request {id})
        error.bad_request | 请求无法处理 | The request cannot be processed
        error.method | 不支持该请求方法 | Method not allowed
        error.content_type | 不支持的内容类型：{type} | Unsupported content type: {type}
        type.string | 文本 | text
        type.boolean | 布尔值（true/false） | boolean (true/false)
        type.integer | 整数 | integer
        type.string_list | 文本数组 | array of text
        field.required | 必填 | Required
        field.too_long | 不能超过 {max} 个字符 | At most {max} characters
        field.one_of | 只能是：{values} | Must be one of: {values}
        field.not_id | 不是有效的编号 | Not a valid id
        field.phone | 电话号码只能包含数字、空格、+ - ( )，且至少 5 位数字 | A phone number has digits, spaces, + - ( ) and at least 5 digits
        field.email | 电子邮件地址格式不正确 | Not a valid e-mail address
        field.date | 日期格式应为 2026-11-29 | A date looks like 2026-11-29
        field.datetime | 时间格式应为 2026-11-29 14:30 | A time looks like 2026-11-29 14:30
        field.amount | 金额格式不正确或超出上限（例如 12,345.67 或 1.2万，不超过 100 亿元） | Not an amount, or past the ceiling (e.g. 12,345.67 or 1.2万; at most 10,000,000,000)
        field.not_negative | 不能为负数 | Must not be negative
        field.boolean | 只能是 true 或 false | Must be true or false
        field.invalid | 取值无效 | Invalid value
        field.once | 只能出现一次 | Give it once only
        field.version | 版本号必须是正整数 | The version must be a positive integer
        paging.limit | 每页条数须在 1 到 {max} 之间 | limit must be between 1 and {max}
        paging.offset | 偏移量须为不小于 0 的整数 | offset must be a whole number of 0 or more
        paging.sort | 排序字段只能是：{values}（前加 - 表示降序） | sort must be one of: {values} (prefix - for descending)
        credit_code.length | 统一社会信用代码应为 18 位 | A unified social credit code has 18 characters
        credit_code.check_digit | 统一社会信用代码校验位不正确，请核对 | The check character of this credit code is wrong; please check it
        customer.duplicate_name | 已存在同名客户“{name}”（编号 {id}，负责人 {owner}） | A customer named “{name}” exists already (no. {id}, owner {owner})
        customer.duplicate_code | 统一社会信用代码已被客户“{name}”使用（编号 {id}，负责人 {owner}） | This credit code belongs to “{name}” already (no. {id}, owner {owner})
        customer.reassign_forbidden | 业务代表不能把客户转给他人，请联系市场部经理或商务助理 | A rep cannot hand a customer to someone else; ask the market manager or business assistant
        customer.owner_not_rep | 负责人必须是在职的业务代表 | The owner must be an active sales representative
        customer.unowned | 未分配 | Unassigned
        customer.archived_badge | 已归档 | Archived
        customer.region_unknown | 区域不存在 | No such region
        comm.future | 时间不能晚于明天 | Cannot be later than tomorrow
        comm.next_step_needed | 填写了下一步日期，请同时写明下一步做什么 | A next-step date needs the next step itself
        comm.contact_unknown | 该联系人不属于此客户 | This contact does not belong to this customer
        user.username_fixed | 用户名创建后不能修改 | A username cannot change once created
        user.username_format | 用户名为 2–32 位字母、数字、. _ -，以字母开头 | 2–32 letters, digits, . _ - starting with a letter
        file.multipart_limits | 表单过大：最多 {parts} 个部分，每部分的头不超过 4 KB | The form is too large: at most {parts} parts, each with at most 4 KB of headers
        amount.too_large | 金额超出上限（单笔或合计不超过 {max} 万元） | The amount is too large (at most {max} 万元 for one amount or a total)
        user.password_length | 密码至少 10 位 | A password has at least 10 characters
        user.password_bytes | 密码不能超过 72 字节（约 24 个汉字或 72 个字母） | A password is at most 72 bytes (72 letters, about 24 Chinese characters)
        user.password_blank | 密码不能全是空格 | A password cannot be only spaces
        user.password_username | 密码不能包含用户名 | A password cannot contain the username
        user.password_common | 这个密码太常见，容易被猜到，请换一个 | This password is too common to be safe; choose another
        user.unknown_role | 不存在的角色：{role} | No such role: {role}
        user.roles_required | 至少选择一个角色 | Choose at least one role
        user.duplicate | 用户名“{name}”已被使用 | The username “{name}” is taken
        user.region_unknown | 区域不存在 | No such region
        user.bad_credentials | 用户名或密码错误 | Wrong username or password
        user.inactive | 该账号已停用 | This account has been deactivated
        user.self_deactivate | 不能停用自己的账号 | You cannot deactivate your own account
        region.code_format | 区域代码为 1–16 位字母、数字或 - | A region code has 1–16 letters, digits or -
        region.duplicate | 区域“{name}”已存在 | The region “{name}” exists already
        region.head_unknown | 负责人不存在 | No such user
        import.no_header | 文件没有表头行 | The file has no header row
        import.unknown_column | 不认识的列：{column} | Unknown column: {column}
        import.missing_name | 缺少“客户名称”列 | The “name” column is missing
        import.encoding | 无法识别文件编码（支持 UTF-8 和 GB18030） | Unknown file encoding (UTF-8 and GB18030 are supported)
        import.duplicate_in_file | 与文件第 {row} 行重复 | Duplicates row {row} of the file
        import.owner_unknown | 负责人“{name}”不存在或不是业务代表 | “{name}” is not a sales representative
        import.region_unknown | 区域“{name}”不存在 | No region “{name}”
        import.too_many_rows | 一次最多导入 {max} 行 | At most {max} rows per import
        import.empty | 文件是空的 | The file is empty
        import.bad_row | 第 {row} 行的列数与表头不符 | Row {row} does not have the header's number of columns
        export.format | 导出格式只能是 csv 或 xlsx | The export format is csv or xlsx
        http.400 | 请求有误 | Bad request
        http.401 | 需要登录 | Sign-in required
        http.403 | 无权操作 | Forbidden
        http.404 | 未找到 | Not found
        http.405 | 不支持的请求方法 | Method not allowed
        http.409 | 冲突 | Conflict
        http.413 | 内容过大 | Payload too large
        http.415 | 不支持的内容类型 | Unsupported media type
        http.422 | 内容未通过校验 | Validation failed
        http.429 | 请求过于频繁 | Too many requests
        http.500 | 服务器错误 | Server error
        col.id | 编号 | ID
        col.name | 客户名称 | Name
        col.tier | 等级 | Tier
        col.industry | 行业 | Industry
        col.region | 区域 | Region
        col.owner | 负责人 | Owner
        col.status | 状态 | Status
        col.address | 地址 | Address
        col.credit_code | 统一社会信用代码 | Credit code
        col.notes | 备注 | Notes
        col.updated_at | 更新时间 | Updated
        nav.section.work | 日常工作 | Work
        nav.section.control | 管控 | Control
        nav.section.admin | 系统管理 | Administration
        nav.home | 工作台 | Home
        nav.customers | 客户 | Customers
        nav.import | 导入客户 | Import customers
        nav.audit | 审计日志 | Audit log
        nav.limits | 权限额度 | Authority limits
        nav.users | 用户 | Users
        nav.regions | 区域 | Regions
        nav.section.help | 帮助 | Help
        nav.api_docs | API 文档 | API reference
        nav.permissions | 权限矩阵 | Permission matrix
        apidoc.title | Frontline API 文档 | Frontline API reference
        apidoc.intro | 本页由 OpenAPI 3.1 文档生成，机器可读的原文在 | This page is generated from the OpenAPI 3.1 document; the machine-readable original is at
        apidoc.parameters | 参数 | Parameters
        apidoc.name | 名称 | Name
        apidoc.in | 位置 | In
        apidoc.type | 类型 | Type
        apidoc.about | 说明 | Description
        apidoc.body | 请求体 | Request body
        apidoc.responses | 响应 | Responses
        apidoc.schemas | 数据结构 | Schemas
        apidoc.field | 字段 | Field
        apidoc.required | 必填 | Required
        process.automatic_only | “{action}”在上一步完成后自动进行，不能单独执行 | “{action}” follows the step before it by itself and cannot be taken alone
        process.not_now | 当前状态为“{state}”，不能执行“{action}” | “{action}” cannot be taken while the record is “{state}”
        process.role | 只有{roles}可以执行“{action}” | Only {roles} may take “{action}”
        process.history | 流程记录 | History
        process.actions | 可执行的操作 | What you can do now
        process.comment | 意见 | Comment
        process.approval.state.pending | 待审批 | Pending
        process.approval.state.approved | 已批准 | Approved
        process.approval.state.rejected | 已驳回 | Rejected
        process.approval.state.withdrawn | 已撤回 | Withdrawn
        process.approval.action.approve | 批准 | Approve
        process.approval.action.reject | 驳回 | Reject
        process.approval.action.withdraw | 撤回 | Withdraw
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
        nav.products | 价格表 | Price book
        nav.price_changes | 调价记录 | Price changes
        nav.quotations | 报价单 | Quotations
        nav.approvals | 审批 | Approvals
        nav.section.sales | 商务 | Deals
        field.year | 年份须为 2000–2999 | The year is 2000–2999
        process.created | 创建 | Created
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
        type.object | 对象 | object
        type.list | 数组 | array
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
        process.reason_needed | “{action}”无法撤销，请写明原因 | “{action}” cannot be undone: give the reason
        process.confirm | 此操作无法撤销，确定要继续吗？ | This cannot be undone. Go ahead?
        process.automatic | 系统（自动） | System (automatic)
        process.automatic_after | 全部评审意见已提交，最后一份来自 {name} | Every review answer is in; the last came from {name}
        tender.not_reviewer | 您不是这份标书的评审人 | You are not a reviewer of this bid
        approval.reason_required | 请写明申请审批的理由 | Say why you ask for approval
        approval.needed_generic | 本报价需审批后才能发出 | This quotation needs approval before it goes out
        approval.limit_above | 超出经理权限 | Above the manager's limit
        approval.box.done | 已处理 | Decided by me
        approval.basis | 审批依据 | Why approval is needed
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
        nav.contracts | 合同 | Contracts
        contract.new | 新建合同草稿 | New contract draft
        contract.heading | 合同 | Contract
        contract.number | 合同编号 | Number
        contract.title | 合同名称/项目 | Title or project
        contract.title_hint | 从报价单生成时可留空，沿用报价单的项目 | Leave empty to take the quotation's project
        contract.amount | 合同金额（元，含税） | Amount (¥, incl. VAT)
        contract.amount_hint | 从报价单生成时可留空，取价税合计 | Leave empty to take the quotation's total
        contract.cost_estimate | 成本估算（元，不含税） | Cost estimate (¥, net of VAT)
        contract.tax_rate | 增值税率须为 0 到 99 之间的百分数，例如 13 或 6 | The VAT rate is a percentage from 0 to 99, e.g. 13 or 6
        contract.tax_rate_label | 增值税率 | VAT rate
        contract.net_amount | 不含税金额 | Amount net of VAT
        contract.profit_unknown | 未知（未填成本） | Unknown (no cost entered)
        contract.quotation_has_contract | 这份报价单已有合同 {number}，不能再起草一份 | This quotation already has contract {number}; no second draft can be made from it
        contract.amendment_n | 第 {n} 次变更 | Amendment {n}
        contract.ledger_total | 共 {count} 份；其中已生效合同金额合计 ¥{amount} | {count} contracts; in effect: ¥{amount}
        contract.from_quotation | 来自已接受的报价单 | From an accepted quotation
        contract.or_customer | 或直接选择客户 | Or a customer
        contract.milestones | 付款节点 | Payment milestones
        contract.milestones_hint | 每行一个：名称｜金额｜日期（可空），用竖线“｜”或“/”分隔；合计须等于合同金额；留空则按 30%/60%/10% | One per line: name｜amount｜date (optional), separated by “｜” or “/”; they must add up to the amount; empty means 30/60/10 %
        contract.milestone | 节点 | Milestone
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
        quotation.to_contract | 生成合同草稿 | Draft a contract
        home.my_work | 待办 | Waiting for me
        home.approvals_waiting | 待我审批 | Approvals to decide
        home.contracts_to_review | 待我评审的合同 | Contracts to review
        home.contracts_to_meet | 待评审会决定的合同 | Contracts for the review meeting
        home.contracts_to_sign | 待签署的合同 | Contracts to sign
        limit.standard_discount | 报价标准折扣（超过须审批） | Standard quotation discount (beyond it: approval)
        limit.special_contract | 特殊合同金额（超过须经评审会） | Special contract amount (above it: review meeting)
        nav.menu | 菜单 | Menu
        file.name | 文件名无效 | The file name is not valid
        file.empty | 文件是空的 | The file is empty
        file.too_large | 文件不能超过 {max} | The file may not exceed {max}
        file.missing | 请选择要上传的文件 | Choose a file to upload
        file.heading | 附件 | Attachments
        file.upload | 上传附件 | Upload a file
        file.choose | 选择文件 | Choose a file
        file.size | 大小 | Size
        file.uploaded_by | 上传人 | Uploaded by
        file.uploaded_at | 上传时间 | Uploaded at
        file.remove | 删除 | Remove
        file.remove_confirm | 确定删除这个附件吗？ | Remove this file?
        file.none | 还没有附件 | No files yet
        nav.logout | 退出 | Sign out
        search.placeholder | 搜索客户、联系人… | Search customers, contacts…
        login.title | 登录 | Sign in
        login.username | 用户名 | Username
        login.password | 密码 | Password
        login.submit | 登录 | Sign in
        home.hello | 您好，{name} | Hello, {name}
        home.waiting | 待办：7 天内到期的下一步 | Waiting for me: next steps due within 7 days
        home.nothing_due | 暂无到期事项 | Nothing due
        home.my_customers | 我的客户 | My customers
        home.all_customers | 全部客户 | All customers
        home.active_users | 在职用户 | Active users
        home.inactive_users | 已停用用户 | Deactivated users
        home.empty_role | 您的角色暂无需要处理的工作（后续模块上线后会在这里显示） | Nothing waits for your role yet
        comm.next_step | 下一步 | Next step
        comm.next_step_date | 下一步日期 | Next step due
        customer.new | 新建客户 | New customer
        customer.edit | 编辑客户：{name} | Edit customer: {name}
        customer.archive | 归档 | Archive
        customer.restore | 恢复 | Restore
        customer.archive_confirm | 确定归档该客户？归档后不在日常列表中显示，可随时恢复。 | Archive this customer? It leaves the working lists and can be restored at any time.
        customer.restore_confirm | 确定恢复该客户？ | Restore this customer?
        customer.credit_code_hint | 18 位，系统会校验最后一位校验码 | 18 characters; the check character is verified
        filter.all | 全部 | All
        filter.search | 搜索 | Search
        filter.search_hint | 名称或信用代码 | Name or credit code
        filter.archived | 范围 | Scope
        filter.current | 在用客户 | Current
        filter.archived_only | 已归档 | Archived
        filter.apply | 筛选 | Filter
        filter.reset | 重置 | Reset
        export.csv | 导出 CSV | Export CSV
        export.xlsx | 导出 Excel | Export Excel
        list.empty | 没有符合条件的记录 | Nothing matches
        pager.prev | 上一页 | Previous
        pager.next | 下一页 | Next
        pager.range | 第 {from}–{to} 条，共 {total} 条 | {from}–{to} of {total}
        form.save | 保存 | Save
        form.cancel | 取消 | Cancel
        form.edit | 编辑 | Edit
        contact.heading | 联系人 | Contacts
        contact.add | 添加联系人 | Add contact
        contact.name | 姓名 | Name
        contact.title | 职务 | Title
        contact.mobile | 手机 | Mobile
        contact.phone | 电话 | Phone
        contact.phones | 手机 / 电话 | Mobile / phone
        contact.email | 电子邮件 | E-mail
        contact.primary | 主要联系人 | Primary contact
        comm.heading | 客户通信 | Communications
        comm.add | 记录沟通 | Log a communication
        comm.kind | 方式 | Kind
        comm.direction | 方向 | Direction
        comm.contact | 联系人 | Contact
        comm.occurred_at | 时间 | When
        comm.summary | 内容摘要 | Summary
        comm.none | 还没有沟通记录 | No communications yet
        import.ok | 已导入 | Imported
        import.failed | 未导入 | Not imported
        import.row | 行号 | Row
        import.summary | 导入 {ok} 行，{failed} 行未导入（有错误的行不会写入任何数据） | {ok} rows imported, {failed} not imported (a row with errors writes nothing)
        import.help | 上传 CSV 文件（UTF-8 或 GB18030 编码，Excel“另存为 CSV”即可）。第一行为表头，可用中文或英文列名： | Upload a CSV file (UTF-8 or GB18030, as Excel saves it). The first row is the header, in Chinese or English:
        import.file | CSV 文件 | CSV file
        import.submit | 导入 | Import
        user.new | 新建用户 | New user
        user.edit | 编辑用户：{name} | Edit user: {name}
        user.display_name | 姓名 | Name
        user.roles | 角色 | Roles
        user.locale | 界面语言 | Language
        user.active | 在职 | Active
        user.inactive_badge | 已停用 | Deactivated
        user.new_password | 重设密码（留空则不变） | New password (leave empty to keep)
        user.deactivate_hint | 取消勾选即停用：该用户无法登录，已登录的会话和 API 令牌立即失效 | Untick to deactivate: the user cannot sign in and every session and API token stops working at once
        region.code | 代码 | Code
        region.name | 名称 | Name
        region.head | 负责人 | Head
        region.reps | 业务代表 | Reps
        region.new | 新建区域 | New region
        limit.kind | 审批事项 | Request kind
        limit.amount | 市场部经理审批上限（元） | Market manager's limit (CNY)
        limit.help | 金额在上限以内由市场部经理审批，超过上限自动转总经理审批。每次修改都记入审计日志。 | Within the limit the market manager approves; above it the request goes to the GM. Every change is audited.
        audit.actor | 操作人 | Who
        audit.action | 操作 | Action
        audit.entity | 对象 | Record
        audit.entity_id | 编号 | ID
        audit.from | 从 | From
        audit.to | 至 | To
        audit.at | 时间 | When
        audit.change | 变更内容 | Change
        search.title | 搜索 | Search
        app.company | 本公司 | Our company
        field.range | 须在 {min} 到 {max} 之间 | Must be between {min} and {max}
        list.total | 共 {count} 条 | {count} in all
        nav.tenders | 标书 | Tenders
        process.tender.state.preparing | 编制中 | Being prepared
        process.tender.state.in_review | 标书评审中 | In bid review
        process.tender.state.passed | 评审通过 | Review passed
        process.tender.state.submitted | 已投标 | Submitted
        process.tender.state.won | 中标 | Won
        process.tender.state.lost | 未中标 | Lost
        process.tender.state.cancelled | 已放弃 | Abandoned
        process.tender.action.create | 新建标书 | Opened
        process.tender.action.upload | 上传文件 | File uploaded
        process.tender.action.assign | 指派技术标工程师 | Assign the technical-bid engineer
        process.tender.action.open_review | 发起标书评审 | Open the bid review
        process.tender.action.review | 提交评审意见 | Give a review opinion
        process.tender.action.pass | 评审通过 | Review passed
        process.tender.action.return | 退回修改 | Return for changes
        process.tender.action.reopen | 重新编制（澄清或变更） | Reopen for changes (clarification)
        process.tender.action.assemble | 总成投标文件包 | Assemble the bid package
        process.tender.action.submit | 确认已投标 | Mark as submitted
        process.tender.action.win | 登记中标 | Record as won
        process.tender.action.lose | 登记未中标 | Record as lost
        process.tender.action.pay_deposit | 登记保证金已缴 | Record the deposit paid
        process.tender.action.refund_deposit | 登记保证金已退 | Record the deposit refunded
        process.tender.action.forfeit_deposit | 登记保证金被没收 | Record the deposit forfeited
        process.tender.action.cancel | 放弃投标 | Abandon the bid
        tender.heading | 标书 | Tender
        tender.new | 新建标书 | New tender
        tender.number | 标书编号 | Tender no. (ours)
        tender.tender_no | 招标编号 | Buyer's tender number
        tender.title | 项目名称 | Project
        tender.title_hint | 选择报价单时可留空，沿用报价单的项目名称 | May be left empty when a quotation is chosen: its project is used
        tender.buyer | 招标人 | Buyer
        tender.buyer_hint | 留空则为所选客户 | Empty means the customer chosen
        tender.agency | 招标代理 | Tendering agency
        tender.bidder | 投标人 | Bidder
        tender.deadline | 投标截止时间 | Submission deadline
        tender.deadline_format | 时间格式应为 2026-12-01 09:30 | A time looks like 2026-12-01 09:30
        tender.deadline_past | 投标截止时间必须晚于现在 | The deadline must lie ahead
        tender.deadline_passed | 已过截止时间 {deadline} | Deadline passed {deadline}
        tender.deadline_soon | 即将截止 {deadline} | Due soon {deadline}
        tender.due_soon | 3 天内截止 | Due within 3 days
        tender.bid_amount | 投标报价 | Bid price
        tender.bid_amount_hint | 含税总价，元；选择报价单时可留空，沿用报价单总额 | Total with tax, yuan; empty with a quotation chosen takes its total
        tender.bid_locked | 投标报价已经评审，要修改请先重新编制 | The bid price has been reviewed: reopen the bid to change it
        tender.bid_amount_needed | 投标前须填写投标报价 | The bid price is needed before submission
        tender.deposit | 投标保证金 | Bid deposit
        tender.deposit_amount | 保证金金额 | Deposit amount
        tender.deposit_date | 日期 | Date
        tender.deposit.none | 无需保证金 | No deposit
        tender.deposit.unpaid | 未缴 | Unpaid
        tender.deposit.paid | 已缴 | Paid
        tender.deposit.refunded | 已退还 | Refunded
        tender.deposit.forfeited | 被没收 | Forfeited
        tender.deposit_not | 只有保证金为“{state}”时才能这样登记 | Only possible while the deposit is {state}
        tender.deposit_settled | 保证金已缴纳，金额不能再改 | The deposit has been paid; its amount can no longer change
        tender.paid_on | {date} 缴纳 | paid {date}
        tender.closed_on | {date} 结清 | settled {date}
        tender.quotation | 标准报价单 | Standard quotation
        tender.unknown_quotation | 没有这张报价单，或它不是该客户的 | No such quotation for this customer
        tender.engineer | 技术标工程师 | Technical-bid engineer
        tender.engineer_unassigned | 待客户服务部经理指派 | To be assigned by the CS manager
        tender.bad_engineer | 请选择一名在职的客户服务工程师 | Choose an active Customer Service engineer
        tender.part | 组成部分 | Part
        tender.parts | 标书组成 | Parts of the bid
        tender.part.commercial | 商务标 | Commercial bid
        tender.part.quotation | 标准报价 | Standard quotation
        tender.part.technical | 技术标 | Technical bid
        tender.part_missing | {part} 还没有上传文件 | The {part} has no file yet
        tender.not_part_owner | 您不负责{part}，不能上传 | You do not own the {part}
        tender.files_frozen | 标书{state}，文件已锁定；需要修改时请先重新编制 | The bid is {state}; its files are locked (reopen it to change them)
        tender.owner | 负责人 | Owner
        tender.no_files | 尚未上传文件 | No file yet
        tender.file | 文件 | File
        tender.file_version | 版本 | Version
        tender.file_note | 本版说明 | What changed
        tender.uploader | 上传人 | Uploaded by
        tender.size | 大小 | Size
        tender.size_bytes | 字节数 | Bytes
        tender.upload | 上传新版本 | Upload a new version
        tender.no_such_version | {part} 没有版本 {version} | The {part} has no version {version}
        tender.in_package | 已入包 | In the package
        tender.reviews | 标书评审 | Bid review
        tender.review_rejected | 有评审人不同意，标书须退回修改 | A reviewer rejected it: the bid goes back for changes
        tender.review_not_rejected | 评审人都已同意，无需退回 | Every reviewer approved: nothing to return
        tender.package | 投标文件包 | Bid package
        tender.package.heading | 投标文件 | Bid documents
        tender.package.cover | 封面与目录 | Cover and index
        tender.package.index | 目录 | Index
        tender.package.date | 编制日期 | Assembled on
        tender.package.note | 本文件包由 Frontline 按评审通过的版本总成，每个文件附 SHA-256 校验值 | Assembled by Frontline from the reviewed versions; each file with its SHA-256
        tender.no_package | 尚未总成投标文件包 | The package has not been assembled
        tender.download_package | 下载文件包 | Download the package
        tender.print_cover | 打印封面与目录 | Print the cover and index
        tender.late | 已过投标截止时间（{deadline}），不能再投标 | The deadline ({deadline}) has passed: the bid can no longer be submitted
        tender.closed | 标书{state}，不能再修改 | The tender is {state}: it can no longer change
        tender.result | 投标结果 | Result
        tender.contract_draft | 已生成合同草稿 | Contract draft opened
        tender.winner | 中标单位 | Winning bidder
        tender.winning_amount | 中标价 | Winning price
        tender.loss_reason | 未中标原因 | Why we lost
        tender.cancel_reason | 放弃原因 | Reason
        tender.reason_needed | 请说明原因 | Say why
        review.remarks | 评审说明 | Remarks
        tender.templates | 标书模板 | Bid templates
        tender.template_upload | 上传模板 | Upload a template
        tender.templates_hint | 商务助理维护的标书样式与模板，供编写商务标、报价和技术标时下载使用 | The bid layouts and templates the business assistant keeps, to download when writing a part
        home.tenders_due | 投标截止提醒（3 天内） | Tender deadlines within 3 days
        home.deposits_to_recover | 待退回的投标保证金（¥{amount}） | Bid deposits to recover (¥{amount})
        home.tenders_to_review | 待评审的标书 | Bids to review
        search.hint | 输入客户名称、信用代码、联系人姓名或电话 | Type a customer name, credit code, contact name or phone
        """
}
