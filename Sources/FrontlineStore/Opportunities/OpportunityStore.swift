import FluentKit
import Foundation
import FrontlineCore
import SQLKit

/// Which opportunities to list.
public struct OpportunityFilter: Sendable, Equatable {
    public var q: String?
    public var stage: Opportunity.Stage?
    /// Only those still open.
    public var openOnly: Bool
    public var ownerId: Int64?
    public var customerId: Int64?
    /// Expected to close within this many days from today (open ones).
    public var closingWithinDays: Int?
    public init(
        q: String? = nil, stage: Opportunity.Stage? = nil, openOnly: Bool = false, ownerId: Int64? = nil,
        customerId: Int64? = nil, closingWithinDays: Int? = nil
    ) {
        self.q = q; self.stage = stage; self.openOnly = openOnly; self.ownerId = ownerId; self.customerId = customerId;
        self.closingWithinDays = closingWithinDays
    }
    /// The sorts a list offers (`-amount` for the largest first).
    public static let sorts: Set<String> = [
        "number", "amount", "probability", "expected_close", "updated_at", "created_at",
    ]
}

/// A quotation, tender or contract hung on an opportunity, as its page lists them.
public struct OpportunityLink: Sendable, Equatable {
    public var kind: String
    public var id: Int64
    public var number: String
    public var title: String
    public var state: String
    public init(kind: String, id: Int64, number: String, title: String, state: String) {
        self.kind = kind; self.id = id; self.number = number; self.title = title; self.state = state
    }
}

/// Totals of recent opportunity lists and pipelines (two seconds, as the customer list's): counting 300,000 rows
/// costs tens of milliseconds. Any opportunity write in this process clears them.
enum OpportunityCache {
    static let counts = ExpiringCache<Int>(ttl: 2)
    static let totals = ExpiringCache<[StageTotal]>(ttl: 2)
    static func clear() {
        counts.clear()
        totals.clear()
    }
}

/// Opportunities (商机, SPEC §2) and the stages the admin sets.
extension Store {
    static let opportunityStagesKey = "opportunity.stages"
    static let opportunityColumns = [
        "id", "number", "customer_id", "title", "product_ids", "amount_fen", "profit_fen", "probability",
        "expected_close", "owner_id", "competitors", "stage",
        "loss_reason", "winner", "closed_on", "won_by", "lead_id", "stage_changed_at", "version", "created_at",
        "updated_at",
    ]

    public func opportunityStages() async throws -> (OpportunityStages, version: Int) {
        try await setting(Store.opportunityStagesKey, default: OpportunityStages.defaults)
    }

    /// The admin names, orders and gives default probabilities to the stages (at the version he read).
    public func setOpportunityStages(_ new: OpportunityStages, version: Int, by actor: Actor) async throws -> (
        OpportunityStages, version: Int
    ) {
        guard actor.has(.admin) else { throw DomainError.forbidden }
        let stages = try new.validated()
        return try await transaction { s in
            let (old, current) = try await s.opportunityStages()
            guard current == version else { throw Store.stale(current) }
            try await s.storeSetting(Store.opportunityStagesKey, stages, over: current, by: actor)
            try await s.audit(.update, "opportunity_stages", nil, before: old, after: stages)
            return (stages, current + 1)
        }
    }

    func opportunitySelect() -> SQLSelectBuilder {
        sql.select().columns(Store.opportunityColumns.map { SQLColumn($0, table: "o") })
            .column(SQLColumn("name", table: "c"), as: "customer_name").column(
                SQLColumn("owner_id", table: "c"), as: "customer_owner_id"
            )
            .from(SQLAlias(SQLIdentifier("opportunities"), as: SQLIdentifier("o")))
            .join(
                SQLAlias(SQLIdentifier("customers"), as: SQLIdentifier("c")), method: SQLJoinMethod.inner,
                on: SQLColumn("customer_id", table: "o"), .equal, SQLColumn("id", table: "c"))
    }

