import FluentKit
import Foundation
import FrontlineCore
import SQLKit

/// Which plans to list.
public struct ActionPlanFilter: Sendable, Equatable {
    public var q: String?
    public var state: ActionPlan.State?
    public var period: ActionPlan.Period?
    public var ownerId: Int64?
    /// The period's first day.
    public var startsOn: String?
    public init(
        q: String? = nil, state: ActionPlan.State? = nil, period: ActionPlan.Period? = nil, ownerId: Int64? = nil,
        startsOn: String? = nil
    ) {
        self.q = q; self.state = state; self.period = period; self.ownerId = ownerId; self.startsOn = startsOn
    }
    public static let sorts: Set<String> = ["number", "starts_on", "created_at", "updated_at"]
}

/// An opportunity the plan's owner won or lost inside its period, for the summary report.
public struct PlanOutcome: Sendable, Equatable {
    public var opportunityId: Int64
    public var number: String
    public var title: String
    public var customerName: String
    public var won: Bool
    public var amountFen: Int64
    public var reason: String
    public var winner: String
}

/// Reps' action plans (行动计划) and their summary reports (销售分析和总结报告).
extension Store {
    static let actionPlanColumns = [
        "id", "number", "owner_id", "period", "starts_on", "ends_on", "items", "results", "lost_deals", "market_notes",
        "state", "version", "created_at", "updated_at",
    ]

    static func decodeActionPlan(_ r: any SQLRow) throws -> ActionPlan {
        let items = try JSONDecoder().decode(
            [ActionPlanItem].self, from: Data(try r.decode(column: "items", as: String.self).utf8))
        return ActionPlan(
            id: try r.decode(column: "id", as: Int64.self), number: try r.decode(column: "number", as: String.self),
            ownerId: try r.decode(column: "owner_id", as: Int64.self),
            period: ActionPlan.Period(rawValue: try r.decode(column: "period", as: String.self)) ?? .week,
            startsOn: try r.decode(column: "starts_on", as: String.self),
            endsOn: try r.decode(column: "ends_on", as: String.self), items: items,
            results: try r.decode(column: "results", as: String.self),
            lostDeals: try r.decode(column: "lost_deals", as: String.self),
            marketNotes: try r.decode(column: "market_notes", as: String.self),
            state: ActionPlan.State(rawValue: try r.decode(column: "state", as: String.self)) ?? .draft,
            version: try r.decode(column: "version", as: Int.self),
            createdAt: try r.decode(column: "created_at", as: Int64.self),
            updatedAt: try r.decode(column: "updated_at", as: Int64.self))
    }

    static func itemsJSON(_ items: [ActionPlanItem]) throws -> String {
        String(decoding: try JSONEncoder().encode(items), as: UTF8.self)
    }

    func rawActionPlan(id: Int64) async throws -> ActionPlan? {
        try await sql.select().columns(Store.actionPlanColumns).from("action_plans").where("id", .equal, id).first()
            .map(Store.decodeActionPlan)
    }

    public func actionPlan(id: Int64, for actor: Actor) async throws -> ActionPlan? {
        guard let p = try await rawActionPlan(id: id), ActionPlanAccess.canRead(actor, p) else { return nil }
        return p
    }

    func restrictActionPlans<B: SQLPredicateBuilder>(_ b: B, _ f: ActionPlanFilter, for actor: Actor) -> B {
        if !ActionPlanAccess.readsAll(actor) { b.where("owner_id", .equal, SQLBind(actor.id)) }
        if let o = f.ownerId { b.where("owner_id", .equal, SQLBind(o)) }
        if let s = f.state { b.where("state", .equal, SQLBind(s.rawValue)) }
        if let p = f.period { b.where("period", .equal, SQLBind(p.rawValue)) }
        if let d = f.startsOn { b.where("starts_on", .equal, SQLBind(d)) }
        if let q = f.q, !q.isEmpty {
            // The number, the owner's name, the items' goals and the report's text.
            let pattern = Store.likePattern(q.lowercased())
            b.where { w in
                w.orWhere(Store.like(SQLFunction("LOWER", args: SQLColumn("number")), pattern)).orWhere(
                    Store.like(SQLFunction("LOWER", args: SQLColumn("items")), pattern)
                )
                .orWhere(Store.like(SQLFunction("LOWER", args: SQLColumn("results")), pattern))
                .orWhere(
                    SQLColumn("owner_id"), .in,
                    SQLGroupExpression(
                        sql.select().column("id").from("users").where(
                            Store.like(SQLFunction("LOWER", args: SQLColumn("display_name")), pattern)
                        ).query))
            }
        }
        return b
    }

