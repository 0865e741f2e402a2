import Foundation

/// A customer screening proposal (筛选客户, SPEC §1: the market manager "对筛选客户有建议权", the GM decides): the market
/// manager proposes to raise or lower a customer's tier, to mark it dormant or lost, or to drop it from the archive,
/// with his reason; the GM approves — and the customer changes in the same step — or rejects it.
public struct Screening: Sendable, Equatable, Codable {
    public enum Outcome: String, CaseIterable, Codable, Sendable {
        case tier, status, archive
        public var labelKey: String { "screening.outcome.\(rawValue)" }
    }
    public enum State: String, CaseIterable, Codable, Sendable {
        case proposed, approved, rejected, withdrawn
        public var labelKey: String { "process.screening.state.\(rawValue)" }
    }
    public var id: Int64
    /// `SX2026-0001`.
    public var number: String
    public var customerId: Int64
    public var customerName: String
    public var outcome: Outcome
    /// The tier or status proposed (for those outcomes), and the customer's when proposed.
    public var tier: CustomerTier?
    public var status: CustomerStatus?
    public var tierBefore: CustomerTier
    public var statusBefore: CustomerStatus
    public var reason: String
    public var decision: String
    public var proposerId: Int64
    public var state: State
    public var version: Int
    public var createdAt: Int64
    public var updatedAt: Int64
    public init(
        id: Int64 = 0, number: String = "", customerId: Int64, customerName: String = "", outcome: Outcome,
        tier: CustomerTier? = nil, status: CustomerStatus? = nil,
        tierBefore: CustomerTier, statusBefore: CustomerStatus, reason: String, decision: String = "",
        proposerId: Int64, state: State = .proposed, version: Int = 1,
        createdAt: Int64 = 0, updatedAt: Int64 = 0
    ) {
        self.id = id; self.number = number; self.customerId = customerId; self.customerName = customerName;
        self.outcome = outcome; self.tier = tier
        self.status = status; self.tierBefore = tierBefore; self.statusBefore = statusBefore; self.reason = reason;
        self.decision = decision
        self.proposerId = proposerId; self.state = state; self.version = version; self.createdAt = createdAt;
        self.updatedAt = updatedAt
    }
}

/// What the market manager sent to propose a screening.
public struct ScreeningInput: Sendable, Equatable {
    public var customerId: String?
    public var outcome: String?
    public var tier: String?
    public var status: String?
    public var reason: String?
    public init(
        customerId: String? = nil, outcome: String? = nil, tier: String? = nil, status: String? = nil,
        reason: String? = nil
    ) {
        self.customerId = customerId; self.outcome = outcome; self.tier = tier; self.status = status;
        self.reason = reason
    }
    public static let fields: Set<String> = ["customer_id", "outcome", "tier", "status", "reason"]

    /// The proposal for `customer`: an outcome that changes it (a tier or status other than its own), and the reason.
    public func proposal(for customer: Customer, by actor: Actor) throws(DomainError) -> Screening {
        var errors: [FieldError] = []
        let o = Screening.Outcome(rawValue: (outcome ?? "").trimmingCharacters(in: .whitespaces))
        if o == nil {
            errors.append(
                FieldError(
                    "outcome", (outcome ?? "").isEmpty ? "field.required" : "field.one_of",
                    ["values": Screening.Outcome.allCases.map(\.rawValue).joined(separator: ", ")]))
        }
        var tier: CustomerTier?, status: CustomerStatus?
        if o == .tier {
            tier = CustomerTier(rawValue: (self.tier ?? "").trimmingCharacters(in: .whitespaces).uppercased())
            if tier == nil {
                errors.append(
                    FieldError(
                        "tier", "field.one_of",
                        ["values": CustomerTier.allCases.map(\.rawValue).joined(separator: ", ")]))
            } else if tier == customer.tier {
                errors.append(FieldError("tier", "screening.same_tier"))
            }
        }
        if o == .status {
            status = CustomerStatus(rawValue: (self.status ?? "").trimmingCharacters(in: .whitespaces))
            if status == nil {
                errors.append(
                    FieldError(
                        "status", "field.one_of",
                        ["values": CustomerStatus.allCases.map(\.rawValue).joined(separator: ", ")]))
            } else if status == customer.status {
                errors.append(FieldError("status", "screening.same_status"))
            }
        }
        let why = Text.required(reason, 2000, "reason", &errors)
        guard errors.isEmpty, let o else { throw .validation(errors) }
        return Screening(
            customerId: customer.id, customerName: customer.name, outcome: o, tier: tier, status: status,
            tierBefore: customer.tier, statusBefore: customer.status,
            reason: why, proposerId: actor.id)
    }
}

/// Who proposes, decides and reads screenings: the market manager proposes (建议权), the GM decides; both and the
/// business assistant read them.
public enum ScreeningAccess {
    static let readAll: Set<Role> = [.gm, .marketManager, .businessAssistant]
    public static func canBrowse(_ actor: Actor) -> Bool { actor.hasAny(readAll) }
    public static func canPropose(_ actor: Actor) -> Bool { actor.has(.marketManager) }
}

/// The proposal on the one runner: the GM approves it (the customer changes in the same step) or rejects it with the
/// reason; the market manager may withdraw it first.
public enum ScreeningProcess: ProcessDefinition {
    public typealias State = Screening.State
    public enum Action: String, CaseIterable, Sendable { case approve, reject, withdraw }
    public struct Subject: ProcessSubject {
        public var screening: Screening
        /// Whether the customer has been dropped from the archive since.
        public var customerArchived: Bool
        public init(_ screening: Screening, customerArchived: Bool) {
            self.screening = screening; self.customerArchived = customerArchived
        }
        public var state: Screening.State {
            get { screening.state }
            set { screening.state = newValue }
        }
        public var version: Int {
            get { screening.version }
            set { screening.version = newValue }
        }
        public var recordId: Int64 { screening.id }
        public var record: Screening { screening }
    }
    /// Approval changes the customer as proposed.
    public enum Effect: Sendable, Equatable { case applyToCustomer }
    public static let name = "screening"

    public static let steps: [ProcessStep<ScreeningProcess>] = [
        // "对筛选客户有建议权": the manager proposes, the GM decides.
        ProcessStep(
            [.proposed], .approve, .approved, by: [.gm],
            guard: { s, _ in s.customerArchived ? Message("screening.customer_archived") : nil },
            apply: { s, input, _ throws(DomainError) in
                s.screening.decision = try input.cleanComment()
                return StepOutcome([.applyToCustomer])
            }),
        ProcessStep(
            [.proposed], .reject, .rejected, by: [.gm], needsReason: true,
            apply: { s, input, _ throws(DomainError) in
                s.screening.decision = try input.cleanComment()
                return StepOutcome()
            }),
        ProcessStep([.proposed], .withdraw, .withdrawn, by: [.marketManager]),
    ]
}
