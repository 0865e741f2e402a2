import Foundation

/// A gift register entry (馈赠登记, SPEC §1 the rep's duty "不索取回扣，馈赠钱物上交公司"; §2 "gifts or money offered by
/// customers are declared and handed to the company; kickbacks are forbidden"): what a customer offered whom, its
/// value and when; the business assistant confirms it handed to the company (or given back). Entries are never
/// changed or deleted: the declaration stands as made, the confirmation is added to it.
public struct Gift: Sendable, Equatable, Codable {
    public enum Kind: String, CaseIterable, Codable, Sendable {
        case gift, money
        public var labelKey: String { "gift.kind.\(rawValue)" }
    }
    public enum State: String, CaseIterable, Codable, Sendable {
        case declared
        case handedOver = "handed_over"
        case returned
        public var labelKey: String { "process.gift.state.\(rawValue)" }
    }
    public var id: Int64
    /// `KZ2026-0001`.
    public var number: String
    public var declarantId: Int64
    public var customerId: Int64
    public var customerName: String
    public var kind: Kind
    public var description: String
    public var value: Money
    /// `YYYY-MM-DD`.
    public var offeredOn: String
    public var note: String
    public var state: State
    /// The day the assistant took it in (or sent it back), `YYYY-MM-DD`, and who.
    public var handledOn: String
    public var handledBy: Int64?
    public var version: Int
    public var createdAt: Int64
    public var updatedAt: Int64
    public init(
        id: Int64 = 0, number: String = "", declarantId: Int64, customerId: Int64, customerName: String = "",
        kind: Kind, description: String, value: Money,
        offeredOn: String, note: String = "", state: State = .declared, handledOn: String = "", handledBy: Int64? = nil,
        version: Int = 1, createdAt: Int64 = 0,
        updatedAt: Int64 = 0
    ) {
        self.id = id; self.number = number; self.declarantId = declarantId; self.customerId = customerId;
        self.customerName = customerName; self.kind = kind
        self.description = description; self.value = value; self.offeredOn = offeredOn; self.note = note;
        self.state = state; self.handledOn = handledOn
        self.handledBy = handledBy; self.version = version; self.createdAt = createdAt; self.updatedAt = updatedAt
    }
}

/// What a caller sent to declare a gift.
public struct GiftInput: Sendable, Equatable {
    public var customerId: String?
    public var kind: String?
    public var description: String?
    public var value: String?
    public var offeredOn: String?
    public var note: String?
    public init(
        customerId: String? = nil, kind: String? = nil, description: String? = nil, value: String? = nil,
        offeredOn: String? = nil, note: String? = nil
    ) {
        self.customerId = customerId; self.kind = kind; self.description = description; self.value = value;
        self.offeredOn = offeredOn; self.note = note
    }
    public static let fields: Set<String> = ["customer_id", "kind", "description", "value", "offered_on", "note"]

    /// The declaration, validated: the customer (checked by the store: one the declarant reads), its kind, what it
    /// is, its value (more than nothing), and the day it was offered (today when absent; never in the future).
    public func declared(by actor: Actor, customerId: Int64, customerName: String, today: String) throws(DomainError)
        -> Gift
    {
        var errors: [FieldError] = []
        let kindText = (kind ?? "gift").trimmingCharacters(in: .whitespaces)
        let k = Gift.Kind(rawValue: kindText)
        if k == nil {
            errors.append(FieldError.oneOf("kind", Gift.Kind.self))
        }
        let what = Text.required(description, 500, "description", &errors)
        var amount = Money(fen: 0)
        let raw = (value ?? "").trimmingCharacters(in: .whitespaces)
        if raw.isEmpty {
            errors.append(FieldError("value", "field.required"))
        } else if let m = Money.parse(raw), m.withinCeiling, m.fen > 0 {
            amount = m
        } else {
            errors.append(FieldError("value", "gift.value_invalid"))
        }
        var day = today
        if let d = offeredOn?.trimmingCharacters(in: .whitespaces), !d.isEmpty {
            if !DateText.isDate(d) {
                errors.append(FieldError("offered_on", "field.date"))
            } else if d > today {
                errors.append(FieldError("offered_on", "gift.future"))
            } else {
                day = d
            }
        }
        let note = Text.limit(note ?? "", 2000, "note", &errors, multiline: true) ?? ""
        guard errors.isEmpty, let k else { throw .validation(errors) }
        return Gift(
            declarantId: actor.id, customerId: customerId, customerName: customerName, kind: k, description: what,
            value: amount, offeredOn: day, note: note)
    }
}

