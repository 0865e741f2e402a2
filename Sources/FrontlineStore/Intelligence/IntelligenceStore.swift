import FluentKit
import Foundation
import FrontlineCore
import SQLKit

/// Which reports to list.
public struct IntelligenceFilter: Sendable, Equatable {
    public var q: String?
    public var kind: IntelligenceReport.Kind?
    public var authorId: Int64?
    public var customerId: Int64?
    public var regionId: Int64?
    public init(
        q: String? = nil, kind: IntelligenceReport.Kind? = nil, authorId: Int64? = nil, customerId: Int64? = nil,
        regionId: Int64? = nil
    ) {
        self.q = q; self.kind = kind; self.authorId = authorId; self.customerId = customerId; self.regionId = regionId
    }
    public static let sorts: Set<String> = ["number", "title", "created_at", "updated_at"]
}

/// Market intelligence reports (一线信息/市场调研).
extension Store {
    static let intelligenceColumns = [
        "id", "number", "kind", "title", "body", "competitor", "customer_id", "region_id", "author_id", "version",
        "created_at", "updated_at",
    ]

    func intelligenceSelect() -> SQLSelectBuilder {
        sql.select().columns(Store.intelligenceColumns.map { SQLColumn($0, table: "i") }).column(
            SQLColumn("name", table: "c"), as: "customer_name"
        )
        .from(SQLAlias(SQLIdentifier("intelligence_reports"), as: SQLIdentifier("i")))
        .join(
            SQLAlias(SQLIdentifier("customers"), as: SQLIdentifier("c")), method: SQLJoinMethod.left,
            on: SQLColumn("customer_id", table: "i"), .equal, SQLColumn("id", table: "c"))
    }

    static func decodeIntelligence(_ r: any SQLRow) throws -> IntelligenceReport {
        IntelligenceReport(
            id: try r.decode(column: "id", as: Int64.self), number: try r.decode(column: "number", as: String.self),
            kind: IntelligenceReport.Kind(rawValue: try r.decode(column: "kind", as: String.self)) ?? .marketTrend,
            title: try r.decode(column: "title", as: String.self),
            body: try r.decode(column: "body", as: String.self),
            competitor: try r.decode(column: "competitor", as: String.self),
            customerId: try r.decode(column: "customer_id", as: Int64?.self),
            customerName: try r.decode(column: "customer_name", as: String?.self) ?? "",
            regionId: try r.decode(column: "region_id", as: Int64?.self),
            authorId: try r.decode(column: "author_id", as: Int64.self),
            version: try r.decode(column: "version", as: Int.self),
            createdAt: try r.decode(column: "created_at", as: Int64.self),
            updatedAt: try r.decode(column: "updated_at", as: Int64.self))
    }

    /// Each report's shares, by report id.
    func intelligenceShares(_ ids: [Int64]) async throws -> [Int64: [Int64]] {
        guard !ids.isEmpty else { return [:] }
        var out: [Int64: [Int64]] = [:]
        for r in try await sql.select().columns("report_id", "user_id").from("intelligence_shares").where(
            "report_id", .in, SQLBind.group(ids)
        ).orderBy("user_id").all() {
            out[try r.decode(column: "report_id", as: Int64.self), default: []].append(
                try r.decode(column: "user_id", as: Int64.self))
        }
        return out
    }

    func rawIntelligence(id: Int64) async throws -> IntelligenceReport? {
        guard
            var r = try await intelligenceSelect().where(SQLColumn("id", table: "i"), .equal, SQLBind(id)).first().map(
                Store.decodeIntelligence)
        else { return nil }
        r.sharedWith = try await intelligenceShares([id])[id] ?? []
        return r
    }

    public func intelligenceReport(id: Int64, for actor: Actor) async throws -> IntelligenceReport? {
        guard let r = try await rawIntelligence(id: id), IntelligenceAccess.canRead(actor, r) else { return nil }
        return r
    }

    func restrictIntelligence<B: SQLPredicateBuilder>(_ b: B, _ f: IntelligenceFilter, for actor: Actor) -> B {
        if !IntelligenceAccess.readsAll(actor) {
            b.where { w in
                w.where(SQLColumn("author_id", table: "i"), .equal, SQLBind(actor.id))
                    .orWhere(
                        SQLColumn("id", table: "i"), .in,
                        SQLGroupExpression(
                            sql.select().column("report_id").from("intelligence_shares").where(
                                "user_id", .equal, SQLBind(actor.id)
                            ).query))
            }
        }
        if let k = f.kind { b.where(SQLColumn("kind", table: "i"), .equal, SQLBind(k.rawValue)) }
        if let a = f.authorId { b.where(SQLColumn("author_id", table: "i"), .equal, SQLBind(a)) }
        if let c = f.customerId { b.where(SQLColumn("customer_id", table: "i"), .equal, SQLBind(c)) }
        if let r = f.regionId { b.where(SQLColumn("region_id", table: "i"), .equal, SQLBind(r)) }
        if let q = f.q, !q.isEmpty {
            let pattern = Store.likePattern(q.lowercased())
            b.where { w in
                for (column, table) in [
                    ("number", "i"), ("title", "i"), ("body", "i"), ("competitor", "i"), ("name", "c"),
                ] {
                    w.orWhere(Store.like(SQLFunction("LOWER", args: SQLColumn(column, table: table)), pattern))
                }
                return w
            }
        }
        return b
    }

