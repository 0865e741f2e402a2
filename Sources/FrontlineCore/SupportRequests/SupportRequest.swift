import Foundation

/// Pre-sales support (销售支持, SPEC §3.5): the rep asks Customer Service for an engineer — a demonstration, a
/// solution design, a technical exchange, bid support — the market manager endorses and submits it, the CS manager
/// allocates an engineer and the time ("资源调配由两部门协调解决": an engineer booked twice at once is a conflict both
/// managers see), and the engineer's outcome goes onto the customer's timeline.
public struct SupportRequest: Sendable, Equatable, Codable {
    public enum Kind: String, CaseIterable, Codable, Sendable {
        case demo, solution, exchange, bid
        public var labelKey: String { "support.kind.\(rawValue)" }
    }

    public enum State: String, CaseIterable, Codable, Sendable {
        /// Asked by the rep, waiting for the market manager (待审核).
        case submitted
        /// Returned to the rep by the market manager.
        case returned
        /// Endorsed and submitted to Customer Service.
        case endorsed
        /// An engineer and a time allocated.
        case scheduled
        case done
        /// Customer Service cannot give it.
        case declined
        case cancelled
        public var labelKey: String { "process.support_request.state.\(rawValue)" }
        public var open: Bool { ![.done, .declined, .cancelled].contains(self) }
    }

    public var id: Int64
    /// `ZC2026-0001`.
    public var number: String
    public var kind: Kind
    public var title: String
    public var detail: String
    public var customerId: Int64
    public var customerName: String
    public var accountOwnerId: Int64?
    public var tenderId: Int64?
    public var tenderNumber: String
    /// When the rep wishes it (CST, `YYYY-MM-DD HH:MM`) and for how many hours.
    public var wishedAt: String
    public var hours: Int
    public var requesterId: Int64
    public var requesterName: String
    public var state: State
    public var engineerId: Int64?
    /// The booking, milliseconds since 1970: from, to.
    public var startsAt: Int64?
    public var endsAt: Int64?
    public var outcome: String
    public var version: Int
    public var createdAt: Int64
    public var updatedAt: Int64

    public init(
        id: Int64 = 0, number: String = "", kind: Kind, title: String, detail: String = "", customerId: Int64,
        customerName: String = "",
        accountOwnerId: Int64? = nil, tenderId: Int64? = nil, tenderNumber: String = "", wishedAt: String, hours: Int,
        requesterId: Int64,
        requesterName: String = "", state: State = .submitted, engineerId: Int64? = nil, startsAt: Int64? = nil,
        endsAt: Int64? = nil, outcome: String = "",
        version: Int = 1, createdAt: Int64 = 0, updatedAt: Int64 = 0
    ) {
        self.id = id; self.number = number; self.kind = kind; self.title = title; self.detail = detail;
        self.customerId = customerId
        self.customerName = customerName; self.accountOwnerId = accountOwnerId; self.tenderId = tenderId;
        self.tenderNumber = tenderNumber
        self.wishedAt = wishedAt; self.hours = hours; self.requesterId = requesterId;
        self.requesterName = requesterName; self.state = state
        self.engineerId = engineerId; self.startsAt = startsAt; self.endsAt = endsAt; self.outcome = outcome;
        self.version = version
        self.createdAt = createdAt; self.updatedAt = updatedAt
    }

    /// Whether two bookings of one engineer overlap in time.
    public func overlaps(_ other: SupportRequest) -> Bool {
        guard id != other.id, let e = engineerId, e == other.engineerId, let a = startsAt, let b = endsAt,
            let c = other.startsAt, let d = other.endsAt
        else { return false }
        return a < d && c < b
    }
}

/// What a new support request says.
public struct SupportRequestDraft: Sendable, Equatable {
    public var kind: String?
    public var title: String?
    public var detail: String?
    public var customerId: String?
    public var tenderId: String?
    public var wishedAt: String?
    public var hours: String?
    public init(
        kind: String? = nil, title: String? = nil, detail: String? = nil, customerId: String? = nil,
        tenderId: String? = nil, wishedAt: String? = nil,
        hours: String? = nil
    ) {
        self.kind = kind; self.title = title; self.detail = detail; self.customerId = customerId;
        self.tenderId = tenderId; self.wishedAt = wishedAt
        self.hours = hours
    }

