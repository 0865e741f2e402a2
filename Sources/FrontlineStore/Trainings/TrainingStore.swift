import FluentKit
import Foundation
import FrontlineCore
import SQLKit

/// Which trainings to list.
public struct TrainingFilter: Sendable, Equatable {
    public var q: String?
    public var state: Training.State?
    public var contractId: Int64?
    public var customerId: Int64?
    /// Only planned ones from now on.
    public var upcoming: Bool
    public init(
        q: String? = nil, state: Training.State? = nil, contractId: Int64? = nil, customerId: Int64? = nil,
        upcoming: Bool = false
    ) {
        self.q = q; self.state = state; self.contractId = contractId; self.customerId = customerId;
        self.upcoming = upcoming
    }
}

/// Customer training (客户培训, SPEC §3.6).
extension Store {
    static let trainingColumns = [
        "id", "number", "contract_id", "implementation_id", "topic", "trainer_id", "starts_at", "hours", "mode",
        "place", "state", "held_on", "version",
        "created_at", "updated_at",
    ]

    func trainingSelect() -> SQLSelectBuilder {
        sql.select().columns(Store.trainingColumns.map { SQLColumn($0, table: "t") })
            .column(SQLColumn("number", table: "k"), as: "contract_number").column(SQLColumn("customer_id", table: "k"))
            .column(SQLColumn("name", table: "c"), as: "customer_name").column(
                SQLColumn("owner_id", table: "c"), as: "account_owner_id"
            )
            .from(SQLAlias(SQLIdentifier("trainings"), as: SQLIdentifier("t")))
            .join(
                SQLAlias(SQLIdentifier("contracts"), as: SQLIdentifier("k")), method: SQLJoinMethod.inner,
                on: SQLColumn("contract_id", table: "t"), .equal, SQLColumn("id", table: "k")
            )
            .join(
                SQLAlias(SQLIdentifier("customers"), as: SQLIdentifier("c")), method: SQLJoinMethod.inner,
                on: SQLColumn("customer_id", table: "k"), .equal, SQLColumn("id", table: "c"))
    }

    static func decodeTraining(_ r: any SQLRow) throws -> Training {
        Training(
            id: try r.decode(column: "id", as: Int64.self), number: try r.decode(column: "number", as: String.self),
            contractId: try r.decode(column: "contract_id", as: Int64.self),
            contractNumber: try r.decode(column: "contract_number", as: String.self),
            implementationId: try r.decode(column: "implementation_id", as: Int64?.self),
            customerId: try r.decode(column: "customer_id", as: Int64.self),
            customerName: try r.decode(column: "customer_name", as: String.self),
            accountOwnerId: try r.decode(column: "account_owner_id", as: Int64?.self),
            topic: try r.decode(column: "topic", as: String.self),
            trainerId: try r.decode(column: "trainer_id", as: Int64.self),
            startsAt: try r.decode(column: "starts_at", as: Int64.self),
            hours: try r.decode(column: "hours", as: Int.self),
            mode: Training.Mode(rawValue: try r.decode(column: "mode", as: String.self)) ?? .onsite,
            place: try r.decode(column: "place", as: String.self),
            state: Training.State(rawValue: try r.decode(column: "state", as: String.self)) ?? .planned,
            heldOn: try r.decode(column: "held_on", as: String.self),
            version: try r.decode(column: "version", as: Int.self),
            createdAt: try r.decode(column: "created_at", as: Int64.self),
            updatedAt: try r.decode(column: "updated_at", as: Int64.self))
    }

    public func training(id: Int64, for actor: Actor) async throws -> Training? {
        guard let row = try await trainingSelect().where(SQLColumn("id", table: "t"), .equal, SQLBind(id)).first()
        else { return nil }
        let t = try Store.decodeTraining(row)
        return TrainingAccess.canRead(actor, t) ? t : nil
    }

    /// What the list sorts by besides `id` (newest first unless asked otherwise), by the names `sort` takes.
    public static let trainingSorts: [String: SQLColumn] = [
        "starts_at": SQLColumn("starts_at", table: "t"), "customer": SQLColumn("name", table: "c"),
        "state": SQLColumn("state", table: "t"), "topic": SQLColumn("topic", table: "t"),
    ]