    public func actionPlans(_ f: ActionPlanFilter, _ q: ListQuery, before: Int64? = nil, for actor: Actor) async throws
        -> Listing<ActionPlan>
    {
        guard ActionPlanAccess.canBrowse(actor) else { throw DomainError.forbidden }
        let count = restrictActionPlans(
            sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("action_plans"), f, for: actor
        )
        return try await page(
            count: count,
            rows: restrictActionPlans(
                sql.select().columns(Store.actionPlanColumns).from("action_plans"), f, for: actor), q, before: before,
            decode: Store.decodeActionPlan)
    }

    /// The customers a rep may plan work with: those he may read, not archived, among `ids`.
    func plannableCustomers(_ ids: [Int64], for actor: Actor) async throws -> Set<Int64> {
        guard !ids.isEmpty else { return [] }
        var out: Set<Int64> = []
        for r in try await sql.select().column(SQLRaw(Store.customerColumns)).from(
            SQLAlias(SQLIdentifier("customers"), as: SQLIdentifier("c"))
        )
        .where(SQLColumn("id", table: "c"), .in, SQLBind.group(Array(Set(ids)))).all() {
            let c = try Store.decodeCustomer(r)
            if !c.archived && CustomerAccess.canRead(actor, c) { out.insert(c.id) }
        }
        return out
    }

    static func itemCustomerIds(_ input: ActionPlanInput) -> [Int64] {
        (input.items ?? []).compactMap { Int64(($0.customerId ?? "").trimmingCharacters(in: .whitespaces)) }
    }

    /// The names of the customers the plans' items name.
    public func planCustomerNames(_ plans: [ActionPlan]) async throws -> [Int64: String] {
        let ids = Array(Set(plans.flatMap { $0.items.compactMap(\.customerId) }))
        guard !ids.isEmpty else { return [:] }
        var out: [Int64: String] = [:]
        for r in try await sql.select().columns("id", "name").from("customers").where("id", .in, SQLBind.group(ids))
            .all()
        {
            out[try r.decode(column: "id", as: Int64.self)] = try r.decode(column: "name", as: String.self)
        }
        return out
    }

    /// A rep opens his plan for a period (this week's when none is named); one per rep and period.
    public func createActionPlan(_ input: ActionPlanInput, by actor: Actor, now: Int64 = Store.nowMillis()) async throws
        -> ActionPlan
    {
        guard ActionPlanAccess.canPlan(actor) else { throw DomainError(.forbidden, .whoAsks("plan.reps_plan")) }
        let readable = try await plannableCustomers(Store.itemCustomerIds(input), for: actor)
        var p = try input.newPlan(owner: actor.id, today: DateText.day(now / 1000), readable: { readable.contains($0) })
        p.createdAt = now
        p.updatedAt = now
        let draft = p
        return try await transaction { s in
            // Two tabs opening the same period at once: the rep's user row queues them, the second finds the first.
            try await s.lockRow("users", actor.id)
            if let other = try await s.sql.select().column("number").from("action_plans").where(
                "owner_id", .equal, actor.id
            )
            .where("period", .equal, draft.period.rawValue).where("starts_on", .equal, draft.startsOn).first() {
                throw DomainError(
                    .duplicate, Message("plan.exists", ["number": try other.decode(column: "number", as: String.self)]))
            }
            var p = draft
            p.number = try await s.nextNumber(in: "action_plans", prefix: "JH")
            let row = try await s.sql.insert(into: "action_plans").columns(
                Store.actionPlanColumns.filter { $0 != "id" }
            )
            .values(
                SQLBind(p.number), SQLBind(p.ownerId), SQLBind(p.period.rawValue), SQLBind(p.startsOn),
                SQLBind(p.endsOn), SQLBind(try Store.itemsJSON(p.items)),
                SQLBind(""), SQLBind(""), SQLBind(""), SQLBind(p.state.rawValue), SQLBind(1), SQLBind(now), SQLBind(now)
            ).returning("id").first()
            p.id = try row!.decode(column: "id", as: Int64.self)
            try await s.recordCreation(
                ActionPlanProcess.name, p.id, state: p.state.rawValue, by: actor, comment: p.number, record: p)
            return p
        }
    }

