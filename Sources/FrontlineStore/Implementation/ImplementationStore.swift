import FluentKit
import Foundation
import FrontlineCore
import SQLKit

/// Which implementations to list.
public struct ImplementationFilter: Sendable, Equatable {
    public var q: String?
    public var state: Implementation.State?
    public var customerId: Int64?
    /// Only those with a milestone past its due day and not done.
    public var overdue: Bool
    /// Only those with an obstacle report not yet overcome.
    public var obstructed: Bool
    public init(
        q: String? = nil, state: Implementation.State? = nil, customerId: Int64? = nil, overdue: Bool = false,
        obstructed: Bool = false
    ) {
        self.q = q; self.state = state; self.customerId = customerId; self.overdue = overdue;
        self.obstructed = obstructed
    }
}

/// An implementation with what its page and its list show.
public struct ImplementationItem: Sendable {
    public var implementation: Implementation
    public var milestones: [ImplementationMilestone]
    public var obstacles: [ObstacleReport]
}

/// Contract implementation (合同实施, SPEC §3.3): the records the hand-off of an effective contract creates.
extension Store {
    static let implementationColumns = [
        "id", "contract_id", "owner_id", "state", "engineer_ids", "version", "created_at", "updated_at", "completed_at",
    ]

    func implementationSelect() -> SQLSelectBuilder {
        sql.select().columns(Store.implementationColumns.map { SQLColumn($0, table: "i") })
            .column(SQLColumn("number", table: "k"), as: "contract_number").column(SQLColumn("amendment", table: "k"))
            .column(SQLColumn("title", table: "k"), as: "contract_title").column(SQLColumn("customer_id", table: "k"))
            .column(SQLColumn("owner_id", table: "k"), as: "account_owner_id").column(
                SQLColumn("name", table: "c"), as: "customer_name"
            )
            .from(SQLAlias(SQLIdentifier("implementations"), as: SQLIdentifier("i")))
            .join(
                SQLAlias(SQLIdentifier("contracts"), as: SQLIdentifier("k")), method: SQLJoinMethod.inner,
                on: SQLColumn("contract_id", table: "i"), .equal, SQLColumn("id", table: "k")
            )
            .join(
                SQLAlias(SQLIdentifier("customers"), as: SQLIdentifier("c")), method: SQLJoinMethod.inner,
                on: SQLColumn("customer_id", table: "k"), .equal, SQLColumn("id", table: "c"))
    }

    static func decodeImplementation(_ r: any SQLRow) throws -> Implementation {
        let engineers =
            (try? JSONDecoder().decode(
                [Int64].self, from: Data(try r.decode(column: "engineer_ids", as: String.self).utf8))) ?? []
        return Implementation(
            id: try r.decode(column: "id", as: Int64.self),
            contractId: try r.decode(column: "contract_id", as: Int64.self),
            contractNumber: try r.decode(column: "contract_number", as: String.self),
            amendment: try r.decode(column: "amendment", as: Int.self),
            contractTitle: try r.decode(column: "contract_title", as: String.self),
            customerId: try r.decode(column: "customer_id", as: Int64.self),
            customerName: try r.decode(column: "customer_name", as: String.self),
            accountOwnerId: try r.decode(column: "account_owner_id", as: Int64.self),
            managerId: try r.decode(column: "owner_id", as: Int64?.self), engineerIds: engineers,
            state: Implementation.State(rawValue: try r.decode(column: "state", as: String.self)) ?? .open,
            version: try r.decode(column: "version", as: Int.self),
            createdAt: try r.decode(column: "created_at", as: Int64.self),
            updatedAt: try r.decode(column: "updated_at", as: Int64.self),
            completedAt: try r.decode(column: "completed_at", as: Int64?.self))
    }

    /// Who reads which: everyone who reads every one, or a rep his own accounts'.
    func scopeImplementations<B: SQLPredicateBuilder>(_ b: B, for actor: Actor) -> B {
        if !ImplementationAccess.readsAll(actor) {
            b.where(SQLColumn("owner_id", table: "k"), .equal, SQLBind(actor.has(.salesRep) ? actor.id : -1))
        }
        return b
    }

    public func implementation(id: Int64, for actor: Actor) async throws -> Implementation? {
        guard let row = try await implementationSelect().where(SQLColumn("id", table: "i"), .equal, SQLBind(id)).first()
        else { return nil }
        let i = try Store.decodeImplementation(row)
        return ImplementationAccess.canRead(actor, i) ? i : nil
    }

