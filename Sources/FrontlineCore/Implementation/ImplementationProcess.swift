import Foundation

/// Contract implementation (合同实施) as SPEC §3.3 puts it, one row per step: "owned by Customer Service. Once
/// signed, the Market Department no longer takes part, unless Customer Service reports an obstacle to execution that
/// it cannot overcome (不可抗拒之阻力); that report goes back to the Market Department."
public enum ImplementationProcess: ProcessDefinition {
    public typealias State = Implementation.State
    public enum Action: String, CaseIterable, Sendable {
        case assign, plan
        case completeMilestone = "complete_milestone"
        case reportObstacle = "report_obstacle"
        case answerObstacle = "answer_obstacle"
        case marketNote = "market_note"
        case resolveObstacle = "resolve_obstacle"
        case complete
    }

    public struct Subject: ProcessSubject {
        public var implementation: Implementation
        public var milestones: [ImplementationMilestone]
        public var obstacles: [ObstacleReport]
        /// Who may be assigned: the active users.
        public var people: [User]
        /// The contract's payment plan: sequence number and name of each line.
        public var paymentPlan: [(seq: Int, name: String)]
        /// The files uploaded to this implementation (an acceptance names one of them).
        public var documents: Set<Int64>
        public init(
            _ implementation: Implementation, milestones: [ImplementationMilestone] = [],
            obstacles: [ObstacleReport] = [], people: [User] = [],
            paymentPlan: [(seq: Int, name: String)] = [], documents: Set<Int64> = []
        ) {
            self.implementation = implementation; self.milestones = milestones; self.obstacles = obstacles;
            self.people = people
            self.paymentPlan = paymentPlan; self.documents = documents
        }
        public var state: Implementation.State {
            get { implementation.state }
            set { implementation.state = newValue }
        }
        public var version: Int {
            get { implementation.version }
            set { implementation.version = newValue }
        }
        public var recordId: Int64 { implementation.id }
        public var record: Implementation { implementation }
        var unresolved: [ObstacleReport] { obstacles.filter { $0.state != .resolved } }
    }

    /// What a step asks the store for besides the implementation itself.
    public enum Effect: Sendable, Equatable {
        /// "An acceptance can make a payment milestone due": the plan's line falls due on the acceptance day.
        case paymentDue(seq: Int, on: String)
    }

    public static let name = "implementation"
    static let cs = ImplementationAccess.customerService
    static let working: Set<State> = [.inProgress, .blocked]

    public static let steps: [ProcessStep<ImplementationProcess>] =
        rows + staying(in: [.inProgress, .blocked], planRow) + staying(in: [.inProgress, .blocked], completeRow)
        + laterRows

    /// One row per state for a step that leaves the state as it is.
    static func staying(in states: [State], _ row: (State) -> ProcessStep<ImplementationProcess>) -> [ProcessStep<
        ImplementationProcess
    >] { states.map(row) }

    static let rows: [ProcessStep<ImplementationProcess>] = [
        // "Owned by Customer Service": its manager assigns the engineers (and may change them while it runs).
        ProcessStep([.open], .assign, .inProgress, by: [.csManager], input: [.engineers], apply: assignEngineers),
        ProcessStep([.inProgress], .assign, .inProgress, by: [.csManager], input: [.engineers], apply: assignEngineers),
        ProcessStep([.blocked], .assign, .blocked, by: [.csManager], input: [.engineers], apply: assignEngineers),
    ]

    // The engineers plan the milestones: deployment, training, the customer's acceptance.
    static func planRow(_ state: State) -> ProcessStep<ImplementationProcess> {
        ProcessStep(
            [state], .plan, state, by: cs, input: [.kind, .title, .due, .paymentSeq],
            guard: { s, a in ImplementationAccess.works(a, s.implementation) },
            apply: { s, input, _ throws(DomainError) in
                var errors: [FieldError] = []
                let kind = ImplementationMilestone.Kind(rawValue: input.kind ?? "")
                if kind == nil {
                    errors.append(FieldError.oneOf("kind", ImplementationMilestone.Kind.self))
                }
                let title = Text.required(input.title, 200, "title", &errors)
                let due = (input.due ?? "").trimmingCharacters(in: .whitespaces)
                if !DateText.isDate(due) { errors.append(FieldError("due", "field.date")) }
                var seq: Int?
                if let raw = input.paymentSeq?.trimmingCharacters(in: .whitespaces), !raw.isEmpty {
                    if let n = Int(raw), s.paymentPlan.contains(where: { $0.seq == n }) {
                        seq = n
                    } else {
                        errors.append(FieldError("payment_seq", "implementation.no_such_payment", ["seq": raw]))
                    }
                }
                if s.milestones.count >= 100 {
                    errors.append(FieldError("title", "implementation.too_many_milestones"))
                }
                if !errors.isEmpty { throw .validation(errors) }
                s.milestones.append(ImplementationMilestone(kind: kind!, title: title, due: due, paymentSeq: seq))
                return StepOutcome(
                    note: [Catalog.text(kind!.labelKey, [:], .zhCN), title, due].joined(separator: " · "))
            })
    }

