/// Every process of SPEC.md §3 (and every later one: service and support requests, complaints, action plans,
/// returns) is a table of steps — from which states, by which action, to which state, by which roles, under which
/// guard, needing which input, doing what and followed by which automatic step — run by one engine that refuses a
/// step with the reason. The engine is pure: the store's runner loads the subject, asks the engine, and writes what
/// it answers (`../docs/architecture.md`, RUNNER).
public protocol ProcessDefinition {
    associatedtype State: RawRepresentable & Hashable & Sendable & CaseIterable where State.RawValue == String
    associatedtype Action: RawRepresentable & Hashable & Sendable & CaseIterable where Action.RawValue == String
    /// What the guards look at and `apply` changes: the record and whatever else the step depends on.
    associatedtype Subject: ProcessSubject where Subject.State == State
    /// What a step asks the runner to do besides changing its record (create a related record, supersede a
    /// version, move another process), as data.
    associatedtype Effect: Sendable = Never

    /// The name the history and the messages use, e.g. `quotation`.
    static var name: String { get }
    static var steps: [ProcessStep<Self>] { get }
    /// A refusal every step shares (a quotation's customer must be the actor's to work on), or nil.
    static func refusal(_ subject: Subject, _ actor: Actor) -> Message?
    /// Entries other operations leave in the history without changing the state (a tender's file upload).
    static var notes: Set<String> { get }
}

extension ProcessDefinition {
    public static func refusal(_ subject: Subject, _ actor: Actor) -> Message? { nil }
    public static var notes: Set<String> { [] }
    /// Actions that only follow another step by themselves (the review's conclusion): never offered, never routed.
    public static var automaticActions: Set<Action> { Set(steps.filter(\.automatic).map(\.action)) }
    /// The JSON fields a step of this process may carry: the comment and every row's input.
    public static var inputFields: Set<String> {
        Set(steps.flatMap(\.input).map(\.rawValue)).union(["comment", "version"])
    }
    /// Whether a step of `action` must name the version its caller read. One that may leave the record in the state
    /// it found (a note, a payment, a compensation asked, an attendee's feedback) would apply twice if sent twice;
    /// one that always moves the state is refused the second time by the state itself, so its version is optional.
    public static func versionRequired(_ action: Action) -> Bool {
        steps.contains { $0.action == action && $0.from.contains($0.to) }
    }
    /// Every action people take, in table order, each once — the race gate and the route registrar walk these.
    public static var actions: [Action] {
        var out: [Action] = []
        for s in steps where !s.automatic && !out.contains(s.action) { out.append(s.action) }
        return out
    }
}

/// A process's subject: its record's state and version, and the record as the audit log keeps it.
public protocol ProcessSubject: Sendable {
    associatedtype State
    associatedtype Record: Encodable & Sendable
    var state: State { get set }
    var version: Int { get set }
    var recordId: Int64 { get }
    var record: Record { get }
}

/// The fields a step may carry besides its comment; each row names those it reads, so a page draws the form and
/// the API documents it from the row.
public enum StepField: String, Sendable, CaseIterable, Codable {
    case comment, reviewers, opinion
    case meetingDate = "meeting_date"
    case attendees, minutes
    case customerSignedOn = "customer_signed_on"
    case engineerId = "engineer_id"
    case versions, date, reason, winner
    case winningAmount = "winning_amount"
    case engineers, kind, title, due
    case paymentSeq = "payment_seq"
    case milestoneId = "milestone_id"
    case documentId = "document_id"
    case obstacleId = "obstacle_id"
    case text, answer
    case verdict, conditions, plan
    case startOn = "start_on"
    case endOn = "end_on"
    case hours
    case confirmedBy = "confirmed_by"
    case satisfaction
    case rootCause = "root_cause"
    case amount
    case startsAt = "starts_at"
    case endsAt = "ends_at"
    case contacts
    case contactId = "contact_id"
    case place, score
    case ownerId = "owner_id"
}

