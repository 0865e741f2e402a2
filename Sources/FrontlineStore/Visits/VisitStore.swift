import FluentKit
import Foundation
import FrontlineCore
import SQLKit

/// Which visits to list.
public struct VisitFilter: Sendable, Equatable {
    public var q: String?
    public var state: Visit.State?
    public var hostId: Int64?
    public var customerId: Int64?
    /// Visits that end after `from` and start before `to` (Unix seconds).
    public var from: Int64?
    public var to: Int64?
    public init(
        q: String? = nil, state: Visit.State? = nil, hostId: Int64? = nil, customerId: Int64? = nil, from: Int64? = nil,
        to: Int64? = nil
    ) {
        self.q = q; self.state = state; self.hostId = hostId; self.customerId = customerId; self.from = from;
        self.to = to
    }
    public static let sorts: Set<String> = ["number", "starts_at", "created_at", "updated_at"]
}

/// Customer visits (来访接待).
extension Store {
    static let visitColumns = [
        "id", "number", "customer_id", "visitors", "purpose", "starts_at", "ends_at", "host_id", "place",
        "arrangements", "outcome", "state", "scheduled_by",
        "version", "created_at", "updated_at",
    ]

    func visitSelect() -> SQLSelectBuilder {
        sql.select().columns(Store.visitColumns.map { SQLColumn($0, table: "v") }).column(
            SQLColumn("name", table: "c"), as: "customer_name"
        )
        .column(SQLColumn("owner_id", table: "c"), as: "customer_owner_id")
        .from(SQLAlias(SQLIdentifier("visits"), as: SQLIdentifier("v")))
        .join(
            SQLAlias(SQLIdentifier("customers"), as: SQLIdentifier("c")), method: SQLJoinMethod.left,
            on: SQLColumn("customer_id", table: "v"), .equal, SQLColumn("id", table: "c"))
    }

    static func decodeVisit(_ r: any SQLRow) throws -> Visit {
        Visit(
            id: try r.decode(column: "id", as: Int64.self), number: try r.decode(column: "number", as: String.self),
            customerId: try r.decode(column: "customer_id", as: Int64?.self),
            customerName: try r.decode(column: "customer_name", as: String?.self) ?? "",
            customerOwnerId: try r.decode(column: "customer_owner_id", as: Int64?.self),
            visitors: try r.decode(column: "visitors", as: String.self),
            purpose: try r.decode(column: "purpose", as: String.self),
            startsAt: try r.decode(column: "starts_at", as: Int64.self),
            endsAt: try r.decode(column: "ends_at", as: Int64.self),
            hostId: try r.decode(column: "host_id", as: Int64.self),
            place: try r.decode(column: "place", as: String.self),
            arrangements: try r.decode(column: "arrangements", as: String.self),
            outcome: try r.decode(column: "outcome", as: String.self),
            state: Visit.State(rawValue: try r.decode(column: "state", as: String.self)) ?? .scheduled,
            scheduledBy: try r.decode(column: "scheduled_by", as: Int64.self),
            version: try r.decode(column: "version", as: Int.self),
            createdAt: try r.decode(column: "created_at", as: Int64.self),
            updatedAt: try r.decode(column: "updated_at", as: Int64.self))
    }

    func rawVisit(id: Int64) async throws -> Visit? {
        try await visitSelect().where(SQLColumn("id", table: "v"), .equal, SQLBind(id)).first().map(Store.decodeVisit)
    }

    public func visit(id: Int64, for actor: Actor) async throws -> Visit? {
        guard let v = try await rawVisit(id: id), VisitAccess.canRead(actor, v) else { return nil }
        return v
    }

