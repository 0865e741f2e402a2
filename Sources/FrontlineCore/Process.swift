/// Every process of SPEC.md §3 (and every later one: service and support requests, complaints, action plans,
/// returns) is a table of steps — from which states, by which action, to which state, by which roles, under which
/// guard — run by one engine that refuses a step with the reason and leaves the record of each step to the store.
public protocol ProcessDefinition {
    associatedtype State: RawRepresentable & Hashable & Sendable & CaseIterable where State.RawValue == String
    associatedtype Action: RawRepresentable & Hashable & Sendable & CaseIterable where Action.RawValue == String
    /// What the guards look at: the record and whatever else the step depends on.
    associatedtype Subject

    /// The name the history and the messages use, e.g. `quotation`.
    static var name: String { get }
    static var steps: [ProcessStep<Self>] { get }
}

/// One row of a process table.
public struct ProcessStep<P: ProcessDefinition>: Sendable {
    public let from: Set<P.State>
    public let action: P.Action
    public let to: P.State
    /// Who may take the step. A guard can narrow it further (the requester himself, the assigned engineer…).
    public let roles: Set<Role>
    /// Answers the reason the step may not be taken now, or nil.
    public let guardCheck: (@Sendable (P.Subject, Actor) -> Message?)?
    /// The step cannot be undone (void, abandon, reject): it needs the reason in its comment, and the page asks to
    /// confirm it.
    public let needsReason: Bool

    public init(
        _ from: Set<P.State>, _ action: P.Action, _ to: P.State, by roles: Set<Role>, needsReason: Bool = false,
        guard guardCheck: (@Sendable (P.Subject, Actor) -> Message?)? = nil
    ) {
        self.from = from; self.action = action; self.to = to; self.roles = roles; self.guardCheck = guardCheck
        self.needsReason = needsReason
    }
}

/// One step as it was taken, for a record's history.
public struct ProcessEvent: Sendable, Equatable, Codable {
    public var id: Int64
    public var process: String
    public var recordId: Int64
    public var fromState: String
    public var action: String
    public var toState: String
    public var actorId: Int64
    public var actorName: String
    public var comment: String
    /// Milliseconds since 1970.
    public var at: Int64

    public init(
        id: Int64 = 0, process: String, recordId: Int64, fromState: String, action: String, toState: String,
        actorId: Int64, actorName: String, comment: String, at: Int64
    ) {
        self.id = id; self.process = process; self.recordId = recordId; self.fromState = fromState; self.action = action
        self.toState = toState; self.actorId = actorId; self.actorName = actorName; self.comment = comment; self.at = at
    }
}

public enum ProcessEngine {
    /// The step `action` takes from `state` for `actor`, or the reason it is refused: an action the state does not
    /// allow is a conflict (409), one the actor's roles do not allow is forbidden (403), a failed guard is a
    /// conflict with the guard's own reason — or forbidden when the reason is about who asks (`Message.whoAsks`).
    public static func step<P: ProcessDefinition>(
        _ process: P.Type, from state: P.State, action: P.Action, subject: P.Subject, actor: Actor, comment: String? = nil
    ) throws(DomainError) -> ProcessStep<P> {
        let candidates = P.steps.filter { $0.action == action && $0.from.contains(state) }
        guard !candidates.isEmpty else {
            throw DomainError(
                .conflict,
                Message(
                    "process.not_now",
                    ["action": "@process.\(P.name).action.\(action.rawValue)", "state": "@process.\(P.name).state.\(state.rawValue)"]))
        }
        let permitted = candidates.filter { actor.hasAny($0.roles) }
        guard !permitted.isEmpty else {
            let roles = Set(candidates.flatMap(\.roles)).sorted()
            throw DomainError(
                .forbidden,
                Message(
                    "process.role",
                    ["action": "@process.\(P.name).action.\(action.rawValue)", "roles": "@" + roles.map(\.labelKey).joined(separator: ",")]))
        }
        var reason: Message?
        for s in permitted {
            if let r = s.guardCheck?(subject, actor) { reason = reason ?? r; continue }
            if s.needsReason && (comment ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                throw .validation([FieldError("comment", "process.reason_needed", ["action": "@process.\(P.name).action.\(action.rawValue)"])])
            }
            return s
        }
        throw DomainError(reason!.aboutWhoAsks ? .forbidden : .conflict, reason!)
    }

    /// Whether `action` from `state` is one that needs a reason (the page asks for it and to confirm).
    public static func needsReason<P: ProcessDefinition>(_ process: P.Type, _ action: P.Action, from state: P.State) -> Bool {
        P.steps.contains { $0.action == action && $0.from.contains(state) && $0.needsReason }
    }

    /// The actions `actor` may take now, in table order, each once.
    public static func available<P: ProcessDefinition>(_ process: P.Type, from state: P.State, subject: P.Subject, actor: Actor)
        -> [P.Action]
    {
        var out: [P.Action] = []
        for s in P.steps where s.from.contains(state) && actor.hasAny(s.roles) && !out.contains(s.action) {
            if s.guardCheck?(subject, actor) == nil { out.append(s.action) }
        }
        return out
    }
}
