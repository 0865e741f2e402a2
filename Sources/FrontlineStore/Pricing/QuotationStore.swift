import FluentKit
import Foundation
import FrontlineCore
import SQLKit

/// A quotation with the names around it.
public struct QuotationItem: Sendable {
    public var quotation: Quotation
    public var customerName: String
    public var ownerName: String
}

/// Filters of the quotation list.
public struct QuotationFilter: Sendable, Equatable {
    public var q: String?
    public var state: Quotation.State?
    public var customerId: Int64?
    public var ownerId: Int64?
    /// Made on this day (`YYYY-MM-DD`, China time) or later: the moment that day starts.
    public var from: Int64?
    /// Made before this moment (the start of the day after the one asked).
    public var before: Int64?
    public init(q: String? = nil, state: Quotation.State? = nil, customerId: Int64? = nil) {
        self.q = q; self.state = state; self.customerId = customerId
    }

    /// The sorts of the list and the column each reads.
    public static let sorts: [String: String] = [
        "gross": "gross_fen", "valid_until": "valid_until", "updated_at": "updated_at", "created_at": "created_at",
        "id": "id",
    ]
}

extension Store {
    static let quotationColumns = [
        "id", "number", "revision", "customer_id", "owner_id", "title", "valid_until", "terms", "state", "approval_id",
        "lines",
        "version", "created_at", "updated_at", "opportunity_id",
    ]
    static let linesCoder = (JSONEncoder(), JSONDecoder())

    static func decodeQuotation(_ r: any SQLRow) throws -> Quotation {
        let lines = try Store.linesCoder.1.decode(
            [QuoteLine].self, from: Data(try r.decode(column: "lines", as: String.self).utf8))
        var q = Quotation(
            id: try r.decode(column: "id", as: Int64.self), number: try r.decode(column: "number", as: String.self),
            revision: try r.decode(column: "revision", as: Int.self),
            customerId: try r.decode(column: "customer_id", as: Int64.self),
            ownerId: try r.decode(column: "owner_id", as: Int64.self),
            title: try r.decode(column: "title", as: String.self),
            validUntil: try r.decode(column: "valid_until", as: String.self),
            terms: try r.decode(column: "terms", as: String.self),
            state: Quotation.State(rawValue: try r.decode(column: "state", as: String.self)) ?? .draft,
            approvalId: try r.decode(column: "approval_id", as: Int64?.self), lines: lines,
            version: try r.decode(column: "version", as: Int.self),
            createdAt: try r.decode(column: "created_at", as: Int64.self),
            updatedAt: try r.decode(column: "updated_at", as: Int64.self))
        q.opportunityId = try r.decode(column: "opportunity_id", as: Int64?.self)
        return q
    }

    func quotationSelect() -> SQLSelectBuilder {
        sql.select().columns(Store.quotationColumns.map { SQLColumn($0, table: "q") })
            .column(SQLColumn("name", table: "c"), as: "customer_name").column(
                SQLColumn("display_name", table: "u"), as: "owner_name"
            )
            .from(SQLAlias(SQLIdentifier("quotations"), as: SQLIdentifier("q")))
            .join(
                SQLAlias(SQLIdentifier("customers"), as: SQLIdentifier("c")), method: SQLJoinMethod.inner,
                on: SQLColumn("customer_id", table: "q"), .equal, SQLColumn("id", table: "c")
            )
            .join(
                SQLAlias(SQLIdentifier("users"), as: SQLIdentifier("u")), method: SQLJoinMethod.inner,
                on: SQLColumn("owner_id", table: "q"), .equal, SQLColumn("id", table: "u"))
    }

    /// Limits a query on quotations (`q`, joined with customers `c`) to what the actor may read: as the customer.
    func scopeQuotations<B: SQLPredicateBuilder>(_ b: B, for actor: Actor) -> B {
        switch CustomerAccess.readScope(actor) {
        case .all: break
        case .ownedBy(let id): b.where(SQLColumn("owner_id", table: "c"), .equal, SQLBind(id))
        case .handedToCustomerService, .none: b.where(SQLLiteral.boolean(false), .equal, SQLLiteral.boolean(true))
        }
        return b
    }

    static func decodeQuotationItem(_ r: any SQLRow) throws -> QuotationItem {
        QuotationItem(
            quotation: try decodeQuotation(r), customerName: try r.decode(column: "customer_name", as: String.self),
            ownerName: try r.decode(column: "owner_name", as: String.self))
    }

