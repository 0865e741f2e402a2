import FluentKit
import Foundation
import FrontlineCore
import SQLKit

/// A customer in the pool, as its list shows it.
public struct PoolItem: Sendable, Equatable {
    public var customer: Customer
    public var regionName: String?
    /// The last return, if it came back rather than never having had an owner.
    public var returnedAt: Int64?
    public var lastOwnerId: Int64?
}

/// Which pool customers to list.
public struct PoolFilter: Sendable, Equatable {
    public var q: String?
    public var tier: CustomerTier?
    public var regionId: Int64?
    public init(q: String? = nil, tier: CustomerTier? = nil, regionId: Int64? = nil) {
        self.q = q; self.tier = tier; self.regionId = regionId
    }
}

/// The customer pool (公海): its rules, the list, claims and hand-outs, and the sweep the server runs on a schedule.
extension Store {
    static let poolRulesKey = "pool.rules"

    public func poolRules() async throws -> (PoolRules, version: Int) {
        try await setting(Store.poolRulesKey, default: PoolRules.defaults)
    }

    public func setPoolRules(_ new: PoolRules, version: Int, by actor: Actor) async throws -> (PoolRules, version: Int)
    {
        guard PoolAccess.canSetRules(actor) else { throw DomainError.forbidden }
        let rules = try new.validated()
        return try await transaction { s in
            let (old, current) = try await s.poolRules()
            guard current == version else { throw Store.stale(current) }
            try await s.storeSetting(Store.poolRulesKey, rules, over: current, by: actor)
            try await s.audit(.update, "pool_rules", nil, before: old, after: rules)
            return (rules, current + 1)
        }
    }

    /// Records a change of owner in the pool's history and restarts the days the new owner has.
    func ownerChanged(
        _ customerId: Int64, from: Int64?, to: Int64?, _ kind: PoolEvent.Kind, note: String, by actor: Actor, at: Int64
    ) async throws {
        try await sql.update("customers").set("owner_since", to: at).where("id", .equal, customerId).run()
        try await recordPoolEvent(
            PoolEvent(
                customerId: customerId, kind: kind, fromOwnerId: from, toOwnerId: to, note: note, actorId: actor.id,
                at: at))
    }

    func recordPoolEvent(_ e: PoolEvent) async throws {
        try await sql.insert(into: "pool_events").columns(
            "customer_id", "kind", "from_owner_id", "to_owner_id", "note", "actor_id", "at"
        )
        .values(
            SQLBind(e.customerId), SQLBind(e.kind.rawValue), SQLBind(e.fromOwnerId), SQLBind(e.toOwnerId),
            SQLBind(e.note), SQLBind(e.actorId), SQLBind(e.at)
        ).run()
    }

    static func decodePoolEvent(_ r: any SQLRow) throws -> PoolEvent {
        PoolEvent(
            id: try r.decode(column: "id", as: Int64.self),
            customerId: try r.decode(column: "customer_id", as: Int64.self),
            kind: PoolEvent.Kind(rawValue: try r.decode(column: "kind", as: String.self)) ?? .assigned,
            fromOwnerId: try r.decode(column: "from_owner_id", as: Int64?.self),
            toOwnerId: try r.decode(column: "to_owner_id", as: Int64?.self),
            note: try r.decode(column: "note", as: String.self),
            actorId: try r.decode(column: "actor_id", as: Int64.self), at: try r.decode(column: "at", as: Int64.self))
    }

    /// A customer's pool history, newest first, for those who read the customer (or, while it is in the pool, browse it).
    public func poolEvents(customerId: Int64, for actor: Actor) async throws -> [PoolEvent] {
        // Read as the customer is (through its read scope: Customer Service reads what was handed to it), or, while
        // it is in the pool, by whoever browses the pool.
        guard let c = try await rawCustomer(id: customerId) else { throw DomainError.notFound }
        let readable = try await customer(id: customerId, for: actor) != nil
        guard readable || (c.ownerId == nil && !c.archived && PoolAccess.canBrowse(actor)) else {
            throw DomainError.notFound
        }
        return try await sql.select().columns(
            "id", "customer_id", "kind", "from_owner_id", "to_owner_id", "note", "actor_id", "at"
        ).from("pool_events")
            .where("customer_id", .equal, customerId).orderBy("id", .descending).limit(200).all().map(
                Store.decodePoolEvent)
    }