    /// The implementation of a contract, if it has been handed over and the actor may read it.
    public func implementation(contractId: Int64, for actor: Actor) async throws -> Implementation? {
        guard
            let id = try await sql.select().column("id").from("implementations").where(
                "contract_id", .equal, contractId
            ).first()?
            .decode(column: "id", as: Int64.self)
        else { return nil }
        return try await implementation(id: id, for: actor)
    }

    public func implementationItem(id: Int64, for actor: Actor) async throws -> ImplementationItem? {
        guard let i = try await implementation(id: id, for: actor) else { return nil }
        return ImplementationItem(
            implementation: i, milestones: try await milestones(id), obstacles: try await obstacles(id))
    }

    /// What the list sorts by besides `id` (newest first unless asked otherwise), by the names `sort` takes.
    public static let implementationSorts: [String: SQLColumn] = [
        "created_at": SQLColumn("created_at", table: "i"), "updated_at": SQLColumn("updated_at", table: "i"),
        "state": SQLColumn("state", table: "i"), "contract": SQLColumn("number", table: "k"),
    ]

    public func implementations(
        _ f: ImplementationFilter, limit: Int = 50, offset: Int = 0, before: Int64? = nil, order: ListQuery? = nil,
        for actor: Actor, today: String = DateText.today()
    ) async throws
        -> Listing<Implementation>
    {
        guard ImplementationAccess.canBrowse(actor) else { throw DomainError.forbidden }
        func filtered<B: SQLPredicateBuilder>(_ b: B) -> B {
            _ = scopeImplementations(b, for: actor)
            if let before { b.where(SQLColumn("id", table: "i"), .lessThan, SQLBind(before)) }
            if let s = f.state { b.where(SQLColumn("state", table: "i"), .equal, SQLBind(s.rawValue)) }
            if let c = f.customerId { b.where(SQLColumn("customer_id", table: "k"), .equal, SQLBind(c)) }
            if f.overdue {
                b.where(
                    SQLColumn("id", table: "i"), .in,
                    SQLGroupExpression(
                        sql.select().column("implementation_id").from("implementation_milestones").where(
                            "done_on", .equal, ""
                        ).where("due", .lessThan, today).query))
            }
            if f.obstructed {
                b.where(
                    SQLColumn("id", table: "i"), .in,
                    SQLGroupExpression(
                        sql.select().column("implementation_id").from("implementation_obstacles").where(
                            "state", .notEqual, ObstacleReport.State.resolved.rawValue
                        ).query))
            }
            if let q = f.q, !q.isEmpty {
                let pattern = Store.likePattern(q.lowercased())
                b.where { w in
                    w.orWhere(Store.like(SQLFunction("LOWER", args: SQLColumn("number", table: "k")), pattern))
                        .orWhere(Store.like(SQLFunction("LOWER", args: SQLColumn("title", table: "k")), pattern))
                        .orWhere(Store.like(SQLFunction("LOWER", args: SQLColumn("name", table: "c")), pattern))
                }
            }
            return b
        }
        let total =
            try await filtered(
                sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from(
                    SQLAlias(SQLIdentifier("implementations"), as: SQLIdentifier("i"))
                )
                .join(
                    SQLAlias(SQLIdentifier("contracts"), as: SQLIdentifier("k")), method: SQLJoinMethod.inner,
                    on: SQLColumn("contract_id", table: "i"), .equal, SQLColumn("id", table: "k")
                )
                .join(
                    SQLAlias(SQLIdentifier("customers"), as: SQLIdentifier("c")), method: SQLJoinMethod.inner,
                    on: SQLColumn("customer_id", table: "k"), .equal, SQLColumn("id", table: "c"))
            ).first()?.decode(column: "n", as: Int.self) ?? 0
        let rows = try await Store.order(
            filtered(implementationSelect()), order, Store.implementationSorts, id: SQLColumn("id", table: "i"),
            before: before
        ).limit(limit).offset(offset).all()
        return Listing(items: try rows.map(Store.decodeImplementation), total: total)
    }

    public func milestones(_ implementationId: Int64) async throws -> [ImplementationMilestone] {
        try await sql.select().columns("id", "kind", "title", "due", "done_on", "document_id", "payment_seq", "note")
            .from("implementation_milestones")
            .where("implementation_id", .equal, implementationId).orderBy("due").orderBy("id").all().map { r in
                ImplementationMilestone(
                    id: try r.decode(column: "id", as: Int64.self),
                    kind: ImplementationMilestone.Kind(rawValue: try r.decode(column: "kind", as: String.self))
                        ?? .other,
                    title: try r.decode(column: "title", as: String.self),
                    due: try r.decode(column: "due", as: String.self),
                    doneOn: try r.decode(column: "done_on", as: String.self),
                    documentId: try r.decode(column: "document_id", as: Int64?.self),
                    paymentSeq: try r.decode(column: "payment_seq", as: Int?.self),
                    note: try r.decode(column: "note", as: String.self))
            }
    }