/// What a caller sent with a step: one shape for every process, read by the rows that name its fields.
public struct StepInput: Sendable, Equatable {
    public var comment: String?
    public var reviewers: [String]?
    public var opinion: String?
    public var meetingDate: String?
    public var attendees: String?
    public var minutes: String?
    public var customerSignedOn: String?
    public var engineerId: String?
    /// The version chosen of each part for a bid package; the latest when absent.
    public var versions: [String: String]?
    /// A day the step records (a deposit paid, refunded or forfeited), `YYYY-MM-DD`; today when absent.
    public var date: String?
    public var reason: String?
    public var winner: String?
    public var winningAmount: String?
    /// User ids: the engineers an implementation is assigned to.
    public var engineers: [String]?
    /// A milestone's kind, title, due day and the payment-plan line its completion makes due.
    public var kind: String?
    public var title: String?
    public var due: String?
    public var paymentSeq: String?
    /// Which milestone, document (an uploaded file) or obstacle report a step is about.
    public var milestoneId: String?
    public var documentId: String?
    public var obstacleId: String?
    /// What a report says, and the Market Department's answer to it.
    public var text: String?
    public var answer: String?
    /// A service request's verdict (feasible, conditional, not_feasible) and its conditions; the plan Customer
    /// Service decided on and its first and last day; hours of work logged.
    public var verdict: String?
    public var conditions: String?
    public var plan: String?
    public var startOn: String?
    public var endOn: String?
    public var hours: String?
    /// Who at the customer confirmed a case closed, and his satisfaction 1–5.
    public var confirmedBy: String?
    public var satisfaction: String?
    /// A complaint's root cause, and an amount (a compensation asked).
    public var rootCause: String?
    public var amount: String?
    /// A booking's first and last moment, `YYYY-MM-DD HH:MM` (CST).
    public var startsAt: String?
    public var endsAt: String?
    /// Contacts of the customer (a training's invitees or those present), one of them, a place, a score 1–5.
    public var contacts: [String]?
    public var contactId: String?
    public var place: String?
    public var score: String?
    /// A sales rep a record is handed to.
    public var ownerId: String?
    public init(
        comment: String? = nil, reviewers: [String]? = nil, opinion: String? = nil, meetingDate: String? = nil,
        attendees: String? = nil,
        minutes: String? = nil, customerSignedOn: String? = nil, engineerId: String? = nil,
        versions: [String: String]? = nil,
        date: String? = nil, reason: String? = nil, winner: String? = nil, winningAmount: String? = nil,
        engineers: [String]? = nil,
        kind: String? = nil, title: String? = nil, due: String? = nil, paymentSeq: String? = nil,
        milestoneId: String? = nil,
        documentId: String? = nil, obstacleId: String? = nil, text: String? = nil, answer: String? = nil,
        verdict: String? = nil,
        conditions: String? = nil, plan: String? = nil, startOn: String? = nil, endOn: String? = nil,
        hours: String? = nil,
        confirmedBy: String? = nil, satisfaction: String? = nil, rootCause: String? = nil, amount: String? = nil,
        startsAt: String? = nil, endsAt: String? = nil, contacts: [String]? = nil, contactId: String? = nil,
        place: String? = nil, score: String? = nil,
        ownerId: String? = nil
    ) {
        self.comment = comment; self.reviewers = reviewers; self.opinion = opinion; self.meetingDate = meetingDate
        self.attendees = attendees; self.minutes = minutes; self.customerSignedOn = customerSignedOn;
        self.engineerId = engineerId
        self.versions = versions; self.date = date; self.reason = reason; self.winner = winner;
        self.winningAmount = winningAmount
        self.engineers = engineers; self.kind = kind; self.title = title; self.due = due; self.paymentSeq = paymentSeq
        self.milestoneId = milestoneId; self.documentId = documentId; self.obstacleId = obstacleId; self.text = text;
        self.answer = answer
        self.verdict = verdict; self.conditions = conditions; self.plan = plan; self.startOn = startOn;
        self.endOn = endOn; self.hours = hours
        self.confirmedBy = confirmedBy; self.satisfaction = satisfaction; self.rootCause = rootCause;
        self.amount = amount
        self.startsAt = startsAt; self.endsAt = endsAt
        self.contacts = contacts; self.contactId = contactId; self.place = place; self.score = score
        self.ownerId = ownerId
    }
    public static let fieldNames: Set<String> = Set(StepField.allCases.map(\.rawValue))

    /// A score the customer or an attendee gives (a satisfaction, a feedback): a whole number from 1 to 5, or nil when
    /// left out; anything else is `field`'s error. The one rule the steps and the API's reading of them share.
    public static func score(_ raw: String?, _ field: String, _ errors: inout [FieldError]) -> Int? {
        let v = (raw ?? "").trimmingCharacters(in: .whitespaces)
        guard !v.isEmpty else { return nil }
        guard let n = Int(v), (1...5).contains(n) else {
            errors.append(FieldError(field, "field.whole_range", ["min": "1", "max": "5"]))
            return nil
        }
        return n
    }