/// Who declares and reads the register: whoever a customer offers something to declares it (the Market Department
/// and Customer Service); the GM, the market manager and the business assistant read every entry, the others their own.
public enum GiftAccess {
    static let declarers: Set<Role> = [.gm, .marketManager, .businessAssistant, .salesRep, .csManager, .csEngineer]
    static let readAll: Set<Role> = [.gm, .marketManager, .businessAssistant]
    public static func readsAll(_ actor: Actor) -> Bool { actor.hasAny(readAll) }
    public static func canDeclare(_ actor: Actor) -> Bool { actor.hasAny(declarers) }
    public static func canBrowse(_ actor: Actor) -> Bool { canDeclare(actor) }
    public static func canRead(_ actor: Actor, _ g: Gift) -> Bool { readsAll(actor) || g.declarantId == actor.id }
}

/// The register entry on the one runner: the business assistant confirms it handed to the company, or given back to
/// the customer with the reason; nothing else changes it.
public enum GiftProcess: ProcessDefinition {
    public typealias State = Gift.State
    public enum Action: String, CaseIterable, Sendable {
        case handOver = "hand_over"
        case giveBack = "give_back"
    }
    public struct Subject: ProcessSubject {
        public var gift: Gift
        public init(_ gift: Gift) { self.gift = gift }
        public var state: Gift.State {
            get { gift.state }
            set { gift.state = newValue }
        }
        public var version: Int {
            get { gift.version }
            set { gift.version = newValue }
        }
        public var recordId: Int64 { gift.id }
        public var record: Gift { gift }
    }
    public static let name = "gift"

    static func handled(_ s: inout Subject, _ input: StepInput, _ context: StepContext) throws(DomainError)
        -> StepOutcome<GiftProcess>
    {
        let d = (input.date ?? "").trimmingCharacters(in: .whitespaces)
        let day = d.isEmpty ? context.today : d
        guard DateText.isDate(day) else { throw .validation([FieldError("date", "field.date")]) }
        guard day >= s.gift.offeredOn, day <= context.today else {
            throw .validation([FieldError("date", "gift.handled_on_range", ["date": s.gift.offeredOn])])
        }
        s.gift.handledOn = day
        s.gift.handledBy = context.actor.id
        return StepOutcome(note: [day, try input.cleanComment()].filter { !$0.isEmpty }.joined(separator: "："))
    }

    public static let steps: [ProcessStep<GiftProcess>] = [
        // "馈赠钱物上交公司": the assistant takes it in, on the day given (today when absent).
        ProcessStep(
            [.declared], .handOver, .handedOver, by: [.businessAssistant], input: [.date],
            apply: { s, input, c throws(DomainError) in try handled(&s, input, c) }),
        ProcessStep(
            [.declared], .giveBack, .returned, by: [.businessAssistant], needsReason: true, input: [.date],
            apply: { s, input, c throws(DomainError) in try handled(&s, input, c) }),
    ]
}

/// The GM's register for a period: every entry offered in it, and the totals by kind, state and declarant.
public struct GiftRegister: Sendable, Equatable {
    public struct Total: Sendable, Equatable {
        public var count: Int
        public var value: Money
        public init(count: Int = 0, value: Money = Money(fen: 0)) { self.count = count; self.value = value }
    }
    public var from: String
    public var to: String
    public var entries: [Gift]
    public var byKind: [Gift.Kind: Total]
    public var byState: [Gift.State: Total]
    /// By who declared it.
    public var byDeclarant: [Int64: Total]
    public var total: Total
    public init(from: String, to: String, entries: [Gift]) {
        self.from = from; self.to = to; self.entries = entries
        var k: [Gift.Kind: Total] = [:], s: [Gift.State: Total] = [:], d: [Int64: Total] = [:], t = Total()
        for g in entries {
            d[g.declarantId, default: Total()].count += 1;
            d[g.declarantId, default: Total()].value = d[g.declarantId, default: Total()].value + g.value
            k[g.kind, default: Total()].count += 1;
            k[g.kind, default: Total()].value = k[g.kind, default: Total()].value + g.value
            s[g.state, default: Total()].count += 1;
            s[g.state, default: Total()].value = s[g.state, default: Total()].value + g.value
            t.count += 1; t.value = t.value + g.value
        }
        byKind = k; byState = s; byDeclarant = d; total = t
    }
}
