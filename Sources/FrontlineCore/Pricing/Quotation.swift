import Foundation

/// A quantity with two decimals (0.5 人天), kept in hundredths.
public struct Quantity: Hashable, Sendable, Codable, Comparable {
    public var hundredths: Int64
    public init(hundredths: Int64) { self.hundredths = hundredths }
    public static func < (a: Quantity, b: Quantity) -> Bool { a.hundredths < b.hundredths }

    public static func parse(_ raw: String) -> Quantity? {
        let t = raw.trimmingCharacters(in: .whitespaces)
        let parts = t.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let w = Int64(parts[0]), w >= 0, w <= 10_000_000 else { return nil }
        let f = parts.count == 2 ? String(parts[1]) : ""
        guard f.count <= 2, f.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        let q = Quantity(hundredths: w * 100 + (Int64(f.padding(toLength: 2, withPad: "0", startingAt: 0)) ?? 0))
        return q.hundredths > 0 ? q : nil
    }

    public var text: String {
        let w = hundredths / 100, f = hundredths % 100
        if f == 0 { return String(w) }
        return f % 10 == 0 ? "\(w).\(f / 10)" : "\(w).\(f < 10 ? "0" : "")\(f)"
    }
}

/// A rate in basis points (1250 = 12.5 %), parsed from "12.5" or "12.5%".
public enum Rate {
    public static func parsePercent(_ raw: String) -> Int? {
        let t = raw.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "%", with: "")
        if t.isEmpty { return 0 }
        let parts = t.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let w = Int(parts[0]), (0...100).contains(w) else { return nil }
        let f = parts.count == 2 ? String(parts[1]) : ""
        guard f.count <= 2, f.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        let bp = w * 100 + (Int(f.padding(toLength: 2, withPad: "0", startingAt: 0)) ?? 0)
        return bp <= 10_000 ? bp : nil
    }

    public static func text(_ bp: Int) -> String {
        let w = bp / 100, f = bp % 100
        if f == 0 { return "\(w)%" }
        return f % 10 == 0 ? "\(w).\(f / 10)%" : "\(w).\(f < 10 ? "0" : "")\(f)%"
    }

    /// `amount × bp / 10000`, rounded half up to the fen, exact for any amount the books can hold.
    public static func apply(_ bp: Int, to fen: Int64) -> Int64 {
        Int64(Money.roundHalfUp(Int128(fen) * Int128(bp), 10_000))
    }
}

/// One priced line of a quotation, copied from the price book when it was added.
public struct QuoteLine: Sendable, Equatable, Codable {
    public var productId: Int64
    public var code: String
    public var name: String
    public var unit: String
    public var quantity: Quantity
    public var listPrice: Money
    /// Discount off the list price, in basis points.
    public var discount: Int
    public var taxRate: Int
    /// Confidential: copied so that the approval and the margin stay what they were when quoted.
    public var floorPrice: Money
    public var cost: Money

    public init(
        productId: Int64, code: String, name: String, unit: String, quantity: Quantity, listPrice: Money, discount: Int,
        taxRate: Int, floorPrice: Money, cost: Money
    ) {
        self.productId = productId; self.code = code; self.name = name; self.unit = unit; self.quantity = quantity
        self.listPrice = listPrice; self.discount = discount; self.taxRate = taxRate; self.floorPrice = floorPrice;
        self.cost = cost
    }

    /// Net price of one unit after the discount, rounded half up to the fen (10.10 less 15 % is 8.59, not 8.58).
    public var unitPrice: Money { listPrice.scaled(Int128(10_000 - discount), 10_000) ?? Money(fen: .max) }
    /// List value of the line: list price × quantity, to the fen.
    public var listAmount: Money { times(listPrice) ?? Money(fen: .max) }
    /// Net value: unit price × quantity, to the fen.
    public var netAmount: Money { times(unitPrice) ?? Money(fen: .max) }
    public var taxAmount: Money { netAmount.scaled(Int128(taxRate) * 100, 10_000) ?? Money(fen: .max) }
    public var costAmount: Money { times(cost) ?? Money(fen: .max) }
    public var belowFloor: Bool { unitPrice < floorPrice }