    func restrictVisits<B: SQLPredicateBuilder>(_ b: B, _ f: VisitFilter, for actor: Actor) -> B {
        if !VisitAccess.readsAll(actor) {
            b.where { w in
                w.where(SQLColumn("host_id", table: "v"), .equal, SQLBind(actor.id))
                if actor.has(.salesRep) { w.orWhere(SQLColumn("owner_id", table: "c"), .equal, SQLBind(actor.id)) }
                return w
            }
        }
        if let s = f.state { b.where(SQLColumn("state", table: "v"), .equal, SQLBind(s.rawValue)) }
        if let h = f.hostId { b.where(SQLColumn("host_id", table: "v"), .equal, SQLBind(h)) }
        if let c = f.customerId { b.where(SQLColumn("customer_id", table: "v"), .equal, SQLBind(c)) }
        if let from = f.from { b.where(SQLColumn("ends_at", table: "v"), .greaterThan, SQLBind(from)) }
        if let to = f.to { b.where(SQLColumn("starts_at", table: "v"), .lessThan, SQLBind(to)) }
        if let q = f.q, !q.isEmpty {
            let pattern = Store.likePattern(q.lowercased())
            b.where { w in
                for (column, table) in [
                    ("number", "v"), ("visitors", "v"), ("purpose", "v"), ("place", "v"), ("name", "c"),
                ] {
                    w.orWhere(Store.like(SQLFunction("LOWER", args: SQLColumn(column, table: table)), pattern))
                }
                return w
            }
        }
        return b
    }

    public func visits(_ f: VisitFilter, _ q: ListQuery, before: Int64? = nil, for actor: Actor) async throws
        -> Listing<Visit>
    {
        guard VisitAccess.canBrowse(actor) else { throw DomainError.forbidden }
        let count = sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from(
            SQLAlias(SQLIdentifier("visits"), as: SQLIdentifier("v"))
        )
        .join(
            SQLAlias(SQLIdentifier("customers"), as: SQLIdentifier("c")), method: SQLJoinMethod.left,
            on: SQLColumn("customer_id", table: "v"), .equal, SQLColumn("id", table: "c"))
        return try await page(
            count: restrictVisits(count, f, for: actor), rows: restrictVisits(visitSelect(), f, for: actor), alias: "v",
            q, before: before, decode: Store.decodeVisit)
    }

    /// Who may host: every active member of staff (the administrator's account aside).
    func hostIds() async throws -> Set<Int64> {
        Set(try await users().filter { $0.active && $0.roles.contains { $0 != .admin } }.map(\.id))
    }

    func visitChoices(_ input: VisitInput) async throws -> (customers: [Int64: String], hosts: Set<Int64>) {
        var customers: [Int64: String] = [:]
        if let raw = input.customerId, let id = Int64(raw.trimmingCharacters(in: .whitespaces)),
            let c = try await rawCustomer(id: id), !c.archived
        {
            customers[id] = c.name
        }
        return (customers, try await hostIds())
    }

    /// Refuses a visit whose host already receives another one at an overlapping time, naming it.
    func checkHostFree(_ v: Visit) async throws {
        try await lockRow("users", v.hostId)
        let b = visitSelect().where(SQLColumn("host_id", table: "v"), .equal, SQLBind(v.hostId))
            .where(SQLColumn("state", table: "v"), .equal, SQLBind(Visit.State.scheduled.rawValue))
            .where(SQLColumn("starts_at", table: "v"), .lessThan, SQLBind(v.endsAt)).where(
                SQLColumn("ends_at", table: "v"), .greaterThan, SQLBind(v.startsAt))
        if v.id != 0 { b.where(SQLColumn("id", table: "v"), .notEqual, SQLBind(v.id)) }
        if let other = try await b.first().map(Store.decodeVisit) {
            throw DomainError(
                .conflict,
                Message(
                    "visit.host_busy",
                    [
                        "number": other.number,
                        "when": DateText.minute(other.startsAt) + "–" + DateText.minute(other.endsAt).suffix(5),
                    ]),
                fields: [
                    FieldError(
                        "host_id", "visit.host_busy", ["number": other.number, "when": DateText.minute(other.startsAt)])
                ])
        }
    }

