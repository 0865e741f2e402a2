import FluentKit
import Foundation
import FrontlineCore
import SQLKit

/// Which register entries to list.
public struct GiftFilter: Sendable, Equatable {
    public var q: String?
    public var state: Gift.State?
    public var kind: Gift.Kind?
    public var declarantId: Int64?
    public var customerId: Int64?
    /// Offered on or after `from`, on or before `to` (`YYYY-MM-DD`).
    public var from: String?
    public var to: String?
    public init(
        q: String? = nil, state: Gift.State? = nil, kind: Gift.Kind? = nil, declarantId: Int64? = nil,
        customerId: Int64? = nil, from: String? = nil, to: String? = nil
    ) {
        self.q = q; self.state = state; self.kind = kind; self.declarantId = declarantId; self.customerId = customerId;
        self.from = from; self.to = to
    }
    public static let sorts: Set<String> = ["number", "offered_on", "value_fen", "created_at"]
}

/// The gift register (馈赠登记).
extension Store {
    static let giftColumns = [
        "id", "number", "declarant_id", "customer_id", "kind", "description", "value_fen", "offered_on", "note",
        "state", "handled_on", "handled_by", "version",
        "created_at", "updated_at",
    ]

    func giftSelect() -> SQLSelectBuilder {
        sql.select().columns(Store.giftColumns.map { SQLColumn($0, table: "g") }).column(
            SQLColumn("name", table: "c"), as: "customer_name"
        )
        .from(SQLAlias(SQLIdentifier("gifts"), as: SQLIdentifier("g")))
        .join(
            SQLAlias(SQLIdentifier("customers"), as: SQLIdentifier("c")), method: SQLJoinMethod.inner,
            on: SQLColumn("customer_id", table: "g"), .equal, SQLColumn("id", table: "c"))
    }

    static func decodeGift(_ r: any SQLRow) throws -> Gift {
        Gift(
            id: try r.decode(column: "id", as: Int64.self), number: try r.decode(column: "number", as: String.self),
            declarantId: try r.decode(column: "declarant_id", as: Int64.self),
            customerId: try r.decode(column: "customer_id", as: Int64.self),
            customerName: try r.decode(column: "customer_name", as: String.self),
            kind: Gift.Kind(rawValue: try r.decode(column: "kind", as: String.self)) ?? .gift,
            description: try r.decode(column: "description", as: String.self),
            value: Money(fen: try r.decode(column: "value_fen", as: Int64.self)),
            offeredOn: try r.decode(column: "offered_on", as: String.self),
            note: try r.decode(column: "note", as: String.self),
            state: Gift.State(rawValue: try r.decode(column: "state", as: String.self)) ?? .declared,
            handledOn: try r.decode(column: "handled_on", as: String.self),
            handledBy: try r.decode(column: "handled_by", as: Int64?.self),
            version: try r.decode(column: "version", as: Int.self),
            createdAt: try r.decode(column: "created_at", as: Int64.self),
            updatedAt: try r.decode(column: "updated_at", as: Int64.self))
    }

    public func gift(id: Int64, for actor: Actor) async throws -> Gift? {
        guard
            let g = try await giftSelect().where(SQLColumn("id", table: "g"), .equal, SQLBind(id)).first().map(
                Store.decodeGift), GiftAccess.canRead(actor, g)
        else { return nil }
        return g
    }

    func restrictGifts<B: SQLPredicateBuilder>(_ b: B, _ f: GiftFilter, for actor: Actor) -> B {
        if !GiftAccess.readsAll(actor) { b.where(SQLColumn("declarant_id", table: "g"), .equal, SQLBind(actor.id)) }
        if let s = f.state { b.where(SQLColumn("state", table: "g"), .equal, SQLBind(s.rawValue)) }
        if let k = f.kind { b.where(SQLColumn("kind", table: "g"), .equal, SQLBind(k.rawValue)) }
        if let d = f.declarantId { b.where(SQLColumn("declarant_id", table: "g"), .equal, SQLBind(d)) }
        if let c = f.customerId { b.where(SQLColumn("customer_id", table: "g"), .equal, SQLBind(c)) }
        if let from = f.from { b.where(SQLColumn("offered_on", table: "g"), .greaterThanOrEqual, SQLBind(from)) }
        if let to = f.to { b.where(SQLColumn("offered_on", table: "g"), .lessThanOrEqual, SQLBind(to)) }
        if let q = f.q, !q.isEmpty {
            let pattern = Store.likePattern(q.lowercased())
            b.where { w in
                for (column, table) in [("number", "g"), ("description", "g"), ("note", "g"), ("name", "c")] {
                    w.orWhere(Store.like(SQLFunction("LOWER", args: SQLColumn(column, table: table)), pattern))
                }
                return w
            }
        }
        return b
    }

