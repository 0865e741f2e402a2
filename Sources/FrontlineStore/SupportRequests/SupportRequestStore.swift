import FluentKit
import Foundation
import FrontlineCore
import SQLKit

/// Which support requests to list.
public struct SupportRequestFilter: Sendable, Equatable {
    public var q: String?
    public var state: SupportRequest.State?
    public var kind: SupportRequest.Kind?
    public var customerId: Int64?
    public var engineerId: Int64?
    public var open: Bool
    /// Only allocated ones whose engineer is booked elsewhere at the same time.
    public var conflicts: Bool
    public init(
        q: String? = nil, state: SupportRequest.State? = nil, kind: SupportRequest.Kind? = nil,
        customerId: Int64? = nil, engineerId: Int64? = nil,
        open: Bool = false, conflicts: Bool = false
    ) {
        self.q = q; self.state = state; self.kind = kind; self.customerId = customerId; self.engineerId = engineerId;
        self.open = open
        self.conflicts = conflicts
    }
}

/// Pre-sales support (销售支持, SPEC §3.5).
extension Store {
    static let supportColumns = [
        "id", "number", "kind", "title", "detail", "customer_id", "tender_id", "wished_at", "hours", "requester_id",
        "state", "engineer_id", "starts_at",
        "ends_at", "outcome", "version", "created_at", "updated_at",
    ]

    func supportSelect() -> SQLSelectBuilder {
        sql.select().columns(Store.supportColumns.map { SQLColumn($0, table: "r") })
            .column(SQLColumn("name", table: "c"), as: "customer_name").column(
                SQLColumn("owner_id", table: "c"), as: "account_owner_id"
            )
            .column(SQLColumn("display_name", table: "u"), as: "requester_name").column(
                SQLColumn("number", table: "t"), as: "tender_number"
            )
            .from(SQLAlias(SQLIdentifier("support_requests"), as: SQLIdentifier("r")))
            .join(
                SQLAlias(SQLIdentifier("customers"), as: SQLIdentifier("c")), method: SQLJoinMethod.inner,
                on: SQLColumn("customer_id", table: "r"), .equal, SQLColumn("id", table: "c")
            )
            .join(
                SQLAlias(SQLIdentifier("users"), as: SQLIdentifier("u")), method: SQLJoinMethod.left,
                on: SQLColumn("requester_id", table: "r"), .equal, SQLColumn("id", table: "u")
            )
            .join(
                SQLAlias(SQLIdentifier("tenders"), as: SQLIdentifier("t")), method: SQLJoinMethod.left,
                on: SQLColumn("tender_id", table: "r"), .equal, SQLColumn("id", table: "t"))
    }

    static func decodeSupport(_ r: any SQLRow) throws -> SupportRequest {
        SupportRequest(
            id: try r.decode(column: "id", as: Int64.self), number: try r.decode(column: "number", as: String.self),
            kind: SupportRequest.Kind(rawValue: try r.decode(column: "kind", as: String.self)) ?? .exchange,
            title: try r.decode(column: "title", as: String.self),
            detail: try r.decode(column: "detail", as: String.self),
            customerId: try r.decode(column: "customer_id", as: Int64.self),
            customerName: try r.decode(column: "customer_name", as: String.self),
            accountOwnerId: try r.decode(column: "account_owner_id", as: Int64?.self),
            tenderId: try r.decode(column: "tender_id", as: Int64?.self),
            tenderNumber: try r.decode(column: "tender_number", as: String?.self) ?? "",
            wishedAt: try r.decode(column: "wished_at", as: String.self),
            hours: try r.decode(column: "hours", as: Int.self),
            requesterId: try r.decode(column: "requester_id", as: Int64.self),
            requesterName: try r.decode(column: "requester_name", as: String?.self) ?? "",
            state: SupportRequest.State(rawValue: try r.decode(column: "state", as: String.self)) ?? .submitted,
            engineerId: try r.decode(column: "engineer_id", as: Int64?.self),
            startsAt: try r.decode(column: "starts_at", as: Int64?.self),
            endsAt: try r.decode(column: "ends_at", as: Int64?.self),
            outcome: try r.decode(column: "outcome", as: String.self),
            version: try r.decode(column: "version", as: Int.self),
            createdAt: try r.decode(column: "created_at", as: Int64.self),
            updatedAt: try r.decode(column: "updated_at", as: Int64.self))
    }