    static func decodeOpportunity(_ r: any SQLRow) throws -> Opportunity {
        let products =
            (try? JSONDecoder().decode(
                [Int64].self, from: Data(try r.decode(column: "product_ids", as: String.self).utf8))) ?? []
        return Opportunity(
            id: try r.decode(column: "id", as: Int64.self), number: try r.decode(column: "number", as: String.self),
            customerId: try r.decode(column: "customer_id", as: Int64.self),
            customerName: try r.decode(column: "customer_name", as: String.self),
            customerOwnerId: try r.decode(column: "customer_owner_id", as: Int64?.self),
            title: try r.decode(column: "title", as: String.self), productIds: products,
            amount: Money(fen: try r.decode(column: "amount_fen", as: Int64.self)),
            profit: try r.decode(column: "profit_fen", as: Int64?.self).map { Money(fen: $0) },
            probability: try r.decode(column: "probability", as: Int.self),
            expectedClose: try r.decode(column: "expected_close", as: String.self),
            ownerId: try r.decode(column: "owner_id", as: Int64.self),
            competitors: try r.decode(column: "competitors", as: String.self),
            stage: Opportunity.Stage(rawValue: try r.decode(column: "stage", as: String.self)) ?? .contact,
            lossReason: try r.decode(column: "loss_reason", as: String.self),
            winner: try r.decode(column: "winner", as: String.self),
            closedOn: try r.decode(column: "closed_on", as: String.self),
            wonBy: try r.decode(column: "won_by", as: String.self),
            leadId: try r.decode(column: "lead_id", as: Int64?.self),
            stageChangedAt: try r.decode(column: "stage_changed_at", as: Int64.self),
            version: try r.decode(column: "version", as: Int.self),
            createdAt: try r.decode(column: "created_at", as: Int64.self),
            updatedAt: try r.decode(column: "updated_at", as: Int64.self))
    }

    /// The opportunity as the actor may see it (the profit only for those who see cost), or nil.
    public func opportunity(id: Int64, for actor: Actor) async throws -> Opportunity? {
        guard let o = try await rawOpportunity(id: id), OpportunityAccess.canRead(actor, o) else { return nil }
        return o.seen(by: actor)
    }

    func rawOpportunity(id: Int64) async throws -> Opportunity? {
        try await opportunitySelect().where(SQLColumn("id", table: "o"), .equal, SQLBind(id)).first().map(
            Store.decodeOpportunity)
    }

    /// The two halves of what a reader of his own reads: his opportunities, and the others' on his customers.
    enum OpportunityHalf { case his, othersOnHisCustomers }

    /// The filter and the actor's visibility (or one half of it), on a query over `opportunities o` joined to `customers c`.
    func restrictOpportunities<B: SQLPredicateBuilder>(
        _ b: B, _ f: OpportunityFilter, for actor: Actor, today: String, half: OpportunityHalf? = nil
    ) -> B {
        if !OpportunityAccess.readsAll(actor) {
            // Both halves on the opportunity itself, so each reads an index (its owner; its customer among his).
            let me = actor.has(.salesRep) ? actor.id : -1
            let his = SQLQueryString("o.customer_id IN (SELECT id FROM customers WHERE owner_id = \(bind: me))")
            switch half {
            case nil:
                b.where { w in w.where(SQLColumn("owner_id", table: "o"), .equal, SQLBind(me)).orWhere(his) }
            case .his:
                b.where(SQLColumn("owner_id", table: "o"), .equal, SQLBind(me))
            case .othersOnHisCustomers:
                // Read from his customers (the query joins them as `c`), each one's opportunities and owners from
                // one index.
                b.where(SQLColumn("owner_id", table: "c"), .equal, SQLBind(me)).where(
                    SQLColumn("owner_id", table: "o"), .notEqual, SQLBind(me))
            }
        }
        if let s = f.stage { b.where(SQLColumn("stage", table: "o"), .equal, SQLBind(s.rawValue)) }
        if f.openOnly || f.closingWithinDays != nil {
            b.where(SQLColumn("stage", table: "o"), .in, SQLBind.group(Opportunity.Stage.open.map(\.rawValue)))
        }
        if let o = f.ownerId { b.where(SQLColumn("owner_id", table: "o"), .equal, SQLBind(o)) }
        if let c = f.customerId { b.where(SQLColumn("customer_id", table: "o"), .equal, SQLBind(c)) }
        if let days = f.closingWithinDays, let last = DateText.adding(days, to: today) {
            b.where(SQLColumn("expected_close", table: "o"), .notEqual, SQLBind(""))
                .where(SQLColumn("expected_close", table: "o"), .lessThanOrEqual, SQLBind(last))
        }
        if let q = f.q, !q.isEmpty {
            let pattern = Store.likePattern(q.lowercased())
            b.where { w in
                w.orWhere(Store.like(SQLFunction("LOWER", args: SQLColumn("number", table: "o")), pattern))
                    .orWhere(Store.like(SQLFunction("LOWER", args: SQLColumn("title", table: "o")), pattern))
                    .orWhere(Store.like(SQLFunction("LOWER", args: SQLColumn("name", table: "c")), pattern))
                    .orWhere(Store.like(SQLFunction("LOWER", args: SQLColumn("competitors", table: "o")), pattern))
            }
        }
        return b
    }

