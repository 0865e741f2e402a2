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
        sla.days | {n} 天 | {n} d
        sla.hours | {n} 小时 | {n} h
        sla.minutes | {n} 分钟 | {n} min
        sla.over_by | 超时 {time} | Over by {time}
        sla.left | 剩余 {time} | {time} left
        sla.paused_left | 等待客户·暂停计时（剩余 {time}） | Waiting on the customer, clock paused ({time} left)
        sla.unknown_subject | 没有“{subject}”这类服务对象 | There is no “{subject}” to set a target for
        sla.response_after_resolution | 响应时限不能长于解决时限 | The response target cannot be longer than the resolution target
        sla.response | 响应时限 | Response
        sla.resolution | 解决时限 | Resolution
        sla.settings | 服务时限与工作日历 | Service levels and calendar
        sla.settings_intro | 时限按工作时间计算：只计工作日的工作时段，节假日不计，调休的周末照常计算；等待客户期间暂停计时。 | Targets count working time only: working periods of working days, holidays left out, worked weekend days counted; the clock pauses while a case waits on the customer.
        sla.subject | 类别 | Subject
        sla.response_minutes | 响应时限（工作分钟） | Response (working minutes)
        sla.resolution_minutes | 解决时限（工作分钟） | Resolution (working minutes)
        sla.workdays | 工作日（1=周一 … 7=周日，逗号分隔） | Working days (1 = Monday … 7 = Sunday, comma-separated)
        sla.periods | 工作时段（如 09:00-12:00, 13:30-18:00） | Working periods (e.g. 09:00-12:00, 13:30-18:00)
        sla.holidays | 节假日（每行一个日期） | Holidays (one date a line)
        sla.working_weekends | 调休上班的周末（每行一个日期） | Worked weekend days (one date a line)
        sla.saved | 服务时限已保存 | Service levels saved
        sla.period_format | 时段格式应为 09:00-12:00 | A period looks like 09:00-12:00
        sla.weekday.1 | 周一 | Mon
        sla.weekday.2 | 周二 | Tue
        sla.weekday.3 | 周三 | Wed
        sla.weekday.4 | 周四 | Thu
        sla.weekday.5 | 周五 | Fri
        sla.weekday.6 | 周六 | Sat
        sla.weekday.7 | 周日 | Sun
        sla.attention | 临近或超过时限 | Near or past the target
        sla.standing | 时限 | Service level
        """
}
