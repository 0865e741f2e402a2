import FluentKit
import Foundation
import FrontlineCore
import SQLKit

/// Which complaints to list.
public struct ComplaintFilter: Sendable, Equatable {
    public var q: String?
    public var state: Complaint.State?
    public var category: Complaint.Category?
    public var severity: Complaint.Severity?
    public var department: Department?
    public var customerId: Int64?
    public var open: Bool
    /// Only open ones whose acknowledgement or resolution is due soon or overdue (at `now`).
    public var attention: Bool
    /// Taken in from this day, to this day (inclusive), `YYYY-MM-DD`.
    public var from: String?
    public var to: String?
    public init(
        q: String? = nil, state: Complaint.State? = nil, category: Complaint.Category? = nil,
        severity: Complaint.Severity? = nil,
        department: Department? = nil, customerId: Int64? = nil, open: Bool = false, attention: Bool = false,
        from: String? = nil, to: String? = nil
    ) {
        self.q = q; self.state = state; self.category = category; self.severity = severity; self.department = department
        self.customerId = customerId; self.open = open; self.attention = attention; self.from = from; self.to = to
    }
}

/// Customer complaints (客户投诉).
extension Store {
    static let complaintColumns =
        [
            "id", "number", "customer_id", "contact_name", "channel", "category", "product_id", "severity", "words",
            "taken_by", "department", "state",
            "resume_state", "acknowledgement", "root_cause", "resolution", "confirmed_by", "satisfaction",
            "compensation_fen", "compensation_approval_id",
            "compensation_paid_on", "version", "created_at", "updated_at", "closed_at",
        ] + serviceTimeColumns

    func complaintSelect() -> SQLSelectBuilder {
        sql.select().columns(Store.complaintColumns.map { SQLColumn($0, table: "t") })
            .column(SQLColumn("name", table: "c"), as: "customer_name").column(
                SQLColumn("owner_id", table: "c"), as: "account_owner_id"
            )
            .column(SQLColumn("region_id", table: "c"), as: "region_id").column(
                SQLColumn("display_name", table: "u"), as: "taken_by_name"
            )
            .column(SQLColumn("name", table: "p"), as: "product_name")
            .from(SQLAlias(SQLIdentifier("complaints"), as: SQLIdentifier("t")))
            .join(
                SQLAlias(SQLIdentifier("customers"), as: SQLIdentifier("c")), method: SQLJoinMethod.inner,
                on: SQLColumn("customer_id", table: "t"), .equal, SQLColumn("id", table: "c")
            )
            .join(
                SQLAlias(SQLIdentifier("users"), as: SQLIdentifier("u")), method: SQLJoinMethod.left,
                on: SQLColumn("taken_by", table: "t"), .equal, SQLColumn("id", table: "u")
            )
            .join(
                SQLAlias(SQLIdentifier("products"), as: SQLIdentifier("p")), method: SQLJoinMethod.left,
                on: SQLColumn("product_id", table: "t"), .equal, SQLColumn("id", table: "p"))
    }

    static func decodeComplaint(_ r: any SQLRow) throws -> Complaint {
        Complaint(
            id: try r.decode(column: "id", as: Int64.self), number: try r.decode(column: "number", as: String.self),
            customerId: try r.decode(column: "customer_id", as: Int64.self),
            customerName: try r.decode(column: "customer_name", as: String.self),
            accountOwnerId: try r.decode(column: "account_owner_id", as: Int64?.self),
            regionId: try r.decode(column: "region_id", as: Int64?.self),
            contactName: try r.decode(column: "contact_name", as: String.self),
            channel: Complaint.Channel(rawValue: try r.decode(column: "channel", as: String.self)) ?? .phone,
            category: Complaint.Category(rawValue: try r.decode(column: "category", as: String.self)) ?? .other,
            productId: try r.decode(column: "product_id", as: Int64?.self),
            productName: try r.decode(column: "product_name", as: String?.self) ?? "",
            severity: Complaint.Severity(rawValue: try r.decode(column: "severity", as: String.self)) ?? .normal,
            words: try r.decode(column: "words", as: String.self),
            takenBy: try r.decode(column: "taken_by", as: Int64.self),
            takenByName: try r.decode(column: "taken_by_name", as: String?.self) ?? "",
            department: Department(rawValue: try r.decode(column: "department", as: String.self)) ?? .market,
            state: Complaint.State(rawValue: try r.decode(column: "state", as: String.self)) ?? .received,
            resumeState: Complaint.State(rawValue: try r.decode(column: "resume_state", as: String.self)),
            acknowledgement: try r.decode(column: "acknowledgement", as: String.self),
            rootCause: try r.decode(column: "root_cause", as: String.self),
            resolution: try r.decode(column: "resolution", as: String.self),
            confirmedBy: try r.decode(column: "confirmed_by", as: String.self),
            satisfaction: try r.decode(column: "satisfaction", as: Int?.self),
            compensation: try r.decode(column: "compensation_fen", as: Int64?.self).map { Money(fen: $0) },
            compensationApprovalId: try r.decode(column: "compensation_approval_id", as: Int64?.self),
            compensationPaidOn: try r.decode(column: "compensation_paid_on", as: String.self),
            times: try decodeServiceTimes(r),
            version: try r.decode(column: "version", as: Int.self),
            createdAt: try r.decode(column: "created_at", as: Int64.self),
            updatedAt: try r.decode(column: "updated_at", as: Int64.self),
            closedAt: try r.decode(column: "closed_at", as: Int64?.self))
    }

