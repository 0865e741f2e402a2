import Foundation

/// What the company sells: a product (software licence, device) or a service (implementation, training, support).
public enum ProductKind: String, CaseIterable, Codable, Sendable {
    case product, service
    public var labelKey: String { "product.kind.\(rawValue)" }
}

/// A line of the price book (价格表). Floor price and cost are business secrets (SPEC §2): only the GM, the
/// market manager and the business assistant see them.
public struct Product: Sendable, Equatable, Codable {
    public var id: Int64
    public var code: String
    public var name: String
    public var kind: ProductKind
    public var unit: String
    public var description: String
    /// Prices exclude VAT; `taxRate` is the VAT rate in percent (13, 6, …).
    public var listPrice: Money
    public var floorPrice: Money
    public var cost: Money
    public var taxRate: Int
    public var active: Bool
    public var version: Int
    public var createdAt: Int64
    public var updatedAt: Int64

    public init(
        id: Int64 = 0, code: String = "", name: String = "", kind: ProductKind = .product, unit: String = "套",
        description: String = "", listPrice: Money = .zero, floorPrice: Money = .zero, cost: Money = .zero,
        taxRate: Int = 13,
        active: Bool = true, version: Int = 1, createdAt: Int64 = 0, updatedAt: Int64 = 0
    ) {
        self.id = id; self.code = code; self.name = name; self.kind = kind; self.unit = unit;
        self.description = description
        self.listPrice = listPrice; self.floorPrice = floorPrice; self.cost = cost; self.taxRate = taxRate;
        self.active = active
        self.version = version; self.createdAt = createdAt; self.updatedAt = updatedAt
    }
}

/// VAT rates a Chinese invoice can carry.
public enum VATRate {
    public static let allowed = [0, 1, 3, 6, 9, 13]
}

/// What a caller sent to create or change a product. Any price change needs a reason, kept in its history.
public struct ProductInput: Sendable, Equatable {
    public var code: String?
    public var name: String?
    public var kind: String?
    public var unit: String?
    public var description: String?
    public var listPrice: String?
    public var floorPrice: String?
    public var cost: String?
    public var taxRate: String?
    public var active: Bool?
    public var reason: String?

    public init(
        code: String? = nil, name: String? = nil, kind: String? = nil, unit: String? = nil, description: String? = nil,
        listPrice: String? = nil, floorPrice: String? = nil, cost: String? = nil, taxRate: String? = nil,
        active: Bool? = nil,
        reason: String? = nil
    ) {
        self.code = code; self.name = name; self.kind = kind; self.unit = unit; self.description = description
        self.listPrice = listPrice; self.floorPrice = floorPrice; self.cost = cost; self.taxRate = taxRate;
        self.active = active
        self.reason = reason
    }

    public static let fieldNames: Set<String> = [
        "code", "name", "kind", "unit", "description", "list_price", "floor_price", "cost", "tax_rate", "active",
        "reason",
    ]

    /// Applies over `base` (nil for a new product) and validates; answers the product and whether a price changed.
    public func apply(to base: Product?) throws(DomainError) -> (product: Product, pricesChanged: Bool, reason: String)
    {
        var errors: [FieldError] = []
        var p = base ?? Product()
        if let code {
            let c = code.trimmingCharacters(in: .whitespaces).uppercased()
            if !(1...32).contains(c.count)
                || !c.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) })
            {
                errors.append(FieldError("code", "product.code_format"))
            }
            p.code = c
        } else if base == nil {
            errors.append(FieldError("code", "field.required"))
        }
        if let name {
            p.name = Text.required(name, 120, "name", &errors)
        } else if base == nil {
            errors.append(FieldError("name", "field.required"))
        }
        if let kind {
            if let k = ProductKind(rawValue: kind.trimmingCharacters(in: .whitespaces).lowercased()) {
                p.kind = k
            } else {
                errors.append(FieldError("kind", "field.one_of", ["values": "product, service"]))
            }
        }
        if let unit { p.unit = Text.required(unit, 10, "unit", &errors) }
        if let description {
            Text.limit(description, 2000, "description", &errors, multiline: true).map { p.description = $0 }
        }
        for (field, raw, path) in [
            ("list_price", listPrice, \Product.listPrice), ("floor_price", floorPrice, \Product.floorPrice),
            ("cost", cost, \Product.cost),
        ] {
            guard let raw else {
                if base == nil && field == "list_price" { errors.append(FieldError(field, "field.required")) }
                continue
            }
            if let m = Money.parse(raw), m >= .zero {
                p[keyPath: path] = m
            } else {
                errors.append(FieldError(field, "field.amount"))
            }
        }
        if let taxRate {
            let t = taxRate.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "%", with: "")
            if let n = Int(t), VATRate.allowed.contains(n) {
                p.taxRate = n
            } else {
                errors.append(
                    FieldError(
                        "tax_rate", "field.one_of", ["values": VATRate.allowed.map { "\($0)%" }.joined(separator: ", ")]
                    ))
            }
        }
        if let active { p.active = active }
        if !errors.contains(where: { ["list_price", "floor_price"].contains($0.field) }) && p.floorPrice > p.listPrice {
            errors.append(FieldError("floor_price", "product.floor_above_list"))
        }
        let changed =
            base.map { $0.listPrice != p.listPrice || $0.floorPrice != p.floorPrice || $0.cost != p.cost } ?? false
        let why = Text.clean(reason ?? "")
        if changed && why.isEmpty { errors.append(FieldError("reason", "product.reason_needed")) }
        if why.count > 500 { errors.append(FieldError("reason", "field.too_long", ["max": "500"])) }
        if !errors.isEmpty { throw .validation(errors) }
        return (p, changed, why)
    }
}

/// One change of a product's prices, with who, when and why.
public struct PriceChange: Sendable, Equatable, Codable {
    public var id: Int64
    public var productId: Int64
    public var listBefore: Money
    public var listAfter: Money
    public var floorBefore: Money
    public var floorAfter: Money
    public var costBefore: Money
    public var costAfter: Money
    public var reason: String
    public var changedBy: Int64
    public var at: Int64

    public init(
        id: Int64 = 0, productId: Int64, listBefore: Money, listAfter: Money, floorBefore: Money, floorAfter: Money,
        costBefore: Money, costAfter: Money, reason: String, changedBy: Int64, at: Int64
    ) {
        self.id = id; self.productId = productId; self.listBefore = listBefore; self.listAfter = listAfter
        self.floorBefore = floorBefore; self.floorAfter = floorAfter; self.costBefore = costBefore;
        self.costAfter = costAfter
        self.reason = reason; self.changedBy = changedBy; self.at = at
    }
}

/// Who sees and changes the price book.
public enum PriceAccess {
    /// Floor price, cost, margin and profit: the GM, the market manager and the business assistant (SPEC §2).
    public static func seesConfidential(_ actor: Actor) -> Bool {
        actor.hasAny([.gm, .marketManager, .businessAssistant])
    }
    /// Only the business assistant and the market manager change prices (issue 4; SPEC §1: prices are the assistant's).
    public static func canEdit(_ actor: Actor) -> Bool { actor.hasAny([.marketManager, .businessAssistant]) }
    /// Everybody who sells, supports or bills reads list prices; the administrator manages users, not business data.
    public static func canBrowse(_ actor: Actor) -> Bool { actor.roles.contains { $0 != .admin } }
}
