import FluentKit
import Foundation
import FrontlineCore
import SQLKit

/// Which screening proposals to list.
public struct ScreeningFilter: Sendable, Equatable {
    public var state: Screening.State?
    public var customerId: Int64?
    /// A fragment of the number, the customer's name or the reason.
    public var q: String?
    public init(state: Screening.State? = nil, customerId: Int64? = nil, q: String? = nil) {
        self.state = state; self.customerId = customerId; self.q = q
    }
}

/// Customer screening proposals (筛选客户).
extension Store {
    static let screeningColumns = [
        "id", "number", "customer_id", "outcome", "tier", "status", "tier_before", "status_before", "reason",
        "decision", "proposer_id", "state", "version",
        "created_at", "updated_at",
    ]

    func screeningSelect() -> SQLSelectBuilder {
        sql.select().columns(Store.screeningColumns.map { SQLColumn($0, table: "s") }).column(
            SQLColumn("name", table: "c"), as: "customer_name"
        )
        .column(SQLColumn("archived", table: "c"), as: "customer_archived")
        .from(SQLAlias(SQLIdentifier("screenings"), as: SQLIdentifier("s")))
        .join(
            SQLAlias(SQLIdentifier("customers"), as: SQLIdentifier("c")), method: SQLJoinMethod.inner,
            on: SQLColumn("customer_id", table: "s"), .equal, SQLColumn("id", table: "c"))
    }

    static func decodeScreening(_ r: any SQLRow) throws -> Screening {
        Screening(
            id: try r.decode(column: "id", as: Int64.self), number: try r.decode(column: "number", as: String.self),
            customerId: try r.decode(column: "customer_id", as: Int64.self),
            customerName: try r.decode(column: "customer_name", as: String.self),
            outcome: Screening.Outcome(rawValue: try r.decode(column: "outcome", as: String.self)) ?? .tier,
            tier: try r.decode(column: "tier", as: String?.self).flatMap(CustomerTier.init(rawValue:)),
            status: try r.decode(column: "status", as: String?.self).flatMap(CustomerStatus.init(rawValue:)),
            tierBefore: CustomerTier(rawValue: try r.decode(column: "tier_before", as: String.self)) ?? .c,
            statusBefore: CustomerStatus(rawValue: try r.decode(column: "status_before", as: String.self)) ?? .active,
            reason: try r.decode(column: "reason", as: String.self),
            decision: try r.decode(column: "decision", as: String.self),
            proposerId: try r.decode(column: "proposer_id", as: Int64.self),
            state: Screening.State(rawValue: try r.decode(column: "state", as: String.self)) ?? .proposed,
            version: try r.decode(column: "version", as: Int.self),
            createdAt: try r.decode(column: "created_at", as: Int64.self),
            updatedAt: try r.decode(column: "updated_at", as: Int64.self))
    }

    public func screening(id: Int64, for actor: Actor) async throws -> Screening? {
        guard ScreeningAccess.canBrowse(actor) else { return nil }
        return try await screeningSelect().where(SQLColumn("id", table: "s"), .equal, SQLBind(id)).first().map(
            Store.decodeScreening)
    }

    /// What the list sorts by besides `id` (newest first unless asked otherwise), by the names `sort` takes.
    public static let screeningSorts: [String: SQLColumn] = [
        "created_at": SQLColumn("created_at", table: "s"), "customer": SQLColumn("name", table: "c"),
        "state": SQLColumn("state", table: "s"),
    ]

    public func screenings(
        _ f: ScreeningFilter, limit: Int = 50, offset: Int = 0, before: Int64? = nil, order: ListQuery? = nil,
        for actor: Actor
    ) async throws
        -> Listing<Screening>
    {
        guard ScreeningAccess.canBrowse(actor) else { throw DomainError.forbidden }
        func filtered<B: SQLPredicateBuilder>(_ b: B) -> B {
            if let s = f.state { b.where(SQLColumn("state", table: "s"), .equal, SQLBind(s.rawValue)) }
            if let c = f.customerId { b.where(SQLColumn("customer_id", table: "s"), .equal, SQLBind(c)) }
            if let before { b.where(SQLColumn("id", table: "s"), .lessThan, SQLBind(before)) }
            if let q = f.q, !q.isEmpty {
                let pattern = Store.likePattern(q.lowercased())
                b.where { w in
                    w.orWhere(Store.like(SQLFunction("LOWER", args: SQLColumn("number", table: "s")), pattern))
                        .orWhere(Store.like(SQLFunction("LOWER", args: SQLColumn("name", table: "c")), pattern))
                        .orWhere(Store.like(SQLFunction("LOWER", args: SQLColumn("reason", table: "s")), pattern))
                }
            }
            return b
        }
        let total =
            try await filtered(
                sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from(
                    SQLAlias(SQLIdentifier("screenings"), as: SQLIdentifier("s"))
                )
                .join(
                    SQLAlias(SQLIdentifier("customers"), as: SQLIdentifier("c")), method: SQLJoinMethod.inner,
                    on: SQLColumn("customer_id", table: "s"), .equal, SQLColumn("id", table: "c"))
            ).first()?.decode(column: "n", as: Int.self) ?? 0
        let rows = try await Store.order(
            filtered(screeningSelect()), order, Store.screeningSorts, id: SQLColumn("id", table: "s"), before: before
        ).limit(limit).offset(offset).all()
        return Listing(items: try rows.map(Store.decodeScreening), total: total)
    }

