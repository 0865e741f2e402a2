extension Catalog {
    /// Leads' strings (线索): `key | 中文 | English`.
    static let leadTable = """
        nav.leads | 线索 | Leads
        lead.list | 线索 | Leads
        lead.new | 登记线索 | New lead
        lead.title | 线索 | Lead
        lead.number | 编号 | Number
        lead.source | 来源 | Source
        lead.company | 单位名称 | Company
        lead.contact_name | 联系人 | Contact
        lead.phone | 电话 | Phone
        lead.email | 电子邮件 | E-mail
        lead.need | 需求 | Need
        lead.region | 区域 | Region
        lead.owner | 负责人 | Owner
        lead.unowned | 未分配 | Unassigned
        lead.next_follow_up | 下次跟进 | Next follow-up
        lead.state | 状态 | State
        lead.discard_reason | 放弃原因 | Why it was discarded
        lead.customer | 转化的客户 | Customer
        lead.opportunity | 转化的商机 | Opportunity
        lead.created | 登记时间 | Recorded
        lead.edit | 修改线索 | Change the lead
        lead.save | 保存 | Save
        lead.matches | 与已有客户同名：{name}（负责人 {owner}）。转化时将关联该客户。 | Same name as the customer {name} (owner {owner}); qualifying links it.
        lead.unowned_only | 只看未分配的 | Unassigned only
        lead.due_only | 只看今天及以前该跟进的 | Due for follow-up today or before
        lead.home_due | 该跟进的线索 | Leads to follow up
        lead.source.frontline | 一线信息 | Front-line information
        lead.source.campaign | 推广活动 | Campaign
        lead.source.referral | 转介绍 | Referral
        lead.source.exhibition | 展会 | Exhibition
        lead.source.web_form | 网站表单 | Web form
        lead.source.other | 其他 | Other
        lead.contact_needed | 请至少填写联系人、电话或电子邮件之一 | Give a contact name, a phone or an e-mail
        lead.phone_or_email | 请留下电话或电子邮件，以便我们联系您 | Leave a phone number or an e-mail so that we can reach you
        lead.not_owner | 这条线索不归你负责 | This lead is not yours
        lead.same_owner | 线索已由此人负责 | The lead is already this person's
        lead.follow_up_past | 下次跟进日期不能早于今天 | The next follow-up cannot be before today
        lead.customer_owned | 客户“{name}”已由 {owner} 负责，不能转化到你名下；请联系市场部经理 | The customer “{name}” is {owner}'s; it cannot become yours by a lead — ask the market manager
        lead.closed | 线索已{state}，不能修改 | The lead is {state} and cannot be changed
        lead.owner_needed | 请先把线索分配给一名业务代表 | Assign the lead to a sales rep first
        lead.form_title | 联系我们 | Contact us
        lead.form_intro | 请留下您的需求，我们的业务代表会尽快与您联系。 | Tell us what you need; one of our representatives will be in touch soon.
        lead.form_send | 提交 | Send
        lead.form_thanks | 谢谢！我们已收到您的信息，会尽快与您联系。 | Thank you. We have your message and will be in touch soon.
        lead.form_expired | 表单已过期，请刷新页面后重新提交 | The form has expired; reload the page and send it again
        lead.form_too_fast | 提交太快了，请稍候再提交 | That was too fast; wait a moment and send it again
        lead.form_website | 请勿填写此项 | Leave this empty
        lead.rate_limited | 提交过于频繁，请 {seconds} 秒后再试 | Too many submissions; try again in {seconds} seconds
        process.lead.state.open | 跟进中 | Open
        process.lead.state.qualified | 已转化 | Qualified
        process.lead.state.discarded | 已放弃 | Discarded
        process.lead.action.create | 登记线索 | Recorded
        process.lead.action.assign | 分配负责人 | Assign
        process.lead.action.follow_up | 记录跟进 | Log a follow-up
        process.lead.action.qualify | 转化为客户和商机 | Qualify (customer and opportunity)
        process.lead.action.discard | 放弃 | Discard
        process.lead.action.reopen | 重新跟进 | Reopen
        step.owner_id | 负责人 | Owner
        """
}