    /// The comment, trimmed, at most 2,000 characters.
    public func cleanComment() throws(DomainError) -> String {
        let c = (comment ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard c.unicodeScalars.count <= 2000 else {
            throw .validation([FieldError("comment", "field.too_long", ["max": "2000"])])
        }
        return c
    }
}

/// Who takes a step and when: the clock is injected, so tests fix "now".
public struct StepContext: Sendable {
    public let actor: Actor
    /// Milliseconds since 1970.
    public let now: Int64
    public init(actor: Actor, now: Int64) { self.actor = actor; self.now = now }
    public var seconds: Int64 { now / 1000 }
    public var today: String { DateText.day(seconds) }
}

/// What `apply` answers besides the changed subject: the effects it asks for and the history's note (the comment
/// when nil).
public struct StepOutcome<P: ProcessDefinition>: Sendable {
    public var effects: [P.Effect]
    public var note: String?
    public init(_ effects: [P.Effect] = [], note: String? = nil) { self.effects = effects; self.note = note }
}

/// One row of a process table.
public struct ProcessStep<P: ProcessDefinition>: Sendable {
    public typealias Guard = @Sendable (P.Subject, Actor) -> Message?
    /// Changes the subject for the step (the state is set by the row), validating the input: pure, no I/O.
    public typealias Apply = @Sendable (inout P.Subject, StepInput, StepContext) throws(DomainError) -> StepOutcome<P>
    /// The automatic step that follows this one, given the subject after it, or nil.
    public typealias FollowUp = @Sendable (P.Subject) -> P.Action?

    public let from: Set<P.State>
    public let action: P.Action
    public let to: P.State
    /// Who may take the step. A guard can narrow it further (the requester himself, the assigned engineer…).
    public let roles: Set<Role>
    /// Answers the reason the step may not be taken now, or nil; it reads the subject before the step.
    public let guardCheck: Guard?
    /// The step cannot be undone (void, abandon, reject): it needs the reason in its comment, and the page asks to
    /// confirm it.
    public let needsReason: Bool
    /// The fields the step reads besides the comment.
    public let input: [StepField]
    public let apply: Apply?
    public let then: FollowUp?
    /// Taken only as another step's follow-up.
    public let automatic: Bool

    public init(
        _ from: Set<P.State>, _ action: P.Action, _ to: P.State, by roles: Set<Role>, needsReason: Bool = false,
        input: [StepField] = [],
        automatic: Bool = false, guard guardCheck: Guard? = nil, apply: Apply? = nil, then: FollowUp? = nil
    ) {
        self.from = from; self.action = action; self.to = to; self.roles = roles; self.guardCheck = guardCheck
        self.needsReason = needsReason; self.input = input; self.apply = apply; self.then = then;
        self.automatic = automatic
    }
}

/// A step as the engine answers it: the subject before and after, what to do, what to note, what follows.
public struct TakenStep<P: ProcessDefinition>: Sendable {
    public let step: ProcessStep<P>
    public let before: P.Subject
    public var after: P.Subject
    public var effects: [P.Effect]
    public var note: String
    public let followUp: P.Action?
}

/// An action as the actor may take it now: ready, or needing the named input first.
public struct ProcessOffer<P: ProcessDefinition>: Sendable {
    public let action: P.Action
    public let input: [StepField]
    public let needsReason: Bool
    /// The step takes the record back to an earlier state (in the order the states are declared): reopen, return,
    /// a stage back.
    public var backward = false
    /// Nothing leads on from where the step ends: it closes the record for good.
    public var final = false
    public var ready: Bool { input.isEmpty && !needsReason }
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
        _ process: P.Type, from state: P.State, action: P.Action, subject: P.Subject, actor: Actor,
        comment: String? = nil
    ) throws(DomainError) -> ProcessStep<P> {
        // Who may take it at all comes before when: a role that takes no part in the action (the Market Department on
        // an implementation's milestones) is told so, not that the record's state is wrong, as if it might work later.
        let rows = P.steps.filter { $0.action == action }
        if !rows.isEmpty && !rows.contains(where: { actor.hasAny($0.roles) }) {
            throw DomainError(
                .forbidden,
                Message(
                    "process.role",
                    [
                        "action": "@process.\(P.name).action.\(action.rawValue)",
                        "roles": "@" + Set(rows.flatMap(\.roles)).sorted().map(\.labelKey).joined(separator: ","),
                    ]))
        }
        let candidates = rows.filter { $0.from.contains(state) }
        guard !candidates.isEmpty else {
            throw DomainError(
                .conflict,
                Message(
                    "process.not_now",
                    [
                        "action": "@process.\(P.name).action.\(action.rawValue)",
                        "state": "@process.\(P.name).state.\(state.rawValue)",
                    ]))
        }
        let permitted = candidates.filter { actor.hasAny($0.roles) }
        guard !permitted.isEmpty else {
            let roles = Set(candidates.flatMap(\.roles)).sorted()
            throw DomainError(
                .forbidden,
                Message(
                    "process.role",
                    [
                        "action": "@process.\(P.name).action.\(action.rawValue)",
                        "roles": "@" + roles.map(\.labelKey).joined(separator: ","),
                    ]))
        }
        if let common = P.refusal(subject, actor) {
            throw DomainError(common.aboutWhoAsks ? .forbidden : .conflict, common)
        }
        var reason: Message?
        for s in permitted {
            if let r = s.guardCheck?(subject, actor) { reason = reason ?? r; continue }
            if s.needsReason && (comment ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                throw .validation([
                    FieldError(
                        "comment", "process.reason_needed", ["action": "@process.\(P.name).action.\(action.rawValue)"])
                ])
            }
            return s
        }
        throw DomainError(reason!.aboutWhoAsks ? .forbidden : .conflict, reason!)
    }

