import Foundation

/// The company calendar service levels are counted in (SPEC §3.4–3.6, issue 11): which weekdays are worked, the
/// working periods of a day (China Standard Time), the public holidays that fall on working days, and the weekend
/// days worked instead (调休). A target of "8 working hours" set on a Friday afternoon falls due on Monday.
public struct WorkCalendar: Sendable, Equatable, Codable {
    /// A stretch of working time within a day, in minutes after midnight (CST): 09:00–12:00 is 540–720.
    public struct Period: Sendable, Equatable, Codable {
        public var start: Int
        public var end: Int
        public init(_ start: Int, _ end: Int) { self.start = start; self.end = end }
    }

    /// ISO weekdays worked: 1 Monday … 7 Sunday.
    public var workdays: Set<Int>
    public var periods: [Period]
    /// `YYYY-MM-DD` days off though they fall on a workday.
    public var holidays: Set<String>
    /// `YYYY-MM-DD` days worked though they fall on a weekend (调休).
    public var workingWeekends: Set<String>

    public init(workdays: Set<Int>, periods: [Period], holidays: Set<String> = [], workingWeekends: Set<String> = []) {
        self.workdays = workdays; self.periods = periods; self.holidays = holidays;
        self.workingWeekends = workingWeekends
    }

    /// Monday to Friday, 09:00–12:00 and 13:30–18:00: 7.5 working hours a day.
    public static let standard = WorkCalendar(
        workdays: [1, 2, 3, 4, 5], periods: [Period(540, 720), Period(810, 1080)])

    /// Checks a calendar as an administrator sets it: periods inside the day, in order, not overlapping; weekdays 1–7;
    /// days well-formed; and some working time at all.
    public func validated() throws(DomainError) -> WorkCalendar {
        var errors: [FieldError] = []
        if !workdays.allSatisfy({ (1...7).contains($0) }) { errors.append(FieldError("workdays", "calendar.weekday")) }
        var last = -1
        for p in periods {
            if p.start < 0 || p.end > 1440 || p.start >= p.end || p.start < last {
                errors.append(FieldError("periods", "calendar.periods")); break
            }
            last = p.end
        }
        if periods.isEmpty || (workdays.isEmpty && workingWeekends.isEmpty) {
            errors.append(FieldError("periods", "calendar.no_time"))
        }
        for d in holidays.union(workingWeekends) where DateText.parseDay(d) == nil {
            errors.append(FieldError("holidays", "field.date")); break
        }
        if !holidays.isDisjoint(with: workingWeekends) { errors.append(FieldError("holidays", "calendar.both")) }
        if holidays.count + workingWeekends.count > 1000 { errors.append(FieldError("holidays", "calendar.too_many")) }
        if !errors.isEmpty { throw .validation(errors) }
        return self
    }

    /// ISO weekday of a day counted from 1970-01-01 (a Thursday).
    public static func weekday(_ day: Int64) -> Int { Int(((day % 7) + 7 + 3) % 7) + 1 }

    public func isWorking(day: Int64) -> Bool {
        let text = DateText.day(day * 86_400 - DateText.offset)
        if holidays.contains(text) { return false }
        if workingWeekends.contains(text) { return true }
        return workdays.contains(WorkCalendar.weekday(day))
    }

    /// The CST day (days since 1970-01-01) an instant falls in, and the seconds into it.
    static func local(_ t: Int64) -> (day: Int64, secs: Int64) {
        let l = t + DateText.offset
        let day = l >= 0 ? l / 86_400 : (l - 86_399) / 86_400
        return (day, l - day * 86_400)
    }

    /// Working seconds of `day` between `from` and `to` seconds into it.
    private func working(day: Int64, from: Int64, to: Int64) -> Int64 {
        guard isWorking(day: day), from < to else { return 0 }
        var s: Int64 = 0
        for p in periods {
            let a = max(from, Int64(p.start) * 60), b = min(to, Int64(p.end) * 60)
            if a < b { s += b - a }
        }
        return s
    }

    /// Working seconds between two instants (zero when `b` is not after `a`).
    public func workingSeconds(from a: Int64, to b: Int64) -> Int64 {
        guard a < b else { return 0 }
        let (d0, s0) = WorkCalendar.local(a), (d1, s1) = WorkCalendar.local(b)
        if d0 == d1 { return working(day: d0, from: s0, to: s1) }
        var total = working(day: d0, from: s0, to: 86_400) + working(day: d1, from: 0, to: s1)
        var d = d0 + 1
        // Whole days in between; a long gap is bounded (ten years) so a corrupt date cannot spin.
        while d < d1 && d - d0 < 3_660 {
            total += working(day: d, from: 0, to: 86_400)
            d += 1
        }
        return total
    }