    // A milestone done; an acceptance needs the customer's acceptance date and his signed document, and may make a
    // payment line due.
    static func completeRow(_ state: State) -> ProcessStep<ImplementationProcess> {
        ProcessStep(
            [state], .completeMilestone, state, by: cs, input: [.milestoneId, .date, .documentId],
            guard: { s, a in ImplementationAccess.works(a, s.implementation) },
            apply: { s, input, c throws(DomainError) in
                guard let raw = input.milestoneId, let id = Int64(raw.trimmingCharacters(in: .whitespaces)),
                    let i = s.milestones.firstIndex(where: { $0.id == id })
                else { throw .validation([FieldError("milestone_id", "implementation.no_such_milestone")]) }
                if s.milestones[i].done {
                    throw DomainError(
                        .conflict, Message("implementation.milestone_done", ["title": s.milestones[i].title]))
                }
                let date = (input.date ?? "").trimmingCharacters(in: .whitespaces)
                let day = date.isEmpty ? c.today : date
                var errors: [FieldError] = []
                if !DateText.isDate(day) {
                    errors.append(FieldError("date", "field.date"))
                } else if day > c.today {
                    errors.append(FieldError("date", "contract.date_future"))
                }
                var document: Int64?
                if let raw = input.documentId?.trimmingCharacters(in: .whitespaces), !raw.isEmpty {
                    if let d = Int64(raw), s.documents.contains(d) {
                        document = d
                    } else {
                        errors.append(FieldError("document_id", "implementation.no_such_document"))
                    }
                }
                if s.milestones[i].kind == .acceptance && document == nil && errors.isEmpty {
                    errors.append(FieldError("document_id", "implementation.acceptance_document"))
                }
                if s.milestones[i].kind == .acceptance && date.isEmpty {
                    errors.append(FieldError("date", "implementation.acceptance_date"))
                }
                if !errors.isEmpty { throw .validation(errors) }
                s.milestones[i].doneOn = day
                s.milestones[i].documentId = document
                s.milestones[i].note = try input.cleanComment()
                let effects: [Effect] =
                    s.milestones[i].kind == .acceptance
                    ? s.milestones[i].paymentSeq.map { [.paymentDue(seq: $0, on: day)] } ?? [] : []
                return StepOutcome(
                    effects,
                    note: [s.milestones[i].title, day, s.milestones[i].note].filter { !$0.isEmpty }.joined(
                        separator: " · "))
            })
    }

