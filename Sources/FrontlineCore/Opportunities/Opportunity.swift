import Foundation

/// An opportunity (商机, SPEC §2 "Leads and opportunities"): a deal with one customer moving through the stages with
/// its amount, expected profit, probability and close date. Quotations, tenders and contracts hang on it; a won
/// tender or an effective contract wins it.
public struct Opportunity: Sendable, Equatable, Codable {
    /// 初步接触 → 需求确认 → 方案设计 → 投标/报价 → 商务谈判 → 赢单 / 输单. The admin names and orders the open ones
    /// and gives each its default probability (`OpportunityStages`); the keys stay.
    public enum Stage: String, CaseIterable, Codable, Sendable {
        case contact, needs, solution, bidding, negotiation, won, lost
        public static let open: [Stage] = [.contact, .needs, .solution, .bidding, .negotiation]
        public var isOpen: Bool { self != .won && self != .lost }
        public var labelKey: String { "process.opportunity.state.\(rawValue)" }
    }

    public var id: Int64
    /// `SJ2026-0001`.
    public var number: String
    public var customerId: Int64
    public var customerName: String
    /// Who owns the customer account (a rep reads the opportunities of his customers).
    public var customerOwnerId: Int64?
    public var title: String
    /// Products of interest, from the price book.
    public var productIds: [Int64]
    public var amount: Money
    /// Expected profit: read and written only by the roles that see cost (`PriceAccess.seesConfidential`).
    public var profit: Money?
    /// 0–100 %.
    public var probability: Int
    /// `YYYY-MM-DD`, or empty.
    public var expectedClose: String
    public var ownerId: Int64
    public var competitors: String
    public var stage: Stage
    public var lossReason: String
    /// Who won it when it was lost.
    public var winner: String
    /// The day it was won or lost.
    public var closedOn: String
    /// What won it: a tender's or contract's number, or empty when a person marked it won.
    public var wonBy: String
    /// The lead it came from.
    public var leadId: Int64?
    /// Milliseconds since 1970: when it entered its stage.
    public var stageChangedAt: Int64
    public var version: Int
    public var createdAt: Int64
    public var updatedAt: Int64

    public init(
        id: Int64 = 0, number: String = "", customerId: Int64, customerName: String = "", customerOwnerId: Int64? = nil,
        title: String,
        productIds: [Int64] = [], amount: Money = .zero, profit: Money? = nil, probability: Int = 10,
        expectedClose: String = "", ownerId: Int64,
        competitors: String = "", stage: Stage = .contact, lossReason: String = "", winner: String = "",
        closedOn: String = "", wonBy: String = "",
        leadId: Int64? = nil, stageChangedAt: Int64 = 0, version: Int = 1, createdAt: Int64 = 0, updatedAt: Int64 = 0
    ) {
        self.id = id; self.number = number; self.customerId = customerId; self.customerName = customerName;
        self.customerOwnerId = customerOwnerId
        self.title = title; self.productIds = productIds; self.amount = amount; self.profit = profit;
        self.probability = probability
        self.expectedClose = expectedClose; self.ownerId = ownerId; self.competitors = competitors; self.stage = stage;
        self.lossReason = lossReason
        self.winner = winner; self.closedOn = closedOn; self.wonBy = wonBy; self.leadId = leadId;
        self.stageChangedAt = stageChangedAt
        self.version = version; self.createdAt = createdAt; self.updatedAt = updatedAt
    }

    /// The amount weighted by the probability, rounded half up to the fen.
    public var weighted: Money { Money(fen: Rate.apply(probability * 100, to: amount.fen)) }

    /// The record as `reader` may see it: the expected profit only for those who see cost.
    public func seen(by reader: Actor) -> Opportunity {
        var o = self
        if !PriceAccess.seesConfidential(reader) { o.profit = nil }
        return o
    }
}

/// What a caller sent to open or change an opportunity: every field optional, as typed; `nil` is "not sent".
public struct OpportunityInput: Sendable, Equatable {
    public var customerId: String?
    public var title: String?
    public var productIds: [String]?
    public var amount: String?
    public var profit: String?
    public var probability: String?
    public var expectedClose: String?
    public var ownerId: String?
    public var competitors: String?
    public init(
        customerId: String? = nil, title: String? = nil, productIds: [String]? = nil, amount: String? = nil,
        profit: String? = nil,
        probability: String? = nil, expectedClose: String? = nil, ownerId: String? = nil, competitors: String? = nil
    ) {
        self.customerId = customerId; self.title = title; self.productIds = productIds; self.amount = amount;
        self.profit = profit
        self.probability = probability; self.expectedClose = expectedClose; self.ownerId = ownerId;
        self.competitors = competitors
    }

