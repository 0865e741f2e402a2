import Foundation

/// Contract implementation (合同实施, SPEC §3.3): what an effective contract hands to Customer Service. Customer
/// Service owns it — its manager assigns the engineers, they plan and complete the milestones (deployment, training,
/// the customer's acceptance 验收) — and the Market Department reads it, taking part only through an obstacle report
/// (不可抗拒之阻力) that Customer Service raises and the market manager answers.
public struct Implementation: Sendable, Equatable, Codable {
    public enum State: String, CaseIterable, Codable, Sendable {
        /// Handed over, no engineer yet (新交接).
        case open
        case inProgress = "in_progress"
        /// An obstacle report waits for the Market Department or for Customer Service to overcome it.
        case blocked
        case completed
        public var labelKey: String { "process.implementation.state.\(rawValue)" }
    }

    public var id: Int64
    public var contractId: Int64
    public var contractNumber: String
    public var amendment: Int
    public var contractTitle: String
    public var customerId: Int64
    public var customerName: String
    /// The rep who owns the account (the contract's owner): he reads it and follows its obstacle reports.
    public var accountOwnerId: Int64
    /// The Customer Service manager who received the hand-off.
    public var managerId: Int64?
    public var engineerIds: [Int64]
    public var state: State
    public var version: Int
    /// Milliseconds since 1970.
    public var createdAt: Int64
    public var updatedAt: Int64
    public var completedAt: Int64?

    public init(
        id: Int64 = 0, contractId: Int64, contractNumber: String = "", amendment: Int = 0, contractTitle: String = "",
        customerId: Int64 = 0,
        customerName: String = "", accountOwnerId: Int64 = 0, managerId: Int64? = nil, engineerIds: [Int64] = [],
        state: State = .open,
        version: Int = 1, createdAt: Int64 = 0, updatedAt: Int64 = 0, completedAt: Int64? = nil
    ) {
        self.id = id; self.contractId = contractId; self.contractNumber = contractNumber; self.amendment = amendment
        self.contractTitle = contractTitle; self.customerId = customerId; self.customerName = customerName
        self.accountOwnerId = accountOwnerId; self.managerId = managerId; self.engineerIds = engineerIds;
        self.state = state
        self.version = version; self.createdAt = createdAt; self.updatedAt = updatedAt; self.completedAt = completedAt
    }

    /// `HT2026-0003` or `HT2026-0003 v1` for an amendment.
    public var contractLabel: String { amendment > 0 ? "\(contractNumber) v\(amendment)" : contractNumber }
}

/// One milestone of an implementation (实施节点).
public struct ImplementationMilestone: Sendable, Equatable, Codable {
    public enum Kind: String, CaseIterable, Codable, Sendable {
        case deployment, training, acceptance, other
        public var labelKey: String { "implementation.kind.\(rawValue)" }
    }
    public var id: Int64
    public var kind: Kind
    public var title: String
    /// `YYYY-MM-DD`.
    public var due: String
    /// The day it was done; for an acceptance, the customer's acceptance date (验收日期). Empty while open.
    public var doneOn: String
    /// The acceptance document (验收单), an uploaded file of the implementation.
    public var documentId: Int64?
    /// The payment-plan line (its sequence number) that falls due when this milestone is done.
    public var paymentSeq: Int?
    public var note: String

    public init(
        id: Int64 = 0, kind: Kind, title: String, due: String, doneOn: String = "", documentId: Int64? = nil,
        paymentSeq: Int? = nil,
        note: String = ""
    ) {
        self.id = id; self.kind = kind; self.title = title; self.due = due; self.doneOn = doneOn;
        self.documentId = documentId
        self.paymentSeq = paymentSeq; self.note = note
    }

    public var done: Bool { !doneOn.isEmpty }
    public func overdue(today: String) -> Bool { !done && due < today }
}

/// An obstacle to execution Customer Service cannot overcome (不可抗拒之阻力), reported back to the Market
/// Department: the market manager answers what the department will do, and then the department may act on it —
/// on this report only — until Customer Service records it overcome.
public struct ObstacleReport: Sendable, Equatable, Codable {
    public enum State: String, CaseIterable, Codable, Sendable {
        case open, answered, resolved
        public var labelKey: String { "implementation.obstacle.\(rawValue)" }
    }
    /// What the Market Department did about an answered report.
    public struct Note: Sendable, Equatable, Codable {
        public var by: Int64
        public var name: String
        public var at: Int64
        public var text: String
        public init(by: Int64, name: String, at: Int64, text: String) {
            self.by = by; self.name = name; self.at = at; self.text = text
        }
    }
    public var id: Int64
    public var text: String
    public var raisedBy: Int64
    public var raisedByName: String
    public var raisedAt: Int64
    public var state: State
    public var answer: String
    public var answeredBy: Int64?
    public var answeredByName: String
    public var answeredAt: Int64?
    public var notes: [Note]
    public var resolution: String
    public var resolvedAt: Int64?

    public init(
        id: Int64 = 0, text: String, raisedBy: Int64, raisedByName: String, raisedAt: Int64, state: State = .open,
        answer: String = "",
        answeredBy: Int64? = nil, answeredByName: String = "", answeredAt: Int64? = nil, notes: [Note] = [],
        resolution: String = "",
        resolvedAt: Int64? = nil
    ) {
        self.id = id; self.text = text; self.raisedBy = raisedBy; self.raisedByName = raisedByName;
        self.raisedAt = raisedAt
        self.state = state; self.answer = answer; self.answeredBy = answeredBy; self.answeredByName = answeredByName
        self.answeredAt = answeredAt; self.notes = notes; self.resolution = resolution; self.resolvedAt = resolvedAt
    }
}

/// Who sees and works on implementations.
public enum ImplementationAccess {
    public static let customerService: Set<Role> = [.csManager, .csEngineer]
    public static let market: Set<Role> = [.marketManager, .businessAssistant, .salesRep]

    /// Customer Service, the GM, finance and the office read every one; a rep those of his own accounts.
    public static func canRead(_ actor: Actor, _ i: Implementation) -> Bool {
        if actor.hasAny(customerService.union([.gm, .finance, .marketManager, .businessAssistant])) { return true }
        return actor.has(.salesRep) && i.accountOwnerId == actor.id
    }

    /// Whether `actor` reads every implementation (no row filter).
    public static func readsAll(_ actor: Actor) -> Bool {
        actor.hasAny(customerService.union([.gm, .finance, .marketManager, .businessAssistant]))
    }
    /// Who lists implementations: whoever reads them all, and a sales rep (his own accounts').
    public static func canBrowse(_ actor: Actor) -> Bool { readsAll(actor) || actor.has(.salesRep) }

    /// Whether a Customer Service user works on it: the manager on every one, an engineer on those he is assigned.
    public static func works(_ actor: Actor, _ i: Implementation) -> Message? {
        if actor.has(.csManager) { return nil }
        return i.engineerIds.contains(actor.id) ? nil : .whoAsks("implementation.not_assigned")
    }
}