    public func trainings(
        _ f: TrainingFilter, limit: Int = 50, offset: Int = 0, before: Int64? = nil, order: ListQuery? = nil,
        for actor: Actor, now: Int64 = Store.nowMillis()
    ) async throws
        -> Listing<Training>
    {
        guard TrainingAccess.canBrowse(actor) else { throw DomainError.forbidden }
        func filtered<B: SQLPredicateBuilder>(_ b: B) -> B {
            if !TrainingAccess.readsAll(actor) {
                b.where(SQLColumn("owner_id", table: "c"), .equal, SQLBind(actor.has(.salesRep) ? actor.id : -1))
            }
            if let before { b.where(SQLColumn("id", table: "t"), .lessThan, SQLBind(before)) }
            if let s = f.state { b.where(SQLColumn("state", table: "t"), .equal, SQLBind(s.rawValue)) }
            if let k = f.contractId { b.where(SQLColumn("contract_id", table: "t"), .equal, SQLBind(k)) }
            if let c = f.customerId { b.where(SQLColumn("customer_id", table: "k"), .equal, SQLBind(c)) }
            if f.upcoming {
                b.where(SQLColumn("state", table: "t"), .equal, SQLBind(Training.State.planned.rawValue)).where(
                    SQLColumn("starts_at", table: "t"), .greaterThanOrEqual, SQLBind(now - 86_400_000))
            }
            if let q = f.q, !q.isEmpty {
                let pattern = Store.likePattern(q.lowercased())
                b.where { w in
                    w.orWhere(Store.like(SQLFunction("LOWER", args: SQLColumn("number", table: "t")), pattern))
                        .orWhere(Store.like(SQLFunction("LOWER", args: SQLColumn("topic", table: "t")), pattern))
                        .orWhere(Store.like(SQLFunction("LOWER", args: SQLColumn("name", table: "c")), pattern))
                }
            }
            return b
        }
        let total =
            try await filtered(
                sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from(
                    SQLAlias(SQLIdentifier("trainings"), as: SQLIdentifier("t"))
                )
                .join(
                    SQLAlias(SQLIdentifier("contracts"), as: SQLIdentifier("k")), method: SQLJoinMethod.inner,
                    on: SQLColumn("contract_id", table: "t"), .equal, SQLColumn("id", table: "k")
                )
                .join(
                    SQLAlias(SQLIdentifier("customers"), as: SQLIdentifier("c")), method: SQLJoinMethod.inner,
                    on: SQLColumn("customer_id", table: "k"), .equal, SQLColumn("id", table: "c"))
            ).first()?.decode(column: "n", as: Int.self) ?? 0
        let rows = try await Store.order(
            filtered(trainingSelect()), order, Store.trainingSorts, id: SQLColumn("id", table: "t"), before: before
        ).limit(limit).offset(offset).all()
        return Listing(items: try rows.map(Store.decodeTraining), total: total)
    }

    public func trainingAttendees(_ id: Int64) async throws -> [TrainingAttendee] {
        try await sql.select().columns("id", "contact_id", "name", "attended", "score", "comment").from(
            "training_attendees"
        ).where("training_id", .equal, id)
            .orderBy("id").all().map { r in
                TrainingAttendee(
                    id: try r.decode(column: "id", as: Int64.self),
                    contactId: try r.decode(column: "contact_id", as: Int64.self),
                    name: try r.decode(column: "name", as: String.self),
                    attended: try r.decode(column: "attended", as: Bool.self),
                    score: try r.decode(column: "score", as: Int?.self),
                    comment: try r.decode(column: "comment", as: String.self))
            }
    }

    /// A session Customer Service plans for an effective contract or its implementation.
    public func createTraining(_ draft: TrainingDraft, by actor: Actor, now: Int64 = Store.nowMillis()) async throws
        -> Training
    {
        guard actor.hasAny(TrainingAccess.customerService) else {
            throw DomainError(.forbidden, .whoAsks("training.cs_plans"))
        }
        return try await transaction { s in
            var contract: (id: Int64, customerId: Int64)?
            var implementation: Int64?
            if let raw = draft.implementationId?.trimmingCharacters(in: .whitespaces), !raw.isEmpty {
                if let id = Int64(raw),
                    let i = try await s.sql.select().columns("id", "contract_id").from("implementations").where(
                        "id", .equal, id
                    ).first()
                {
                    implementation = id
                    let k = try i.decode(column: "contract_id", as: Int64.self)
                    contract = try await s.sql.select().columns("id", "customer_id").from("contracts").where(
                        "id", .equal, k
                    ).first()
                        .map {
                            (
                                try $0.decode(column: "id", as: Int64.self),
                                try $0.decode(column: "customer_id", as: Int64.self)
                            )
                        }
                }
            } else if let raw = draft.contractId?.trimmingCharacters(in: .whitespaces), let id = Int64(raw) {
                contract = try await s.sql.select().columns("id", "customer_id").from("contracts").where(
                    "id", .equal, id
                )
                .where("state", .in, SQLBind.group(["effective", "superseded"])).first()
                .map {
                    (try $0.decode(column: "id", as: Int64.self), try $0.decode(column: "customer_id", as: Int64.self))
                }
                if let c = contract {
                    implementation = try await s.sql.select().column("id").from("implementations").where(
                        "contract_id", .equal, c.id
                    ).first()?.decode(column: "id", as: Int64.self)
                }
            }
            let trainers = Dictionary(
                uniqueKeysWithValues: try await s.users().filter(\.isServiceStaff).map { ($0.id, $0.displayName) })
            var t = try draft.validated(
                contract: contract, implementationId: implementation, trainers: trainers, now: now)
            t.number = try await s.nextNumber(in: "trainings", prefix: "PX")
            let row = try await s.sql.insert(into: "trainings")
                .columns(
                    "number", "contract_id", "implementation_id", "topic", "trainer_id", "starts_at", "hours", "mode",
                    "place", "state", "held_on", "version", "created_at", "updated_at"
                )
                .values(
                    SQLBind(t.number), SQLBind(t.contractId), SQLBind(t.implementationId), SQLBind(t.topic),
                    SQLBind(t.trainerId), SQLBind(t.startsAt), SQLBind(t.hours),
                    SQLBind(t.mode.rawValue), SQLBind(t.place), SQLBind(t.state.rawValue), SQLBind(""), SQLBind(1),
                    SQLBind(now), SQLBind(now)
                ).returning("id").first()
            t.id = try row!.decode(column: "id", as: Int64.self)
            try await s.recordCreation(
                TrainingProcess.name, t.id, state: t.state.rawValue, by: actor, comment: "\(t.number) \(t.topic)",
                record: t)
            return t
        }
    }