    /// The customers nobody owns (not archived), for the reps and the office.
    public func poolCustomers(_ f: PoolFilter, _ q: ListQuery, for actor: Actor) async throws -> Listing<PoolItem> {
        guard PoolAccess.canBrowse(actor) else { throw DomainError.forbidden }
        func filtered(_ b: SQLSelectBuilder) -> SQLSelectBuilder {
            b.from(SQLAlias(SQLIdentifier("customers"), as: SQLIdentifier("c")))
                .where(SQLColumn("owner_id", table: "c"), .is, SQLLiteral.null).where(
                    SQLColumn("archived", table: "c"), .equal, SQLBind(false))
            if let t = f.tier { b.where(SQLColumn("tier", table: "c"), .equal, SQLBind(t.rawValue)) }
            if let r = f.regionId { b.where(SQLColumn("region_id", table: "c"), .equal, SQLBind(r)) }
            if let text = f.q, !text.isEmpty {
                b.where(Store.like(SQLColumn("name_key", table: "c"), Store.likePattern(Text.matchKey(text))))
            }
            return b
        }
        let total =
            try await filtered(sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")).first()?
            .decode(column: "n", as: Int.self) ?? 0
        let rows = try await filtered(
            sql.select().column(SQLRaw(Store.customerColumns)).column(SQLColumn("name", table: "r"), as: "region_name")
        )
        .join(
            SQLAlias(SQLIdentifier("regions"), as: SQLIdentifier("r")), method: SQLJoinMethod.left,
            on: SQLColumn("id", table: "r"), .equal, SQLColumn("region_id", table: "c")
        )
        .orderBy(
            SQLColumn(q.sortField == "name" ? "name_sort" : "updated_at", table: "c"),
            q.descending ? SQLDirection.descending : SQLDirection.ascending
        )
        .orderBy(SQLColumn("id", table: "c"), SQLDirection.descending).limit(q.limit).offset(q.offset).all()
        var items: [PoolItem] = []
        for r in rows {
            let c = try Store.decodeCustomer(r)
            let last = try await sql.select().columns("at", "from_owner_id").from("pool_events").where(
                "customer_id", .equal, c.id
            )
            .where("kind", .equal, PoolEvent.Kind.returned.rawValue).orderBy("id", .descending).first()
            items.append(
                PoolItem(
                    customer: c, regionName: try r.decode(column: "region_name", as: String?.self),
                    returnedAt: try last?.decode(column: "at", as: Int64.self),
                    lastOwnerId: try last?.decode(column: "from_owner_id", as: Int64?.self)))
        }
        return Listing(items: items, total: total)
    }

    /// A rep claims a customer from the pool, within his limits. Two claims at once: the first wins (the versioned
    /// write), the other is told who has it. A rep's own claims queue on his user row, so his daily limit holds under
    /// concurrent claims too.
    public func claimCustomer(id: Int64, by actor: Actor, now: Int64 = Store.nowMillis()) async throws -> Customer {
        guard PoolAccess.canClaim(actor) else { throw DomainError(.forbidden, .whoAsks("pool.reps_claim")) }
        let rules = try await poolRules().0
        return try await transaction { s in
            try await s.lockRow("users", actor.id)
            guard let old = try await s.rawCustomer(id: id), !old.archived else { throw DomainError.notFound }
            if let owner = old.ownerId {
                // Another rep's customer is not his to read: it is not found, and its name and owner are not said.
                guard owner == actor.id else { throw DomainError.notFound }
                throw DomainError(.conflict, Message("pool.already_yours", ["name": old.name]))
            }
            if let refusal = try await s.claimRefusal(customerId: id, for: actor.id, rules: rules, now: now) {
                throw DomainError(.conflict, refusal)
            }
            return try await s.moveOwner(old, to: actor.id, .claimed, note: "", by: actor, at: now)
        }
    }

    /// Why `rep` may not take this pool customer now (his owned and daily limits, one he lost lately), or nil: a claim
    /// and a lead of his qualified into it are held to the same rules. The caller holds the rep's user row.
    func claimRefusal(customerId id: Int64, for rep: Int64, rules: PoolRules, now: Int64) async throws -> Message? {
        let owned =
            try await sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("customers").where(
                "owner_id", .equal, rep
            )
            .where("archived", .equal, false).first()?.decode(column: "n", as: Int.self) ?? 0
        let dayStart = DateText.startOfDay(now / 1000) * 1000
        let today =
            try await sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("pool_events")
            .where("to_owner_id", .equal, rep)
            .where("kind", .equal, PoolEvent.Kind.claimed.rawValue).where("at", .greaterThanOrEqual, dayStart).first()?
            .decode(column: "n", as: Int.self) ?? 0
        let lost = try await sql.select().column(SQLFunction("MAX", args: SQLColumn("at")), as: "at").from(
            "pool_events"
        ).where("from_owner_id", .equal, rep)
            .where("customer_id", .equal, id).where("kind", .equal, PoolEvent.Kind.returned.rawValue).first()?.decode(
                column: "at", as: Int64?.self)
        return PoolAccess.claimRefusal(owned: owned, claimedToday: today, lostAt: lost, rules: rules, now: now / 1000)
    }

    /// The managers and the assistant hand a customer (from the pool, or from another rep) to an active rep.
    /// With `version`, the hand-out is based on the customer as read: another change since is a 409, so two of the
    /// office handing one customer out at once cannot both land.
    public func assignCustomer(
        id: Int64, to owner: Int64, note: String = "", version: Int? = nil, by actor: Actor,
        now: Int64 = Store.nowMillis()
    ) async throws -> Customer {
        guard PoolAccess.canAssign(actor) else { throw DomainError.forbidden }
        guard try await isActiveRep(owner) else {
            throw DomainError.validation([FieldError("owner_id", "customer.owner_not_rep")])
        }
        return try await transaction { s in
            guard let old = try await s.rawCustomer(id: id), !old.archived else { throw DomainError.notFound }
            if let version, old.version != version { throw Store.stale(old.version) }
            guard old.ownerId != owner else {
                throw DomainError.validation([FieldError("owner_id", "pool.same_owner")])
            }
            return try await s.moveOwner(old, to: owner, .assigned, note: note, by: actor, at: now)
        }
    }

    /// The one write that moves an owner: `… WHERE id AND version` (409 when another writer moved it first), audited,
    /// with its pool event.
    func moveOwner(
        _ old: Customer, to owner: Int64?, _ kind: PoolEvent.Kind, note: String, by actor: Actor, at now: Int64
    ) async throws -> Customer {
        var new = old
        new.ownerId = owner
        new.version = old.version + 1
        new.updatedAt = now
        if let owner, old.regionId == nil { new.regionId = try await users().first { $0.id == owner }?.regionId }
        try await sql.update("customers").set("owner_id", to: owner).set("region_id", to: new.regionId).set(
            "version", to: new.version
        ).set("updated_at", to: now)
            .versioned(id: old.id, version: old.version)
        CountCache.shared.clear()
        try await audit(.update, "customer", String(old.id), before: old, after: new)
        try await ownerChanged(old.id, from: old.ownerId, to: owner, kind, note: note, by: actor, at: now)
        return new
    }

    /// The sweep: every owned customer whose owner has logged nothing for its tier's days returns to the pool (each
    /// return recorded); those close to it warn their owner once. Safe on two servers at once: a return is the
    /// versioned write, so only one of them makes it.
    public func runPoolSweep(now: Int64 = Store.nowMillis()) async throws -> (returned: Int, warned: Int) {
        let rules = try await poolRules().0
        let system = try await transaction { s in try await s.systemActor() }
        let rows = try await sql.raw(
            """
            SELECT c.id, c.tier, c.owner_id, c.owner_since,
              (SELECT MAX(m.occurred_at) FROM communications m WHERE m.customer_id = c.id AND m.author_id = c.owner_id) AS last_contact
            FROM customers c WHERE c.owner_id IS NOT NULL AND c.archived = \(SQLLiteral.boolean(false))
            """
        ).all()
        var returned = 0, warned = 0
        for r in rows {
            let id = try r.decode(column: "id", as: Int64.self),
                owner = try r.decode(column: "owner_id", as: Int64.self)
            let since = max(
                try r.decode(column: "owner_since", as: Int64.self) / 1000,
                try r.decode(column: "last_contact", as: Int64?.self) ?? 0)
            let tier = CustomerTier(rawValue: try r.decode(column: "tier", as: String.self)) ?? .c
            var candidate = PoolCandidate(customerId: id, tier: tier, ownerId: owner, since: since)
            guard PoolAccess.decide(candidate, rules: rules, now: now / 1000) != .keep else { continue }
            // Only for those near or past their days: a deal in negotiation or an effective contract keeps them.
            candidate.inNegotiation =
                try await sql.select().column("id").from("opportunities").where("customer_id", .equal, id).where(
                    "stage", .equal, "negotiation"
                ).first() != nil
            candidate.effectiveContract =
                try await sql.select().column("id").from("contracts").where("customer_id", .equal, id).where(
                    "state", .equal, "effective"
                ).first() != nil
            switch PoolAccess.decide(candidate, rules: rules, now: now / 1000) {
            case .keep: continue
            case .warn(let day):
                // "Already warned?" is the unique key (customer, owner, day) in the write itself: of two sweeps at
                // once, one writes the warning and the other's insert does nothing.
                let e = PoolEvent(
                    customerId: id, kind: .warned, fromOwnerId: nil, toOwnerId: owner, note: day, actorId: system.id,
                    at: now)
                let written = try await sql.insert(into: "pool_events").columns(
                    "customer_id", "kind", "from_owner_id", "to_owner_id", "note", "actor_id", "at"
                )
                .values(
                    SQLBind(e.customerId), SQLBind(e.kind.rawValue), SQLBind(e.fromOwnerId), SQLBind(e.toOwnerId),
                    SQLBind(e.note), SQLBind(e.actorId), SQLBind(e.at)
                )
                .ignoringConflicts().returning("id").first()
                if written != nil { warned += 1 }
            case .returnToPool(let idle, let allowed):
                do {
                    let moved = try await transaction { s -> Bool in
                        guard let c = try await s.rawCustomer(id: id), c.ownerId == owner else { return false }
                        let note = Catalog.text(
                            "pool.returned_note",
                            ["idle": String(idle), "tier": tier.rawValue, "allowed": String(allowed)], .zhCN)
                        _ = try await s.moveOwner(c, to: nil, .returned, note: note, by: system, at: now)
                        return true
                    }
                    if moved { returned += 1 }
                } catch let e as DomainError where e.kind == .conflict {
                    continue  // changed meanwhile (an edit, another server's sweep): the next run looks again
                }
            }
        }
        return (returned, warned)
    }

    /// The actor's customers (the managers': everybody's) that return to the pool within the warning days, soonest first.
    public func poolWarnings(for actor: Actor, now: Int64 = Store.nowMillis(), limit: Int = 20) async throws
        -> [(customerId: Int64, name: String, ownerId: Int64, returnsOn: String)]
    {
        guard actor.has(.salesRep) || PoolAccess.canAssign(actor) else { return [] }
        let rules = try await poolRules().0
        let b = sql.select().column(SQLColumn("customer_id", table: "e")).column(SQLColumn("to_owner_id", table: "e"))
            .column(SQLColumn("note", table: "e"))
            .column(SQLColumn("name", table: "c"))
            .from(SQLAlias(SQLIdentifier("pool_events"), as: SQLIdentifier("e")))
            .join(
                SQLAlias(SQLIdentifier("customers"), as: SQLIdentifier("c")), on: SQLColumn("id", table: "c"), .equal,
                SQLColumn("customer_id", table: "e")
            )
            .where(SQLColumn("kind", table: "e"), .equal, SQLBind(PoolEvent.Kind.warned.rawValue))
            .where(SQLColumn("owner_id", table: "c"), .equal, SQLColumn("to_owner_id", table: "e"))
            .where(SQLColumn("owner_since", table: "c"), .lessThan, SQLColumn("at", table: "e"))
            .where(SQLColumn("note", table: "e"), .greaterThanOrEqual, SQLBind(DateText.day(now / 1000)))
            .where(
                SQLColumn("note", table: "e"), .lessThanOrEqual,
                SQLBind(DateText.day(now / 1000 + Int64(rules.warnDays + 1) * 86_400)))
        if !PoolAccess.canAssign(actor) { b.where(SQLColumn("to_owner_id", table: "e"), .equal, SQLBind(actor.id)) }
        // One warning per customer: the return day in force is the latest warning's (the admin may have changed the
        // days since an earlier one).
        b.where(
            SQLColumn("id", table: "e"), .equal,
            SQLGroupExpression(
                sql.select().column(SQLFunction("MAX", args: SQLColumn("id", table: "w"))).from(
                    SQLAlias(SQLIdentifier("pool_events"), as: SQLIdentifier("w"))
                )
                .where(SQLColumn("customer_id", table: "w"), .equal, SQLColumn("customer_id", table: "e"))
                .where(SQLColumn("kind", table: "w"), .equal, SQLBind(PoolEvent.Kind.warned.rawValue))
                .where(SQLColumn("to_owner_id", table: "w"), .equal, SQLColumn("to_owner_id", table: "e")).select))
        var out: [(customerId: Int64, name: String, ownerId: Int64, returnsOn: String)] = []
        for r in try await b.column(SQLColumn("at", table: "e")).orderBy(
            SQLColumn("note", table: "e"), SQLDirection.ascending
        ).limit(limit * 3).all() {
            let id = try r.decode(column: "customer_id", as: Int64.self),
                owner = try r.decode(column: "to_owner_id", as: Int64.self)
            // A contact logged since the warning answered it.
            let answered =
                try await sql.select().column("id").from("communications").where("customer_id", .equal, id).where(
                    "author_id", .equal, owner
                )
                .where("created_at", .greaterThan, try r.decode(column: "at", as: Int64.self)).first() != nil
            if !answered && out.count < limit {
                out.append(
                    (
                        id, try r.decode(column: "name", as: String.self), owner,
                        try r.decode(column: "note", as: String.self)
                    ))
            }
        }
        return out
    }
}
