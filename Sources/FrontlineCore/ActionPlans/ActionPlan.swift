import Foundation

/// One line of an action plan: visit or call a customer so many times, or a goal, with the outcome expected.
/// An item naming a customer and a kind of contact is measured: the owner's communications with that customer, of
/// that kind, inside the plan's period count against it.
public struct ActionPlanItem: Sendable, Equatable, Codable {
    public var customerId: Int64?
    public var kind: CommunicationKind?
    /// How many contacts are planned (1–50); a goal without a customer counts once.
    public var times: Int
    public var goal: String
    public var expected: String
    /// A goal without a customer: whether its owner reported it met in the plan's summary (nil until he says).
    public var met: Bool?
    public init(
        customerId: Int64? = nil, kind: CommunicationKind? = nil, times: Int = 1, goal: String, expected: String = "",
        met: Bool? = nil
    ) {
        self.customerId = customerId; self.kind = kind; self.times = times; self.goal = goal; self.expected = expected
        self.met = met
    }
    public var measured: Bool { customerId != nil && kind != nil }
}

/// A rep's weekly or monthly action plan (行动计划, SPEC §2: "each rep's weekly or monthly plan (visits, calls,
/// goals), reviewed and commented by the manager, checked against what was actually logged"), and at the period's
/// end his sales summary report (销售分析和总结报告: results, lost deals and why, market notes), which the manager reads
/// and comments.
public struct ActionPlan: Sendable, Equatable, Codable {
    public enum Period: String, CaseIterable, Codable, Sendable {
        case week, month
        public var labelKey: String { "plan.period.\(rawValue)" }
    }
    public enum State: String, CaseIterable, Codable, Sendable {
        case draft, submitted, returned, approved, reported, reviewed
        public var labelKey: String { "process.action_plan.state.\(rawValue)" }
        /// The plan's items may change (by its owner).
        public var itemsOpen: Bool { self == .draft || self == .returned }
        /// The summary report may change (by its owner): once the plan is approved, until it is submitted.
        public var summaryOpen: Bool { self == .approved }
    }
    public var id: Int64
    /// `JH2026-0001`.
    public var number: String
    public var ownerId: Int64
    public var period: Period
    /// The first and last day, `YYYY-MM-DD` (a week runs Monday to Sunday, China time).
    public var startsOn: String
    public var endsOn: String
    public var items: [ActionPlanItem]
    /// The summary report.
    public var results: String
    public var lostDeals: String
    public var marketNotes: String
    public var state: State
    public var version: Int
    public var createdAt: Int64
    public var updatedAt: Int64
    public init(
        id: Int64 = 0, number: String = "", ownerId: Int64, period: Period, startsOn: String, endsOn: String,
        items: [ActionPlanItem] = [],
        results: String = "", lostDeals: String = "", marketNotes: String = "", state: State = .draft, version: Int = 1,
        createdAt: Int64 = 0, updatedAt: Int64 = 0
    ) {
        self.id = id; self.number = number; self.ownerId = ownerId; self.period = period; self.startsOn = startsOn;
        self.endsOn = endsOn
        self.items = items; self.results = results; self.lostDeals = lostDeals; self.marketNotes = marketNotes;
        self.state = state
        self.version = version; self.createdAt = createdAt; self.updatedAt = updatedAt
    }

    /// The Unix seconds the period covers: from its first day's midnight to its last day's end (China time).
    public var window: ClosedRange<Int64> { PlanPeriod.window(startsOn, endsOn) }
}

/// Periods: a week starts on a Monday, a month on its first day.
public enum PlanPeriod {
    /// The period starting on `start`, or the error naming what a start must be.
    public static func bounds(_ period: ActionPlan.Period, start raw: String) throws(DomainError) -> (
        start: String, end: String
    ) {
        let start = raw.trimmingCharacters(in: .whitespaces)
        guard let day = DateText.parseDay(start) else {
            throw .validation([FieldError("starts_on", start.isEmpty ? "field.required" : "field.date")])
        }
        switch period {
        case .week:
            guard WorkCalendar.weekday(day) == 1 else {
                throw .validation([FieldError("starts_on", "plan.week_monday")])
            }
            return (start, DateText.day((day + 6) * 86_400))
        case .month:
            guard start.hasSuffix("-01") else { throw .validation([FieldError("starts_on", "plan.month_first")]) }
            let (y, m, _) = DateText.civil(fromDays: day)
            return (start, DateText.day((day + DateText.daysIn(y, m) - 1) * 86_400))
        }
    }