    public func supportRequest(id: Int64, for actor: Actor) async throws -> SupportRequest? {
        guard let row = try await supportSelect().where(SQLColumn("id", table: "r"), .equal, SQLBind(id)).first() else {
            return nil
        }
        let r = try Store.decodeSupport(row)
        return SupportAccess.canRead(actor, r) ? r : nil
    }

    /// The allocated bookings that overlap another booking of the same engineer (self-join on the engineer and time).
    public func conflictingSupportIds() async throws -> Set<Int64> {
        let rows = try await sql.raw(
            """
            SELECT DISTINCT a.id AS id FROM support_requests a JOIN support_requests b
              ON a.engineer_id = b.engineer_id AND a.id <> b.id AND a.starts_at < b.ends_at AND b.starts_at < a.ends_at
            WHERE a.state = 'scheduled' AND b.state = 'scheduled'
            """
        ).all()
        return Set(try rows.map { try $0.decode(column: "id", as: Int64.self) })
    }

    /// A rep reads those he asked for and those of the customers he owns; the others read every one.
    func scopeSupportRequests<B: SQLPredicateBuilder>(_ b: B, for actor: Actor) -> B {
        if !SupportAccess.readsAll(actor) {
            let me = actor.has(.salesRep) ? actor.id : -1
            b.where { w in
                w.orWhere(SQLColumn("requester_id", table: "r"), .equal, SQLBind(me)).orWhere(
                    SQLColumn("owner_id", table: "c"), .equal, SQLBind(me))
            }
        }
        return b
    }

    /// What the list sorts by besides `id` (newest first unless asked otherwise), by the names `sort` takes.
    public static let supportSorts: [String: SQLColumn] = [
        "created_at": SQLColumn("created_at", table: "r"), "customer": SQLColumn("name", table: "c"),
        "state": SQLColumn("state", table: "r"), "wished_at": SQLColumn("wished_at", table: "r"),
        "starts_at": SQLColumn("starts_at", table: "r"),
    ]

    public func supportRequests(
        _ f: SupportRequestFilter, limit: Int = 50, offset: Int = 0, before: Int64? = nil, order: ListQuery? = nil,
        for actor: Actor
    ) async throws
        -> Listing<SupportRequest>
    {
        guard SupportAccess.canBrowse(actor) else { throw DomainError.forbidden }
        let conflicting = f.conflicts ? Array(try await conflictingSupportIds()) : []
        func filtered<B: SQLPredicateBuilder>(_ b: B) -> B {
            _ = scopeSupportRequests(b, for: actor)
            if let before { b.where(SQLColumn("id", table: "r"), .lessThan, SQLBind(before)) }
            if let s = f.state { b.where(SQLColumn("state", table: "r"), .equal, SQLBind(s.rawValue)) }
            if let k = f.kind { b.where(SQLColumn("kind", table: "r"), .equal, SQLBind(k.rawValue)) }
            if let c = f.customerId { b.where(SQLColumn("customer_id", table: "r"), .equal, SQLBind(c)) }
            if let e = f.engineerId { b.where(SQLColumn("engineer_id", table: "r"), .equal, SQLBind(e)) }
            if f.open {
                b.where(
                    SQLColumn("state", table: "r"), .in,
                    SQLBind.group(SupportRequest.State.allCases.filter(\.open).map(\.rawValue)))
            }
            if f.conflicts {
                b.where(SQLColumn("id", table: "r"), .in, SQLBind.group(conflicting.isEmpty ? [-1] : conflicting))
            }
            if let q = f.q, !q.isEmpty {
                let pattern = Store.likePattern(q.lowercased())
                b.where { w in
                    w.orWhere(Store.like(SQLFunction("LOWER", args: SQLColumn("number", table: "r")), pattern))
                        .orWhere(Store.like(SQLFunction("LOWER", args: SQLColumn("title", table: "r")), pattern))
                        .orWhere(Store.like(SQLFunction("LOWER", args: SQLColumn("name", table: "c")), pattern))
                }
            }
            return b
        }
        let total =
            try await filtered(
                sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from(
                    SQLAlias(SQLIdentifier("support_requests"), as: SQLIdentifier("r"))
                )
                .join(
                    SQLAlias(SQLIdentifier("customers"), as: SQLIdentifier("c")), method: SQLJoinMethod.inner,
                    on: SQLColumn("customer_id", table: "r"), .equal, SQLColumn("id", table: "c"))
            ).first()?.decode(column: "n", as: Int.self) ?? 0
        let rows = try await Store.order(
            filtered(supportSelect()), order, Store.supportSorts, id: SQLColumn("id", table: "r"), before: before
        ).limit(limit).offset(offset).all()
        return Listing(items: try rows.map(Store.decodeSupport), total: total)
    }

