/// A request that SPEC.md §1 ties to an authority limit: a discount or allowance now; returns, compensations and
/// expenses later. The policy routes it when it is raised — to the market manager within his configured limit,
/// to the GM above it — and the decision keeps the limit that was in force.
public struct ApprovalRequest: Sendable, Equatable, Codable, ProcessSubject {
    public enum State: String, CaseIterable, Codable, Sendable {
        case pending, approved, rejected, withdrawn
        public var labelKey: String { "process.approval.state.\(rawValue)" }
    }

    public var id: Int64
    public var kind: ApprovalKind
    public var amount: Money
    /// The record it is about, e.g. `quotation` 12.
    public var subject: String
    public var subjectId: Int64
    /// What the approver reads: "报价单 Q2026-0007 第 2 版：折让 12.5%".
    public var title: String
    /// Why the requester asks, in his words (required).
    public var reason: String
    /// What makes the approval necessary, as the system found it ("低于底价", "折扣超出标准"): for the approvers
    /// only, since it may tell where a confidential floor price lies.
    public var basis: String
    public var requestedBy: Int64
    public var approverRole: Role
    public var limitInForce: Money
    public var limitsVersion: Int
    public var state: State
    public var decidedBy: Int64?
    public var decisionComment: String
    /// Milliseconds since 1970.
    public var createdAt: Int64
    public var decidedAt: Int64?
    public var version: Int

    public init(
        id: Int64 = 0, kind: ApprovalKind, amount: Money, subject: String, subjectId: Int64, title: String,
        reason: String,
        basis: String = "", requestedBy: Int64, approverRole: Role, limitInForce: Money, limitsVersion: Int,
        state: State = .pending,
        decidedBy: Int64? = nil, decisionComment: String = "", createdAt: Int64 = 0, decidedAt: Int64? = nil,
        version: Int = 1
    ) {
        self.id = id; self.kind = kind; self.amount = amount; self.subject = subject; self.subjectId = subjectId
        self.title = title; self.reason = reason; self.basis = basis; self.requestedBy = requestedBy;
        self.approverRole = approverRole
        self.limitInForce = limitInForce; self.limitsVersion = limitsVersion; self.state = state;
        self.decidedBy = decidedBy
        self.decisionComment = decisionComment; self.createdAt = createdAt; self.decidedAt = decidedAt;
        self.version = version
    }

    public var recordId: Int64 { id }
    public var record: ApprovalRequest { self }

    /// Raises a request, routed by the limits in force.
    public static func raise(
        kind: ApprovalKind, amount: Money, subject: String, subjectId: Int64, title: String, reason: String,
        basis: String = "",
        by actor: Actor, limits: AuthorityLimits, limitsVersion: Int, now: Int64
    ) throws(DomainError) -> ApprovalRequest {
        guard amount > .zero else { throw .validation([FieldError("amount", "approval.amount_positive")]) }
        let reasonText = Text.clean(reason)
        // An approver decides on the requester's reasons: none given, nothing to decide on.
        guard !reasonText.isEmpty else { throw .validation([FieldError("comment", "approval.reason_required")]) }
        guard reasonText.unicodeScalars.count <= 1000 else {
            throw .validation([FieldError("reason", "field.too_long", ["max": "1000"])])
        }
        return ApprovalRequest(
            kind: kind, amount: amount, subject: subject, subjectId: subjectId, title: title, reason: reasonText,
            basis: basis,
            requestedBy: actor.id, approverRole: limits.approver(for: kind, amount: amount),
            limitInForce: limits.limit(kind),
            limitsVersion: limitsVersion, createdAt: now)
    }

    /// Who reads why an approval is needed (its basis) and the limit it was routed by: the approvers and the price
    /// book's keepers (GM, market manager, business assistant), not the rep who asks.
    public static func seesBasis(_ actor: Actor) -> Bool { PriceAccess.seesConfidential(actor) }

    /// Whether `actor` may decide it: the routed approver or, being above him, the GM — never the requester.
    public func mayDecide(_ actor: Actor) -> Message? {
        if actor.id == requestedBy { return .whoAsks("approval.own_request") }
        if approverRole == .gm && !actor.has(.gm) {
            return .whoAsks("approval.above_limit", ["limit": limitInForce.grouped])
        }
        return nil
    }
}

/// One line of the year-to-date ledger: what an approver approved of one kind, against his limit.
public struct ApprovalLedgerLine: Sendable, Equatable {
    public var approverId: Int64
    public var approverName: String
    public var kind: ApprovalKind
    public var approvedCount: Int
    public var approvedTotal: Money
    public var rejectedCount: Int
    /// The largest single approval, to compare with the limit.
    public var largest: Money

    public init(
        approverId: Int64, approverName: String, kind: ApprovalKind, approvedCount: Int, approvedTotal: Money,
        rejectedCount: Int, largest: Money
    ) {
        self.approverId = approverId; self.approverName = approverName; self.kind = kind;
        self.approvedCount = approvedCount
        self.approvedTotal = approvedTotal; self.rejectedCount = rejectedCount; self.largest = largest
    }
}