    func scopeComplaints<B: SQLPredicateBuilder>(_ b: B, for actor: Actor) -> B {
        if !ComplaintAccess.readsAll(actor) {
            let me = actor.has(.salesRep) ? actor.id : -1
            b.where { w in
                w.orWhere(SQLColumn("taken_by", table: "t"), .equal, SQLBind(me)).orWhere(
                    SQLColumn("owner_id", table: "c"), .equal, SQLBind(me))
            }
        }
        return b
    }

    public func complaint(id: Int64, for actor: Actor) async throws -> Complaint? {
        guard let row = try await complaintSelect().where(SQLColumn("id", table: "t"), .equal, SQLBind(id)).first()
        else { return nil }
        let c = try Store.decodeComplaint(row)
        return ComplaintAccess.canRead(actor, c) ? c : nil
    }

    /// What the list sorts by besides `id` (newest first unless asked otherwise), by the names `sort` takes.
    public static let complaintSorts: [String: SQLColumn] = [
        "created_at": SQLColumn("created_at", table: "t"), "customer": SQLColumn("name", table: "c"),
        "state": SQLColumn("state", table: "t"), "severity": SQLColumn("severity", table: "t"),
        "category": SQLColumn("category", table: "t"),
    ]

    public func complaints(
        _ f: ComplaintFilter, limit: Int = 50, offset: Int = 0, before: Int64? = nil, order: ListQuery? = nil,
        for actor: Actor, now: Int64 = Store.nowMillis()
    )
        async throws -> Listing<Complaint>
    {
        guard ComplaintAccess.canBrowse(actor) else { throw DomainError.forbidden }
        func filtered<B: SQLPredicateBuilder>(_ b: B) -> B {
            _ = scopeComplaints(b, for: actor)
            if let before { b.where(SQLColumn("id", table: "t"), .lessThan, SQLBind(before)) }
            if let s = f.state { b.where(SQLColumn("state", table: "t"), .equal, SQLBind(s.rawValue)) }
            if let k = f.category { b.where(SQLColumn("category", table: "t"), .equal, SQLBind(k.rawValue)) }
            if let s = f.severity { b.where(SQLColumn("severity", table: "t"), .equal, SQLBind(s.rawValue)) }
            if let d = f.department { b.where(SQLColumn("department", table: "t"), .equal, SQLBind(d.rawValue)) }
            if let c = f.customerId { b.where(SQLColumn("customer_id", table: "t"), .equal, SQLBind(c)) }
            if f.open || f.attention {
                b.where(SQLColumn("state", table: "t"), .notEqual, SQLBind(Complaint.State.closed.rawValue))
            }
            if f.attention {
                b.where { w in
                    w.orWhere(SQLColumn("response_warn_at", table: "t"), .lessThanOrEqual, SQLBind(now))
                        .orWhere(SQLColumn("resolution_warn_at", table: "t"), .lessThanOrEqual, SQLBind(now))
                }
            }
            if let from = f.from.flatMap(DateText.parseDay) {
                b.where(
                    SQLColumn("created_at", table: "t"), .greaterThanOrEqual,
                    SQLBind(DateText.start(ofDay: from) * 1000))
            }
            if let to = f.to.flatMap(DateText.parseDay) {
                b.where(SQLColumn("created_at", table: "t"), .lessThan, SQLBind(DateText.start(ofDay: to + 1) * 1000))
            }
            if let q = f.q, !q.isEmpty {
                let pattern = Store.likePattern(q.lowercased())
                b.where { w in
                    w.orWhere(Store.like(SQLFunction("LOWER", args: SQLColumn("number", table: "t")), pattern))
                        .orWhere(Store.like(SQLFunction("LOWER", args: SQLColumn("words", table: "t")), pattern))
                        .orWhere(Store.like(SQLFunction("LOWER", args: SQLColumn("name", table: "c")), pattern))
                }
            }
            return b
        }
        let total =
            try await filtered(customerRecordCount("complaints", "t")).first()?.decode(column: "n", as: Int.self) ?? 0
        let rows = try await Store.order(
            filtered(complaintSelect()), order, Store.complaintSorts, id: SQLColumn("id", table: "t"), before: before
        ).limit(limit).offset(offset).all()
        return Listing(items: try rows.map(Store.decodeComplaint), total: total)
    }