    /// A new request: a rep for his own customer, or the market manager; its tender must be the customer's.
    public func createSupportRequest(_ draft: SupportRequestDraft, by actor: Actor, now: Int64 = Store.nowMillis())
        async throws -> SupportRequest
    {
        guard SupportAccess.canAsk(actor) else { throw DomainError(.forbidden, .whoAsks("support.reps_ask")) }
        let cid = try draft.customer()
        return try await transaction { s in
            guard let c = try await s.rawCustomer(id: cid), CustomerAccess.canRead(actor, c), !c.archived else {
                throw DomainError.validation([FieldError("customer_id", "support.unknown_customer")])
            }
            if let refusal = SupportAccess.mayAsk(actor, customerOwner: c.ownerId) {
                throw DomainError(.forbidden, refusal)
            }
            var tenders: [Int64: String] = [:]
            for t in try await s.sql.select().columns("id", "number").from("tenders").where("customer_id", .equal, cid)
                .all()
            {
                tenders[try t.decode(column: "id", as: Int64.self)] = try t.decode(column: "number", as: String.self)
            }
            var r = try draft.validated(customer: (c.id, c.name), tenders: tenders, by: actor, now: now)
            r.number = try await s.nextNumber(in: "support_requests", prefix: "ZC")
            r.accountOwnerId = c.ownerId
            let row = try await s.sql.insert(into: "support_requests")
                .columns(
                    "number", "kind", "title", "detail", "customer_id", "tender_id", "wished_at", "hours",
                    "requester_id", "state", "outcome", "version", "created_at", "updated_at"
                )
                .values(
                    SQLBind(r.number), SQLBind(r.kind.rawValue), SQLBind(r.title), SQLBind(r.detail),
                    SQLBind(r.customerId), SQLBind(r.tenderId),
                    SQLBind(r.wishedAt), SQLBind(r.hours), SQLBind(r.requesterId), SQLBind(r.state.rawValue),
                    SQLBind(""), SQLBind(1), SQLBind(now), SQLBind(now)
                ).returning("id").first()
            r.id = try row!.decode(column: "id", as: Int64.self)
            try await s.recordCreation(
                SupportRequestProcess.name, r.id, state: r.state.rawValue, by: actor, comment: "\(r.number) \(r.title)",
                record: r)
            return r
        }
    }

    public func supportSubject(id: Int64, for actor: Actor) async throws -> SupportRequestProcess.Subject? {
        try await SupportRequestProcess.load(self, id: id, for: actor, now: Store.nowMillis())
    }

    public func actOnSupportRequest(
        id: Int64, _ action: SupportRequestProcess.Action, _ input: StepInput, version: Int?, by actor: Actor,
        now: Int64 = Store.nowMillis()
    )
        async throws -> SupportRequest
    {
        try await run(SupportRequestProcess.self, id: id, action, input, version: version, by: actor, now: now).request
    }

