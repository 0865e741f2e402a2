extension Catalog {
    /// The customer pool's strings (公海): `key | 中文 | English`.
    static let poolTable = """
        nav.pool | 公海客户 | Customer pool
        nav.pool_rules | 公海规则 | Pool rules
        pool.list | 公海客户 | Customer pool
        pool.intro | 无人负责、或负责人长期未联系而退回的客户。业务代表可在限额内领取，市场部经理和商务助理可直接分配。 | Customers nobody owns, or returned after their owner logged nothing for too long. Reps claim them within their limits; the market manager and the business assistant hand them out.
        pool.claim | 领取 | Claim
        pool.assign | 分配给 | Assign to
        pool.assign_button | 分配 | Assign
        pool.returned_at | 退回时间 | Returned
        pool.last_owner | 原负责人 | Last owner
        pool.claimed | 已领取客户 {name} | {name} is yours now
        pool.events | 公海记录 | Pool history
        pool.event.returned | 退回公海 | Returned to the pool
        pool.event.warned | 即将退回提醒 | Warned before return
        pool.event.claimed | 领取 | Claimed
        pool.event.assigned | 分配 | Assigned
        pool.returned_note | {idle} 天未联系（{tier} 类客户上限 {allowed} 天） | No contact for {idle} days (tier {tier} allows {allowed})
        pool.warn_note | 将于 {date} 退回公海 | Returns to the pool on {date}
        pool.home_warnings | 即将退回公海的客户 | Customers about to return to the pool
        pool.returns_on | 退回日期 | Returns on
        pool.rules | 公海规则 | Pool rules
        pool.return_days | {tier} 类客户未联系天数上限（0 为不退回） | Days without contact before a tier {tier} customer returns (0: never)
        pool.warn_days | 提前提醒天数 | Warn this many days before
        pool.exempt_negotiation | 有商务谈判阶段商机的客户不退回 | Keep customers with an opportunity in negotiation
        pool.exempt_contract | 有生效合同的客户不退回 | Keep customers with an effective contract
        pool.owned_limit | 每名业务代表最多负责的客户数 | Customers a rep may own at most
        pool.daily_claims | 每天最多领取数 | Claims a day at most
        pool.reclaim_days | 退回后原负责人重新领取须等待天数 | Days before a rep may claim again a customer he lost
        pool.rules_saved | 公海规则已保存 | Pool rules saved
        pool.already_yours | 客户“{name}”已是您的客户 | {name} is already yours
        pool.owned_full | 你负责的客户已达上限 {limit} 个 | You own the most customers allowed ({limit})
        pool.daily_limit | 今天已领取 {limit} 个客户，达到每日上限 | You have claimed {limit} {limit~customer~customers} today, the daily limit
        pool.reclaim_wait | 这个客户刚从你名下退回，{date} 以后才能再次领取 | This customer left you lately; you may claim it again from {date}
        pool.same_owner | 客户已由此人负责 | The customer is already this person's
        pool.reps_claim | 公海客户由业务代表领取；管理者请用“分配” | Reps claim from the pool; the managers assign
        pool.swept | 公海巡检：退回 {returned} 个，提醒 {warned} 个 | Pool sweep: {returned} returned, {warned} warned
        """
}