    public func intelligenceReports(_ f: IntelligenceFilter, _ q: ListQuery, before: Int64? = nil, for actor: Actor)
        async throws -> Listing<IntelligenceReport>
    {
        guard IntelligenceAccess.canBrowse(actor) else { throw DomainError.forbidden }
        let count = sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from(
            SQLAlias(SQLIdentifier("intelligence_reports"), as: SQLIdentifier("i"))
        )
        .join(
            SQLAlias(SQLIdentifier("customers"), as: SQLIdentifier("c")), method: SQLJoinMethod.left,
            on: SQLColumn("customer_id", table: "i"), .equal, SQLColumn("id", table: "c"))
        var listing = try await page(
            count: restrictIntelligence(count, f, for: actor),
            rows: restrictIntelligence(intelligenceSelect(), f, for: actor), alias: "i", q, before: before,
            decode: Store.decodeIntelligence)
        var items = listing.items
        let shares = try await intelligenceShares(items.map(\.id))
        for i in items.indices { items[i].sharedWith = shares[items[i].id] ?? [] }
        listing.items = items
        return listing
    }

    func intelligenceChoices(_ input: IntelligenceInput, for actor: Actor) async throws -> (
        customers: [Int64: String], regions: Set<Int64>, people: Set<Int64>
    ) {
        var customers: [Int64: String] = [:]
        if let raw = input.customerId, let id = Int64(raw.trimmingCharacters(in: .whitespaces)), id > 0,
            let item = try await customer(id: id, for: actor), !item.customer.archived
        {
            customers[id] = item.customer.name
        }
        let people = Set(try await users().filter { $0.active && IntelligenceAccess.canBrowse($0.actor) }.map(\.id))
        return (customers, Set(try await regions().map(\.id)), people)
    }

    func writeShares(_ r: IntelligenceReport) async throws {
        try await sql.delete(from: "intelligence_shares").where("report_id", .equal, r.id).run()
        for u in r.sharedWith {
            try await sql.insert(into: "intelligence_shares").columns("report_id", "user_id").values(
                SQLBind(r.id), SQLBind(u)
            ).run()
        }
    }

    /// A member of the Market Department (or the GM) submits a report.
    public func createIntelligence(_ input: IntelligenceInput, by actor: Actor, now: Int64 = Store.nowMillis())
        async throws -> IntelligenceReport
    {
        guard IntelligenceAccess.canWrite(actor) else { throw DomainError(.forbidden, .whoAsks("intel.writers")) }
        let (customers, regions, people) = try await intelligenceChoices(input, for: actor)
        var draft = try input.apply(
            to: IntelligenceReport(
                kind: .marketTrend, title: "", body: "", regionId: actor.regionId, authorId: actor.id),
            customers: customers, regions: regions, people: people)
        draft.createdAt = now
        draft.updatedAt = now
        let new = draft
        return try await transaction { s in
            var r = new
            r.number = try await s.nextNumber(in: "intelligence_reports", prefix: "QB")
            let row = try await s.sql.insert(into: "intelligence_reports").columns(
                Store.intelligenceColumns.filter { $0 != "id" }
            )
            .values(
                SQLBind(r.number), SQLBind(r.kind.rawValue), SQLBind(r.title), SQLBind(r.body), SQLBind(r.competitor),
                SQLBind(r.customerId), SQLBind(r.regionId),
                SQLBind(r.authorId), SQLBind(1), SQLBind(now), SQLBind(now)
            ).returning("id").first()
            r.id = try row!.decode(column: "id", as: Int64.self)
            try await s.writeShares(r)
            try await s.audit(
                .create, "intelligence_report", String(r.id), before: Optional<IntelligenceReport>.none, after: r)
            return r
        }
    }

    /// The author changes his report or whom it is shared with.
    public func updateIntelligence(
        id: Int64, version: Int, _ input: IntelligenceInput, by actor: Actor, now: Int64 = Store.nowMillis()
    ) async throws -> IntelligenceReport {
        let (customers, regions, people) = try await intelligenceChoices(input, for: actor)
        return try await transaction { s in
            guard let old = try await s.rawIntelligence(id: id), IntelligenceAccess.canRead(actor, old) else {
                throw DomainError.notFound
            }
            guard IntelligenceAccess.canEdit(actor, old) else {
                throw DomainError(.forbidden, .whoAsks("intel.not_author"))
            }
            guard old.version == version else { throw Store.stale(old.version) }
            // Someone it is already shared with stays sharable after he leaves; the customer it names stays named.
            var known = customers
            if let c = old.customerId { known[c] = old.customerName }
            var r = try input.apply(to: old, customers: known, regions: regions, people: people.union(old.sharedWith))
            r.version = old.version + 1
            r.updatedAt = now
            try await s.sql.update("intelligence_reports").set("kind", to: r.kind.rawValue).set("title", to: r.title)
                .set("body", to: r.body)
                .set("competitor", to: r.competitor).set("customer_id", to: r.customerId).set(
                    "region_id", to: r.regionId
                ).set("version", to: r.version)
                .set("updated_at", to: now).versioned(id: id, version: version)
            if r.sharedWith != old.sharedWith { try await s.writeShares(r) }
            try await s.audit(.update, "intelligence_report", String(id), before: old, after: r)
            return r
        }
    }
}