    public func trainingSubject(id: Int64, for actor: Actor) async throws -> TrainingProcess.Subject? {
        try await TrainingProcess.load(self, id: id, for: actor, now: Store.nowMillis())
    }

    public func actOnTraining(
        id: Int64, _ action: TrainingProcess.Action, _ input: StepInput, version: Int?, by actor: Actor,
        now: Int64 = Store.nowMillis()
    )
        async throws -> Training
    {
        try await run(TrainingProcess.self, id: id, action, input, version: version, by: actor, now: now).training
    }

    /// A contract's training plan: its implementation's training milestones against the sessions planned and held.
    public func trainingPlan(contractId: Int64, for actor: Actor) async throws -> TrainingPlan {
        var promised: [TrainingPlan.Promise] = []
        if let i = try await sql.select().column("id").from("implementations").where("contract_id", .equal, contractId)
            .first()?.decode(column: "id", as: Int64.self)
        {
            promised = try await milestones(i).filter { $0.kind == .training }.map {
                TrainingPlan.Promise(title: $0.title, due: $0.due, doneOn: $0.doneOn)
            }
        }
        var given: [TrainingPlan.Given] = []
        for t in try await trainings(TrainingFilter(contractId: contractId), limit: 200, for: actor).items.reversed() {
            let a = try await trainingAttendees(t.id)
            let scores = a.compactMap(\.score)
            given.append(
                TrainingPlan.Given(
                    training: t, invited: a.count, attended: a.filter(\.attended).count,
                    scoreTenths: scores.isEmpty ? nil : (scores.reduce(0, +) * 10 + scores.count / 2) / scores.count))
        }
        return TrainingPlan(promised: promised, given: given)
    }
}

extension TrainingProcess: ProcessRecords {
    static func load(_ s: Store, id: Int64, for actor: Actor, now: Int64) async throws -> Subject? {
        guard let t = try await s.training(id: id, for: actor) else { return nil }
        let contacts = Dictionary(
            uniqueKeysWithValues: try await s.contacts(customerId: t.customerId).map { ($0.id, $0.name) })
        return Subject(t, attendees: try await s.trainingAttendees(id), contacts: contacts)
    }

    static func save(_ s: Store, _ new: Subject, over old: Subject, at version: Int) async throws {
        let t = new.training
        try await s.sql.update("trainings").set("state", to: t.state.rawValue).set("starts_at", to: t.startsAt).set(
            "place", to: t.place
        )
        .set("held_on", to: t.heldOn).set("version", to: t.version).set("updated_at", to: Store.nowMillis()).versioned(
            id: t.id, version: version)
        for a in new.attendees where !old.attendees.contains(a) {
            if a.id == 0 {
                try await s.sql.insert(into: "training_attendees").columns(
                    "training_id", "contact_id", "name", "attended", "score", "comment"
                )
                .values(
                    SQLBind(t.id), SQLBind(a.contactId), SQLBind(a.name), SQLBind(a.attended), SQLBind(a.score),
                    SQLBind(a.comment)
                ).run()
            } else {
                try await s.sql.update("training_attendees").set("attended", to: a.attended).set("score", to: a.score)
                    .set("comment", to: a.comment)
                    .where("id", .equal, a.id).where("training_id", .equal, t.id).run()
            }
        }
    }
}