    func times(_ price: Money) -> Money? { price.scaled(Int128(quantity.hundredths), 100) }

    /// Whether every amount of the line stays within `Money.ceiling`.
    public var fits: Bool {
        [times(listPrice), times(unitPrice), times(cost)].allSatisfy { $0 != nil }
            && (netAmount + taxAmount).withinCeiling
    }
}

/// The totals of a quotation.
public struct QuoteTotals: Sendable, Equatable {
    public var list: Money
    public var discount: Money
    public var net: Money
    public var tax: Money
    public var gross: Money
    /// Confidential: net minus cost.
    public var profit: Money

    public init(_ lines: [QuoteLine]) {
        list = lines.reduce(.zero) { $0 + $1.listAmount }
        net = lines.reduce(.zero) { $0 + $1.netAmount }
        tax = lines.reduce(.zero) { $0 + $1.taxAmount }
        discount = list - net
        gross = net + tax
        profit = net - lines.reduce(.zero) { $0 + $1.costAmount }
    }

    /// Whether every line and every total stays within `Money.ceiling`, summed exactly: what validation checks
    /// before a quotation is kept, so that the plain sums above never meet an amount past it.
    public static func fit(_ lines: [QuoteLine]) -> Bool {
        guard lines.allSatisfy(\.fits) else { return false }
        return Money.total(lines.map(\.listAmount)) != nil && Money.total(lines.map(\.costAmount)) != nil
            && Money.total(lines.map(\.netAmount) + lines.map(\.taxAmount)) != nil
    }
}

/// A quotation (报价单) to a customer, in revisions: a sent one is never changed, it is revised.
public struct Quotation: Sendable, Equatable, Codable {
    public enum State: String, CaseIterable, Codable, Sendable {
        case draft
        case pendingApproval = "pending_approval"
        case approved, sent, accepted, declined, superseded, cancelled
        public var labelKey: String { "process.quotation.state.\(rawValue)" }
    }

    public var id: Int64
    /// `Q2026-0007`; every revision keeps the number.
    public var number: String
    public var revision: Int
    public var customerId: Int64
    public var ownerId: Int64
    /// The opportunity or project it answers (商机/项目).
    public var title: String
    /// `YYYY-MM-DD`.
    public var validUntil: String
    public var terms: String
    public var state: State
    public var approvalId: Int64?
    public var lines: [QuoteLine]
    /// The opportunity (商机) it serves, if one was named.
    public var opportunityId: Int64? = nil
    public var version: Int
    public var createdAt: Int64
    public var updatedAt: Int64

    public init(
        id: Int64 = 0, number: String = "", revision: Int = 1, customerId: Int64, ownerId: Int64, title: String,
        validUntil: String, terms: String = "", state: State = .draft, approvalId: Int64? = nil,
        lines: [QuoteLine] = [],
        version: Int = 1, createdAt: Int64 = 0, updatedAt: Int64 = 0
    ) {
        self.id = id; self.number = number; self.revision = revision; self.customerId = customerId;
        self.ownerId = ownerId
        self.title = title; self.validUntil = validUntil; self.terms = terms; self.state = state;
        self.approvalId = approvalId
        self.lines = lines; self.version = version; self.createdAt = createdAt; self.updatedAt = updatedAt
    }

    public var totals: QuoteTotals { QuoteTotals(lines) }

    /// Why it cannot be edited now: only a draft is; a sent one is revised.
    public var editRefusal: DomainError? {
        state == .draft ? nil : DomainError(.conflict, Message("quotation.not_draft", ["state": "@" + state.labelKey]))
    }

    /// Why the quotation needs an approval before it can be sent (SPEC §1: a discount beyond the standard), if it does.
    public func approvalReasons(standardDiscount: Int) -> [Message] {
        var out: [Message] = []
        for l in lines {
            if l.discount > standardDiscount {
                out.append(
                    Message(
                        "quotation.over_standard",
                        ["code": l.code, "discount": Rate.text(l.discount), "standard": Rate.text(standardDiscount)]))
            }
            if l.belowFloor { out.append(Message("quotation.below_floor", ["code": l.code])) }
        }
        return out
    }
}