    /// A count or a sum over `opportunities o`, joined to `customers c` only when the filter names the customer's name.
    func opportunityCountQuery(_ f: OpportunityFilter) -> SQLSelectBuilder {
        let b = sql.select().from(SQLAlias(SQLIdentifier("opportunities"), as: SQLIdentifier("o")))
        guard let q = f.q, !q.isEmpty else { return b }
        return b.join(
            SQLAlias(SQLIdentifier("customers"), as: SQLIdentifier("c")), method: SQLJoinMethod.inner,
            on: SQLColumn("customer_id", table: "o"), .equal, SQLColumn("id", table: "c"))
    }

    static func cacheKey(_ f: OpportunityFilter, _ actor: Actor, _ today: String) -> String {
        "\(OpportunityAccess.readsAll(actor) ? 0 : actor.id)|\(f)|\(today)"
    }

    /// A page of opportunities the actor reads, in the order asked (newest first when walking with `before`).
    public func opportunities(
        _ f: OpportunityFilter, _ q: ListQuery, before: Int64? = nil, for actor: Actor,
        today: String = DateText.today(), counting: Bool = true
    ) async throws -> Listing<Opportunity> {
        guard OpportunityAccess.canBrowse(actor) else { throw DomainError.forbidden }
        var total = 0
        if counting {
            let key = Store.cacheKey(f, actor, today)
            total = try await OpportunityCache.counts.value(key) {
                if let kept = try await self.keptStageTotals(f, for: actor) { return kept.reduce(0) { $0 + $1.count } }
                return try await self.restrictOpportunities(
                    self.opportunityCountQuery(f).column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n"), f,
                    for: actor, today: today
                )
                .first()?.decode(column: "n", as: Int.self) ?? 0
            }
        }
        if before == nil, q.sortField == "amount", f.stage == nil, f.openOnly || f.closingWithinDays != nil,
            q.offset + q.limit <= 2_000
        {
            // The open ones by amount: one query per open stage, each read in order from the (stage, amount_fen)
            // index, merged — instead of sorting every open opportunity (214,000 of 300,000) for one page.
            var pages: [Opportunity] = []
            for stage in Opportunity.Stage.open {
                var g = f
                g.stage = stage
                pages += try await opportunities(
                    g, ListQuery(limit: q.offset + q.limit, offset: 0, sortField: "amount", descending: q.descending),
                    for: actor, today: today, counting: false
                ).items
            }
            return Listing(items: Store.merged(pages, q), total: total)
        }
        if before == nil, !OpportunityAccess.readsAll(actor), Store.mergedSorts[q.sortField] != nil,
            q.offset + q.limit <= 2_000
        {
            // A reader of his own: his opportunities read in order from an index, the others' on his customers (few)
            // sorted, merged — instead of sorting all his (15,000 of 300,000) through the OR of the two for one page.
            let depth = ListQuery(
                limit: q.offset + q.limit, offset: 0, sortField: q.sortField, descending: q.descending)
            let halves =
                try await sortedOpportunities(f, depth, before: nil, for: actor, today: today, half: .his)
                + sortedOpportunities(f, depth, before: nil, for: actor, today: today, half: .othersOnHisCustomers)
            return Listing(items: Store.merged(halves, q), total: total)
        }
        return Listing(
            items: try await sortedOpportunities(f, q, before: before, for: actor, today: today), total: total)
    }

    /// The sorts of a number, which a rep's two halves are merged by as SQL orders them.
    static let mergedSorts: [String: @Sendable (Opportunity) -> Int64] = [
        "amount": { $0.amount.fen }, "probability": { Int64($0.probability) }, "updated_at": { $0.updatedAt },
        "created_at": { $0.createdAt },
    ]