    /// The market manager proposes a screening of a customer in the archive; one open proposal per customer.
    public func proposeScreening(_ input: ScreeningInput, by actor: Actor, now: Int64 = Store.nowMillis()) async throws
        -> Screening
    {
        guard ScreeningAccess.canPropose(actor) else { throw DomainError(.forbidden, .whoAsks("screening.managers")) }
        let raw = (input.customerId ?? "").trimmingCharacters(in: .whitespaces)
        guard let id = Int64(raw), id > 0 else {
            throw DomainError.validation([FieldError("customer_id", raw.isEmpty ? "field.required" : "field.not_id")])
        }
        return try await transaction { s in
            guard let c = try await s.rawCustomer(id: id), !c.archived else {
                throw DomainError.validation([FieldError("customer_id", "screening.customer_unknown")])
            }
            try await s.lockRow("customers", id)
            if let open = try await s.sql.select().column("number").from("screenings").where("customer_id", .equal, id)
                .where("state", .equal, Screening.State.proposed.rawValue).first()
            {
                throw DomainError(
                    .duplicate,
                    Message("screening.open_already", ["number": try open.decode(column: "number", as: String.self)]))
            }
            var p = try input.proposal(for: c, by: actor)
            p.createdAt = now
            p.updatedAt = now
            p.number = try await s.nextNumber(in: "screenings", prefix: "SX")
            let row = try await s.sql.insert(into: "screenings").columns(Store.screeningColumns.filter { $0 != "id" })
                .values(
                    SQLBind(p.number), SQLBind(p.customerId), SQLBind(p.outcome.rawValue), SQLBind(p.tier?.rawValue),
                    SQLBind(p.status?.rawValue),
                    SQLBind(p.tierBefore.rawValue), SQLBind(p.statusBefore.rawValue), SQLBind(p.reason), SQLBind(""),
                    SQLBind(p.proposerId), SQLBind(p.state.rawValue),
                    SQLBind(1), SQLBind(now), SQLBind(now)
                ).returning("id").first()
            p.id = try row!.decode(column: "id", as: Int64.self)
            try await s.recordCreation(
                ScreeningProcess.name, p.id, state: p.state.rawValue, by: actor,
                comment: "\(p.number) \(c.name)：\(p.reason)", record: p)
            return p
        }
    }

    public func screeningSubject(id: Int64, for actor: Actor) async throws -> ScreeningProcess.Subject? {
        try await ScreeningProcess.load(self, id: id, for: actor, now: Store.nowMillis())
    }

    public func actOnScreening(
        id: Int64, _ action: ScreeningProcess.Action, _ input: StepInput, version: Int?, by actor: Actor,
        now: Int64 = Store.nowMillis()
    )
        async throws -> Screening
    {
        try await run(ScreeningProcess.self, id: id, action, input, version: version, by: actor, now: now).screening
    }
}

extension ScreeningProcess: ProcessRecords {
    static func load(_ s: Store, id: Int64, for actor: Actor, now: Int64) async throws -> Subject? {
        guard ScreeningAccess.canBrowse(actor),
            let r = try await s.screeningSelect().where(SQLColumn("id", table: "s"), .equal, SQLBind(id)).first()
        else { return nil }
        return Subject(
            try Store.decodeScreening(r), customerArchived: try r.decode(column: "customer_archived", as: Bool.self))
    }

    static func save(_ s: Store, _ new: Subject, over old: Subject, at version: Int) async throws {
        let p = new.screening
        try await s.sql.update("screenings").set("state", to: p.state.rawValue).set("decision", to: p.decision).set(
            "version", to: p.version
        )
        .set("updated_at", to: Store.nowMillis()).versioned(id: p.id, version: version)
    }

    /// The GM's approval changes the customer as proposed, in the step's transaction: one more version of it, audited.
    static func perform(
        _ s: Store, _ effect: Effect, on subject: inout Subject, context: StepContext, files: FileFolder?
    ) async throws -> Bool {
        switch effect {
        case .applyToCustomer:
            let p = subject.screening
            try await s.lockRow("customers", p.customerId)
            guard let old = try await s.rawCustomer(id: p.customerId) else { throw DomainError.notFound }
            var new = old
            switch p.outcome {
            case .tier: new.tier = p.tier ?? old.tier
            case .status: new.status = p.status ?? old.status
            case .archive: new.archived = true
            }
            new.version = old.version + 1
            new.updatedAt = context.now
            try await s.sql.update("customers").set("tier", to: new.tier.rawValue).set(
                "status", to: new.status.rawValue
            ).set("archived", to: new.archived)
                .set("version", to: new.version).set("updated_at", to: new.updatedAt).versioned(
                    id: old.id, version: old.version)
            CountCache.shared.clear()
            try await s.audit(
                p.outcome == .archive ? .archive : .update, "customer", String(old.id), before: old, after: new)
            subject.customerArchived = new.archived
        }
        return false
    }
}
