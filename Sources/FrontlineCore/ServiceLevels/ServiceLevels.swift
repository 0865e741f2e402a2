import Foundation

/// The company's service levels (issue 11): its working calendar and, for each kind of case — a service request's
/// type, a complaint's severity — how soon it must be answered and how soon resolved, in working minutes.
public struct ServiceLevels: Sendable, Equatable, Codable {
    public struct Target: Sendable, Equatable, Codable {
        /// Working minutes to the first answer (a request's feasibility verdict, a complaint's acknowledgement).
        public var response: Int
        /// Working minutes to the resolution.
        public var resolution: Int
        public init(response: Int, resolution: Int) { self.response = response; self.resolution = resolution }
    }

    public var calendar: WorkCalendar
    /// By subject: `request.repair`, `complaint.high`.
    public var targets: [String: Target]

    public init(calendar: WorkCalendar, targets: [String: Target]) { self.calendar = calendar; self.targets = targets }

    /// Every subject a target is set for, in the order the settings page lists them.
    public static var subjects: [String] {
        ServiceRequest.Kind.allCases.map { "request.\($0.rawValue)" }
            + Complaint.Severity.allCases.map { "complaint.\($0.rawValue)" }
    }

    public static let defaults = ServiceLevels(
        calendar: .standard,
        targets: [
            "request.engineering": Target(response: 8 * 60, resolution: 80 * 60),
            "request.installation": Target(response: 4 * 60, resolution: 40 * 60),
            "request.repair": Target(response: 2 * 60, resolution: 16 * 60),
            "request.maintenance": Target(response: 8 * 60, resolution: 40 * 60),
            "request.upgrade": Target(response: 8 * 60, resolution: 80 * 60),
            "request.other": Target(response: 8 * 60, resolution: 40 * 60),
            "complaint.critical": Target(response: 60, resolution: 8 * 60),
            "complaint.high": Target(response: 2 * 60, resolution: 16 * 60),
            "complaint.normal": Target(response: 4 * 60, resolution: 40 * 60),
            "complaint.low": Target(response: 8 * 60, resolution: 80 * 60),
        ])

    /// The target for `subject`; the defaults' when none is set.
    public func target(_ subject: String) -> Target {
        targets[subject] ?? ServiceLevels.defaults.targets[subject] ?? Target(response: 8 * 60, resolution: 40 * 60)
    }

    /// At most a year of working minutes for either target.
    public static let maxMinutes = 60 * 24 * 365

    /// The levels as given, checked: a valid calendar, a known subject for each target, both targets between one
    /// minute and a year, the answer no later than the resolution.
    public func validated() throws(DomainError) -> ServiceLevels {
        var errors: [FieldError] = []
        var out = self
        do { out.calendar = try calendar.validated() } catch { errors += error.fields }
        for (subject, t) in targets.sorted(by: { $0.key < $1.key }) {
            guard ServiceLevels.subjects.contains(subject) else {
                errors.append(FieldError("targets.\(subject)", "sla.unknown_subject", ["subject": subject]))
                continue
            }
            for (name, v) in [("response", t.response), ("resolution", t.resolution)]
            where v < 1 || v > ServiceLevels.maxMinutes {
                errors.append(
                    FieldError(
                        "targets.\(subject).\(name)", "field.range",
                        ["min": "1", "max": String(ServiceLevels.maxMinutes)]))
            }
            if t.response > t.resolution {
                errors.append(FieldError("targets.\(subject).response", "sla.response_after_resolution"))
            }
        }
        if !errors.isEmpty { throw .validation(errors) }
        return out
    }
}

/// A case's service-level clocks: both start when it is opened and pause together while it waits on the customer;
/// the answer stops the response clock, the resolution stops the other. A reply is not a resolution, and a
/// reopened case runs again, the time it stood resolved not counted.
public struct ServiceTimes: Sendable, Equatable, Codable {
    /// Milliseconds since 1970, as every record's times.
    public var openedAt: Int64
    public var pauses: [ServiceClock.Pause]
    public var respondedAt: Int64?
    public var resolvedAt: Int64?
    /// The targets agreed when the case was opened, in working minutes.
    public var target: ServiceLevels.Target