    public func quotation(id: Int64, for actor: Actor) async throws -> QuotationItem? {
        try await scopeQuotations(quotationSelect().where(SQLColumn("id", table: "q"), .equal, SQLBind(id)), for: actor)
            .first()
            .map(Store.decodeQuotationItem)
    }

    /// A page of the quotations the actor reads, with the gross amount of every one that matched.
    public func quotations(_ f: QuotationFilter, _ q: ListQuery, before: Int64? = nil, for actor: Actor) async throws
        -> Listing<QuotationItem>
    {
        guard QuotationAccess.canBrowse(actor) else { throw DomainError.forbidden }
        func filtered<B: SQLPredicateBuilder>(_ b: B) -> B {
            _ = scopeQuotations(b, for: actor)
            if let s = f.state { b.where(SQLColumn("state", table: "q"), .equal, SQLBind(s.rawValue)) }
            if let c = f.customerId { b.where(SQLColumn("customer_id", table: "q"), .equal, SQLBind(c)) }
            if let o = f.ownerId { b.where(SQLColumn("owner_id", table: "q"), .equal, SQLBind(o)) }
            if let t = f.from { b.where(SQLColumn("created_at", table: "q"), .greaterThanOrEqual, SQLBind(t)) }
            if let t = f.before { b.where(SQLColumn("created_at", table: "q"), .lessThan, SQLBind(t)) }
            if let q = f.q, !q.isEmpty {
                let pattern = Store.likePattern(q.lowercased())
                b.where { w in
                    w.where(Store.like(SQLFunction("LOWER", args: SQLColumn("number", table: "q")), pattern))
                        .orWhere(Store.like(SQLFunction("LOWER", args: SQLColumn("title", table: "q")), pattern))
                        .orWhere(Store.like(SQLFunction("LOWER", args: SQLColumn("name", table: "c")), pattern))
                }
            }
            return b
        }
        return try await page(
            count: filtered(customerRecordCount("quotations", "q", sum: "gross_fen")),
            rows: filtered(quotationSelect()),
            alias: "q", q, before: before, columns: QuotationFilter.sorts, summed: true,
            decode: Store.decodeQuotationItem)
    }

    /// The newest `limit` quotations the actor reads.
    public func quotations(_ f: QuotationFilter, limit: Int, for actor: Actor) async throws -> Listing<QuotationItem> {
        try await quotations(f, ListQuery(limit: limit, sortField: "id", descending: true), for: actor)
    }