    /// The page `q` asks for out of pages read with its sort (a numeric one) from offset 0, as one query sorting them
    /// all would give it: by the sort, then the id, both in the direction asked.
    static func merged(_ pages: [Opportunity], _ q: ListQuery) -> [Opportunity] {
        let key = mergedSorts[q.sortField]!
        let sorted = pages.sorted { a, b in
            key(a) != key(b) ? (key(a) < key(b)) != q.descending : (a.id < b.id) != q.descending
        }
        return Array(sorted.dropFirst(q.offset).prefix(q.limit))
    }

    /// One query's page of the actor's opportunities (or one half of them) in the order asked.
    func sortedOpportunities(
        _ f: OpportunityFilter, _ q: ListQuery, before: Int64?, for actor: Actor, today: String,
        half: OpportunityHalf? = nil
    ) async throws -> [Opportunity] {
        let b = restrictOpportunities(opportunitySelect(), f, for: actor, today: today, half: half)
        if let before {
            b.where(SQLColumn("id", table: "o"), .lessThan, SQLBind(before)).orderBy(
                SQLColumn("id", table: "o"), SQLDirection.descending)
        } else {
            let column = ["amount": "amount_fen"][q.sortField] ?? q.sortField
            // The others' opportunities on a rep's customers are few and found from his customers; an index in the
            // sort's order would tempt PostgreSQL to walk every opportunity looking for them (230 ms at 300,000, none
            // found). `+ 0` (a numeric sort: the only ones merged) keeps the order out of any index.
            let order: any SQLExpression =
                half == .othersOnHisCustomers
                ? SQLQueryString("(\(ident: "o").\(ident: column) + 0)") : SQLColumn(column, table: "o")
            b.orderBy(order, q.descending ? SQLDirection.descending : SQLDirection.ascending)
                .orderBy(SQLColumn("id", table: "o"), q.descending ? SQLDirection.descending : SQLDirection.ascending)
                .offset(q.offset)
        }
        return try await b.limit(q.limit).all().map { try Store.decodeOpportunity($0).seen(by: actor) }
    }

    /// Each stage's count, total and weighted total over the filter, in the admin's order.
    public func stageTotals(_ f: OpportunityFilter, for actor: Actor, today: String = DateText.today()) async throws
        -> [StageTotal]
    {
        guard OpportunityAccess.canBrowse(actor) else { throw DomainError.forbidden }
        let key = Store.cacheKey(f, actor, today)
        return try await OpportunityCache.totals.value(key) {
            if let kept = try await self.keptStageTotals(f, for: actor) { return kept }
            return try await self.summedStageTotals(f, for: actor, today: today)
        }
    }

    /// The totals summed from the rows the filter and the actor's visibility select.
    func summedStageTotals(_ f: OpportunityFilter, for actor: Actor, today: String) async throws -> [StageTotal] {
        let rows = try await restrictOpportunities(
            opportunityCountQuery(f).column(SQLColumn("stage", table: "o")).column(
                SQLFunction("COUNT", args: SQLLiteral.all), as: "n"
            )
            .column(SQLRaw("CAST(SUM(o.amount_fen) AS BIGINT)"), as: "total").column(
                SQLRaw("CAST(SUM(o.amount_fen * o.probability) AS BIGINT)"), as: "weighted"),
            f, for: actor, today: today
        ).groupBy(SQLColumn("stage", table: "o")).all()
        var byStage: [Opportunity.Stage: StageTotal] = [:]
        for r in rows {
            guard let stage = Opportunity.Stage(rawValue: try r.decode(column: "stage", as: String.self)) else {
                continue
            }
            // SUM answers a NUMERIC on PostgreSQL (as text through the driver) and an integer on SQLite.
            let total = Store.decodeSum(r, "total"), weighted = Store.decodeSum(r, "weighted")
            byStage[stage] = StageTotal(
                stage: stage, count: try r.decode(column: "n", as: Int.self), amount: Money(fen: total),
                weighted: Money(fen: Rate.apply(100, to: weighted)))
        }
        return try await opportunityStages().0.order.map { byStage[$0] ?? StageTotal(stage: $0) }
    }