    /// A complaint taken in: by the business assistant or the market manager for any customer, by a rep for his own;
    /// one about engineering or after-sales is Customer Service's from the start.
    public func createComplaint(_ draft: ComplaintDraft, by actor: Actor, now: Int64 = Store.nowMillis()) async throws
        -> Complaint
    {
        guard actor.hasAny(ComplaintAccess.market) else {
            throw DomainError(.forbidden, .whoAsks("complaint.market_takes_in"))
        }
        let cid = try draft.customer()
        return try await transaction { s in
            guard let c = try await s.rawCustomer(id: cid), CustomerAccess.canRead(actor, c), !c.archived else {
                throw DomainError.validation([FieldError("customer_id", "complaint.unknown_customer")])
            }
            if let refusal = ComplaintAccess.mayTakeIn(actor, customerOwner: c.ownerId) {
                throw DomainError(.forbidden, refusal)
            }
            var products: [Int64: String] = [:]
            if let raw = draft.productId?.trimmingCharacters(in: .whitespaces), let pid = Int64(raw),
                let p = try await s.sql.select().columns("id", "name").from("products").where("id", .equal, pid).first()
            {
                products[pid] = try p.decode(column: "name", as: String.self)
            }
            let (levels, _) = try await s.serviceLevels()
            var k = try draft.validated(
                customer: (c.id, c.name), products: products, by: actor, now: now,
                target: ServiceLevels.Target(response: 0, resolution: 0))
            k.times.target = levels.target(k.levelSubject)
            k.number = try await s.nextNumber(in: "complaints", prefix: "TS")
            k.accountOwnerId = c.ownerId
            k.regionId = c.regionId
            let d = k.times.deadlines(levels.calendar)
            let row = try await s.sql.insert(into: "complaints")
                .columns(
                    "number", "customer_id", "contact_name", "channel", "category", "product_id", "severity", "words",
                    "taken_by", "department", "state",
                    "resume_state", "acknowledgement", "root_cause", "resolution", "confirmed_by",
                    "compensation_paid_on", "opened_at", "pauses",
                    "response_minutes", "resolution_minutes", "response_warn_at", "response_due_at",
                    "resolution_warn_at", "resolution_due_at", "version",
                    "created_at", "updated_at"
                )
                .values(
                    SQLBind(k.number), SQLBind(k.customerId), SQLBind(k.contactName), SQLBind(k.channel.rawValue),
                    SQLBind(k.category.rawValue),
                    SQLBind(k.productId), SQLBind(k.severity.rawValue), SQLBind(k.words), SQLBind(k.takenBy),
                    SQLBind(k.department.rawValue),
                    SQLBind(k.state.rawValue), SQLBind(""), SQLBind(""), SQLBind(""), SQLBind(""), SQLBind(""),
                    SQLBind(""), SQLBind(k.times.openedAt),
                    SQLBind("[]"), SQLBind(k.times.target.response), SQLBind(k.times.target.resolution),
                    SQLBind(d.responseWarn), SQLBind(d.responseDue),
                    SQLBind(d.resolutionWarn), SQLBind(d.resolutionDue), SQLBind(1), SQLBind(now), SQLBind(now)
                ).returning("id").first()
            k.id = try row!.decode(column: "id", as: Int64.self)
            let to = Catalog.text(k.department.labelKey, [:], .zhCN)
            try await s.recordCreation(
                ComplaintProcess.name, k.id, state: k.state.rawValue, by: actor, comment: "\(k.number) → \(to)",
                record: k)
            return k
        }
    }