    /// The first day of the period holding `today`.
    public static func current(_ period: ActionPlan.Period, today: String) -> String {
        guard let day = DateText.parseDay(today) else { return today }
        switch period {
        case .week: return DateText.day(DateText.start(ofDay: day - Int64(WorkCalendar.weekday(day) - 1)))
        case .month: return String(today.prefix(8)) + "01"
        }
    }

    /// The period before or after the one starting on `start`.
    public static func shifted(_ period: ActionPlan.Period, start: String, by n: Int) -> String {
        guard let day = DateText.parseDay(start) else { return start }
        switch period {
        case .week: return DateText.day(DateText.start(ofDay: day + Int64(7 * n)))
        case .month:
            let (y, m, _) = DateText.civil(fromDays: day)
            let months = y * 12 + (m - 1) + Int64(n)
            return String(months / 12) + "-" + DateText.pad(months % 12 + 1) + "-01"
        }
    }

    /// Unix seconds from `start`'s midnight to the last second of `end` (China time).
    public static func window(_ start: String, _ end: String) -> ClosedRange<Int64> {
        let from = DateText.start(ofDay: DateText.parseDay(start) ?? 0)
        let to = DateText.start(ofDay: (DateText.parseDay(end) ?? 0) + 1) - 1
        return from...max(from, to)
    }
}

/// How far a plan got: per item the contacts that count against it (a goal of its own: 1 when reported met), the
/// planned and done totals of all the items, and the completion rate in whole percent (nil when nothing is planned).
public struct PlanProgress: Sendable, Equatable {
    public var done: [Int]
    public var planned: Int
    public var completed: Int
    public var rate: Int? { planned == 0 ? nil : completed * 100 / planned }

    /// A customer and a kind of contact, as the log counts them.
    public struct Key: Hashable, Sendable {
        public var customerId: Int64
        public var kind: CommunicationKind
        public init(_ customerId: Int64, _ kind: CommunicationKind) { self.customerId = customerId; self.kind = kind }
    }

    /// Each communication counts once: items naming the same customer and kind share its contacts in their order.
    public init(items: [ActionPlanItem], logged: [Key: Int]) {
        var left = logged
        done = items.map { item in
            guard let c = item.customerId, let k = item.kind else { return item.met == true ? 1 : 0 }
            let key = Key(c, k)
            let n = min(item.times, left[key] ?? 0)
            left[key, default: 0] -= n
            return n
        }
        // A goal of its own counts once, done when its owner reports it met.
        planned = items.reduce(0) { $0 + ($1.measured ? $1.times : 1) }
        completed = done.reduce(0, +)
    }
}

/// One rep's line on the manager's completion page.
public struct PlanCompletion: Sendable, Equatable {
    public var repId: Int64
    public var plan: ActionPlan?
    public var progress: PlanProgress?
    public init(repId: Int64, plan: ActionPlan?, progress: PlanProgress?) {
        self.repId = repId; self.plan = plan; self.progress = progress
    }
}

/// What a caller sent to open or change a plan; `nil` is "not sent".
public struct ActionPlanInput: Sendable, Equatable {
    public struct Item: Sendable, Equatable {
        public var customerId: String?
        public var kind: String?
        public var times: String?
        public var goal: String?
        public var expected: String?
        public init(
            customerId: String? = nil, kind: String? = nil, times: String? = nil, goal: String? = nil,
            expected: String? = nil
        ) {
            self.customerId = customerId; self.kind = kind; self.times = times; self.goal = goal;
            self.expected = expected
        }
        public var isBlank: Bool {
            [customerId, kind, goal, expected].allSatisfy { ($0 ?? "").trimmingCharacters(in: .whitespaces).isEmpty }
        }
    }
    public var period: String?
    public var startsOn: String?
    public var items: [Item]?
    public var results: String?
    public var lostDeals: String?
    public var marketNotes: String?
    /// The summary's report on the plan's own goals: the numbers (1 for the first item) of those met; every other
    /// goal of its own is not met.
    public var goalsMet: [Int64]?
    public init(
        period: String? = nil, startsOn: String? = nil, items: [Item]? = nil, results: String? = nil,
        lostDeals: String? = nil, marketNotes: String? = nil, goalsMet: [Int64]? = nil
    ) {
        self.period = period; self.startsOn = startsOn; self.items = items; self.results = results;
        self.lostDeals = lostDeals; self.marketNotes = marketNotes; self.goalsMet = goalsMet
    }

    public static let createFields: Set<String> = ["period", "starts_on", "items"]
    public static let changeFields: Set<String> = [
        "period", "starts_on", "items", "results", "lost_deals", "market_notes", "goals_met", "version",
    ]
    public static let itemFieldNames: Set<String> = ["customer_id", "kind", "times", "goal", "expected"]
    public static let maxItems = 50