    func productsByID(_ ids: [Int64]) async throws -> [Int64: Product] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await sql.select().columns(Store.productColumns).from("products").where("id", .in, ids).all()
        return Dictionary(uniqueKeysWithValues: try rows.map(Store.decodeProduct).map { ($0.id, $0) })
    }

    static func lineIDs(_ input: QuotationInput) -> [Int64] {
        (input.lines ?? []).compactMap { Int64(($0.productId ?? "").trimmingCharacters(in: .whitespaces)) }
    }

    func writeQuotation(_ q: Quotation, old: Quotation?) async throws -> Quotation {
        var q = q
        let lines = String(decoding: try Store.linesCoder.0.encode(q.lines), as: UTF8.self)
        let totals = q.totals
        q.updatedAt = Store.nowMillis()
        if let old {
            q.version = old.version + 1
            try await updateQuotationRow(q, at: old.version)
        } else {
            q.createdAt = q.updatedAt
            q.version = 1
            let row = try await sql.insert(into: "quotations").columns(
                Array(Store.quotationColumns.dropFirst()) + ["net_fen", "gross_fen"]
            )
            .values(
                SQLBind(q.number), SQLBind(q.revision), SQLBind(q.customerId), SQLBind(q.ownerId), SQLBind(q.title),
                SQLBind(q.validUntil), SQLBind(q.terms), SQLBind(q.state.rawValue), SQLBind(q.approvalId),
                SQLBind(lines),
                SQLBind(1), SQLBind(q.createdAt), SQLBind(q.updatedAt), SQLBind(q.opportunityId),
                SQLBind(totals.net.fen), SQLBind(totals.gross.fen)
            ).returning("id").first()
            q.id = try row!.decode(column: "id", as: Int64.self)
        }
        return q
    }

    /// The one versioned write of a quotation's row, where the row is at `version` (409 when another writer got
    /// there first).
    func updateQuotationRow(_ q: Quotation, at version: Int) async throws {
        let lines = String(decoding: try Store.linesCoder.0.encode(q.lines), as: UTF8.self)
        let totals = q.totals
        try await sql.update("quotations").set("title", to: q.title).set("valid_until", to: q.validUntil).set(
            "terms", to: q.terms
        )
        .set("state", to: q.state.rawValue).set("approval_id", to: q.approvalId).set("lines", to: lines)
        .set("net_fen", to: totals.net.fen).set("gross_fen", to: totals.gross.fen).set(
            "opportunity_id", to: q.opportunityId
        ).set("version", to: q.version)
        .set("updated_at", to: q.updatedAt).versioned(id: q.id, version: version)
    }

    /// The next number of the year in `table`: `Q2026-0001`, `HT2026-0001`.
    func nextNumber(in table: String, prefix: String) async throws -> String {
        let year = String(DateText.today().prefix(4))
        let row = try await sql.select().column(SQLFunction("MAX", args: SQLColumn("number")), as: "m").from(table)
            .where("number", .like, "\(prefix)\(year)-%").first()
        let last = (try? row?.decode(column: "m", as: String?.self)) ?? nil
        let n = last.flatMap { Int($0.split(separator: "-").last ?? "") } ?? 0
        return "\(prefix)\(year)-" + String(format: "%04d", n + 1)
    }

    /// Opens a quotation in draft for a customer the actor may change.
    public func createQuotation(_ input: QuotationInput, by actor: Actor) async throws -> Quotation {
        guard QuotationAccess.canWrite(actor) else { throw DomainError.forbidden }
        guard let cid = Int64((input.customerId ?? "").trimmingCharacters(in: .whitespaces)) else {
            throw DomainError.validation([FieldError("customer_id", "field.required")])
        }
        return try await transaction { s in
            guard let c = try await s.rawCustomer(id: cid), CustomerAccess.canRead(actor, c) else {
                throw DomainError.validation([FieldError("customer_id", "quotation.unknown_customer")])
            }
            guard CustomerAccess.canEdit(actor, c), !c.archived else { throw DomainError.forbidden }
            let products = try await s.productsByID(Store.lineIDs(input))
            let today = DateText.today()
            let base = Quotation(
                customerId: cid, ownerId: c.ownerId ?? actor.id, title: "",
                validUntil: DateText.day(Int64(Date().timeIntervalSince1970) + 30 * 86_400))
            var q = try input.apply(to: base, products: products, today: today)
            q.opportunityId = try await s.linkableOpportunity(input.opportunityId, customerId: cid, for: actor)
            q.number = try await s.nextNumber(in: "quotations", prefix: "Q")
            q = try await s.writeQuotation(q, old: nil)
            try await s.recordStep(
                "quotation", q.id, from: "", action: "create", to: q.state.rawValue, actor: actor, comment: "")
            try await s.audit(.create, "quotation", String(q.id), before: Optional<Quotation>.none, after: q)
            return q
        }
    }

    /// Changes a draft (header and lines); anything past draft is revised instead.
    public func updateQuotation(id: Int64, version: Int, _ input: QuotationInput, by actor: Actor) async throws
        -> Quotation
    {
        try await transaction { s in
            guard let item = try await s.quotation(id: id, for: actor) else { throw DomainError.notFound }
            let old = item.quotation
            guard QuotationAccess.canWrite(actor), let c = try await s.rawCustomer(id: old.customerId),
                CustomerAccess.canEdit(actor, c)
            else {
                throw DomainError.forbidden
            }
            guard old.version == version else { throw Store.stale(old.version) }
            if let refusal = old.editRefusal { throw refusal }
            if input.customerId != nil, Int64(input.customerId!.trimmingCharacters(in: .whitespaces)) != old.customerId
            {
                throw DomainError.validation([FieldError("customer_id", "quotation.customer_fixed")])
            }
            let products = try await s.productsByID(Store.lineIDs(input))
            var changed = try input.apply(to: old, products: products, today: DateText.today())
            if input.opportunityId != nil {
                changed.opportunityId = try await s.linkableOpportunity(
                    input.opportunityId, customerId: old.customerId, for: actor)
            }
            let q = try await s.writeQuotation(changed, old: old)
            try await s.audit(.update, "quotation", String(id), before: old, after: q)
            return q
        }
    }

    /// Takes one step of the quotation process (the table is `QuotationProcess`); `submit` raises the discount
    /// approval the limits route. Deciding it is the approval's step, reached from either side.
    public func actOnQuotation(
        id: Int64, _ action: QuotationProcess.Action, comment: String?, version: Int?, by actor: Actor
    )
        async throws -> Quotation
    {
        if [.approve, .reject].contains(action) {
            // The decision is its approval's step, taken in one transaction with the quotation's row held first (the
            // order every writer on the two keeps), at the quotation's version the approver read.
            return try await transaction { s in
                try await s.lockRow("quotations", id)
                guard let item = try await s.quotation(id: id, for: actor) else { throw DomainError.notFound }
                if let version, version != item.quotation.version { throw Store.stale(item.quotation.version) }
                guard let aid = item.quotation.approvalId, item.quotation.state == .pendingApproval else {
                    _ = try ProcessEngine.step(
                        QuotationProcess.self, from: item.quotation.state, action: action,
                        subject: QuotationProcess.Subject(item.quotation, standardDiscount: 0), actor: actor,
                        comment: comment)
                    throw DomainError(.conflict, Message("approval.subject_moved"))
                }
                _ = try await s.step(
                    ApprovalProcess.self, id: aid, action == .approve ? .approve : .reject, StepInput(comment: comment),
                    version: nil, by: actor,
                    now: Store.nowMillis())
                return try await s.quotation(id: id, for: actor)!.quotation
            }
        }
        return try await run(
            QuotationProcess.self, id: id, action, StepInput(comment: comment), version: version, by: actor
        ).quotation
    }

    /// A new revision of a quotation in draft, valid 30 days more when its date has passed.
    func openRevision(of old: Quotation, _ context: StepContext) async throws {
        var next = old
        next.id = 0
        next.revision =
            try await sql.select().column(SQLFunction("MAX", args: SQLColumn("revision")), as: "m").from("quotations")
            .where("number", .equal, old.number).first()!.decode(column: "m", as: Int.self) + 1
        next.state = .draft
        next.approvalId = nil
        if next.validUntil < context.today { next.validUntil = DateText.day(context.seconds + 30 * 86_400) }
        let created = try await writeQuotation(next, old: nil)
        try await recordCreation(
            "quotation", created.id, state: created.state.rawValue, by: context.actor,
            comment: "revision of #\(old.id)", record: created)
    }
}