    public init(
        openedAt: Int64, target: ServiceLevels.Target, pauses: [ServiceClock.Pause] = [], respondedAt: Int64? = nil,
        resolvedAt: Int64? = nil
    ) {
        self.openedAt = openedAt; self.target = target; self.pauses = pauses; self.respondedAt = respondedAt;
        self.resolvedAt = resolvedAt
    }

    public var paused: Bool { pauses.last.map { $0.to == nil } ?? false }

    public mutating func pause(at now: Int64) {
        guard !paused, resolvedAt == nil else { return }
        pauses.append(ServiceClock.Pause(from: max(now, openedAt)))
    }

    public mutating func resume(at now: Int64) {
        guard paused else { return }
        pauses[pauses.count - 1].to = max(now, pauses[pauses.count - 1].from)
    }

    public mutating func respond(at now: Int64) {
        resume(at: now)
        if respondedAt == nil { respondedAt = max(now, openedAt) }
    }

    public mutating func resolve(at now: Int64) {
        respond(at: now)
        if resolvedAt == nil { resolvedAt = max(now, openedAt) }
    }

    /// The resolution did not hold: the clock runs again, the time it stood resolved a pause.
    public mutating func reopen(at now: Int64) {
        guard let r = resolvedAt else { return }
        pauses.append(ServiceClock.Pause(from: r, to: max(now, r)))
        resolvedAt = nil
    }

    /// A clock in seconds, as the calendar counts.
    func clock(stoppedAt: Int64?) -> ServiceClock {
        ServiceClock(
            startedAt: openedAt / 1000,
            pauses: pauses.map { ServiceClock.Pause(from: $0.from / 1000, to: $0.to.map { $0 / 1000 }) },
            stoppedAt: stoppedAt.map { $0 / 1000 })
    }

    /// How one clock stands at `now`.
    public struct Standing: Sendable, Equatable {
        public var status: ServiceLevelStatus
        /// Working seconds run, and the target's.
        public var elapsed: Int64
        public var target: Int64
        /// Whether the clock waits on the customer now.
        public var paused: Bool
        /// When the target is reached (ms), while the clock runs; nil when stopped or paused before it.
        public var due: Int64?
        /// Working seconds left, negative when past the target.
        public var left: Int64 { target - elapsed }
    }

    func standing(_ calendar: WorkCalendar, minutes: Int, stoppedAt: Int64?, now: Int64) -> Standing {
        let c = clock(stoppedAt: stoppedAt)
        let target = Int64(minutes) * 60
        let elapsed = c.elapsed(calendar, at: now / 1000)
        let running = stoppedAt == nil && !paused
        return Standing(
            status: ServiceLevelStatus.of(elapsed: elapsed, target: target, stopped: stoppedAt != nil),
            elapsed: elapsed, target: target,
            paused: stoppedAt == nil && paused, due: running ? c.due(calendar, target: target).map { $0 * 1000 } : nil)
    }

    public func response(_ calendar: WorkCalendar, at now: Int64) -> Standing {
        standing(calendar, minutes: target.response, stoppedAt: respondedAt, now: now)
    }

    public func resolution(_ calendar: WorkCalendar, at now: Int64) -> Standing {
        standing(calendar, minutes: target.resolution, stoppedAt: resolvedAt, now: now)
    }

