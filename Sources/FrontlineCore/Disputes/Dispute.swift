import Foundation

/// An ownership dispute (工作争议, SPEC §1: the manager "arbitrates disputes between subordinates"): a rep who claims,
/// or whose lead matches, a customer another rep owns raises it with his reason; the market manager awards the
/// customer to him or dismisses it, with the reasons, recorded on both reps' and the customer's history.
public struct Dispute: Sendable, Equatable, Codable {
    public enum State: String, CaseIterable, Codable, Sendable {
        case open, awarded, dismissed, withdrawn
        public var labelKey: String { "process.dispute.state.\(rawValue)" }
    }
    public var id: Int64
    /// `ZY2026-0001`.
    public var number: String
    public var customerId: Int64
    public var customerName: String
    /// Who raised it, and who owned the customer then.
    public var claimantId: Int64
    public var ownerId: Int64
    public var reason: String
    public var state: State
    public var decision: String
    public var version: Int
    public var createdAt: Int64
    public var updatedAt: Int64
    public init(
        id: Int64 = 0, number: String = "", customerId: Int64, customerName: String = "", claimantId: Int64,
        ownerId: Int64, reason: String, state: State = .open,
        decision: String = "", version: Int = 1, createdAt: Int64 = 0, updatedAt: Int64 = 0
    ) {
        self.id = id; self.number = number; self.customerId = customerId; self.customerName = customerName;
        self.claimantId = claimantId; self.ownerId = ownerId
        self.reason = reason; self.state = state; self.decision = decision; self.version = version;
        self.createdAt = createdAt; self.updatedAt = updatedAt
    }
}

/// Who reads disputes: the two reps it is between, the GM, the market manager and the business assistant.
public enum DisputeAccess {
    static let readAll: Set<Role> = [.gm, .marketManager, .businessAssistant]
    public static func readsAll(_ actor: Actor) -> Bool { actor.hasAny(readAll) }
    public static func canBrowse(_ actor: Actor) -> Bool { readsAll(actor) || actor.has(.salesRep) }
    public static func canRead(_ actor: Actor, _ d: Dispute) -> Bool {
        readsAll(actor) || d.claimantId == actor.id || d.ownerId == actor.id
    }
    /// A rep raises one over a customer another rep owns.
    public static func canRaise(_ actor: Actor) -> Bool { actor.has(.salesRep) }
}

/// The dispute on the one runner: the market manager decides it (裁决权); the claimant may withdraw it first.
public enum DisputeProcess: ProcessDefinition {
    public typealias State = Dispute.State
    public enum Action: String, CaseIterable, Sendable {
        case award, dismiss, withdraw
    }
    public struct Subject: ProcessSubject {
        public var dispute: Dispute
        /// Who owns the customer now (the award moves it only from the owner the dispute names).
        public var currentOwnerId: Int64?
        public init(_ dispute: Dispute, currentOwnerId: Int64?) {
            self.dispute = dispute; self.currentOwnerId = currentOwnerId
        }
        public var state: Dispute.State {
            get { dispute.state }
            set { dispute.state = newValue }
        }
        public var version: Int {
            get { dispute.version }
            set { dispute.version = newValue }
        }
        public var recordId: Int64 { dispute.id }
        public var record: Dispute { dispute }
    }
    /// Awarding hands the customer to the claimant.
    public enum Effect: Sendable, Equatable { case handOver }

    public static let name = "dispute"

    public static let steps: [ProcessStep<DisputeProcess>] = [
        ProcessStep(
            [.open], .award, .awarded, by: [.marketManager], needsReason: true,
            guard: { s, _ in
                s.currentOwnerId == s.dispute.ownerId ? nil : Message("dispute.owner_changed")
            },
            apply: { s, input, _ throws(DomainError) in
                s.dispute.decision = try input.cleanComment()
                return StepOutcome([.handOver])
            }),
        ProcessStep(
            [.open], .dismiss, .dismissed, by: [.marketManager], needsReason: true,
            apply: { s, input, _ throws(DomainError) in
                s.dispute.decision = try input.cleanComment()
                return StepOutcome()
            }),
        ProcessStep(
            [.open], .withdraw, .withdrawn, by: [.salesRep],
            guard: { s, a in s.dispute.claimantId == a.id ? nil : .whoAsks("dispute.not_claimant") }),
    ]

    /// What a rep sends to raise one.
    public static func validatedReason(_ raw: String?) throws(DomainError) -> String {
        try Text.require(raw, 2000, "reason")
    }
}