    public func gifts(_ f: GiftFilter, _ q: ListQuery, before: Int64? = nil, for actor: Actor) async throws -> Listing<
        Gift
    > {
        guard GiftAccess.canBrowse(actor) else { throw DomainError.forbidden }
        return try await page(
            count: restrictGifts(customerRecordCount("gifts", "g", sum: "value_fen"), f, for: actor),
            rows: restrictGifts(giftSelect(), f, for: actor), alias: "g", q, before: before, summed: true,
            decode: Store.decodeGift)
    }

    /// Whoever a customer offered something declares it: a customer he may read.
    public func declareGift(_ input: GiftInput, by actor: Actor, now: Int64 = Store.nowMillis()) async throws -> Gift {
        guard GiftAccess.canDeclare(actor) else { throw DomainError(.forbidden, .whoAsks("gift.declarers")) }
        let raw = (input.customerId ?? "").trimmingCharacters(in: .whitespaces)
        var customer: Customer?
        if let id = Int64(raw), id > 0, let item = try await self.customer(id: id, for: actor), !item.customer.archived
        {
            customer = item.customer
        }
        var g: Gift
        do {
            g = try input.declared(
                by: actor, customerId: customer?.id ?? 0, customerName: customer?.name ?? "",
                today: DateText.day(now / 1000))
            if customer == nil {
                throw DomainError.validation([
                    FieldError("customer_id", raw.isEmpty ? "field.required" : "gift.customer_unknown")
                ])
            }
        } catch let e as DomainError where e.kind == .validation {
            // Every field's error at once, the customer's among them.
            var fields = e.fields.filter { $0.field != "customer_id" }
            if customer == nil {
                fields.insert(
                    FieldError("customer_id", raw.isEmpty ? "field.required" : "gift.customer_unknown"), at: 0)
            }
            throw DomainError.validation(fields)
        }
        g.createdAt = now
        g.updatedAt = now
        let new = g
        return try await transaction { s in
            var g = new
            g.number = try await s.nextNumber(in: "gifts", prefix: "KZ")
            let row = try await s.sql.insert(into: "gifts").columns(Store.giftColumns.filter { $0 != "id" })
                .values(
                    SQLBind(g.number), SQLBind(g.declarantId), SQLBind(g.customerId), SQLBind(g.kind.rawValue),
                    SQLBind(g.description), SQLBind(g.value.fen),
                    SQLBind(g.offeredOn), SQLBind(g.note), SQLBind(g.state.rawValue), SQLBind(""), SQLBind(Int64?.none),
                    SQLBind(1), SQLBind(now), SQLBind(now)
                ).returning("id").first()
            g.id = try row!.decode(column: "id", as: Int64.self)
            try await s.recordCreation(
                GiftProcess.name, g.id, state: g.state.rawValue, by: actor,
                comment: "\(g.number) \(g.customerName)：\(g.description) ¥\(g.value.decimalString)", record: g)
            return g
        }
    }

    /// The GM's register: every entry offered in the period (at most 5,000), with the totals.
    public func giftRegister(from: String, to: String, for actor: Actor) async throws -> GiftRegister {
        guard GiftAccess.readsAll(actor) else { throw DomainError.forbidden }
        let rows = try await restrictGifts(giftSelect(), GiftFilter(from: from, to: to), for: actor)
            .orderBy(SQLColumn("offered_on", table: "g")).orderBy(SQLColumn("id", table: "g")).limit(5000).all()
        return GiftRegister(from: from, to: to, entries: try rows.map(Store.decodeGift))
    }

    public func giftSubject(id: Int64, for actor: Actor) async throws -> GiftProcess.Subject? {
        try await GiftProcess.load(self, id: id, for: actor, now: Store.nowMillis())
    }

    public func actOnGift(
        id: Int64, _ action: GiftProcess.Action, _ input: StepInput, version: Int?, by actor: Actor,
        now: Int64 = Store.nowMillis()
    ) async throws -> Gift {
        try await run(GiftProcess.self, id: id, action, input, version: version, by: actor, now: now).gift
    }
}

extension GiftProcess: ProcessRecords {
    static func load(_ s: Store, id: Int64, for actor: Actor, now: Int64) async throws -> Subject? {
        guard let g = try await s.gift(id: id, for: actor) else { return nil }
        return Subject(g)
    }

    static func save(_ s: Store, _ new: Subject, over old: Subject, at version: Int) async throws {
        let g = new.gift
        try await s.sql.update("gifts").set("state", to: g.state.rawValue).set("handled_on", to: g.handledOn).set(
            "handled_by", to: g.handledBy
        )
        .set("version", to: g.version).set("updated_at", to: Store.nowMillis()).versioned(id: g.id, version: version)
    }
}