    /// The moments the store keeps so that a list can ask which cases need attention: when each running clock
    /// reaches four fifths of its target (due soon) and the target itself; nil for a stopped or paused clock.
    public struct Deadlines: Sendable, Equatable {
        public var responseWarn: Int64?
        public var responseDue: Int64?
        public var resolutionWarn: Int64?
        public var resolutionDue: Int64?
        public init(
            responseWarn: Int64? = nil, responseDue: Int64? = nil, resolutionWarn: Int64? = nil,
            resolutionDue: Int64? = nil
        ) {
            self.responseWarn = responseWarn; self.responseDue = responseDue; self.resolutionWarn = resolutionWarn;
            self.resolutionDue = resolutionDue
        }
    }

    public func deadlines(_ calendar: WorkCalendar) -> Deadlines {
        func at(_ minutes: Int, _ stoppedAt: Int64?) -> (Int64?, Int64?) {
            guard stoppedAt == nil, !paused else { return (nil, nil) }
            let c = clock(stoppedAt: nil)
            let target = Int64(minutes) * 60
            return (
                c.due(calendar, target: (target * 4 + 4) / 5).map { $0 * 1000 },
                c.due(calendar, target: target).map { $0 * 1000 }
            )
        }
        let r = at(target.response, respondedAt), s = at(target.resolution, resolvedAt)
        return Deadlines(responseWarn: r.0, responseDue: r.1, resolutionWarn: s.0, resolutionDue: s.1)
    }
}

/// A duration of working time as people read it: `2 小时 30 分`, `3 天 2 小时` (a day is eight working hours).
public enum WorkingTime {
    public static func text(seconds: Int64, _ locale: AppLocale) -> String {
        let minutes = abs(seconds) / 60
        let days = minutes / (8 * 60), hours = (minutes % (8 * 60)) / 60, mins = minutes % 60
        var parts: [String] = []
        if days > 0 { parts.append(Catalog.text("sla.days", ["n": String(days)], locale)) }
        if hours > 0 { parts.append(Catalog.text("sla.hours", ["n": String(hours)], locale)) }
        if mins > 0 && days == 0 { parts.append(Catalog.text("sla.minutes", ["n": String(mins)], locale)) }
        if parts.isEmpty { parts.append(Catalog.text("sla.minutes", ["n": "0"], locale)) }
        return parts.joined(separator: " ")
    }

    /// `剩余 2 小时` or `超时 1 天 3 小时`, or the status once stopped.
    public static func standing(_ s: ServiceTimes.Standing, _ locale: AppLocale) -> String {
        switch s.status {
        case .met, .missed: return Catalog.text(s.status.labelKey, [:], locale)
        case .overdue: return Catalog.text("sla.over_by", ["time": text(seconds: -s.left, locale)], locale)
        case .onTrack, .dueSoon:
            return s.paused
                ? Catalog.text("sla.paused_left", ["time": text(seconds: s.left, locale)], locale)
                : Catalog.text("sla.left", ["time": text(seconds: s.left, locale)], locale)
        }
    }
}

/// A change to the service levels as a form or the API sends it, each part optional: working days (1–7), working
/// periods (`09:00-12:00`), holidays and worked weekend days (`YYYY-MM-DD`), and targets in working minutes.
public struct ServiceLevelsChange: Sendable, Equatable {
    public var workdays: [String]?
    public var periods: [String]?
    public var holidays: [String]?
    public var workingWeekends: [String]?
    /// By subject: the response and resolution minutes, as written.
    public var targets: [String: (response: String?, resolution: String?)]?

    public init(
        workdays: [String]? = nil, periods: [String]? = nil, holidays: [String]? = nil,
        workingWeekends: [String]? = nil,
        targets: [String: (response: String?, resolution: String?)]? = nil
    ) {
        self.workdays = workdays; self.periods = periods; self.holidays = holidays;
        self.workingWeekends = workingWeekends; self.targets = targets
    }

    public static func == (a: ServiceLevelsChange, b: ServiceLevelsChange) -> Bool {
        a.workdays == b.workdays && a.periods == b.periods && a.holidays == b.holidays
            && a.workingWeekends == b.workingWeekends
            && a.targets?.mapValues { [$0.response, $0.resolution] }
                == b.targets?.mapValues { [$0.response, $0.resolution] }
    }

