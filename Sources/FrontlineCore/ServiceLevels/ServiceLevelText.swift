extension Catalog {
    /// The company calendar's and the service levels' strings: `key | 中文 | English`.
    static let serviceLevelTable = """
        calendar.weekday | 工作日须为 1（周一）至 7（周日） | Working days are 1 (Monday) to 7 (Sunday)
        calendar.periods | 工作时段须在一天之内、按先后排列且互不重叠 | Working periods lie within the day, in order, without overlapping
        calendar.no_time | 日历中没有任何工作时间 | The calendar has no working time at all
        calendar.both | 同一天不能既是节假日又是调休工作日 | A day cannot be both a holiday and a worked weekend day
        calendar.too_many | 节假日与调休日过多（最多 1000 天） | Too many holidays and worked weekend days (1,000 at most)
        sla.on_track | 正常 | On track
        sla.due_soon | 即将超时 | Due soon
        sla.overdue | 已超时 | Overdue
        sla.met | 按时完成 | Met
        sla.missed | 超时完成 | Missed
        """
}