    /// Whether `action` from `state` is one that needs a reason (the page asks for it and to confirm).
    public static func needsReason<P: ProcessDefinition>(_ process: P.Type, _ action: P.Action, from state: P.State)
        -> Bool
    {
        P.steps.contains { $0.action == action && $0.from.contains(state) && $0.needsReason }
    }

    /// Takes a step on `subject`: the row the engine chooses, its `apply` (input checked), the new state, the
    /// effects, the note for the history and the follow-up, if any. Pure; the store's runner writes the answer.
    public static func take<P: ProcessDefinition>(
        _ process: P.Type, _ action: P.Action, on subject: P.Subject, input: StepInput, context: StepContext
    )
        throws(DomainError) -> TakenStep<P>
    {
        let comment = try input.cleanComment()
        let row = try step(
            P.self, from: subject.state, action: action, subject: subject, actor: context.actor, comment: comment)
        var after = subject
        let outcome = try row.apply?(&after, input, context) ?? StepOutcome()
        after.state = row.to
        return TakenStep(
            step: row, before: subject, after: after, effects: outcome.effects, note: outcome.note ?? comment,
            followUp: row.then?(after))
    }

    /// For each action `actor` may take now (automatic ones aside), whether it is ready or which input it needs.
    public static func offers<P: ProcessDefinition>(_ process: P.Type, subject: P.Subject, actor: Actor)
        -> [ProcessOffer<P>]
    {
        if P.refusal(subject, actor) != nil { return [] }
        var out: [ProcessOffer<P>] = []
        for s in P.steps
        where !s.automatic && s.from.contains(subject.state) && actor.hasAny(s.roles)
            && !out.contains(where: { $0.action == s.action })
        {
            if s.guardCheck?(subject, actor) == nil {
                let order = Array(P.State.allCases)
                let from = order.firstIndex(of: subject.state), to = order.firstIndex(of: s.to)
                var offer = ProcessOffer<P>(action: s.action, input: s.input, needsReason: s.needsReason)
                offer.backward = from != nil && to != nil && to! < from!
                offer.final = s.to != subject.state && !P.steps.contains { $0.from.contains(s.to) && !$0.automatic }
                out.append(offer)
            }
        }
        return out
    }

    /// Whether the steps in `events` (oldest first, as `from → action → to`) are a path through the table: each
    /// starts where the one before ended, and each is a row's action from that state to its state. Answers the
    /// first step that is not, or nil.
    public static func invalidStep<P: ProcessDefinition>(
        _ process: P.Type, _ events: [(from: String, action: String, to: String)], created: Set<String>
    )
        -> Int?
    {
        var at: String?
        for (i, e) in events.enumerated() {
            if i == 0 {
                guard e.from.isEmpty, e.action == "create", created.contains(e.to) else { return i }
                at = e.to
                continue
            }
            if P.notes.contains(e.action) && e.from == at && e.to == at { continue }
            guard e.from == at, let from = P.State(rawValue: e.from), let action = P.Action(rawValue: e.action),
                let to = P.State(rawValue: e.to),
                P.steps.contains(where: { $0.action == action && $0.from.contains(from) && $0.to == to })
            else { return i }
            at = e.to
        }
        return nil
    }

    /// The actions `actor` may take now, in table order, each once.
    public static func available<P: ProcessDefinition>(
        _ process: P.Type, from state: P.State, subject: P.Subject, actor: Actor
    )
        -> [P.Action]
    {
        var out: [P.Action] = []
        for s in P.steps
        where !s.automatic && s.from.contains(state) && actor.hasAny(s.roles) && !out.contains(s.action) {
            if s.guardCheck?(subject, actor) == nil { out.append(s.action) }
        }
        return out
    }
}