    public func obstacles(_ implementationId: Int64) async throws -> [ObstacleReport] {
        try await sql.select()
            .columns(
                "id", "text", "raised_by", "raised_by_name", "raised_at", "state", "answer", "answered_by",
                "answered_by_name", "answered_at", "notes", "resolution", "resolved_at"
            )
            .from("implementation_obstacles").where("implementation_id", .equal, implementationId).orderBy("id").all()
            .map(Store.decodeObstacle)
    }

    static func decodeObstacle(_ r: any SQLRow) throws -> ObstacleReport {
        ObstacleReport(
            id: try r.decode(column: "id", as: Int64.self), text: try r.decode(column: "text", as: String.self),
            raisedBy: try r.decode(column: "raised_by", as: Int64.self),
            raisedByName: try r.decode(column: "raised_by_name", as: String.self),
            raisedAt: try r.decode(column: "raised_at", as: Int64.self),
            state: ObstacleReport.State(rawValue: try r.decode(column: "state", as: String.self)) ?? .open,
            answer: try r.decode(column: "answer", as: String.self),
            answeredBy: try r.decode(column: "answered_by", as: Int64?.self),
            answeredByName: try r.decode(column: "answered_by_name", as: String.self),
            answeredAt: try r.decode(column: "answered_at", as: Int64?.self),
            notes: (try? JSONDecoder().decode(
                [ObstacleReport.Note].self, from: Data(try r.decode(column: "notes", as: String.self).utf8))) ?? [],
            resolution: try r.decode(column: "resolution", as: String.self),
            resolvedAt: try r.decode(column: "resolved_at", as: Int64?.self))
    }

    /// Everything an implementation's page and API show, as its steps read it.
    public func implementationSubject(id: Int64, for actor: Actor) async throws -> ImplementationProcess.Subject? {
        try await ImplementationProcess.load(self, id: id, for: actor, now: Store.nowMillis())
    }

    /// Takes one step of an implementation (the table is `ImplementationProcess`).
    public func actOnImplementation(
        id: Int64, _ action: ImplementationProcess.Action, _ input: StepInput, version: Int?, by actor: Actor,
        now: Int64 = Store.nowMillis()
    )
        async throws -> Implementation
    {
        try await run(ImplementationProcess.self, id: id, action, input, version: version, by: actor, now: now)
            .implementation
    }

    /// The hand-off's record: a new implementation for Customer Service, its history beginning with the hand-off.
    func openImplementation(for k: Contract, manager: Int64?, _ context: StepContext) async throws {
        let row = try await sql.insert(into: "implementations").columns(
            "contract_id", "owner_id", "state", "engineer_ids", "version", "created_at", "updated_at"
        )
        .values(
            SQLBind(k.id), SQLBind(manager), SQLBind(Implementation.State.open.rawValue), SQLBind("[]"), SQLBind(1),
            SQLBind(context.now), SQLBind(context.now)
        )
        .returning("id").first()
        let id = try row!.decode(column: "id", as: Int64.self)
        try await recordStep(
            "implementation", id, from: "", action: "create", to: Implementation.State.open.rawValue,
            actor: context.actor,
            comment: k.amendment > 0 ? "\(k.number) v\(k.amendment)" : k.number, at: context.now)
        try await audit(
            .create, "implementation", String(id), note: ["contract": k.number, "amendment": String(k.amendment)])
    }

    /// What the actor's home page shows of implementations: new hand-offs and overdue milestones for Customer
    /// Service, open obstacle reports for the CS manager, the market manager and the account's rep.
    public func implementationReminders(for actor: Actor, today: String = DateText.today()) async throws
        -> (handedOver: [Implementation], overdue: [Implementation], obstructed: [Implementation])
    {
        var handed: [Implementation] = [], overdue: [Implementation] = [], obstructed: [Implementation] = []
        if actor.has(.csManager) {
            handed = try await implementations(ImplementationFilter(state: .open), limit: 20, for: actor).items
        }
        if actor.hasAny(ImplementationAccess.customerService) {
            overdue = try await implementations(
                ImplementationFilter(overdue: true), limit: 20, for: actor, today: today
            ).items
                .filter { actor.has(.csManager) || $0.engineerIds.contains(actor.id) }
        }
        if actor.hasAny([.csManager, .marketManager, .salesRep, .businessAssistant]) {
            obstructed = try await implementations(ImplementationFilter(obstructed: true), limit: 20, for: actor).items
        }
        return (handed, overdue, obstructed)
    }
}