    /// The instant at which `seconds` of working time have passed after `start`; nil when the calendar has no working
    /// time within ten years (nothing would ever fall due).
    public func adding(_ seconds: Int64, to start: Int64) -> Int64? {
        var left = max(0, seconds)
        var (day, secs) = WorkCalendar.local(start)
        let first = day
        while day - first < 3_660 {
            if isWorking(day: day) {
                for p in periods {
                    let a = max(secs, Int64(p.start) * 60), b = Int64(p.end) * 60
                    guard a < b else { continue }
                    if left <= b - a { return day * 86_400 + a + left - DateText.offset }
                    left -= b - a
                }
            }
            day += 1
            secs = 0
        }
        return nil
    }
}

/// A service-level clock: working time runs from when the case was opened, pauses while the case waits on the
/// customer, and resumes when he answers. A reply is not a resolution: only the case's own steps stop it.
public struct ServiceClock: Sendable, Equatable, Codable {
    public struct Pause: Sendable, Equatable, Codable {
        public var from: Int64
        public var to: Int64?
        public init(from: Int64, to: Int64? = nil) { self.from = from; self.to = to }
    }

    public var startedAt: Int64
    public var pauses: [Pause]
    /// When the clock stopped for good (acknowledged, resolved), or nil while it runs.
    public var stoppedAt: Int64?

    public init(startedAt: Int64, pauses: [Pause] = [], stoppedAt: Int64? = nil) {
        self.startedAt = startedAt; self.pauses = pauses; self.stoppedAt = stoppedAt
    }

    public var paused: Bool { pauses.last.map { $0.to == nil } ?? false }

    /// Waits on the customer from `t` (nothing when already waiting or stopped).
    public mutating func pause(at t: Int64) {
        guard !paused, stoppedAt == nil else { return }
        pauses.append(Pause(from: max(t, startedAt)))
    }

    /// The customer answered at `t`.
    public mutating func resume(at t: Int64) {
        guard paused else { return }
        pauses[pauses.count - 1].to = max(t, pauses[pauses.count - 1].from)
    }

    public mutating func stop(at t: Int64) {
        resume(at: t)
        if stoppedAt == nil { stoppedAt = max(t, startedAt) }
    }

    /// The stretches the clock ran, up to `now` (or its stop).
    func running(until now: Int64) -> [(Int64, Int64?)] {
        let end = stoppedAt.map { min($0, now) } ?? now
        var out: [(Int64, Int64?)] = []
        var from = startedAt
        for p in pauses {
            out.append((from, min(p.from, end)))
            guard let to = p.to else { return out }
            from = to
        }
        out.append((from, stoppedAt == nil ? nil : end))
        return out
    }

    /// Working seconds the clock has run by `now`.
    public func elapsed(_ calendar: WorkCalendar, at now: Int64) -> Int64 {
        running(until: now).reduce(0) { $0 + calendar.workingSeconds(from: $1.0, to: min($1.1 ?? now, now)) }
    }

    /// When `target` working seconds are reached: past or future; nil while the case waits on the customer (or the
    /// clock stopped) before reaching it.
    public func due(_ calendar: WorkCalendar, target: Int64) -> Int64? {
        var left = target
        for (from, to) in running(until: Int64.max / 4) {
            guard let to else { return calendar.adding(left, to: from) }
            let w = calendar.workingSeconds(from: from, to: to)
            if left <= w { return calendar.adding(left, to: from) }
            left -= w
        }
        return nil
    }
}

/// How a case stands against a target: on track, close to it (four fifths of the time used), or past it.
public enum ServiceLevelStatus: String, Sendable, Codable, CaseIterable {
    case onTrack = "on_track"
    case dueSoon = "due_soon"
    case overdue
    case met
    case missed

    public var labelKey: String { "sla.\(rawValue)" }

    /// A running clock's standing; a stopped one has met or missed its target.
    public static func of(elapsed: Int64, target: Int64, stopped: Bool) -> ServiceLevelStatus {
        if stopped { return elapsed <= target ? .met : .missed }
        if elapsed > target { return .overdue }
        return elapsed * 5 >= target * 4 ? .dueSoon : .onTrack
    }
}