/// What a caller sent to create or change a quotation's header and lines.
public struct QuotationInput: Sendable, Equatable {
    public struct Line: Sendable, Equatable {
        public var productId: String?
        public var quantity: String?
        public var discount: String?
        public init(productId: String? = nil, quantity: String? = nil, discount: String? = nil) {
            self.productId = productId; self.quantity = quantity; self.discount = discount
        }
    }
    public var customerId: String?
    public var title: String?
    public var validUntil: String?
    public var terms: String?
    public var lines: [Line]?
    /// The opportunity it serves (on creation only).
    public var opportunityId: String?

    public init(
        customerId: String? = nil, title: String? = nil, validUntil: String? = nil, terms: String? = nil,
        lines: [Line]? = nil, opportunityId: String? = nil
    ) {
        self.customerId = customerId; self.title = title; self.validUntil = validUntil; self.terms = terms;
        self.lines = lines
        self.opportunityId = opportunityId
    }

    public static let fieldNames: Set<String> = [
        "customer_id", "title", "valid_until", "terms", "lines", "opportunity_id",
    ]
    public static let lineFieldNames: Set<String> = ["product_id", "quantity", "discount"]

    /// Validates over `base`, pricing each line from `products` (the price book as it is now).
    public func apply(to base: Quotation, products: [Int64: Product], today: String) throws(DomainError) -> Quotation {
        var errors: [FieldError] = []
        var q = base
        if let title {
            q.title = Text.required(title, 200, "title", &errors)
        } else if base.title.isEmpty {
            errors.append(FieldError("title", "field.required"))
        }
        if let validUntil {
            let v = validUntil.trimmingCharacters(in: .whitespaces)
            if !DateText.isDate(v) {
                errors.append(FieldError("valid_until", "field.date"))
            } else if v < today {
                errors.append(FieldError("valid_until", "quotation.valid_past"))
            } else {
                q.validUntil = v
            }
        }
        if let terms { Text.limit(terms, 4000, "terms", &errors, multiline: true).map { q.terms = $0 } }
        if let lines {
            if lines.count > 200 { errors.append(FieldError("lines", "quotation.too_many_lines")) }
            var out: [QuoteLine] = []
            for (i, l) in lines.enumerated() {
                let f = "lines[\(i)]"
                guard let pid = Int64((l.productId ?? "").trimmingCharacters(in: .whitespaces)), let p = products[pid]
                else {
                    errors.append(FieldError("\(f).product_id", "quotation.unknown_product"))
                    continue
                }
                if !p.active && !base.lines.contains(where: { $0.productId == pid }) {
                    errors.append(FieldError("\(f).product_id", "quotation.inactive_product", ["code": p.code]))
                }
                guard let qty = Quantity.parse(l.quantity ?? "1") else {
                    errors.append(FieldError("\(f).quantity", "quotation.quantity"))
                    continue
                }
                guard let disc = Rate.parsePercent(l.discount ?? "0"), disc < 10_000 else {
                    errors.append(FieldError("\(f).discount", "quotation.discount"))
                    continue
                }
                out.append(
                    QuoteLine(
                        productId: p.id, code: p.code, name: p.name, unit: p.unit, quantity: qty,
                        listPrice: p.listPrice,
                        discount: disc, taxRate: p.taxRate, floorPrice: p.floorPrice, cost: p.cost))
            }
            if errors.isEmpty && !QuoteTotals.fit(out) {
                errors.append(FieldError("lines", "amount.too_large", ["max": Money.ceiling.wan]))
            }
            q.lines = out
        }
        if !errors.isEmpty { throw .validation(errors) }
        return q
    }
}

/// Who sees and works on quotations: like the customer they are for; the GM reads and approves, finance reads.
public enum QuotationAccess {
    public static func canWrite(_ actor: Actor) -> Bool {
        actor.hasAny([.marketManager, .businessAssistant, .salesRep])
    }
    /// Quotations are the Market Department's (and the GM's and finance's to read); Customer Service, which reads the
    /// customers handed to it, has no business with prices.
    public static func canBrowse(_ actor: Actor) -> Bool {
        switch CustomerAccess.readScope(actor) {
        case .all, .ownedBy: true
        case .handedToCustomerService, .none: false
        }
    }
}
