extension Catalog {
    /// Visitor reception's strings (来访接待): `key | 中文 | English`.
    static let visitTable = """
        nav.visits | 来访接待 | Visits
        visit.list | 来访接待 | Customer visits
        visit.calendar | 接待日历 | Visit calendar
        visit.new | 安排来访 | Schedule a visit
        visit.title | 来访接待 | Visit
        visit.number | 编号 | Number
        visit.customer | 客户 | Customer
        visit.visitors | 来访人员 | Visitors
        visit.purpose | 来访目的 | Purpose
        visit.starts_at | 开始 | From
        visit.ends_at | 结束 | Until
        visit.when | 时间 | When
        visit.host | 接待人 | Host
        visit.place | 地点 | Place
        visit.arrangements | 接待安排 | Arrangements
        visit.arrangements_hint | 接站、会议室、用餐、住宿、参观等 | Pick-up, meeting room, meals, hotel, tour…
        visit.outcome | 接待结果 | How it went
        visit.scheduled_by | 安排人 | Scheduled by
        visit.state | 状态 | State
        visit.edit | 修改安排 | Change the arrangements
        visit.save | 保存 | Save
        visit.mine | 我接待的 | Hosted by me
        visit.upcoming | 近期来访 | Coming visits
        visit.today | 今日来访 | Visits today
        visit.from | 从 | From
        visit.to | 到 | To
        visit.month_prev | 上月 | Previous month
        visit.month_next | 下月 | Next month
        visit.none_today | 无 | None
        visit.customer_unknown | 客户不存在或你无权查看 | No such customer, or not one you may see
        visit.host_unknown | 接待人须是在职员工 | The host is an active member of staff
        visit.host_busy | 接待人在这段时间已有接待（{number}，{when}） | The host already receives a visit then ({number}, {when})
        visit.ends_before | 结束须晚于开始 | Ends after it starts
        visit.too_long | 一次接待最长 7 天 | A visit lasts at most 7 days
        visit.too_late | 来访结束已超过 30 天，不能再安排 | It ended over 30 days ago: too late to schedule
        visit.host_or_office | 只有接待人、商务助理或市场部经理可以登记接待结果 | Only the host, the business assistant or the market manager records how it went
        visit.schedulers | 来访由商务助理或市场部经理安排 | The business assistant or the market manager schedules visits
        visit.not_scheduled | 接待已{state}，不能再修改 | The visit is {state}; it no longer changes
        process.visit.state.scheduled | 已安排 | Scheduled
        process.visit.state.done | 已接待 | Done
        process.visit.state.cancelled | 已取消 | Cancelled
        process.visit.action.create | 安排来访 | Scheduled
        process.visit.action.complete | 登记接待结果 | Record how it went
        process.visit.action.cancel | 取消 | Cancel
        """
}
