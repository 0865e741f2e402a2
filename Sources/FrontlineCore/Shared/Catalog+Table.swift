extension Catalog {
    /// One line per string: `key | 中文 | English`.
    static let table = """
        app.name | Frontline 市场营销系统 | Frontline
        app.tagline | 市场部与客户服务部的一体化营销运营系统 | Sales and marketing operations
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
        file.record_closed | 该记录{state}，文件不能再增删 | This record is {state}: its files can no longer be changed
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
        file.multipart_limits | 表单过大：最多 {parts} 个部分，每部分的头不超过 4 KB | The form is too large: at most {parts} parts, each with at most 4 KB of headers
        amount.too_large | 金额超出上限（单笔或合计不超过 {max} 万元） | The amount is too large (at most {max} 万元 for one amount or a total)
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
        col.created_at | 登记时间 | Created
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
        nav.products | 价格表 | Price book
        nav.price_changes | 调价记录 | Price changes
        nav.quotations | 报价单 | Quotations
        nav.approvals | 审批 | Approvals
        nav.section.sales | 商务 | Deals
        field.year | 年份须为 2000–2999 | The year is 2000–2999
        type.object | 对象 | object
        type.list | 数组 | array
        nav.contracts | 合同 | Contracts
        home.my_work | 待办 | Waiting for me
        home.approvals_waiting | 待我审批 | Approvals to decide
        home.contracts_to_review | 待我评审的合同 | Contracts to review
        home.contracts_to_meet | 待评审会决定的合同 | Contracts for the review meeting
        home.contracts_to_sign | 待签署的合同 | Contracts to sign
        nav.menu | 菜单 | Menu
        file.name | 文件名无效 | The file name is not valid
        file.empty | 文件是空的 | The file is empty
        file.too_large | 文件不能超过 {max} | The file may not exceed {max}
        file.missing | 请选择要上传的文件 | Choose a file to upload
        file.heading | 附件 | Attachments
        file.upload | 上传附件 | Upload a file
        file.choose | 选择文件 | Choose a file
        file.filename | 文件名 | File name
        file.size | 大小 | Size
        file.uploaded_by | 上传人 | Uploaded by
        file.uploaded_at | 上传时间 | Uploaded at
        file.remove | 删除 | Remove
        file.remove_confirm | 确定删除这个附件吗？ | Remove this file?
        file.none | 还没有附件 | No files yet
        nav.logout | 退出 | Sign out
        home.hello | 您好，{name} | Hello, {name}
        home.waiting | 我的待办：沟通记录的下一步（逾期的在前） | My next steps (overdue first)
        home.nothing_due | 暂无到期事项 | Nothing due
        home.my_customers | 我的客户 | My customers
        home.all_customers | 全部客户 | All customers
        home.active_users | 在职用户 | Active users
        home.inactive_users | 已停用用户 | Deactivated users
        home.empty_role | 您的角色暂无需要处理的工作（后续模块上线后会在这里显示） | Nothing waits for your role yet
        filter.all | 全部 | All
        filter.search | 搜索 | Search
        filter.search_hint | 名称或信用代码 | Name or credit code
        filter.archived | 范围 | Scope
        filter.current | 在用客户 | Current
        filter.archived_only | 已归档 | Archived
        filter.apply | 筛选 | Filter
        filter.reset | 重置 | Reset
        list.sort | 排序 | Order
        pick.placeholder | 输入名称搜索并选择 | Type to search, then choose
        sort.newest | 最新登记 | Newest first
        sort.amount_desc | 金额从高到低 | Largest amount
        sort.amount_asc | 金额从低到高 | Smallest amount
        sort.signed_desc | 签订日期（最近的在前） | Latest signed
        sort.deadline | 截止时间（先到期的在前） | Deadline, soonest first
        sort.updated | 最近更新 | Recently updated
        sort.valid_until | 有效期（先到期的在前） | Expiring first
        notice.step_done | 已完成：{action} | Done: {action}
        notice.saved | 已保存 | Saved
        filter.refused | 以下筛选条件无效，已忽略： | These filters were not understood and are left out:
        export.csv | 导出 CSV | Export CSV
        export.xlsx | 导出 Excel | Export Excel
        list.empty | 没有符合条件的记录 | Nothing matches
        pager.prev | 上一页 | Previous
        pager.next | 下一页 | Next
        pager.range | 第 {from}–{to} 条，共 {total} 条 | {from}–{to} of {total}
        form.save | 保存 | Save
        form.cancel | 取消 | Cancel
        form.edit | 编辑 | Edit
        audit.actor | 操作人 | Who
        audit.action | 操作 | Action
        audit.entity | 对象 | Record
        audit.entity_id | 编号 | ID
        audit.from | 从 | From
        audit.to | 至 | To
        audit.at | 时间 | When
        audit.change | 变更内容 | Change
        app.company | 本公司 | Our company
        field.range | 须在 {min} 到 {max} 之间 | Must be between {min} and {max}
        field.whole_range | 须为 {min} 到 {max} 之间的整数 | A whole number from {min} to {max}
        list.total | 共 {count} 条 | {count} in all
        money.wan | {amount} 万元 | {amount} 万元 (¥10k)
        list.sum | 合计（全部符合条件的记录） | Total (every matching record)
        nav.tenders | 标书 | Tenders
        home.tenders_due | 投标截止提醒（3 天内） | Tender deadlines within 3 days
        home.deposits_to_recover | 待退回的投标保证金（¥{amount}） | Bid deposits to recover (¥{amount})
        home.tenders_to_review | 待评审的标书 | Bids to review
        """
}