    /// `09:00-12:00` as minutes of the day; `24:00` ends a day.
    public static func period(_ text: String) -> WorkCalendar.Period? {
        let parts = text.replacingOccurrences(of: "–", with: "-").split(separator: "-").map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        guard parts.count == 2, let a = minute(parts[0]), let b = minute(parts[1]) else { return nil }
        return WorkCalendar.Period(a, b)
    }

    static func minute(_ s: String) -> Int? {
        let hm = s.split(separator: ":")
        guard hm.count == 2, hm[0].count <= 2, hm[1].count == 2, let h = Int(hm[0]), let m = Int(hm[1]),
            (0...24).contains(h), (0...59).contains(m)
        else { return nil }
        let v = h * 60 + m
        return v <= 1440 ? v : nil
    }

    public static func text(_ p: WorkCalendar.Period) -> String {
        String(format: "%02d:%02d-%02d:%02d", p.start / 60, p.start % 60, p.end / 60, p.end % 60)
    }

    /// `levels` with this change, checked as a whole.
    public func applied(to levels: ServiceLevels) throws(DomainError) -> ServiceLevels {
        var out = levels
        var errors: [FieldError] = []
        if let workdays {
            var days: Set<Int> = []
            for w in workdays {
                guard let d = Int(w.trimmingCharacters(in: .whitespaces)), (1...7).contains(d) else {
                    errors.append(FieldError("workdays", "calendar.weekday")); break
                }
                days.insert(d)
            }
            if !errors.contains(where: { $0.field == "workdays" }) { out.calendar.workdays = days }
        }
        if let periods {
            var list: [WorkCalendar.Period] = []
            for p in periods where !p.trimmingCharacters(in: .whitespaces).isEmpty {
                guard let v = ServiceLevelsChange.period(p) else {
                    errors.append(FieldError("periods", "sla.period_format")); break
                }
                list.append(v)
            }
            if periods.count > 24 { errors.append(FieldError("periods", "calendar.periods")) }
            if !errors.contains(where: { $0.field == "periods" }) { out.calendar.periods = list }
        }
        for (field, given, keyPath) in [
            ("holidays", holidays, \WorkCalendar.holidays),
            ("working_weekends", workingWeekends, \WorkCalendar.workingWeekends),
        ] {
            guard let given else { continue }
            let days = given.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            if days.count > 1000 { errors.append(FieldError(field, "calendar.too_many")); continue }
            if let bad = days.first(where: { !DateText.isDate($0) }) {
                errors.append(FieldError(field, "field.date", ["value": bad])); continue
            }
            out.calendar[keyPath: keyPath] = Set(days)
        }
        for (subject, t) in (targets ?? [:]).sorted(by: { $0.key < $1.key }) {
            guard ServiceLevels.subjects.contains(subject) else {
                errors.append(FieldError("targets.\(subject)", "sla.unknown_subject", ["subject": subject]))
                continue
            }
            var target = out.target(subject)
            for (name, raw) in [("response", t.response), ("resolution", t.resolution)] {
                guard let raw else { continue }
                guard let n = Int(raw.trimmingCharacters(in: .whitespaces)), (1...ServiceLevels.maxMinutes).contains(n)
                else {
                    errors.append(
                        FieldError(
                            "targets.\(subject).\(name)", "field.range",
                            ["min": "1", "max": String(ServiceLevels.maxMinutes)]))
                    continue
                }
                if name == "response" { target.response = n } else { target.resolution = n }
            }
            out.targets[subject] = target
        }
        // The whole checked too, so that one answer names every mistake.
        do { out = try out.validated() } catch {
            errors += error.fields.filter { f in !errors.contains { $0.field == f.field } }
        }
        if !errors.isEmpty { throw .validation(errors) }
        return out
    }
}