extension ImplementationProcess: ProcessRecords {
    static func load(_ s: Store, id: Int64, for actor: Actor, now: Int64) async throws -> Subject? {
        guard let i = try await s.implementation(id: id, for: actor) else { return nil }
        let plan = try await s.sql.select().columns("seq", "name").from("payment_plan").where(
            "contract_id", .equal, i.contractId
        ).orderBy("seq").all()
            .map {
                (seq: try $0.decode(column: "seq", as: Int.self), name: try $0.decode(column: "name", as: String.self))
            }
        let documents = try await s.sql.select().column("id").from("attachments").where(
            "entity", .equal, "implementation"
        ).where("entity_id", .equal, id)
            .where("archived", .equal, false).all().map { try $0.decode(column: "id", as: Int64.self) }
        return Subject(
            i, milestones: try await s.milestones(id), obstacles: try await s.obstacles(id),
            people: try await s.users(), paymentPlan: plan,
            documents: Set(documents))
    }

    static func save(_ s: Store, _ new: Subject, over old: Subject, at version: Int) async throws {
        let i = new.implementation
        let engineers = String(decoding: try JSONEncoder().encode(i.engineerIds), as: UTF8.self)
        try await s.sql.update("implementations").set("state", to: i.state.rawValue).set("engineer_ids", to: engineers)
            .set("completed_at", to: i.completedAt).set("version", to: i.version).set(
                "updated_at", to: Store.nowMillis()
            )
            .versioned(id: i.id, version: version)
        for m in new.milestones where !old.milestones.contains(m) {
            if m.id == 0 {
                try await s.sql.insert(into: "implementation_milestones")
                    .columns(
                        "implementation_id", "kind", "title", "due", "done_on", "document_id", "payment_seq", "note"
                    )
                    .values(
                        SQLBind(i.id), SQLBind(m.kind.rawValue), SQLBind(m.title), SQLBind(m.due), SQLBind(m.doneOn),
                        SQLBind(m.documentId), SQLBind(m.paymentSeq), SQLBind(m.note)
                    ).run()
            } else {
                try await s.sql.update("implementation_milestones").set("done_on", to: m.doneOn).set(
                    "document_id", to: m.documentId
                ).set("note", to: m.note)
                    .where("id", .equal, m.id).where("implementation_id", .equal, i.id).run()
            }
        }
        for o in new.obstacles where !old.obstacles.contains(o) {
            let notes = String(decoding: try JSONEncoder().encode(o.notes), as: UTF8.self)
            if o.id == 0 {
                try await s.sql.insert(into: "implementation_obstacles")
                    .columns(
                        "implementation_id", "text", "raised_by", "raised_by_name", "raised_at", "state", "answer",
                        "answered_by", "answered_by_name", "answered_at", "notes", "resolution", "resolved_at"
                    )
                    .values(
                        SQLBind(i.id), SQLBind(o.text), SQLBind(o.raisedBy), SQLBind(o.raisedByName),
                        SQLBind(o.raisedAt), SQLBind(o.state.rawValue), SQLBind(o.answer),
                        SQLBind(o.answeredBy), SQLBind(o.answeredByName), SQLBind(o.answeredAt), SQLBind(notes),
                        SQLBind(o.resolution), SQLBind(o.resolvedAt)
                    ).run()
            } else {
                try await s.sql.update("implementation_obstacles").set("state", to: o.state.rawValue).set(
                    "answer", to: o.answer
                )
                .set("answered_by", to: o.answeredBy).set("answered_by_name", to: o.answeredByName).set(
                    "answered_at", to: o.answeredAt
                )
                .set("notes", to: notes).set("resolution", to: o.resolution).set("resolved_at", to: o.resolvedAt)
                .where("id", .equal, o.id).where("implementation_id", .equal, i.id).run()
            }
        }
    }

    static func perform(
        _ s: Store, _ effect: Effect, on subject: inout Subject, context: StepContext, files: FileFolder?
    ) async throws -> Bool {
        switch effect {
        case .paymentDue(let seq, let day):
            try await s.sql.update("payment_plan").set("due", to: day).where(
                "contract_id", .equal, subject.implementation.contractId
            )
            .where("seq", .equal, seq).run()
            try await s.audit(
                .update, "payment_plan", "\(subject.implementation.contractId)-\(seq)",
                note: ["due": day, "implementation": String(subject.recordId)])
        }
        return false
    }
}
