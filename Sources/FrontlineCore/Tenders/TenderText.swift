extension Catalog {
    /// Tenders' strings: `key | 中文 | English`.
    static let tenderTable = """
        tender.not_reviewer | 您不是这份标书的评审人 | You are not a reviewer of this bid
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
        tender.due_within | 几天内截止 | Due within (days)
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
        tender.templates | 标书模板 | Bid templates
        tender.template_upload | 上传模板 | Upload a template
        tender.templates_hint | 商务助理维护的标书样式与模板，供编写商务标、报价和技术标时下载使用 | The bid layouts and templates the business assistant keeps, to download when writing a part
        """
}