    /// The owner changes his plan's period and items (draft or returned) or its summary report (approved).
    public func updateActionPlan(
        id: Int64, version: Int, _ input: ActionPlanInput, by actor: Actor, now: Int64 = Store.nowMillis()
    ) async throws -> ActionPlan {
        let readable = try await plannableCustomers(Store.itemCustomerIds(input), for: actor)
        return try await transaction { s in
            guard let old = try await s.rawActionPlan(id: id), ActionPlanAccess.canRead(actor, old) else {
                throw DomainError.notFound
            }
            guard ActionPlanAccess.canEdit(actor, old) else {
                throw DomainError(.forbidden, .whoAsks("plan.not_owner"))
            }
            guard old.version == version else { throw Store.stale(old.version) }
            // A customer already in the plan stays plannable even if he has since moved on.
            let kept = Set(old.items.compactMap(\.customerId))
            var p = try input.apply(to: old, readable: { readable.contains($0) || kept.contains($0) })
            if p.startsOn != old.startsOn || p.period != old.period {
                if let other = try await s.sql.select().column("number").from("action_plans").where(
                    "owner_id", .equal, old.ownerId
                )
                .where("period", .equal, p.period.rawValue).where("starts_on", .equal, p.startsOn).where(
                    "id", .notEqual, id
                ).first() {
                    throw DomainError(
                        .duplicate,
                        Message("plan.exists", ["number": try other.decode(column: "number", as: String.self)]))
                }
            }
            p.version = old.version + 1
            p.updatedAt = now
            try await s.sql.update("action_plans").set("period", to: p.period.rawValue).set("starts_on", to: p.startsOn)
                .set("ends_on", to: p.endsOn)
                .set("items", to: try Store.itemsJSON(p.items)).set("results", to: p.results).set(
                    "lost_deals", to: p.lostDeals
                )
                .set("market_notes", to: p.marketNotes).set("version", to: p.version).set("updated_at", to: now)
                .versioned(id: id, version: version)
            try await s.audit(.update, ActionPlanProcess.name, String(id), before: old, after: p)
            return p
        }
    }

    /// How many of each kind of contact each of `owners` logged with each customer inside `window`.
    func loggedContacts(owners: [Int64], window: ClosedRange<Int64>) async throws -> [Int64: [PlanProgress.Key: Int]] {
        guard !owners.isEmpty else { return [:] }
        var out: [Int64: [PlanProgress.Key: Int]] = [:]
        for r in try await sql.select().column("author_id").column("customer_id").column("kind").column(
            SQLFunction("COUNT", args: SQLLiteral.all), as: "n"
        )
        .from("communications").where("author_id", .in, SQLBind.group(owners))
        .where("occurred_at", .greaterThanOrEqual, SQLBind(window.lowerBound)).where(
            "occurred_at", .lessThanOrEqual, SQLBind(window.upperBound)
        )
        .groupBy("author_id").groupBy("customer_id").groupBy("kind").all() {
            guard let kind = CommunicationKind(rawValue: try r.decode(column: "kind", as: String.self)) else {
                continue
            }
            let key = PlanProgress.Key(try r.decode(column: "customer_id", as: Int64.self), kind)
            out[try r.decode(column: "author_id", as: Int64.self), default: [:]][key] = try r.decode(
                column: "n", as: Int.self)
        }
        return out
    }

    /// The plan's items against the contacts its owner logged in its period.
    public func planProgress(_ p: ActionPlan) async throws -> PlanProgress {
        PlanProgress(
            items: p.items, logged: try await loggedContacts(owners: [p.ownerId], window: p.window)[p.ownerId] ?? [:])
    }

    /// Each plan's progress by id, one count per distinct period (a list page holds few).
    public func planProgresses(_ plans: [ActionPlan]) async throws -> [Int64: PlanProgress] {
        var out: [Int64: PlanProgress] = [:]
        for (window, group) in Dictionary(grouping: plans, by: { [$0.startsOn, $0.endsOn] }) {
            let logged = try await loggedContacts(
                owners: Array(Set(group.map(\.ownerId))), window: PlanPeriod.window(window[0], window[1]))
            for p in group { out[p.id] = PlanProgress(items: p.items, logged: logged[p.ownerId] ?? [:]) }
        }
        return out
    }