    /// Applies the input over `base` and validates the result: the period and items only while the plan is open to
    /// them, the summary only once it is approved. `readable` says whether the owner may plan work with a customer.
    public func apply(to base: ActionPlan, readable: (Int64) -> Bool) throws(DomainError) -> ActionPlan {
        var p = base
        var errors: [FieldError] = []
        let touchesPlan = period != nil || startsOn != nil || items != nil
        let touchesSummary = results != nil || lostDeals != nil || marketNotes != nil || goalsMet != nil
        if touchesPlan && !base.state.itemsOpen {
            throw DomainError(.conflict, Message("plan.items_locked", ["state": "@" + base.state.labelKey]))
        }
        if touchesSummary && !base.state.summaryOpen {
            throw DomainError(.conflict, Message("plan.summary_locked", ["state": "@" + base.state.labelKey]))
        }
        if period != nil || startsOn != nil {
            var kind = base.period
            if let period {
                if let k = ActionPlan.Period(rawValue: period.trimmingCharacters(in: .whitespaces)) {
                    kind = k
                } else {
                    errors.append(FieldError.oneOf("period", ActionPlan.Period.self))
                }
            }
            do {
                let b = try PlanPeriod.bounds(kind, start: startsOn ?? base.startsOn)
                p.period = kind; p.startsOn = b.start; p.endsOn = b.end
            } catch { errors += error.fields }
        }
        if let items {
            let given = items.filter { !$0.isBlank }
            if given.count > ActionPlanInput.maxItems {
                errors.append(FieldError("items", "plan.too_many", ["max": String(ActionPlanInput.maxItems)]))
            }
            p.items = []
            for (i, item) in given.prefix(ActionPlanInput.maxItems).enumerated() {
                let at = "items[\(i)]"
                var customer: Int64?
                if let raw = item.customerId {
                    switch Text.optionalID(raw, "\(at).customer_id", &errors) {
                    case .some(.some(let id)) where !readable(id):
                        errors.append(FieldError("\(at).customer_id", "plan.customer_unknown"))
                    case .some(let id): customer = id
                    case .none: break
                    }
                }
                var kind: CommunicationKind?
                let k = (item.kind ?? "").trimmingCharacters(in: .whitespaces)
                if !k.isEmpty {
                    if let v = CommunicationKind(rawValue: k) {
                        kind = v
                    } else {
                        errors.append(
                            FieldError(
                                "\(at).kind", "field.one_of",
                                ["values": CommunicationKind.allCases.map(\.rawValue).joined(separator: ", ")]))
                    }
                }
                if customer != nil && kind == nil && k.isEmpty {
                    errors.append(FieldError("\(at).kind", "plan.kind_needed"))
                }
                if kind != nil && customer == nil && !errors.contains(where: { $0.field == "\(at).customer_id" }) {
                    errors.append(FieldError("\(at).customer_id", "plan.customer_needed"))
                }
                var times = 1
                if let raw = item.times?.trimmingCharacters(in: .whitespaces), !raw.isEmpty {
                    if let n = Int(raw), (1...50).contains(n) {
                        times = n
                    } else {
                        errors.append(FieldError("\(at).times", "field.range", ["min": "1", "max": "50"]))
                    }
                }
                let goal = Text.required(item.goal, 300, "\(at).goal", &errors)
                let expected = Text.limit(item.expected ?? "", 300, "\(at).expected", &errors) ?? ""
                p.items.append(
                    ActionPlanItem(customerId: customer, kind: kind, times: times, goal: goal, expected: expected))
            }
        }
        if let results, let v = Text.limit(results, 8000, "results", &errors, multiline: true) { p.results = v }
        if let lostDeals, let v = Text.limit(lostDeals, 8000, "lost_deals", &errors, multiline: true) {
            p.lostDeals = v
        }
        if let marketNotes, let v = Text.limit(marketNotes, 8000, "market_notes", &errors, multiline: true) {
            p.marketNotes = v
        }
        if let goalsMet {
            let met = Set(goalsMet)
            for n in met where n < 1 || n > Int64(p.items.count) || p.items[Int(n) - 1].measured {
                errors.append(FieldError("goals_met", "plan.not_a_goal", ["number": String(n)]))
            }
            for i in p.items.indices where !p.items[i].measured { p.items[i].met = met.contains(Int64(i + 1)) }
        }
        if !errors.isEmpty { throw .validation(errors) }
        return p
    }

