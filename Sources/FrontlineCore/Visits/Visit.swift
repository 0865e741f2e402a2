import Foundation

/// A customer's visit to the company (来访接待, SPEC §1: the business assistant's "来访客户的接待安排"; §2 "scheduled
/// customer visits, host and arrangements"): who comes, when, who hosts them and what is arranged (pick-up, meeting
/// room, meals, hotel), and afterwards how it went.
public struct Visit: Sendable, Equatable, Codable {
    public enum State: String, CaseIterable, Codable, Sendable {
        case scheduled, done, cancelled
        public var labelKey: String { "process.visit.state.\(rawValue)" }
    }
    public var id: Int64
    /// `JD2026-0001`.
    public var number: String
    public var customerId: Int64?
    public var customerName: String
    /// The customer's owner rep (read with the visit: he sees his customers' visits).
    public var customerOwnerId: Int64?
    /// Who comes: names, titles, how many.
    public var visitors: String
    public var purpose: String
    /// Unix seconds.
    public var startsAt: Int64
    public var endsAt: Int64
    public var hostId: Int64
    public var place: String
    public var arrangements: String
    /// How it went, written when it is done.
    public var outcome: String
    public var state: State
    public var scheduledBy: Int64
    public var version: Int
    public var createdAt: Int64
    public var updatedAt: Int64
    public init(
        id: Int64 = 0, number: String = "", customerId: Int64? = nil, customerName: String = "",
        customerOwnerId: Int64? = nil, visitors: String, purpose: String = "",
        startsAt: Int64, endsAt: Int64, hostId: Int64, place: String = "", arrangements: String = "",
        outcome: String = "", state: State = .scheduled,
        scheduledBy: Int64 = 0, version: Int = 1, createdAt: Int64 = 0, updatedAt: Int64 = 0
    ) {
        self.id = id; self.number = number; self.customerId = customerId; self.customerName = customerName;
        self.customerOwnerId = customerOwnerId
        self.visitors = visitors; self.purpose = purpose; self.startsAt = startsAt; self.endsAt = endsAt;
        self.hostId = hostId; self.place = place
        self.arrangements = arrangements; self.outcome = outcome; self.state = state; self.scheduledBy = scheduledBy;
        self.version = version
        self.createdAt = createdAt; self.updatedAt = updatedAt
    }

    /// Whether two visits' times overlap.
    public func overlaps(_ other: Visit) -> Bool { startsAt < other.endsAt && other.startsAt < endsAt }
}

/// What a caller sent to schedule or change a visit; `nil` is "not sent".
public struct VisitInput: Sendable, Equatable {
    public var customerId: String?
    public var visitors: String?
    public var purpose: String?
    public var startsAt: String?
    public var endsAt: String?
    public var hostId: String?
    public var place: String?
    public var arrangements: String?
    public init(
        customerId: String? = nil, visitors: String? = nil, purpose: String? = nil, startsAt: String? = nil,
        endsAt: String? = nil, hostId: String? = nil,
        place: String? = nil, arrangements: String? = nil
    ) {
        self.customerId = customerId; self.visitors = visitors; self.purpose = purpose; self.startsAt = startsAt;
        self.endsAt = endsAt; self.hostId = hostId
        self.place = place; self.arrangements = arrangements
    }

    public static let fields: Set<String> = [
        "customer_id", "visitors", "purpose", "starts_at", "ends_at", "host_id", "place", "arrangements",
    ]
    public static let changeFields: Set<String> = fields.union(["version"])
    /// A visit lasts at most a week, and is scheduled at most 30 days after the fact.
    static let longest: Int64 = 7 * 86_400
    static let lateness: Int64 = 30 * 86_400