    /// Every active rep's plan for the period starting on `start`, and its completion (the manager's page).
    public func planCompletion(_ period: ActionPlan.Period, start: String, for actor: Actor) async throws
        -> [PlanCompletion]
    {
        guard ActionPlanAccess.readsAll(actor) else { throw DomainError.forbidden }
        let bounds = try PlanPeriod.bounds(period, start: start)
        let reps = try await users().filter(\.isActiveRep).sorted { $0.id < $1.id }
        var plans: [Int64: ActionPlan] = [:]
        for r in try await sql.select().columns(Store.actionPlanColumns).from("action_plans").where(
            "period", .equal, period.rawValue
        )
        .where("starts_on", .equal, bounds.start).all() {
            let p = try Store.decodeActionPlan(r)
            plans[p.ownerId] = p
        }
        let logged = try await loggedContacts(
            owners: Array(plans.keys), window: PlanPeriod.window(bounds.start, bounds.end))
        // A rep who has left keeps his line when he made a plan for the period.
        let ids = reps.map(\.id) + plans.keys.filter { id in !reps.contains { $0.id == id } }.sorted()
        return ids.map { id in
            let plan = plans[id]
            return PlanCompletion(
                repId: id, plan: plan, progress: plan.map { PlanProgress(items: $0.items, logged: logged[id] ?? [:]) })
        }
    }

    /// The opportunities the plan's owner won or lost inside its period, from their histories.
    public func planOutcomes(_ p: ActionPlan) async throws -> [PlanOutcome] {
        let w = p.window
        let rows = try await sql.select().column(SQLColumn("id", table: "o")).column(SQLColumn("number", table: "o"))
            .column(SQLColumn("title", table: "o"))
            .column(SQLColumn("name", table: "c"), as: "customer_name").column(SQLColumn("stage", table: "o")).column(
                SQLColumn("amount_fen", table: "o")
            )
            .column(SQLColumn("loss_reason", table: "o")).column(SQLColumn("winner", table: "o"))
            .from(SQLAlias(SQLIdentifier("opportunities"), as: SQLIdentifier("o")))
            .join(
                SQLAlias(SQLIdentifier("customers"), as: SQLIdentifier("c")), method: SQLJoinMethod.inner,
                on: SQLColumn("customer_id", table: "o"), .equal, SQLColumn("id", table: "c")
            )
            .where(SQLColumn("owner_id", table: "o"), .equal, SQLBind(p.ownerId))
            .where(
                SQLColumn("stage", table: "o"), .in,
                SQLBind.group([Opportunity.Stage.won.rawValue, Opportunity.Stage.lost.rawValue])
            )
            .where(
                SQLColumn("id", table: "o"), .in,
                SQLGroupExpression(
                    sql.select().column("record_id").from("process_events").where(
                        "process", .equal, OpportunityProcess.name
                    )
                    .where("action", .in, SQLBind.group(["win", "lose", "record_win"]))
                    .where("at", .greaterThanOrEqual, SQLBind(w.lowerBound * 1000)).where(
                        "at", .lessThanOrEqual, SQLBind(w.upperBound * 1000 + 999)
                    ).query)
            )
            .orderBy(SQLColumn("id", table: "o")).limit(200).all()
        return try rows.map { r in
            PlanOutcome(
                opportunityId: try r.decode(column: "id", as: Int64.self),
                number: try r.decode(column: "number", as: String.self),
                title: try r.decode(column: "title", as: String.self),
                customerName: try r.decode(column: "customer_name", as: String.self),
                won: try r.decode(column: "stage", as: String.self) == Opportunity.Stage.won.rawValue,
                amountFen: try r.decode(column: "amount_fen", as: Int64.self),
                reason: try r.decode(column: "loss_reason", as: String.self),
                winner: try r.decode(column: "winner", as: String.self))
        }
    }

    public func actionPlanSubject(id: Int64, for actor: Actor) async throws -> ActionPlanProcess.Subject? {
        try await ActionPlanProcess.load(self, id: id, for: actor, now: Store.nowMillis())
    }

    public func actOnActionPlan(
        id: Int64, _ action: ActionPlanProcess.Action, _ input: StepInput, version: Int?, by actor: Actor,
        now: Int64 = Store.nowMillis()
    )
        async throws -> ActionPlan
    {
        try await run(ActionPlanProcess.self, id: id, action, input, version: version, by: actor, now: now).plan
    }
}

extension ActionPlanProcess: ProcessRecords {
    static func load(_ s: Store, id: Int64, for actor: Actor, now: Int64) async throws -> Subject? {
        guard let p = try await s.actionPlan(id: id, for: actor) else { return nil }
        return Subject(p, today: DateText.day(now / 1000))
    }

    static func save(_ s: Store, _ new: Subject, over old: Subject, at version: Int) async throws {
        try await s.sql.update("action_plans").set("state", to: new.plan.state.rawValue).set(
            "version", to: new.plan.version
        )
        .set("updated_at", to: Store.nowMillis()).versioned(id: new.plan.id, version: version)
    }
}