    /// The totals from `opportunity_totals` (kept by the database on every write), when the filter is one they
    /// answer: a reader of every opportunity, by stage and owner only. Nil otherwise (the rows are summed then).
    func keptStageTotals(_ f: OpportunityFilter, for actor: Actor) async throws -> [StageTotal]? {
        guard OpportunityAccess.readsAll(actor), f.q == nil, f.customerId == nil, f.closingWithinDays == nil else {
            return nil
        }
        // Cast: PostgreSQL sums BIGINT as NUMERIC, which does not decode as an integer (the sums read 0 there).
        let b = sql.select().column("stage").column(SQLRaw("CAST(SUM(n) AS BIGINT)"), as: "n").column(
            SQLRaw("CAST(SUM(amount) AS BIGINT)"), as: "total"
        )
        .column(SQLRaw("CAST(SUM(weighted) AS BIGINT)"), as: "weighted").from("opportunity_totals")
        if let o = f.ownerId { b.where("owner_id", .equal, SQLBind(o)) }
        var byStage: [Opportunity.Stage: StageTotal] = [:]
        for r in try await b.groupBy("stage").all() {
            guard let stage = Opportunity.Stage(rawValue: try r.decode(column: "stage", as: String.self)) else {
                continue
            }
            if let only = f.stage, only != stage { continue }
            if f.openOnly && !stage.isOpen { continue }
            let n = Int(Store.decodeSum(r, "n"))
            guard n > 0 else { continue }
            byStage[stage] = StageTotal(
                stage: stage, count: n, amount: Money(fen: Store.decodeSum(r, "total")),
                weighted: Money(fen: Rate.apply(100, to: Store.decodeSum(r, "weighted"))))
        }
        return try await opportunityStages().0.order.map { byStage[$0] ?? StageTotal(stage: $0) }
    }

    /// Where the kept totals and the rows disagree, for `frontline check`.
    func opportunityTotalsProblems() async throws -> [String] {
        let kept =
            "SELECT owner_id, stage, n, amount, weighted FROM opportunity_totals WHERE n <> 0 OR amount <> 0 OR weighted <> 0"
        let live = "SELECT * FROM (\(OpportunityTotalsSQL.live)) l"
        var out: [String] = []
        for (a, b, what) in [(kept, live, "kept but not in the rows"), (live, kept, "in the rows but not kept")] {
            let n =
                try await sql.raw(
                    SQLQueryString("SELECT COUNT(*) AS n FROM (\(unsafeRaw: a) EXCEPT \(unsafeRaw: b)) d")
                ).first()?.decode(column: "n", as: Int.self) ?? 0
            if n > 0 { out.append("opportunity totals: \(n) owner and stage totals \(what)") }
        }
        return out
    }

    static func decodeSum(_ r: any SQLRow, _ column: String) -> Int64 {
        if let v = try? r.decode(column: column, as: Int64?.self) { return v ?? 0 }
        if let t = try? r.decode(column: column, as: String?.self) { return Int64(t ?? "") ?? 0 }
        if let d = try? r.decode(column: column, as: Double?.self) { return Int64(d ?? 0) }
        return 0
    }

    /// The cards of one board column: the largest first (its count and totals come from `stageTotals`).
    public func boardColumn(_ stage: Opportunity.Stage, _ f: OpportunityFilter, limit: Int, for actor: Actor)
        async throws -> [Opportunity]
    {
        var g = f
        g.stage = stage
        return try await opportunities(
            g, ListQuery(limit: limit, sortField: "amount", descending: true), for: actor, counting: false
        ).items
    }

    func activeProductIds() async throws -> Set<Int64> {
        Set(
            try await sql.select().column("id").from("products").where("active", .equal, true).all().map {
                try $0.decode(column: "id", as: Int64.self)
            })
    }

    func activeRepIds() async throws -> Set<Int64> {
        Set(try await users().filter(\.isActiveRep).map(\.id))
    }

