import Foundation

/// An opportunity's stages on the one runner (SPEC §2): it moves between the open stages in any direction (the
/// kanban board drags it), is won or lost (with the reason and who won it), and a lost one may be reopened by the
/// managers. A won tender or an effective contract wins it by itself (`record_win`).
public enum OpportunityProcess: ProcessDefinition {
    public typealias State = Opportunity.Stage
    public enum Action: String, CaseIterable, Sendable {
        case toContact = "to_contact"
        case toNeeds = "to_needs"
        case toSolution = "to_solution"
        case toBidding = "to_bidding"
        case toNegotiation = "to_negotiation"
        case win, lose, reopen
        /// A won tender or an effective contract won it (the record's number in the comment).
        case recordWin = "record_win"

        /// The move into an open stage.
        public static func move(to stage: Opportunity.Stage) -> Action? {
            switch stage {
            case .contact: .toContact
            case .needs: .toNeeds
            case .solution: .toSolution
            case .bidding: .toBidding
            case .negotiation: .toNegotiation
            case .won: .win
            case .lost: .lose
            }
        }
    }

    public struct Subject: ProcessSubject {
        public var opportunity: Opportunity
        /// The stages in force: a move sets the stage's default probability.
        public var stages: OpportunityStages
        public init(_ opportunity: Opportunity, stages: OpportunityStages = .defaults) {
            self.opportunity = opportunity; self.stages = stages
        }
        public var state: Opportunity.Stage {
            get { opportunity.stage }
            set { opportunity.stage = newValue }
        }
        public var version: Int {
            get { opportunity.version }
            set { opportunity.version = newValue }
        }
        public var recordId: Int64 { opportunity.id }
        public var record: Opportunity { opportunity }
    }

    public static let name = "opportunity"
    static let workers = OpportunityAccess.workers

    /// A rep works only the opportunities he owns (he may read those of his customers that another rep owns).
    static let mine: ProcessStep<OpportunityProcess>.Guard = { s, a in
        OpportunityAccess.canWork(a, s.opportunity) ? nil : .whoAsks("opportunity.not_owner")
    }

    /// Into an open stage from any other open one, at the stage's default probability.
    static func move(_ stage: Opportunity.Stage) -> ProcessStep<OpportunityProcess> {
        ProcessStep(
            Set(Opportunity.Stage.open).subtracting([stage]), Action.move(to: stage)!, stage, by: workers, guard: mine,
            apply: { s, input, c throws(DomainError) in
                s.opportunity.probability = s.stages.probability(stage)
                s.opportunity.stageChangedAt = c.now
                return StepOutcome(note: try input.cleanComment())
            })
    }

    public static let steps: [ProcessStep<OpportunityProcess>] =
        Opportunity.Stage.open.map(move) + [
            // Won by hand (a deal closed without a tender or before its contract is recorded): the final amount may be given.
            ProcessStep(
                Set(Opportunity.Stage.open), .win, .won, by: workers, input: [.amount], guard: mine,
                apply: { s, input, c throws(DomainError) in
                    let raw = (input.amount ?? "").trimmingCharacters(in: .whitespaces)
                    if !raw.isEmpty {
                        guard let m = Money.parse(raw), m.withinCeiling, m.fen >= 0 else {
                            throw .validation([FieldError("amount", "field.amount")])
                        }
                        s.opportunity.amount = m
                    }
                    close(&s, won: true, c)
                    return StepOutcome(
                        note: [s.opportunity.amount.grouped, try input.cleanComment()].filter { !$0.isEmpty }.joined(
                            separator: "："))
                }),
            // Lost: why, and to whom (both needed: a loss to nobody teaches nothing).
            ProcessStep(
                Set(Opportunity.Stage.open), .lose, .lost, by: workers, input: [.reason, .winner], guard: mine,
                apply: { s, input, c throws(DomainError) in
                    var errors: [FieldError] = []
                    let reason = Text.required(input.reason, 1000, "reason", &errors)
                    let winner = Text.required(input.winner, 200, "winner", &errors)
                    if !errors.isEmpty { throw .validation(errors) }
                    s.opportunity.lossReason = reason
                    s.opportunity.winner = winner
                    close(&s, won: false, c)
                    return StepOutcome(
                        note: [winner, reason, try input.cleanComment()].filter { !$0.isEmpty }.joined(separator: "："))
                }),
            // A lost deal that comes back starts again at the first stage; the managers decide it, with the reason.
            ProcessStep(
                [.lost], .reopen, .contact, by: [.gm, .marketManager], needsReason: true,
                apply: { s, _, c in
                    s.opportunity.lossReason = ""
                    s.opportunity.winner = ""
                    s.opportunity.closedOn = ""
                    s.opportunity.probability = s.stages.probability(.contact)
                    s.opportunity.stageChangedAt = c.now
                    return StepOutcome()
                }),
            // SPEC: a won tender leads to a contract; either one closing wins the opportunity it hangs on.
            ProcessStep(
                Set(Opportunity.Stage.open).union([.lost]), .recordWin, .won, by: Set(Role.allCases), automatic: true,
                apply: { s, input, c throws(DomainError) in
                    s.opportunity.wonBy = String((input.comment ?? "").prefix(60))
                    s.opportunity.lossReason = ""
                    s.opportunity.winner = ""
                    close(&s, won: true, c)
                    return StepOutcome()
                }),
        ]

    static func close(_ s: inout Subject, won: Bool, _ c: StepContext) {
        s.opportunity.probability = won ? 100 : 0
        s.opportunity.closedOn = c.today
        s.opportunity.stageChangedAt = c.now
    }
}