    public static let createFields: Set<String> = [
        "customer_id", "title", "product_ids", "amount", "expected_profit", "probability", "expected_close", "owner_id",
        "competitors",
    ]
    /// A change names no customer: an opportunity stays with the customer it was opened for.
    public static let changeFields: Set<String> = createFields.subtracting(["customer_id"]).union(["version"])

    /// Applies the input over `base` (a new opportunity's defaults, or the stored one) and validates the result.
    /// `products` are the active price-book lines; `reps` the active sales reps an owner may be; the actor must
    /// see cost to send a profit.
    public func apply(to base: Opportunity, actor: Actor, products: Set<Int64>, reps: Set<Int64>, today: String)
        throws(DomainError) -> Opportunity
    {
        var o = base
        var errors: [FieldError] = []
        if let title {
            o.title = Text.required(title, 200, "title", &errors)
        } else if base.title.isEmpty {
            errors.append(FieldError("title", "field.required"))
        }
        if let productIds {
            var ids: [Int64] = []
            for raw in productIds {
                guard let id = Int64(raw.trimmingCharacters(in: .whitespaces)), products.contains(id) else {
                    errors.append(
                        FieldError("product_ids", "opportunity.product_unknown", ["id": String(raw.prefix(20))]))
                    break
                }
                if !ids.contains(id) { ids.append(id) }
            }
            if ids.count > 50 {
                errors.append(FieldError("product_ids", "opportunity.too_many_products", ["max": "50"]))
            }
            o.productIds = ids
        }
        if let amount {
            if let m = Money.parse(amount), m.withinCeiling {
                if m.fen < 0 { errors.append(FieldError("amount", "field.not_negative")) } else { o.amount = m }
            } else {
                errors.append(FieldError("amount", "field.amount"))
            }
        }
        if let profit {
            if !PriceAccess.seesConfidential(actor) {
                errors.append(FieldError("expected_profit", "opportunity.profit_confidential"))
            } else if profit.trimmingCharacters(in: .whitespaces).isEmpty {
                o.profit = nil
            } else if let m = Money.parse(profit), m.withinCeiling {
                o.profit = m
            } else {
                errors.append(FieldError("expected_profit", "field.amount"))
            }
        }
        if let probability {
            let t = probability.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "%", with: "")
            if let p = Int(t), (0...100).contains(p) {
                o.probability = p
            } else {
                errors.append(FieldError("probability", "field.range", ["min": "0", "max": "100"]))
            }
        }
        if let expectedClose {
            let d = expectedClose.trimmingCharacters(in: .whitespaces)
            if d.isEmpty || DateText.isDate(d) {
                o.expectedClose = d
            } else {
                errors.append(FieldError("expected_close", "field.date"))
            }
        }
        if let competitors { Text.limit(competitors, 500, "competitors", &errors).map { o.competitors = $0 } }
        if let ownerId {
            let raw = ownerId.trimmingCharacters(in: .whitespaces)
            if let id = Int64(raw), id > 0 {
                if id != base.ownerId && !OpportunityAccess.mayReassign(actor) {
                    errors.append(FieldError("owner_id", "opportunity.reassign_forbidden"))
                } else if id != base.ownerId && !reps.contains(id) {
                    errors.append(FieldError("owner_id", "customer.owner_not_rep"))
                } else {
                    o.ownerId = id
                }
            } else {
                errors.append(FieldError("owner_id", "field.not_id"))
            }
        }
        if !errors.isEmpty { throw .validation(errors) }
        return o
    }
}

/// Who reads and works which opportunities: the GM, the market manager and the business assistant all of them; a
/// rep those he owns and those of the customers he owns (he works only his own); nobody else.
public enum OpportunityAccess {
    static let readAll: Set<Role> = [.gm, .marketManager, .businessAssistant]
    public static let workers: Set<Role> = [.gm, .marketManager, .businessAssistant, .salesRep]
    public static func readsAll(_ actor: Actor) -> Bool { actor.hasAny(readAll) }
    public static func canBrowse(_ actor: Actor) -> Bool { readsAll(actor) || actor.has(.salesRep) }
    public static func canRead(_ actor: Actor, _ o: Opportunity) -> Bool {
        readsAll(actor) || (actor.has(.salesRep) && (o.ownerId == actor.id || o.customerOwnerId == actor.id))
    }
    /// Changing and moving it: the managers, the assistant, and the rep who owns it.
    public static func canWork(_ actor: Actor, _ o: Opportunity) -> Bool {
        readsAll(actor) || (actor.has(.salesRep) && o.ownerId == actor.id)
    }
    /// Opening one: for a customer the actor may work (a rep his own customers'); a rep's opportunities are his.
    public static func canOpen(_ actor: Actor, customerOwnerId: Int64?) -> Bool {
        readsAll(actor) || (actor.has(.salesRep) && customerOwnerId == actor.id)
    }
    /// Handing an opportunity to another rep is the managers' and the assistant's (as a customer's reassignment).
    public static func mayReassign(_ actor: Actor) -> Bool { CustomerAccess.canReassign(actor) }
}