    /// Applies the input over `base` and validates the result. `customers` says which customer ids exist (and whose
    /// names they are), `hosts` the active staff who may host; `now` is Unix seconds.
    public func apply(to base: Visit, customers: [Int64: String], hosts: Set<Int64>, now: Int64) throws(DomainError)
        -> Visit
    {
        var v = base
        var errors: [FieldError] = []
        if let customerId {
            switch Text.optionalID(customerId, "customer_id", &errors) {
            case .some(.some(let id)):
                if let name = customers[id] {
                    v.customerId = id; v.customerName = name
                } else {
                    errors.append(FieldError("customer_id", "visit.customer_unknown"))
                }
            case .some(.none): v.customerId = nil; v.customerName = ""
            case .none: break
            }
        }
        if let visitors {
            v.visitors = Text.required(visitors, 500, "visitors", &errors)
        } else if base.visitors.isEmpty {
            errors.append(FieldError("visitors", "field.required"))
        }
        if let purpose { Text.limit(purpose, 2000, "purpose", &errors, multiline: true).map { v.purpose = $0 } }
        if let place { Text.limit(place, 200, "place", &errors).map { v.place = $0 } }
        if let arrangements {
            Text.limit(arrangements, 4000, "arrangements", &errors, multiline: true).map { v.arrangements = $0 }
        }
        for (name, raw, target) in [("starts_at", startsAt, \Visit.startsAt), ("ends_at", endsAt, \Visit.endsAt)] {
            guard let raw else {
                if base.startsAt == 0 { errors.append(FieldError(name, "field.required")) }
                continue
            }
            let t = raw.trimmingCharacters(in: .whitespaces)
            if t.isEmpty {
                errors.append(FieldError(name, "field.required"))
            } else if let s = DateText.parseDateTime(t) {
                v[keyPath: target] = s
            } else {
                errors.append(FieldError(name, "field.datetime"))
            }
        }
        if !errors.contains(where: { $0.field == "starts_at" || $0.field == "ends_at" }) && v.startsAt != 0 {
            if v.endsAt <= v.startsAt {
                errors.append(FieldError("ends_at", "visit.ends_before"))
            } else if v.endsAt - v.startsAt > VisitInput.longest {
                errors.append(FieldError("ends_at", "visit.too_long"))
            }
            if (startsAt != nil || endsAt != nil) && v.endsAt < now - VisitInput.lateness {
                errors.append(FieldError("starts_at", "visit.too_late"))
            }
        }
        if let hostId {
            switch Text.optionalID(hostId, "host_id", &errors) {
            case .some(.some(let id)) where hosts.contains(id): v.hostId = id
            case .some(.some): errors.append(FieldError("host_id", "visit.host_unknown"))
            case .some(.none): errors.append(FieldError("host_id", "field.required"))
            case .none: break
            }
        } else if base.hostId == 0 {
            errors.append(FieldError("host_id", "field.required"))
        }
        if !errors.isEmpty { throw .validation(errors) }
        return v
    }
}

/// Who schedules and reads visits: the business assistant and the market manager schedule them; the GM reads all;
/// a host his own; a rep the visits of his customers.
public enum VisitAccess {
    static let schedulers: Set<Role> = [.businessAssistant, .marketManager]
    static let readAll: Set<Role> = [.gm, .marketManager, .businessAssistant]
    public static func readsAll(_ actor: Actor) -> Bool { actor.hasAny(readAll) }
    public static func canSchedule(_ actor: Actor) -> Bool { actor.hasAny(schedulers) }
    public static func canBrowse(_ actor: Actor) -> Bool {
        !actor.roles.isEmpty && !actor.roles.allSatisfy { $0 == .admin }
    }
    public static func canRead(_ actor: Actor, _ v: Visit) -> Bool {
        readsAll(actor) || v.hostId == actor.id || (actor.has(.salesRep) && v.customerOwnerId == actor.id)
    }
}

/// The visit on the one runner: done (how it went) by its host or the office, or cancelled with the reason.
public enum VisitProcess: ProcessDefinition {
    public typealias State = Visit.State
    public enum Action: String, CaseIterable, Sendable { case complete, cancel }
    public struct Subject: ProcessSubject {
        public var visit: Visit
        public init(_ visit: Visit) { self.visit = visit }
        public var state: Visit.State {
            get { visit.state }
            set { visit.state = newValue }
        }
        public var version: Int {
            get { visit.version }
            set { visit.version = newValue }
        }
        public var recordId: Int64 { visit.id }
        public var record: Visit { visit }
    }
    public static let name = "visit"
    static let everyone: Set<Role> = [
        .gm, .marketManager, .businessAssistant, .salesRep, .csManager, .csEngineer, .finance,
    ]

    public static let steps: [ProcessStep<VisitProcess>] = [
        ProcessStep(
            [.scheduled], .complete, .done, by: everyone, input: [.text],
            guard: { s, a in
                VisitAccess.canSchedule(a) || s.visit.hostId == a.id ? nil : .whoAsks("visit.host_or_office")
            },
            apply: { s, input, _ throws(DomainError) in
                var e: [FieldError] = []
                s.visit.outcome = Text.limit(input.text ?? "", 4000, "text", &e, multiline: true) ?? ""
                if !e.isEmpty { throw .validation(e) }
                return StepOutcome(
                    note: [s.visit.outcome, try input.cleanComment()].filter { !$0.isEmpty }.joined(separator: "\n"))
            }),
        ProcessStep([.scheduled], .cancel, .cancelled, by: [.businessAssistant, .marketManager], needsReason: true),
    ]
}