    /// Opens an opportunity for a customer the actor may work; a rep's are his own.
    public func createOpportunity(_ input: OpportunityInput, by actor: Actor, now: Int64 = Store.nowMillis())
        async throws -> Opportunity
    {
        guard OpportunityAccess.canBrowse(actor) else { throw DomainError.forbidden }
        let products = try await activeProductIds(), reps = try await activeRepIds()
        return try await transaction { s in
            let customer = try await s.openableCustomer(input.customerId, for: actor)
            let stages = try await s.opportunityStages().0
            let first = stages.openOrder.first ?? .contact
            // A rep's opportunities are his; the others' default to the customer's rep and may name another.
            let owner = OpportunityAccess.mayReassign(actor) ? (customer.ownerId ?? 0) : actor.id
            let base = Opportunity(
                customerId: customer.id, customerName: customer.name, customerOwnerId: customer.ownerId, title: "",
                probability: stages.probability(first),
                ownerId: owner, stage: first)
            var o = try input.apply(
                to: base, actor: actor, products: products, reps: reps, today: DateText.day(now / 1000))
            if o.ownerId == 0 { throw DomainError.validation([FieldError("owner_id", "customer.owner_not_rep")]) }
            return try await s.insertOpportunity(&o, by: actor, now: now)
        }
    }

    /// The customer an opportunity is opened for: one the actor reads and may work, not archived.
    func openableCustomer(_ raw: String?, for actor: Actor) async throws -> Customer {
        guard let id = Int64((raw ?? "").trimmingCharacters(in: .whitespaces)), id > 0 else {
            throw DomainError.validation([FieldError("customer_id", "field.required")])
        }
        // One he may not read is unknown to him, as one that does not exist: another rep's customer is not confirmed.
        guard let c = try await rawCustomer(id: id), !c.archived, try await customer(id: id, for: actor) != nil else {
            throw DomainError.validation([FieldError("customer_id", "opportunity.customer_unknown")])
        }
        guard OpportunityAccess.canOpen(actor, customerOwnerId: c.ownerId) else {
            throw DomainError(
                .forbidden, .whoAsks("opportunity.customer_not_yours"),
                fields: [FieldError("customer_id", "opportunity.customer_not_yours")])
        }
        return c
    }

    /// Inserts a new opportunity with its number and records its creation, in the caller's transaction.
    func insertOpportunity(_ o: inout Opportunity, by actor: Actor, now: Int64) async throws -> Opportunity {
        o.number = try await nextNumber(in: "opportunities", prefix: "SJ")
        o.createdAt = now
        o.updatedAt = now
        o.stageChangedAt = now
        let row = try await sql.insert(into: "opportunities").columns(Store.opportunityColumns.filter { $0 != "id" })
            .values(
                SQLBind(o.number), SQLBind(o.customerId), SQLBind(o.title),
                SQLBind(String(decoding: try JSONEncoder().encode(o.productIds), as: UTF8.self)),
                SQLBind(o.amount.fen), SQLBind(o.profit?.fen), SQLBind(o.probability), SQLBind(o.expectedClose),
                SQLBind(o.ownerId), SQLBind(o.competitors),
                SQLBind(o.stage.rawValue), SQLBind(""), SQLBind(""), SQLBind(""), SQLBind(""), SQLBind(o.leadId),
                SQLBind(now), SQLBind(1), SQLBind(now), SQLBind(now)
            ).returning("id").first()
        o.id = try row!.decode(column: "id", as: Int64.self)
        OpportunityCache.clear()
        try await recordCreation(
            OpportunityProcess.name, o.id, state: o.stage.rawValue, by: actor, comment: "\(o.number) \(o.title)",
            record: o)
        return o
    }

    /// Changes an open opportunity's facts at the version the caller read; its stage moves only by a step.
    public func updateOpportunity(
        id: Int64, version: Int, _ input: OpportunityInput, by actor: Actor, now: Int64 = Store.nowMillis()
    ) async throws -> Opportunity {
        let products = try await activeProductIds(), reps = try await activeRepIds()
        return try await transaction { s in
            guard let old = try await s.rawOpportunity(id: id), OpportunityAccess.canRead(actor, old) else {
                throw DomainError.notFound
            }
            guard OpportunityAccess.canWork(actor, old) else {
                throw DomainError(.forbidden, .whoAsks("opportunity.not_owner"))
            }
            guard old.version == version else { throw Store.stale(old.version) }
            guard old.stage.isOpen else {
                throw DomainError(.conflict, Message("opportunity.closed", ["stage": "@" + old.stage.labelKey]))
            }
            // A product that has since left the price book stays on the opportunity that already names it.
            var o = try input.apply(
                to: old, actor: actor, products: products.union(old.productIds), reps: reps,
                today: DateText.day(now / 1000))
            o.version = old.version + 1
            o.updatedAt = now
            try await s.sql.update("opportunities").set("title", to: o.title)
                .set("product_ids", to: String(decoding: try JSONEncoder().encode(o.productIds), as: UTF8.self)).set(
                    "amount_fen", to: o.amount.fen
                )
                .set("profit_fen", to: o.profit?.fen).set("probability", to: o.probability).set(
                    "expected_close", to: o.expectedClose
                ).set("owner_id", to: o.ownerId)
                .set("competitors", to: o.competitors).set("version", to: o.version).set("updated_at", to: now)
                .versioned(id: id, version: version)
            OpportunityCache.clear()
            try await s.audit(.update, OpportunityProcess.name, String(id), before: old, after: o)
            return o.seen(by: actor)
        }
    }