    public func complaintSubject(id: Int64, for actor: Actor) async throws -> ComplaintProcess.Subject? {
        try await ComplaintProcess.load(self, id: id, for: actor, now: Store.nowMillis())
    }

    public func actOnComplaint(
        id: Int64, _ action: ComplaintProcess.Action, _ input: StepInput, version: Int?, by actor: Actor,
        now: Int64 = Store.nowMillis()
    )
        async throws -> Complaint
    {
        try await run(ComplaintProcess.self, id: id, action, input, version: version, by: actor, now: now).complaint
    }

    /// Every complaint taken in within the period that the actor reads, for the statistics.
    public func complaintsForStats(from: String, to: String, for actor: Actor) async throws -> [Complaint] {
        var out: [Complaint] = []
        var before: Int64?
        repeat {
            let page = try await complaints(
                ComplaintFilter(from: from, to: to), limit: 2000, before: before, for: actor)
            out += page.items
            before = page.items.count == 2000 ? page.items.last?.id : nil
        } while before != nil
        return out
    }

    /// Home pages: for the handlers, those near or past their targets and those to acknowledge; for the Market
    /// Department, the open complaints Customer Service handles on its customers (which it follows).
    public func complaintReminders(for actor: Actor, now: Int64 = Store.nowMillis()) async throws
        -> (attention: [Complaint], received: [Complaint], followed: [Complaint])
    {
        guard ComplaintAccess.canBrowse(actor) else { return ([], [], []) }
        let mine = { (c: Complaint) in ComplaintAccess.handles(actor, c) == nil }
        let attention = try await complaints(ComplaintFilter(attention: true), limit: 20, for: actor, now: now).items
            .filter(mine)
        let received = try await complaints(ComplaintFilter(state: .received), limit: 20, for: actor, now: now).items
            .filter(mine)
        var followed: [Complaint] = []
        if actor.hasAny(ComplaintAccess.market) {
            followed = try await complaints(
                ComplaintFilter(department: .customerService, open: true), limit: 20, for: actor, now: now
            ).items
        }
        return (attention, received, followed)
    }
}

extension ComplaintProcess: ProcessRecords {
    static func load(_ s: Store, id: Int64, for actor: Actor, now: Int64) async throws -> Subject? {
        guard let c = try await s.complaint(id: id, for: actor) else { return nil }
        let (limits, version) = try await s.authorityLimits()
        var approval: ApprovalRequest.State?
        if let a = c.compensationApprovalId { approval = try await s.approval(id: a)?.state }
        return Subject(c, limits: limits, limitsVersion: version, approval: approval)
    }

    static func save(_ s: Store, _ new: Subject, over old: Subject, at version: Int) async throws {
        let c = new.complaint
        let (levels, _) = try await s.serviceLevels()
        try await s.setServiceTimes(s.sql.update("complaints"), c.times, levels.calendar, open: c.state.open)
            .set("state", to: c.state.rawValue).set("resume_state", to: c.resumeState?.rawValue ?? "").set(
                "acknowledgement", to: c.acknowledgement
            )
            .set("root_cause", to: c.rootCause).set("resolution", to: c.resolution).set(
                "confirmed_by", to: c.confirmedBy
            )
            .set("satisfaction", to: c.satisfaction).set("compensation_fen", to: c.compensation?.fen).set(
                "compensation_approval_id", to: c.compensationApprovalId
            )
            .set("compensation_paid_on", to: c.compensationPaidOn).set("closed_at", to: c.closedAt).set(
                "version", to: c.version
            )
            .set("updated_at", to: Store.nowMillis()).versioned(id: c.id, version: version)
    }

    static func perform(
        _ s: Store, _ effect: Effect, on subject: inout Subject, context: StepContext, files: FileFolder?
    ) async throws -> Bool {
        switch effect {
        case .raiseApproval(let request):
            let a = try await s.insertApproval(request, by: context.actor)
            subject.complaint.compensationApprovalId = a.id
            return true
        }
    }
}
