/// The approval process (审批): pending → approved or rejected by the approver, or withdrawn by the requester.
public enum ApprovalProcess: ProcessDefinition {
    public typealias State = ApprovalRequest.State
    public enum Action: String, CaseIterable, Sendable { case approve, reject, withdraw, void }
    public typealias Subject = ApprovalRequest
    /// What a decision asks the store for: the record it is about moves with it.
    public enum Effect: Sendable, Equatable {
        case moveQuotation(QuotationProcess.Action)
    }

    public static let name = "approval"

    public static let steps: [ProcessStep<ApprovalProcess>] = [
        // SPEC §1: the market manager approves within his limit, the GM above it (and may decide any).
        ProcessStep(
            [.pending], .approve, .approved, by: [.marketManager, .gm], guard: { r, a in r.mayDecide(a) },
            apply: decide(.approve)),
        ProcessStep(
            [.pending], .reject, .rejected, by: [.marketManager, .gm], needsReason: true,
            guard: { r, a in r.mayDecide(a) }, apply: decide(.reject)),
        // Whoever raised it may take it back while nobody has decided.
        ProcessStep(
            [.pending], .withdraw, .withdrawn, by: Set(Role.allCases),
            guard: { r, a in r.requestedBy == a.id ? nil : .whoAsks("approval.not_requester") },
            apply: { r, _, _ in StepOutcome(r.subject == "quotation" ? [.moveQuotation(.withdraw)] : []) }),
        // Its subject was voided (a quotation cancelled): the request goes with it, in the same transaction, whoever
        // voided it — nobody may approve a discount on a void quotation, and the ledger never counts one.
        ProcessStep([.pending], .void, .withdrawn, by: Set(Role.allCases), automatic: true),
    ]

    /// A decision keeps who decided, when and why, and moves its subject the same way.
    static func decide(_ action: QuotationProcess.Action) -> ProcessStep<ApprovalProcess>.Apply {
        { r, input, c throws(DomainError) in
            r.decidedBy = c.actor.id
            r.decidedAt = c.now
            r.decisionComment = try input.cleanComment()
            return StepOutcome(r.subject == "quotation" ? [.moveQuotation(action)] : [])
        }
    }
}