    public func opportunitySubject(id: Int64, for actor: Actor) async throws -> OpportunityProcess.Subject? {
        try await OpportunityProcess.load(self, id: id, for: actor, now: Store.nowMillis())
    }

    public func actOnOpportunity(
        id: Int64, _ action: OpportunityProcess.Action, _ input: StepInput, version: Int?, by actor: Actor,
        now: Int64 = Store.nowMillis()
    )
        async throws -> Opportunity
    {
        try await run(OpportunityProcess.self, id: id, action, input, version: version, by: actor, now: now).opportunity
            .seen(by: actor)
    }

    /// A won tender or an effective contract wins the opportunity it hangs on (if it is not won already), in the
    /// step's transaction, recorded as the same person's step with the record's number.
    func winOpportunity(_ id: Int64?, by record: String, _ context: StepContext) async throws {
        guard let id, let o = try await rawOpportunity(id: id), o.stage != .won else { return }
        try await lockRow("opportunities", id)
        let subject = OpportunityProcess.Subject(o, stages: try await opportunityStages().0)
        _ = try await take(
            OpportunityProcess.self, .recordWin, on: subject, StepInput(comment: record), context, files: nil)
    }

    /// The opportunity a new quotation, tender or contract names: one of the customer's, open, that the actor
    /// reads. Empty is none.
    func linkableOpportunity(_ raw: String?, customerId: Int64, for actor: Actor) async throws -> Int64? {
        let t = (raw ?? "").trimmingCharacters(in: .whitespaces)
        if t.isEmpty { return nil }
        guard let id = Int64(t), let o = try await rawOpportunity(id: id), o.customerId == customerId, o.stage.isOpen,
            OpportunityAccess.canRead(actor, o)
        else {
            throw DomainError.validation([FieldError("opportunity_id", "opportunity.link_unknown")])
        }
        return id
    }

    /// The quotations, tenders and contracts that name the opportunity.
    public func opportunityLinks(_ id: Int64) async throws -> [OpportunityLink] {
        var out: [OpportunityLink] = []
        for (kind, table) in [("quotation", "quotations"), ("tender", "tenders"), ("contract", "contracts")] {
            for r in try await sql.select().columns("id", "number", "title", "state").from(table).where(
                "opportunity_id", .equal, id
            ).orderBy("id").limit(100).all() {
                out.append(
                    OpportunityLink(
                        kind: kind, id: try r.decode(column: "id", as: Int64.self),
                        number: try r.decode(column: "number", as: String.self),
                        title: try r.decode(column: "title", as: String.self),
                        state: try r.decode(column: "state", as: String.self)))
            }
        }
        return out
    }
}

extension OpportunityProcess: ProcessRecords {
    static func load(_ s: Store, id: Int64, for actor: Actor, now: Int64) async throws -> Subject? {
        guard let o = try await s.rawOpportunity(id: id), OpportunityAccess.canRead(actor, o) else { return nil }
        return Subject(o, stages: try await s.opportunityStages().0)
    }

    static func save(_ s: Store, _ new: Subject, over old: Subject, at version: Int) async throws {
        let o = new.opportunity
        try await s.sql.update("opportunities").set("stage", to: o.stage.rawValue).set("probability", to: o.probability)
            .set("amount_fen", to: o.amount.fen)
            .set("loss_reason", to: o.lossReason).set("winner", to: o.winner).set("closed_on", to: o.closedOn).set(
                "won_by", to: o.wonBy
            )
            .set("stage_changed_at", to: o.stageChangedAt).set("version", to: o.version).set(
                "updated_at", to: Store.nowMillis()
            )
            .versioned(id: o.id, version: version)
        OpportunityCache.clear()
    }
}
