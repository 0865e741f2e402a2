import Foundation

/// A customer complaint (客户投诉), taken in by the business assistant or the rep (受理客户投诉). One about engineering
/// or after-sales service is Customer Service's by itself (SPEC §3.4); the Market Department follows it without
/// owning it. Each is acknowledged and resolved against the targets of its severity.
public struct Complaint: Sendable, Equatable, Codable {
    public enum Channel: String, CaseIterable, Codable, Sendable {
        case phone, visit, letter, email, web
        public var labelKey: String { "complaint.channel.\(rawValue)" }
    }

    public enum Category: String, CaseIterable, Codable, Sendable {
        /// 产品质量.
        case product
        /// 工程施工.
        case engineering
        /// 售后服务.
        case afterSales = "after_sales"
        /// 交付延误.
        case delivery
        /// 服务态度.
        case attitude
        /// 价格与账务.
        case billing
        case other
        public var labelKey: String { "complaint.category.\(rawValue)" }
        /// "A complaint about engineering or after-sales goes to Customer Service automatically."
        public var department: Department { self == .engineering || self == .afterSales ? .customerService : .market }
    }

    public enum Severity: String, CaseIterable, Codable, Sendable {
        case low, normal, high, critical
        public var labelKey: String { "complaint.severity.\(rawValue)" }
    }

    public enum State: String, CaseIterable, Codable, Sendable {
        /// Taken in, not yet acknowledged to the customer (待受理).
        case received
        /// Acknowledged: being handled.
        case acknowledged
        /// Waiting on the customer: the clocks are paused.
        case waiting
        /// Handled: the customer is to confirm.
        case resolved
        case closed
        public var labelKey: String { "process.complaint.state.\(rawValue)" }
        public var open: Bool { self != .closed }
    }

    public var id: Int64
    /// `TS2026-0001`.
    public var number: String
    public var customerId: Int64
    public var customerName: String
    public var accountOwnerId: Int64?
    public var regionId: Int64?
    /// Who at the customer complained.
    public var contactName: String
    public var channel: Channel
    public var category: Category
    public var productId: Int64?
    public var productName: String
    public var severity: Severity
    /// The customer's words, as he said them.
    public var words: String
    public var takenBy: Int64
    public var takenByName: String
    /// Which department owns it: Customer Service for engineering and after-sales, else the Market Department.
    public var department: Department
    public var state: State
    public var resumeState: State?
    public var acknowledgement: String
    public var rootCause: String
    public var resolution: String
    public var confirmedBy: String
    public var satisfaction: Int?
    /// A compensation (客诉赔偿): the amount asked, its approval, and the day it was paid.
    public var compensation: Money?
    public var compensationApprovalId: Int64?
    public var compensationPaidOn: String
    public var times: ServiceTimes
    public var version: Int
    public var createdAt: Int64
    public var updatedAt: Int64
    public var closedAt: Int64?

    public init(
        id: Int64 = 0, number: String = "", customerId: Int64, customerName: String = "", accountOwnerId: Int64? = nil,
        regionId: Int64? = nil,
        contactName: String = "", channel: Channel, category: Category, productId: Int64? = nil,
        productName: String = "", severity: Severity,
        words: String, takenBy: Int64, takenByName: String = "", department: Department? = nil,
        state: State = .received, resumeState: State? = nil,
        acknowledgement: String = "", rootCause: String = "", resolution: String = "", confirmedBy: String = "",
        satisfaction: Int? = nil,
        compensation: Money? = nil, compensationApprovalId: Int64? = nil, compensationPaidOn: String = "",
        times: ServiceTimes, version: Int = 1,
        createdAt: Int64 = 0, updatedAt: Int64 = 0, closedAt: Int64? = nil
    ) {
        self.id = id; self.number = number; self.customerId = customerId; self.customerName = customerName;
        self.accountOwnerId = accountOwnerId
        self.regionId = regionId; self.contactName = contactName; self.channel = channel; self.category = category;
        self.productId = productId
        self.productName = productName; self.severity = severity; self.words = words; self.takenBy = takenBy;
        self.takenByName = takenByName
        self.department = department ?? category.department; self.state = state; self.resumeState = resumeState;
        self.acknowledgement = acknowledgement
        self.rootCause = rootCause; self.resolution = resolution; self.confirmedBy = confirmedBy;
        self.satisfaction = satisfaction
        self.compensation = compensation; self.compensationApprovalId = compensationApprovalId;
        self.compensationPaidOn = compensationPaidOn
        self.times = times; self.version = version; self.createdAt = createdAt; self.updatedAt = updatedAt;
        self.closedAt = closedAt
    }