    /// The business assistant (or the market manager) schedules a visit.
    public func scheduleVisit(_ input: VisitInput, by actor: Actor, now: Int64 = Store.nowMillis()) async throws
        -> Visit
    {
        guard VisitAccess.canSchedule(actor) else { throw DomainError(.forbidden, .whoAsks("visit.schedulers")) }
        let (customers, hosts) = try await visitChoices(input)
        var draft = try input.apply(
            to: Visit(visitors: "", startsAt: 0, endsAt: 0, hostId: 0), customers: customers, hosts: hosts,
            now: now / 1000)
        draft.scheduledBy = actor.id
        draft.createdAt = now
        draft.updatedAt = now
        let new = draft
        return try await transaction { s in
            try await s.checkHostFree(new)
            var v = new
            v.number = try await s.nextNumber(in: "visits", prefix: "JD")
            let row = try await s.sql.insert(into: "visits").columns(Store.visitColumns.filter { $0 != "id" })
                .values(
                    SQLBind(v.number), SQLBind(v.customerId), SQLBind(v.visitors), SQLBind(v.purpose),
                    SQLBind(v.startsAt), SQLBind(v.endsAt), SQLBind(v.hostId),
                    SQLBind(v.place), SQLBind(v.arrangements), SQLBind(""), SQLBind(v.state.rawValue),
                    SQLBind(v.scheduledBy), SQLBind(1), SQLBind(now), SQLBind(now)
                ).returning("id").first()
            v.id = try row!.decode(column: "id", as: Int64.self)
            try await s.recordCreation(
                VisitProcess.name, v.id, state: v.state.rawValue, by: actor,
                comment: "\(v.number) \(DateText.minute(v.startsAt)) \(v.visitors)", record: v)
            return v
        }
    }

    /// Changes a scheduled visit's arrangements (its time, host, visitors…).
    public func updateVisit(
        id: Int64, version: Int, _ input: VisitInput, by actor: Actor, now: Int64 = Store.nowMillis()
    ) async throws -> Visit {
        let (customers, hosts) = try await visitChoices(input)
        return try await transaction { s in
            guard let old = try await s.rawVisit(id: id), VisitAccess.canRead(actor, old) else {
                throw DomainError.notFound
            }
            guard VisitAccess.canSchedule(actor) else { throw DomainError(.forbidden, .whoAsks("visit.schedulers")) }
            guard old.version == version else { throw Store.stale(old.version) }
            guard old.state == .scheduled else {
                throw DomainError(.conflict, Message("visit.not_scheduled", ["state": "@" + old.state.labelKey]))
            }
            // The host he had stays a valid host for this visit even if he has since left.
            var v = try input.apply(to: old, customers: customers, hosts: hosts.union([old.hostId]), now: now / 1000)
            if v.hostId != old.hostId || v.startsAt != old.startsAt || v.endsAt != old.endsAt {
                try await s.checkHostFree(v)
            }
            v.version = old.version + 1
            v.updatedAt = now
            try await s.sql.update("visits").set("customer_id", to: v.customerId).set("visitors", to: v.visitors).set(
                "purpose", to: v.purpose
            )
            .set("starts_at", to: v.startsAt).set("ends_at", to: v.endsAt).set("host_id", to: v.hostId).set(
                "place", to: v.place
            )
            .set("arrangements", to: v.arrangements).set("version", to: v.version).set("updated_at", to: now).versioned(
                id: id, version: version)
            try await s.audit(.update, VisitProcess.name, String(id), before: old, after: v)
            return v
        }
    }

    public func visitSubject(id: Int64, for actor: Actor) async throws -> VisitProcess.Subject? {
        try await VisitProcess.load(self, id: id, for: actor, now: Store.nowMillis())
    }

    public func actOnVisit(
        id: Int64, _ action: VisitProcess.Action, _ input: StepInput, version: Int?, by actor: Actor,
        now: Int64 = Store.nowMillis()
    ) async throws -> Visit {
        try await run(VisitProcess.self, id: id, action, input, version: version, by: actor, now: now).visit
    }
}

extension VisitProcess: ProcessRecords {
    static func load(_ s: Store, id: Int64, for actor: Actor, now: Int64) async throws -> Subject? {
        guard let v = try await s.visit(id: id, for: actor) else { return nil }
        return Subject(v)
    }

    static func save(_ s: Store, _ new: Subject, over old: Subject, at version: Int) async throws {
        try await s.sql.update("visits").set("state", to: new.visit.state.rawValue).set(
            "outcome", to: new.visit.outcome
        ).set("version", to: new.visit.version)
            .set("updated_at", to: Store.nowMillis()).versioned(id: new.visit.id, version: version)
    }
}