/// The stages as the admin set them: the open ones in his order with his names and default probabilities, then
/// won (100 %) and lost (0 %), which he may name but not move. A name left empty reads the built-in one.
public struct OpportunityStages: Sendable, Equatable, Codable {
    public struct Entry: Sendable, Equatable, Codable {
        public var stage: Opportunity.Stage
        public var name: String
        public var probability: Int
        public init(_ stage: Opportunity.Stage, name: String = "", probability: Int) {
            self.stage = stage; self.name = name; self.probability = probability
        }
    }
    public var entries: [Entry]
    public init(entries: [Entry]) { self.entries = entries }

    public static let defaults = OpportunityStages(entries: [
        Entry(.contact, probability: 10), Entry(.needs, probability: 25), Entry(.solution, probability: 40),
        Entry(.bidding, probability: 60),
        Entry(.negotiation, probability: 80), Entry(.won, probability: 100), Entry(.lost, probability: 0),
    ])

    /// Every stage once, the open ones first in the order given; names cleaned (≤ 20 characters, none twice);
    /// probabilities 0–100 for open stages, 100 and 0 for won and lost whatever was sent.
    public func validated() throws(DomainError) -> OpportunityStages {
        var errors: [FieldError] = []
        var open: [Entry] = []
        var closed: [Opportunity.Stage: Entry] = [:]
        var seen: Set<Opportunity.Stage> = []
        var names: Set<String> = []
        for (i, e) in entries.enumerated() {
            if !seen.insert(e.stage).inserted {
                errors.append(FieldError("stages[\(i)].stage", "opportunity.stage_twice")); continue
            }
            var x = e
            var fe: [FieldError] = []
            x.name = Text.limit(e.name, 20, "stages[\(i)].name", &fe) ?? ""
            errors += fe
            if !x.name.isEmpty && !names.insert(Text.matchKey(x.name)).inserted {
                errors.append(FieldError("stages[\(i)].name", "opportunity.stage_name_twice"))
            }
            if e.stage.isOpen {
                if !(0...100).contains(e.probability) {
                    errors.append(FieldError("stages[\(i)].probability", "field.range", ["min": "0", "max": "100"]))
                }
                open.append(x)
            } else {
                x.probability = e.stage == .won ? 100 : 0
                closed[e.stage] = x
            }
        }
        if seen.count != Opportunity.Stage.allCases.count && errors.isEmpty {
            let missing = Opportunity.Stage.allCases.filter { !seen.contains($0) }.map(\.rawValue).joined(
                separator: ", ")
            errors.append(FieldError("stages", "opportunity.stage_missing", ["stages": missing]))
        }
        if !errors.isEmpty { throw .validation(errors) }
        return OpportunityStages(entries: open + [closed[.won]!, closed[.lost]!])
    }

    /// The stages in the admin's order: the open ones, then won and lost.
    public var order: [Opportunity.Stage] { entries.map(\.stage) }
    public var openOrder: [Opportunity.Stage] { order.filter(\.isOpen) }
    public func probability(_ stage: Opportunity.Stage) -> Int {
        entries.first { $0.stage == stage }?.probability
            ?? OpportunityStages.defaults.entries.first { $0.stage == stage }!.probability
    }
    /// The stage's name as the admin set it, or the built-in one in `locale`.
    public func label(_ stage: Opportunity.Stage, _ locale: AppLocale) -> String {
        let n = entries.first { $0.stage == stage }?.name ?? ""
        return n.isEmpty ? Catalog.text(stage.labelKey, [:], locale) : n
    }
}

/// One column of the kanban board (or one line of the pipeline summary): a stage's count, total and weighted total.
public struct StageTotal: Sendable, Equatable {
    public var stage: Opportunity.Stage
    public var count: Int
    public var amount: Money
    public var weighted: Money
    public init(stage: Opportunity.Stage, count: Int = 0, amount: Money = .zero, weighted: Money = .zero) {
        self.stage = stage; self.count = count; self.amount = amount; self.weighted = weighted
    }
}