    /// A new plan for `owner`: the period (this week's when not given) and its items.
    public func newPlan(owner: Int64, today: String, readable: (Int64) -> Bool) throws(DomainError) -> ActionPlan {
        if results != nil || lostDeals != nil || marketNotes != nil || goalsMet != nil {
            throw .validation([FieldError("results", "plan.summary_later")])
        }
        var input = self
        let kind = ActionPlan.Period(rawValue: (period ?? "week").trimmingCharacters(in: .whitespaces)) ?? .week
        input.period = period ?? "week"
        input.startsOn = startsOn ?? PlanPeriod.current(kind, today: today)
        let base = ActionPlan(ownerId: owner, period: kind, startsOn: "", endsOn: "")
        return try input.apply(to: base, readable: readable)
    }
}

/// Who reads and writes plans: a rep his own; the GM, the market manager and the business assistant every rep's.
public enum ActionPlanAccess {
    static let readAll: Set<Role> = [.gm, .marketManager, .businessAssistant]
    public static func readsAll(_ actor: Actor) -> Bool { actor.hasAny(readAll) }
    public static func canBrowse(_ actor: Actor) -> Bool { readsAll(actor) || actor.has(.salesRep) }
    public static func canRead(_ actor: Actor, _ p: ActionPlan) -> Bool { readsAll(actor) || p.ownerId == actor.id }
    /// A rep plans his own work.
    public static func canPlan(_ actor: Actor) -> Bool { actor.has(.salesRep) }
    public static func canEdit(_ actor: Actor, _ p: ActionPlan) -> Bool {
        actor.has(.salesRep) && p.ownerId == actor.id
    }
}

/// The plan on the one runner: the rep submits it, the market manager approves, returns or comments it (检查控制);
/// once the period is over the rep reports on it and the manager reviews the report.
public enum ActionPlanProcess: ProcessDefinition {
    public typealias State = ActionPlan.State
    public enum Action: String, CaseIterable, Sendable {
        case submit, withdraw, approve
        case returnPlan = "return"
        case comment, report, review
        case returnReport = "return_report"
    }
    public struct Subject: ProcessSubject {
        public var plan: ActionPlan
        /// Today in China, `YYYY-MM-DD`, as the runner loaded it (the report waits for the period's last day).
        public var today: String
        public init(_ plan: ActionPlan, today: String) { self.plan = plan; self.today = today }
        public var state: ActionPlan.State {
            get { plan.state }
            set { plan.state = newValue }
        }
        public var version: Int {
            get { plan.version }
            set { plan.version = newValue }
        }
        public var recordId: Int64 { plan.id }
        public var record: ActionPlan { plan }
    }

    public static let name = "action_plan"

    static let owner: ProcessStep<ActionPlanProcess>.Guard = { s, a in
        s.plan.ownerId == a.id ? nil : .whoAsks("plan.not_owner")
    }
    static let needsComment: ProcessStep<ActionPlanProcess>.Apply = { _, input, _ throws(DomainError) in
        if try input.cleanComment().isEmpty { throw .validation([FieldError("comment", "plan.comment_needed")]) }
        return StepOutcome()
    }

    public static let steps: [ProcessStep<ActionPlanProcess>] = [
        // "制定业务人员行动计划，并予以检查控制": the rep submits his plan, the manager checks it.
        ProcessStep(
            [.draft, .returned], .submit, .submitted, by: [.salesRep],
            guard: { s, a in owner(s, a) ?? (s.plan.items.isEmpty ? Message("plan.no_items") : nil) }),
        ProcessStep([.submitted], .withdraw, .draft, by: [.salesRep], guard: owner),
        ProcessStep([.submitted], .approve, .approved, by: [.marketManager]),
        ProcessStep([.submitted], .returnPlan, .returned, by: [.marketManager], needsReason: true),
        // "reviewed and commented by the manager": a comment leaves the plan where it is.
        ProcessStep([.submitted], .comment, .submitted, by: [.marketManager], apply: needsComment),
        ProcessStep([.approved], .comment, .approved, by: [.marketManager], apply: needsComment),
        ProcessStep([.reported], .comment, .reported, by: [.marketManager], apply: needsComment),
        ProcessStep([.reviewed], .comment, .reviewed, by: [.marketManager], apply: needsComment),
        // "提交销售分析和总结报告": on the period's last day or after, with its results written.
        ProcessStep(
            [.approved], .report, .reported, by: [.salesRep],
            guard: { s, a in
                if let r = owner(s, a) { return r }
                if s.today < s.plan.endsOn { return Message("plan.period_not_over", ["date": s.plan.endsOn]) }
                return s.plan.results.isEmpty ? Message("plan.results_needed") : nil
            }),
        ProcessStep([.reported], .review, .reviewed, by: [.marketManager], apply: needsComment),
        ProcessStep([.reported], .returnReport, .approved, by: [.marketManager], needsReason: true),
    ]
}
