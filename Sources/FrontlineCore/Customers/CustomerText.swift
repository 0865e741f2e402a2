extension Catalog {
    /// The customer archive's strings: `key | 中文 | English`.
    static let customerTable = """
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
        credit_code.length | 统一社会信用代码应为 18 位 | A unified social credit code has 18 characters
        credit_code.check_digit | 统一社会信用代码校验位不正确，请核对 | The check character of this credit code is wrong; please check it
        customer.duplicate_name | 已存在同名客户“{name}”（编号 {id}，负责人 {owner}） | A customer named “{name}” exists already (no. {id}, owner {owner})
        customer.duplicate_code | 统一社会信用代码已被客户“{name}”使用（编号 {id}，负责人 {owner}） | This credit code belongs to “{name}” already (no. {id}, owner {owner})
        customer.reassign_forbidden | 业务代表不能把客户转给他人，请联系市场部经理或商务助理 | A rep cannot hand a customer to someone else; ask the market manager or business assistant
        customer.transfer_none | 请至少选择一个客户 | Choose one customer or more
        customer.transfer_too_many | 一次最多转移 {max} 个客户 | At most {max} customers at once
        customer.transfer_missing | 这些客户不存在或已归档：{ids} | These customers are not there or are archived: {ids}
        customer.transfer_stale | 客户“{name}”在您打开列表后已被修改（当前第 {current} 版），请刷新后再转移 | “{name}” changed after you opened the list (now version {current}); reload it and transfer again
        customer.transfer | 批量转移 | Transfer
        customer.transfer_to | 转移给 | Transfer to
        customer.transfer_note | 转移说明 | Note
        customer.transfer_done | 已转移 {moved} 个客户 | Transferred {moved} {moved~customer~customers}
        customer.transfer_unchanged | ；{n} 个原本就由其负责 | ; {n} already theirs
        customer.select | 选择 | Select
        customer.select_all | 全选本页 | Select the page
        customer.last_follow_up | 最近跟进 | Last follow-up
        customer.next_follow_up | 下次跟进 | Next follow-up
        customer.no_day | 未定日期 | No date
        customer.tab_all | 全部客户 | All customers
        customer.tab_mine | 我负责的 | Mine
        customer.owner_not_rep | 负责人必须是在职的业务代表 | The owner must be an active sales representative
        customer.unowned | 未分配 | Unassigned
        customer.archived_badge | 已归档 | Archived
        customer.region_unknown | 区域不存在 | No such region
        comm.future | 时间不能晚于明天 | Cannot be later than tomorrow
        comm.next_step_needed | 填写了下一步日期，请同时写明下一步做什么 | A next-step date needs the next step itself
        comm.step_open | 待办 | To do
        comm.step_done | 已完成 | Done
        comm.step_superseded | 已由后续联系关闭 | Closed by the next contact
        comm.mark_done | 完成 | Done
        comm.done_notice | 已完成：{step} | Done: {step}
        comm.undo | 撤销 | Undo
        comm.undone | 已撤销，下一步重新打开 | Undone: the next step is open again
        comm.undo_too_late | 无法撤销：这个下一步已被之后的跟进接替或已被他人处理 | Cannot undo: a later contact took the step over, or someone else handled it
        comm.write | 写跟进 | Log a follow-up
        comm.not_your_step | 只有下一步的负责人或客户的管理者可以关闭它 | Only the step's owner or the customer's managers close it
        comm.no_next_step | 这条沟通记录没有下一步 | This communication left no next step
        comm.step_closed | 这个下一步已经关闭 | This next step is already closed
        comm.contact_unknown | 该联系人不属于此客户 | This contact does not belong to this customer
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
        comm.next_step | 下一步 | Next step
        comm.next_step_date | 下一步日期 | Next step due
        customer.new | 新建客户 | New customer
        customer.edit | 编辑客户：{name} | Edit customer: {name}
        customer.archive | 归档 | Archive
        customer.restore | 恢复 | Restore
        customer.archive_confirm | 确定归档该客户？归档后不在日常列表中显示，可随时恢复。 | Archive this customer? It leaves the working lists and can be restored at any time.
        customer.restore_confirm | 确定恢复该客户？ | Restore this customer?
        customer.credit_code_hint | 18 位，系统会校验最后一位校验码 | 18 characters; the check character is verified
        contact.heading | 联系人 | Contacts
        contact.add | 添加联系人 | Add contact
        contact.remove | 移除 | Remove
        contact.remove_confirm | 移除联系人“{name}”？（已记录的沟通仍保留其姓名） | Remove {name}? (Communications logged with him keep his name)
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
        import.summary | 导入 {ok} 行，{failed} 行未导入（有错误的行不会写入任何数据） | {ok} {ok~row~rows} imported, {failed} not imported (a row with errors writes nothing)
        import.help | 上传 CSV 文件（UTF-8 或 GB18030 编码，Excel“另存为 CSV”即可）。第一行为表头，可用中文或英文列名： | Upload a CSV file (UTF-8 or GB18030, as Excel saves it). The first row is the header, in Chinese or English:
        import.file | CSV 文件 | CSV file
        import.submit | 导入 | Import
        """
}