    /// Home pages: engineers booked twice, for both managers (and the engineer himself); requests to endorse for the
    /// market manager, to allocate for the CS manager; the rep's own open ones.
    public func supportReminders(for actor: Actor) async throws -> (
        conflicts: [SupportRequest], toEndorse: [SupportRequest], toAllocate: [SupportRequest], mine: [SupportRequest]
    ) {
        guard SupportAccess.canBrowse(actor) else { return ([], [], [], []) }
        var conflicts: [SupportRequest] = [], endorse: [SupportRequest] = [], allocate: [SupportRequest] = [],
            mine: [SupportRequest] = []
        if actor.hasAny([.marketManager, .csManager, .csEngineer]) {
            conflicts = try await supportRequests(SupportRequestFilter(conflicts: true), limit: 20, for: actor).items
                .filter { actor.hasAny([.marketManager, .csManager]) || $0.engineerId == actor.id }
        }
        if actor.has(.marketManager) {
            endorse = try await supportRequests(SupportRequestFilter(state: .submitted), limit: 20, for: actor).items
        }
        if actor.has(.csManager) {
            allocate = try await supportRequests(SupportRequestFilter(state: .endorsed), limit: 20, for: actor).items
        }
        if actor.has(.salesRep) {
            mine = try await supportRequests(SupportRequestFilter(open: true), limit: 20, for: actor).items
        }
        return (conflicts, endorse, allocate, mine)
    }
}

extension SupportRequestProcess: ProcessRecords {
    static func load(_ s: Store, id: Int64, for actor: Actor, now: Int64) async throws -> Subject? {
        guard let r = try await s.supportRequest(id: id, for: actor) else { return nil }
        var conflicts: [SupportRequest] = []
        if let e = r.engineerId, r.state == .scheduled, let a = r.startsAt, let b = r.endsAt {
            conflicts = try await s.supportSelect().where(SQLColumn("engineer_id", table: "r"), .equal, SQLBind(e))
                .where(SQLColumn("state", table: "r"), .equal, SQLBind(SupportRequest.State.scheduled.rawValue))
                .where(SQLColumn("id", table: "r"), .notEqual, SQLBind(r.id))
                .where(SQLColumn("starts_at", table: "r"), .lessThan, SQLBind(b)).where(
                    SQLColumn("ends_at", table: "r"), .greaterThan, SQLBind(a)
                )
                .all().map(Store.decodeSupport)
        }
        return Subject(r, people: try await s.users(), conflicts: conflicts)
    }

    static func save(_ s: Store, _ new: Subject, over old: Subject, at version: Int) async throws {
        let r = new.request
        try await s.sql.update("support_requests").set("state", to: r.state.rawValue).set(
            "engineer_id", to: r.engineerId
        ).set("starts_at", to: r.startsAt)
            .set("ends_at", to: r.endsAt).set("outcome", to: r.outcome).set("version", to: r.version).set(
                "updated_at", to: Store.nowMillis()
            )
            .versioned(id: r.id, version: version)
    }

    static func perform(
        _ s: Store, _ effect: Effect, on subject: inout Subject, context: StepContext, files: FileFolder?
    ) async throws -> Bool {
        switch effect {
        case .timeline(let customerId, let summary):
            // The outcome on the customer's timeline: a meeting with him, written by the engineer.
            let row = try await s.sql.insert(into: "communications")
                .columns(
                    "customer_id", "contact_id", "kind", "direction", "occurred_at", "summary", "next_step",
                    "next_step_date", "author_id", "created_at"
                )
                .values(
                    SQLBind(customerId), SQLBind(Optional<Int64>.none), SQLBind(CommunicationKind.meeting.rawValue),
                    SQLBind("outbound"),
                    SQLBind(subject.request.startsAt.map { $0 / 1000 } ?? context.seconds),
                    SQLBind(String(summary.prefix(2000))), SQLBind(""), SQLBind(""),
                    SQLBind(context.actor.id), SQLBind(context.now)
                ).returning("id").first()
            try await s.audit(
                .create, "communication", String(try row!.decode(column: "id", as: Int64.self)),
                note: ["support_request": String(subject.recordId)])
            return false
        }
    }
}
