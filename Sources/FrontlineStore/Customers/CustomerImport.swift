import FluentKit
import Foundation
import FrontlineCore
import SQLKit

/// The outcome of one row of a customer import.
public struct ImportRowResult: Sendable, Codable {
    public init(row: Int, ok: Bool, id: Int64?, name: String, errors: [FieldError]) {
        self.row = row; self.ok = ok; self.id = id; self.name = name; self.errors = errors
    }

    public var row: Int
    public var ok: Bool
    public var id: Int64?
    public var name: String
    public var errors: [FieldError]
}

extension Store {
    public static let importMaxRows = 5_000

    /// Imports customers from rows of text keyed by field name (`name`, `tier`, `owner`, `region`, …). A row that
    /// fails imports nothing and is reported; the others are written in one transaction with one audit entry each.
    /// `dryRun` checks without writing.
    public func importCustomers(_ rows: [(line: Int, fields: [String: String])], by actor: Actor, dryRun: Bool = false)
        async throws -> [ImportRowResult]
    {
        guard CustomerAccess.canImport(actor) else { throw DomainError.forbidden }
        guard rows.count <= Store.importMaxRows else {
            throw DomainError.badRequest("import.too_many_rows", ["max": String(Store.importMaxRows)])
        }
        let users = try await self.users(includeInactive: false)
        let regions = try await self.regions()
        return try await transaction { s in
            var results: [ImportRowResult] = []
            var seenNames: [String: Int] = [:]
            var seenCodes: [String: Int] = [:]
            for (line, f) in rows {
                var errors: [FieldError] = []
                var input = CustomerInput(
                    name: f["name"] ?? "", tier: f["tier"].flatMap { $0.isEmpty ? nil : $0 }, industry: f["industry"],
                    status: f["status"].flatMap { $0.isEmpty ? nil : Store.statusFromText($0) }, address: f["address"],
                    creditCode: f["credit_code"], notes: f["notes"])
                if let owner = f["owner"]?.trimmingCharacters(in: .whitespaces), !owner.isEmpty {
                    if let u = users.first(where: {
                        ($0.username == owner.lowercased() || $0.displayName == owner) && $0.roles.contains(.salesRep)
                    }) {
                        input.ownerId = String(u.id)
                    } else {
                        errors.append(FieldError("owner", "import.owner_unknown", ["name": owner]))
                    }
                }
                if let region = f["region"]?.trimmingCharacters(in: .whitespaces), !region.isEmpty {
                    if let r = regions.first(where: { $0.name == region || $0.code == region.uppercased() }) {
                        input.regionId = String(r.id)
                    } else {
                        errors.append(FieldError("region", "import.region_unknown", ["name": region]))
                    }
                }
                var fields: CustomerFields?
                do {
                    fields = try input.apply(to: CustomerFields(name: ""))
                } catch let e as DomainError {
                    errors += e.fields
                }
                if var settled = fields, errors.isEmpty {
                    do {
                        settled = try await s.settle(settled, existing: nil, actor: actor)
                        let key = Text.matchKey(settled.name)
                        if let first = seenNames[key] {
                            errors.append(FieldError("name", "import.duplicate_in_file", ["row": String(first)]))
                        } else if let code = settled.creditCode, let first = seenCodes[code] {
                            errors.append(FieldError("credit_code", "import.duplicate_in_file", ["row": String(first)]))
                        } else {
                            seenNames[key] = line
                            if let code = settled.creditCode { seenCodes[code] = line }
                            if dryRun {
                                results.append(
                                    ImportRowResult(row: line, ok: true, id: nil, name: settled.name, errors: []))
                            } else {
                                let c = try await s.insertCustomer(settled, by: actor)
                                try await s.audit(
                                    .import, "customer", String(c.id), before: Optional<Customer>.none, after: c)
                                results.append(ImportRowResult(row: line, ok: true, id: c.id, name: c.name, errors: []))
                            }
                            continue
                        }
                    } catch let e as DomainError {
                        errors += e.fields.isEmpty ? [FieldError("row", e.message.key, e.message.args)] : e.fields
                    }
                }
                results.append(ImportRowResult(row: line, ok: false, id: nil, name: f["name"] ?? "", errors: errors))
            }
            return results
        }
    }

    /// Accepts a status by its code or its Chinese or English label.
    static func statusFromText(_ s: String) -> String {
        let t = s.trimmingCharacters(in: .whitespaces)
        for status in CustomerStatus.allCases
        where Catalog.text(status.labelKey, [:], .zhCN) == t
            || Catalog.text(status.labelKey, [:], .en).lowercased() == t.lowercased()
        {
            return status.rawValue
        }
        return t
    }

    /// Every customer an actor may see that matches the filter, for export (capped at 100,000 rows).
    /// The whole filtered archive in the list's order, `batch` rows at a time, by keyset: each batch starts after the
    /// last row of the one before (its sort value, then its id), so every batch costs the same and nothing is held
    /// but the batch. The export is audited with its row count first.
    public func exportCustomers(
        _ f: CustomerFilter, sort: ListQuery, for actor: Actor, batch: Int = 2_000,
        _ each: @Sendable ([CustomerListItem]) async throws -> Void
    ) async throws {
        let scope = CustomerAccess.readScope(actor)
        let term = try await customerQueryTerm(f.q)
        let count = try await countCustomers(scope, f, term: term)
        try await transaction { s in try await s.audit(.export, "customer", nil, note: ["rows": String(count)]) }
        var last: CustomerListItem?
        while true {
            let b = restrict(listSelect(), scope, f, term: term)
            if let last { _ = keyset(b, sort, after: last) }
            let dir: SQLDirection = sort.descending ? .descending : .ascending
            let rows = try await b.orderBy(
                SQLOrderBy(expression: Store.customerOrder(sort.sortField), direction: dir)
            )
            .orderBy(SQLOrderBy(expression: SQLColumn("id", table: "c"), direction: dir)).limit(batch).all()
            let items = try rows.map(Store.decodeListItem)
            if items.isEmpty { break }
            try await each(items)
            if items.count < batch { break }
            last = items.last
        }
    }

    /// The column a customer list sorts by: a name by its pinyin key (`Text.sortKey`), the rest as they are.
    static func customerOrder(_ field: String) -> SQLColumn {
        SQLColumn(field == "name" ? "name_sort" : field, table: "c")
    }

    /// Rows after `last` in the order (sort field, id), ascending or descending.
    func keyset<B: SQLPredicateBuilder>(_ b: B, _ sort: ListQuery, after last: CustomerListItem) -> B {
        let c = last.customer
        let value: any Encodable & Sendable =
            switch sort.sortField {
            case "name": Text.sortKey(c.name)
            case "tier": c.tier.rawValue
            case "status": c.status.rawValue
            case "updated_at": c.updatedAt
            case "created_at": c.createdAt
            default: c.id
            }
        let op: SQLBinaryOperator = sort.descending ? .lessThan : .greaterThan
        let field = Store.customerOrder(sort.sortField), id = SQLColumn("id", table: "c")
        return b.where { w in
            w.where(field, op, SQLBind(value)).orWhere { x in
                x.where(field, .equal, SQLBind(value)).where(id, op, SQLBind(c.id))
            }
        }
    }

    func customersPage(_ f: CustomerFilter, _ q: ListQuery, for actor: Actor) async throws -> [CustomerListItem] {
        try await customers(f, q, for: actor).items
    }
}
