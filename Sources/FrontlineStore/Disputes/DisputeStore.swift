import FluentKit
import Foundation
import FrontlineCore
import SQLKit

/// Which disputes to list.
public struct DisputeFilter: Sendable, Equatable {
    public var state: Dispute.State?
    public var customerId: Int64?
    /// A fragment of the number, the customer's name or the reason.
    public var q: String?
    public init(state: Dispute.State? = nil, customerId: Int64? = nil, q: String? = nil) {
        self.state = state; self.customerId = customerId; self.q = q
    }
}

/// Ownership disputes (工作争议).
extension Store {
    static let disputeColumns = [
        "id", "number", "customer_id", "claimant_id", "owner_id", "reason", "state", "decision", "version",
        "created_at", "updated_at",
    ]

    func disputeSelect() -> SQLSelectBuilder {
        sql.select().columns(Store.disputeColumns.map { SQLColumn($0, table: "d") }).column(
            SQLColumn("name", table: "c"), as: "customer_name"
        )
        .column(SQLColumn("owner_id", table: "c"), as: "current_owner_id")
        .from(SQLAlias(SQLIdentifier("disputes"), as: SQLIdentifier("d")))
        .join(
            SQLAlias(SQLIdentifier("customers"), as: SQLIdentifier("c")), method: SQLJoinMethod.inner,
            on: SQLColumn("customer_id", table: "d"), .equal, SQLColumn("id", table: "c"))
    }

    static func decodeDispute(_ r: any SQLRow) throws -> Dispute {
        Dispute(
            id: try r.decode(column: "id", as: Int64.self), number: try r.decode(column: "number", as: String.self),
            customerId: try r.decode(column: "customer_id", as: Int64.self),
            customerName: try r.decode(column: "customer_name", as: String.self),
            claimantId: try r.decode(column: "claimant_id", as: Int64.self),
            ownerId: try r.decode(column: "owner_id", as: Int64.self),
            reason: try r.decode(column: "reason", as: String.self),
            state: Dispute.State(rawValue: try r.decode(column: "state", as: String.self)) ?? .open,
            decision: try r.decode(column: "decision", as: String.self),
            version: try r.decode(column: "version", as: Int.self),
            createdAt: try r.decode(column: "created_at", as: Int64.self),
            updatedAt: try r.decode(column: "updated_at", as: Int64.self))
    }

    public func dispute(id: Int64, for actor: Actor) async throws -> Dispute? {
        guard let r = try await disputeSelect().where(SQLColumn("id", table: "d"), .equal, SQLBind(id)).first() else {
            return nil
        }
        let d = try Store.decodeDispute(r)
        return DisputeAccess.canRead(actor, d) ? d : nil
    }

    /// What the list sorts by besides `id` (newest first unless asked otherwise), by the names `sort` takes.
    public static let disputeSorts: [String: SQLColumn] = [
        "created_at": SQLColumn("created_at", table: "d"), "customer": SQLColumn("name", table: "c"),
        "state": SQLColumn("state", table: "d"),
    ]

    public func disputes(
        _ f: DisputeFilter, limit: Int = 50, offset: Int = 0, before: Int64? = nil, order: ListQuery? = nil,
        for actor: Actor
    ) async throws -> Listing<Dispute> {
        guard DisputeAccess.canBrowse(actor) else { throw DomainError.forbidden }
        func filtered<B: SQLPredicateBuilder>(_ b: B) -> B {
            if !DisputeAccess.readsAll(actor) {
                b.where { w in
                    w.where(SQLColumn("claimant_id", table: "d"), .equal, SQLBind(actor.id)).orWhere(
                        SQLColumn("owner_id", table: "d"), .equal, SQLBind(actor.id))
                }
            }
            if let s = f.state { b.where(SQLColumn("state", table: "d"), .equal, SQLBind(s.rawValue)) }
            if let c = f.customerId { b.where(SQLColumn("customer_id", table: "d"), .equal, SQLBind(c)) }
            if let before { b.where(SQLColumn("id", table: "d"), .lessThan, SQLBind(before)) }
            if let q = f.q, !q.isEmpty {
                let pattern = Store.likePattern(q.lowercased())
                b.where { w in
                    w.orWhere(Store.like(SQLFunction("LOWER", args: SQLColumn("number", table: "d")), pattern))
                        .orWhere(Store.like(SQLFunction("LOWER", args: SQLColumn("name", table: "c")), pattern))
                        .orWhere(Store.like(SQLFunction("LOWER", args: SQLColumn("reason", table: "d")), pattern))
                }
            }
            return b
        }
        let total =
            try await filtered(customerRecordCount("disputes", "d")).first()?.decode(column: "n", as: Int.self) ?? 0
        let rows = try await Store.order(
            filtered(disputeSelect()), order, Store.disputeSorts, id: SQLColumn("id", table: "d"), before: before
        ).limit(limit).offset(offset).all()
        return Listing(items: try rows.map(Store.decodeDispute), total: total)
    }