    static let laterRows: [ProcessStep<ImplementationProcess>] = [
        // "…unless Customer Service reports an obstacle to execution that it cannot overcome; that report goes back
        // to the Market Department."
        ProcessStep(
            working, .reportObstacle, .blocked, by: cs, input: [.text],
            guard: { s, a in ImplementationAccess.works(a, s.implementation) },
            apply: { s, input, c throws(DomainError) in
                let text = try Text.require(input.text, 4000, "text")
                s.obstacles.append(
                    ObstacleReport(text: text, raisedBy: c.actor.id, raisedByName: c.actor.displayName, raisedAt: c.now)
                )
                return StepOutcome(note: text)
            }),
        // The market manager must answer it: what the Market Department will do.
        ProcessStep(
            [.blocked], .answerObstacle, .blocked, by: [.marketManager], input: [.obstacleId, .answer],
            guard: { s, _ in
                s.obstacles.contains { $0.state == .open } ? nil : Message("implementation.no_open_obstacle")
            },
            apply: { s, input, c throws(DomainError) in
                let i = try obstacle(s, input, in: [.open], answered: "implementation.obstacle_answered")
                let answer = try Text.require(input.answer, 4000, "answer")
                s.obstacles[i].state = .answered
                s.obstacles[i].answer = answer
                s.obstacles[i].answeredBy = c.actor.id
                s.obstacles[i].answeredByName = c.actor.displayName
                s.obstacles[i].answeredAt = c.now
                return StepOutcome(note: answer)
            }),
        // "Only then may the Market Department act on that implementation, and only on that report": what it did.
        ProcessStep(
            [.blocked], .marketNote, .blocked, by: ImplementationAccess.market, input: [.obstacleId, .text],
            guard: { s, a in
                if !s.obstacles.contains(where: { $0.state == .answered }) {
                    return .whoAsks("implementation.market_not_involved")
                }
                if a.has(.salesRep) && !a.hasAny([.marketManager, .businessAssistant])
                    && s.implementation.accountOwnerId != a.id
                {
                    return .whoAsks("implementation.not_your_account")
                }
                return nil
            },
            apply: { s, input, c throws(DomainError) in
                let i = try obstacle(s, input, in: [.answered], answered: "implementation.obstacle_not_answered")
                let text = try Text.require(input.text, 4000, "text")
                if s.obstacles[i].notes.count >= 200 {
                    throw .validation([FieldError("text", "implementation.too_many_notes")])
                }
                s.obstacles[i].notes.append(
                    ObstacleReport.Note(by: c.actor.id, name: c.actor.displayName, at: c.now, text: text))
                return StepOutcome(note: text)
            }),
        // Customer Service records the obstacle overcome; with the last one the work goes on.
        ProcessStep(
            [.blocked], .resolveObstacle, .inProgress, by: cs, input: [.obstacleId],
            guard: { s, a in
                ImplementationAccess.works(a, s.implementation)
                    ?? (s.unresolved.count == 1 ? nil : Message("implementation.obstacles_remain"))
            },
            apply: resolve),
        ProcessStep(
            [.blocked], .resolveObstacle, .blocked, by: cs, input: [.obstacleId],
            guard: { s, a in
                ImplementationAccess.works(a, s.implementation)
                    ?? (s.unresolved.count > 1 ? nil : Message("implementation.no_open_obstacle"))
            },
            apply: resolve),
        // Done when every milestone is, an acceptance among them.
        ProcessStep(
            [.inProgress], .complete, .completed, by: [.csManager],
            guard: { s, _ in
                if !s.milestones.contains(where: { $0.kind == .acceptance && $0.done }) {
                    return Message("implementation.not_accepted")
                }
                if let open = s.milestones.first(where: { !$0.done }) {
                    return Message("implementation.milestone_open", ["title": open.title])
                }
                return nil
            },
            apply: { s, _, c in
                s.implementation.completedAt = c.now
                return StepOutcome()
            }),
    ]

    static let assignEngineers: ProcessStep<ImplementationProcess>.Apply = { s, input, _ throws(DomainError) in
        guard let ids = input.engineers, !ids.isEmpty else {
            throw .validation([FieldError("engineers", "implementation.engineers_needed")])
        }
        var chosen: [User] = []
        for raw in ids {
            guard let id = Int64(raw.trimmingCharacters(in: .whitespaces)),
                let u = s.people.first(where: { $0.id == id && $0.isServiceStaff })
            else { throw .validation([FieldError("engineers", "implementation.bad_engineer", ["id": raw])]) }
            if !chosen.contains(where: { $0.id == u.id }) { chosen.append(u) }
        }
        s.implementation.engineerIds = chosen.map(\.id)
        return StepOutcome(
            note: [chosen.map(\.displayName).joined(separator: "、"), try input.cleanComment()].filter { !$0.isEmpty }
                .joined(separator: "："))
    }

    static let resolve: ProcessStep<ImplementationProcess>.Apply = { s, input, c throws(DomainError) in
        let i = try obstacle(s, input, in: [.open, .answered], answered: "implementation.obstacle_resolved")
        s.obstacles[i].state = .resolved
        s.obstacles[i].resolution = try input.cleanComment()
        s.obstacles[i].resolvedAt = c.now
        return StepOutcome()
    }

    /// The report a step names, in one of `states`; another state is a conflict with `refusal`.
    static func obstacle(
        _ s: Subject, _ input: StepInput, in states: Set<ObstacleReport.State>, answered refusal: String
    ) throws(DomainError) -> Int {
        guard let raw = input.obstacleId, let id = Int64(raw.trimmingCharacters(in: .whitespaces)),
            let i = s.obstacles.firstIndex(where: { $0.id == id })
        else { throw .validation([FieldError("obstacle_id", "implementation.no_such_obstacle")]) }
        guard states.contains(s.obstacles[i].state) else { throw DomainError(.conflict, Message(refusal)) }
        return i
    }
}