    public func customer() throws(DomainError) -> Int64 {
        guard let raw = customerId?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else {
            throw .validation([FieldError("customer_id", "field.required")])
        }
        guard let id = Int64(raw), id > 0 else { throw .validation([FieldError("customer_id", "field.not_id")]) }
        return id
    }

    /// The request for `customer`; `tenders` are his tenders (id → number). The wished time may not be past.
    public func validated(customer: (id: Int64, name: String), tenders: [Int64: String], by actor: Actor, now: Int64)
        throws(DomainError) -> SupportRequest
    {
        var errors: [FieldError] = []
        let kind = SupportRequest.Kind(rawValue: (kind ?? "").trimmingCharacters(in: .whitespaces))
        if kind == nil {
            errors.append(
                FieldError(
                    "kind", "field.one_of",
                    ["values": SupportRequest.Kind.allCases.map(\.rawValue).joined(separator: ", ")]))
        }
        let title = Text.required(title, 200, "title", &errors)
        let detail = Text.limit(detail ?? "", 4000, "detail", &errors, multiline: true) ?? ""
        let wished = (wishedAt ?? "").trimmingCharacters(in: .whitespaces)
        if let t = DateText.parseDateTime(wished) {
            if t * 1000 < now - 60_000 { errors.append(FieldError("wished_at", "support.wished_past")) }
        } else {
            errors.append(FieldError("wished_at", "field.datetime"))
        }
        var hours = 0
        if let h = Int((self.hours ?? "").trimmingCharacters(in: .whitespaces)), (1...80).contains(h) {
            hours = h
        } else {
            errors.append(FieldError("hours", "field.range", ["min": "1", "max": "80"]))
        }
        var tender: Int64?
        if let t = Text.optionalID(tenderId ?? "", "tender_id", &errors) ?? nil {
            if tenders[t] == nil {
                errors.append(FieldError("tender_id", "support.not_customers_tender"))
            } else {
                tender = t
            }
        }
        if !errors.isEmpty { throw .validation(errors) }
        return SupportRequest(
            kind: kind!, title: title, detail: detail, customerId: customer.id, customerName: customer.name,
            tenderId: tender,
            tenderNumber: tender.flatMap { tenders[$0] } ?? "",
            wishedAt: DateText.minute(DateText.parseDateTime(wished)!), hours: hours,
            requesterId: actor.id, requesterName: actor.displayName, createdAt: now, updatedAt: now)
    }
}

/// Who reads and who works on support requests.
public enum SupportAccess {
    static let readAll: Set<Role> = [.gm, .marketManager, .businessAssistant, .csManager, .csEngineer]
    public static func readsAll(_ actor: Actor) -> Bool { actor.hasAny(readAll) }
    /// Who lists requests: whoever reads them all, and a sales rep (those he asked for and his customers').
    public static func canBrowse(_ actor: Actor) -> Bool { readsAll(actor) || actor.has(.salesRep) }
    /// Who asks for support: a sales rep and the market manager.
    public static func canAsk(_ actor: Actor) -> Bool { actor.hasAny([.salesRep, .marketManager]) }
    /// A rep reads those he asked for and those of the customers he owns.
    public static func canRead(_ actor: Actor, _ r: SupportRequest) -> Bool {
        readsAll(actor) || (actor.has(.salesRep) && (r.requesterId == actor.id || r.accountOwnerId == actor.id))
    }
    /// The rep asks for his own customers; the market manager may ask for any.
    public static func mayAsk(_ actor: Actor, customerOwner: Int64?) -> Message? {
        if actor.has(.marketManager) { return nil }
        if actor.has(.salesRep) { return customerOwner == actor.id ? nil : .whoAsks("support.not_your_customer") }
        return .whoAsks("support.reps_ask")
    }
}