    /// The name of a customer another rep owns, which `actor` may raise a dispute over (nil otherwise).
    public func disputableCustomerName(id: Int64, for actor: Actor) async throws -> String? {
        guard DisputeAccess.canRaise(actor), let c = try await rawCustomer(id: id), !c.archived, let owner = c.ownerId,
            owner != actor.id
        else { return nil }
        return c.name
    }

    /// A rep raises a dispute over a customer another rep owns; one open dispute of his per customer.
    public func raiseDispute(customerId raw: String?, reason: String?, by actor: Actor, now: Int64 = Store.nowMillis())
        async throws -> Dispute
    {
        guard DisputeAccess.canRaise(actor) else { throw DomainError(.forbidden, .whoAsks("dispute.reps_raise")) }
        let text = try DisputeProcess.validatedReason(reason)
        guard let id = Int64((raw ?? "").trimmingCharacters(in: .whitespaces)), id > 0 else {
            throw DomainError.validation([FieldError("customer_id", "field.required")])
        }
        return try await transaction { s in
            guard let c = try await s.rawCustomer(id: id), !c.archived else {
                throw DomainError.validation([FieldError("customer_id", "opportunity.customer_unknown")])
            }
            guard let owner = c.ownerId, owner != actor.id else {
                throw DomainError.validation([FieldError("customer_id", "dispute.not_others")])
            }
            try await s.lockRow("customers", id)
            if let open = try await s.sql.select().column("number").from("disputes").where("customer_id", .equal, id)
                .where("claimant_id", .equal, actor.id)
                .where("state", .equal, Dispute.State.open.rawValue).first()
            {
                let number = try open.decode(column: "number", as: String.self)
                throw DomainError(.duplicate, Message("dispute.open_already", ["number": number]))
            }
            var d = Dispute(
                customerId: id, customerName: c.name, claimantId: actor.id, ownerId: owner, reason: text,
                createdAt: now, updatedAt: now)
            d.number = try await s.nextNumber(in: "disputes", prefix: "ZY")
            let row = try await s.sql.insert(into: "disputes").columns(Store.disputeColumns.filter { $0 != "id" })
                .values(
                    SQLBind(d.number), SQLBind(d.customerId), SQLBind(d.claimantId), SQLBind(d.ownerId),
                    SQLBind(d.reason), SQLBind(d.state.rawValue), SQLBind(""),
                    SQLBind(1), SQLBind(now), SQLBind(now)
                ).returning("id").first()
            d.id = try row!.decode(column: "id", as: Int64.self)
            try await s.recordCreation(
                DisputeProcess.name, d.id, state: d.state.rawValue, by: actor, comment: "\(d.number) \(c.name)：\(text)",
                record: d)
            return d
        }
    }

    public func disputeSubject(id: Int64, for actor: Actor) async throws -> DisputeProcess.Subject? {
        try await DisputeProcess.load(self, id: id, for: actor, now: Store.nowMillis())
    }

    public func actOnDispute(
        id: Int64, _ action: DisputeProcess.Action, _ input: StepInput, version: Int?, by actor: Actor,
        now: Int64 = Store.nowMillis()
    ) async throws -> Dispute {
        try await run(DisputeProcess.self, id: id, action, input, version: version, by: actor, now: now).dispute
    }
}

extension DisputeProcess: ProcessRecords {
    static func load(_ s: Store, id: Int64, for actor: Actor, now: Int64) async throws -> Subject? {
        guard let r = try await s.disputeSelect().where(SQLColumn("id", table: "d"), .equal, SQLBind(id)).first() else {
            return nil
        }
        let d = try Store.decodeDispute(r)
        guard DisputeAccess.canRead(actor, d) else { return nil }
        return Subject(d, currentOwnerId: try r.decode(column: "current_owner_id", as: Int64?.self))
    }

    static func save(_ s: Store, _ new: Subject, over old: Subject, at version: Int) async throws {
        let d = new.dispute
        try await s.sql.update("disputes").set("state", to: d.state.rawValue).set("decision", to: d.decision).set(
            "version", to: d.version
        )
        .set("updated_at", to: Store.nowMillis()).versioned(id: d.id, version: version)
    }

    static func perform(
        _ s: Store, _ effect: Effect, on subject: inout Subject, context: StepContext, files: FileFolder?
    ) async throws -> Bool {
        switch effect {
        case .handOver:
            guard let c = try await s.rawCustomer(id: subject.dispute.customerId) else { throw DomainError.notFound }
            _ = try await s.moveOwner(
                c, to: subject.dispute.claimantId, .assigned,
                note: "\(subject.dispute.number)：\(subject.dispute.decision)", by: context.actor, at: context.now)
            subject.currentOwnerId = subject.dispute.claimantId
        }
        return false
    }
}