    public var levelSubject: String { "complaint.\(severity.rawValue)" }
}

/// What a new complaint says, as the one who takes it in types it.
public struct ComplaintDraft: Sendable, Equatable {
    public var customerId: String?
    public var contactName: String?
    public var channel: String?
    public var category: String?
    public var productId: String?
    public var severity: String?
    public var words: String?
    public init(
        customerId: String? = nil, contactName: String? = nil, channel: String? = nil, category: String? = nil,
        productId: String? = nil,
        severity: String? = nil, words: String? = nil
    ) {
        self.customerId = customerId; self.contactName = contactName; self.channel = channel; self.category = category;
        self.productId = productId
        self.severity = severity; self.words = words
    }

    public func customer() throws(DomainError) -> Int64 {
        guard let raw = customerId?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else {
            throw .validation([FieldError("customer_id", "field.required")])
        }
        guard let id = Int64(raw), id > 0 else { throw .validation([FieldError("customer_id", "field.not_id")]) }
        return id
    }

    /// The complaint for `customer`; `products` are the price book's (id → name).
    public func validated(
        customer: (id: Int64, name: String), products: [Int64: String], by actor: Actor, now: Int64,
        target: ServiceLevels.Target
    )
        throws(DomainError) -> Complaint
    {
        var errors: [FieldError] = []
        func one<E: RawRepresentable & CaseIterable & Labelled>(_ raw: String?, _ field: String, _: E.Type) -> E?
        where E.RawValue == String {
            if let v = E(rawValue: (raw ?? "").trimmingCharacters(in: .whitespaces)) { return v }
            errors.append(FieldError.oneOf(field, E.self))
            return nil
        }
        let channel = one(channel, "channel", Complaint.Channel.self)
        let category = one(category, "category", Complaint.Category.self)
        let severity = one(severity, "severity", Complaint.Severity.self)
        let contact = Text.limit(contactName ?? "", 100, "contact_name", &errors) ?? ""
        let words = Text.limit(words ?? "", 4000, "words", &errors, multiline: true) ?? ""
        if words.isEmpty && !errors.contains(where: { $0.field == "words" }) {
            errors.append(FieldError("words", "field.required"))
        }
        var product: Int64?
        if let p = Text.optionalID(productId ?? "", "product_id", &errors) ?? nil {
            if products[p] == nil {
                errors.append(FieldError("product_id", "complaint.no_such_product"))
            } else {
                product = p
            }
        }
        if !errors.isEmpty { throw .validation(errors) }
        return Complaint(
            customerId: customer.id, customerName: customer.name, contactName: contact, channel: channel!,
            category: category!, productId: product,
            productName: product.flatMap { products[$0] } ?? "", severity: severity!, words: words, takenBy: actor.id,
            takenByName: actor.displayName,
            times: ServiceTimes(openedAt: now, target: target), createdAt: now, updatedAt: now)
    }
}

/// Who reads, takes in and handles complaints.
public enum ComplaintAccess {
    public static let customerService: Set<Role> = [.csManager, .csEngineer]
    public static let market: Set<Role> = [.marketManager, .businessAssistant, .salesRep]
    static let readAll: Set<Role> = customerService.union([.gm, .marketManager, .businessAssistant, .finance])

