import Foundation

/// The quotation process (报价): a quote within the standard discount goes out directly; one beyond it, or under
/// the floor price, waits for the approval the authority limits route (SPEC §1); the customer accepts or declines a
/// sent quote; any open quote can be revised into a new revision.
public enum QuotationProcess: ProcessDefinition {
    public typealias State = Quotation.State
    public enum Action: String, CaseIterable, Sendable {
        case submit, approve, reject, withdraw, send, accept, decline, revise, cancel
    }
    public struct Subject: ProcessSubject {
        public var quotation: Quotation
        public var standardDiscount: Int
        public var approval: ApprovalRequest?
        /// Whether the actor may work on the quotation's customer (the rep his own, the office every one).
        public var mayEdit: Bool
        /// What a raised approval reads: the customer's name and the limits in force.
        public var customerName: String
        public var limits: AuthorityLimits
        public var limitsVersion: Int
        public init(
            _ quotation: Quotation, standardDiscount: Int, approval: ApprovalRequest? = nil, mayEdit: Bool = true,
            customerName: String = "",
            limits: AuthorityLimits = .defaults, limitsVersion: Int = 0
        ) {
            self.quotation = quotation; self.standardDiscount = standardDiscount; self.approval = approval;
            self.mayEdit = mayEdit
            self.customerName = customerName; self.limits = limits; self.limitsVersion = limitsVersion
        }
        var needsApproval: Bool { !quotation.approvalReasons(standardDiscount: standardDiscount).isEmpty }
        public var state: Quotation.State {
            get { quotation.state }
            set { quotation.state = newValue }
        }
        public var version: Int {
            get { quotation.version }
            set { quotation.version = newValue }
        }
        public var recordId: Int64 { quotation.id }
        public var record: Quotation { quotation }
    }

    /// What a step asks the store for besides the quotation itself.
    public enum Effect: Sendable, Equatable {
        /// The discount approval, routed by the limits in force (SPEC §1).
        case raiseApproval(ApprovalRequest)
        /// The pending approval is taken back with the quotation.
        case withdrawApproval(ApprovalRequest)
        /// The quotation was voided: its pending approval is withdrawn with it, whoever voided it.
        case voidApproval(ApprovalRequest)
        /// A new revision in draft; this one is superseded.
        case openRevision
    }

    public static let name = "quotation"
    static let sellers: Set<Role> = [.salesRep, .businessAssistant, .marketManager]

    static func hasLines(_ s: Subject) -> Message? { s.quotation.lines.isEmpty ? Message("quotation.no_lines") : nil }
    static func validToday(_ s: Subject) -> Message? {
        s.quotation.validUntil < DateText.today() ? Message("quotation.expired", ["date": s.quotation.validUntil]) : nil
    }

    public static let steps: [ProcessStep<QuotationProcess>] = [
        // Beyond the standard discount or under the floor: ask for approval (the policy picks manager or GM).
        ProcessStep(
            [.draft], .submit, .pendingApproval, by: sellers, input: [.comment],
            guard: { s, _ in hasLines(s) ?? (s.needsApproval ? nil : Message("quotation.no_approval_needed")) },
            apply: { s, input, c throws(DomainError) in
                let q = s.quotation
                let request = try ApprovalRequest.raise(
                    kind: .discount, amount: q.totals.discount, subject: "quotation", subjectId: q.id,
                    title: "\(q.number) v\(q.revision) · \(s.customerName) · \(q.title)",
                    reason: try input.cleanComment(),
                    basis: q.approvalReasons(standardDiscount: s.standardDiscount).map { $0.text(.zhCN) }.joined(
                        separator: "；"),
                    by: c.actor, limits: s.limits, limitsVersion: s.limitsVersion, now: c.now)
                return StepOutcome([.raiseApproval(request)])
            }),
        // The approval's decision moves the quotation (an approval step's effect): approved goes out, rejected is
        // worked on again.
        ProcessStep(
            [.pendingApproval], .approve, .approved, by: [.marketManager, .gm],
            guard: { s, a in s.approval?.mayDecide(a) }),
        ProcessStep(
            [.pendingApproval], .reject, .draft, by: [.marketManager, .gm], needsReason: true,
            guard: { s, a in s.approval?.mayDecide(a) }),
        // Only the one who asked takes his request back.
        ProcessStep(
            [.pendingApproval], .withdraw, .draft, by: sellers,
            guard: { s, a in
                s.approval.map { $0.requestedBy == a.id } ?? true ? nil : .whoAsks("approval.not_requester")
            },
            apply: { s, _, _ in
                StepOutcome(s.approval.flatMap { $0.state == .pending ? [.withdrawApproval($0)] : nil } ?? [])
            }),
        // Within the standard it goes straight out; an approved one goes out as approved.
        ProcessStep(
            [.draft], .send, .sent, by: sellers,
            guard: { s, _ in
                hasLines(s) ?? validToday(s) ?? (s.needsApproval ? Message("quotation.needs_approval") : nil)
            }),
        ProcessStep([.approved], .send, .sent, by: sellers, guard: { s, _ in validToday(s) }),
        ProcessStep([.sent], .accept, .accepted, by: sellers),
        ProcessStep([.sent], .decline, .declined, by: sellers),
        ProcessStep(
            [.approved, .sent, .declined], .revise, .superseded, by: sellers,
            apply: { _, _, _ in StepOutcome([.openRevision]) }),
        // Void (作废): cannot be undone, so it says why.
        // Its pending approval is void with it (withdrawn in the same transaction).
        ProcessStep(
            [.draft, .pendingApproval, .approved], .cancel, .cancelled, by: sellers, needsReason: true,
            apply: { s, _, _ in
                StepOutcome(s.approval.flatMap { $0.state == .pending ? [.voidApproval($0)] : nil } ?? [])
            }),
    ]

    /// Only the customer's own people work on his quotations; the GM and finance read them.
    public static func refusal(_ s: Subject, _ actor: Actor) -> Message? {
        s.mayEdit ? nil : .whoAsks("error.forbidden")
    }
}