extension QuotationProcess: ProcessRecords {
    static func load(_ s: Store, id: Int64, for actor: Actor, now: Int64) async throws -> Subject? {
        guard let item = try await s.quotation(id: id, for: actor) else { return nil }
        let q = item.quotation
        let approval = try await q.approvalId.asyncMap { try await s.approval(id: $0) } ?? nil
        let (limits, limitsVersion) = try await s.authorityLimits()
        let mayEdit = try await s.rawCustomer(id: q.customerId).map { CustomerAccess.canEdit(actor, $0) } ?? false
        return Subject(
            q, standardDiscount: try await s.standardDiscount(), approval: approval, mayEdit: mayEdit,
            customerName: item.customerName, limits: limits,
            limitsVersion: limitsVersion)
    }

    static func save(_ s: Store, _ new: Subject, over old: Subject, at version: Int) async throws {
        var q = new.quotation
        q.updatedAt = Store.nowMillis()
        try await s.updateQuotationRow(q, at: version)
    }

    static func perform(
        _ s: Store, _ effect: Effect, on subject: inout Subject, context: StepContext, files: FileFolder?
    ) async throws -> Bool {
        switch effect {
        case .raiseApproval(let request):
            subject.quotation.approvalId = try await s.insertApproval(request, by: context.actor).id
            return true
        case .withdrawApproval(let approval):
            _ = try await s.take(
                ApprovalProcess.self, .withdraw, on: approval, StepInput(comment: ""), context, files: nil)
            return false
        case .voidApproval(let approval):
            _ = try await s.take(
                ApprovalProcess.self, .void, on: approval, StepInput(), context, files: nil, automatic: true)
            return false
        case .openRevision:
            try await s.openRevision(of: subject.quotation, context)
            return false
        }
    }
}

extension Optional {
    /// `map` for an async transform.
    public func asyncMap<T>(_ f: (Wrapped) async throws -> T) async rethrows -> T? {
        switch self {
        case .some(let w): try await f(w)
        case .none: nil
        }
    }
}