    public static func readsAll(_ actor: Actor) -> Bool { actor.hasAny(readAll) }

    /// Who browses complaints: the readers of all of them, and a rep (his customers' and those he took in).
    public static func canBrowse(_ actor: Actor) -> Bool { readsAll(actor) || actor.has(.salesRep) }

    /// A rep reads the complaints of the customers he owns and those he took in.
    public static func canRead(_ actor: Actor, _ c: Complaint) -> Bool {
        readsAll(actor) || (actor.has(.salesRep) && (c.takenBy == actor.id || c.accountOwnerId == actor.id))
    }

    /// Who takes a complaint in: the business assistant and the market manager for any customer, a rep for his own.
    public static func mayTakeIn(_ actor: Actor, customerOwner: Int64?) -> Message? {
        if actor.hasAny([.marketManager, .businessAssistant]) { return nil }
        if actor.has(.salesRep) { return customerOwner == actor.id ? nil : .whoAsks("complaint.not_your_customer") }
        return .whoAsks("complaint.market_takes_in")
    }

    /// Whether `actor` handles it: Customer Service one of its own, the market manager, the assistant or the
    /// account's rep one of the Market Department's. The other department follows it and is told whose it is.
    public static func handles(_ actor: Actor, _ c: Complaint) -> Message? {
        switch c.department {
        case .customerService:
            return actor.hasAny(customerService) ? nil : .whoAsks("complaint.customer_service_owns")
        case .market:
            if actor.hasAny([.marketManager, .businessAssistant]) { return nil }
            if actor.has(.salesRep) && c.accountOwnerId == actor.id { return nil }
            return .whoAsks("complaint.market_owns")
        }
    }
}

/// One row of the complaint statistics: how many, and how long they took to acknowledge and to resolve.
public struct ComplaintStatLine: Sendable, Equatable {
    public var key: String
    public var count: Int
    public var open: Int
    /// Mean working minutes to the acknowledgement and to the resolution, of those that reached it.
    public var acknowledgeMinutes: Int?
    public var resolveMinutes: Int?
    /// Mean satisfaction of the closed ones that gave it, in tenths (43 = 4.3).
    public var satisfactionTenths: Int?
    public init(
        key: String, count: Int, open: Int, acknowledgeMinutes: Int?, resolveMinutes: Int?, satisfactionTenths: Int?
    ) {
        self.key = key; self.count = count; self.open = open; self.acknowledgeMinutes = acknowledgeMinutes;
        self.resolveMinutes = resolveMinutes
        self.satisfactionTenths = satisfactionTenths
    }

    /// Lines by `key` of each complaint, in the order of the keys' first appearance sorted.
    public static func lines(_ items: [Complaint], calendar: WorkCalendar, now: Int64, by key: (Complaint) -> String)
        -> [ComplaintStatLine]
    {
        var groups: [String: [Complaint]] = [:]
        for c in items { groups[key(c), default: []].append(c) }
        return groups.keys.sorted().map { k in
            let g = groups[k]!
            let acks = g.filter { $0.times.respondedAt != nil }.map {
                $0.times.response(calendar, at: now).elapsed / 60
            }
            let res = g.filter { $0.times.resolvedAt != nil }.map {
                $0.times.resolution(calendar, at: now).elapsed / 60
            }
            let sat = g.compactMap(\.satisfaction)
            return ComplaintStatLine(
                key: k, count: g.count, open: g.filter { $0.state.open }.count,
                acknowledgeMinutes: acks.isEmpty ? nil : Int(acks.reduce(0, +) / Int64(acks.count)),
                resolveMinutes: res.isEmpty ? nil : Int(res.reduce(0, +) / Int64(res.count)),
                satisfactionTenths: sat.isEmpty ? nil : (sat.reduce(0, +) * 10 + sat.count / 2) / sat.count)
        }
    }
}
