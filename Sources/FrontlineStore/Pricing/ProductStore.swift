import FluentKit
import Foundation
import FrontlineCore
import SQLKit

/// The price book (issue 4) and the settings quotations read.
extension Store {
    // MARK: settings

    /// The discount a seller may give without approval, in basis points (setting `quote.standard_discount`, 10 %).
    public func standardDiscount() async throws -> Int {
        let row = try await sql.select().column("value").from("settings").where(
            "key", .equal, "quote.standard_discount"
        ).first()
        return row.flatMap { try? $0.decode(column: "value", as: String.self) }.flatMap { Int($0) } ?? 1_000
    }

    // MARK: products

    static let productColumns = [
        "id", "code", "name", "kind", "unit", "description", "list_fen", "floor_fen", "cost_fen", "tax_rate", "active",
        "version",
        "created_at", "updated_at",
    ]

    static func decodeProduct(_ r: any SQLRow) throws -> Product {
        Product(
            id: try r.decode(column: "id", as: Int64.self), code: try r.decode(column: "code", as: String.self),
            name: try r.decode(column: "name", as: String.self),
            kind: ProductKind(rawValue: try r.decode(column: "kind", as: String.self)) ?? .product,
            unit: try r.decode(column: "unit", as: String.self),
            description: try r.decode(column: "description", as: String.self),
            listPrice: Money(fen: try r.decode(column: "list_fen", as: Int64.self)),
            floorPrice: Money(fen: try r.decode(column: "floor_fen", as: Int64.self)),
            cost: Money(fen: try r.decode(column: "cost_fen", as: Int64.self)),
            taxRate: try r.decode(column: "tax_rate", as: Int.self),
            active: try r.decode(column: "active", as: Bool.self),
            version: try r.decode(column: "version", as: Int.self),
            createdAt: try r.decode(column: "created_at", as: Int64.self),
            updatedAt: try r.decode(column: "updated_at", as: Int64.self))
    }

    /// The price book, by code; `q` searches code and name.
    public func products(q: String? = nil, includeInactive: Bool = false, for actor: Actor) async throws -> [Product] {
        guard PriceAccess.canBrowse(actor) else { throw DomainError.forbidden }
        let b = sql.select().columns(Store.productColumns).from("products")
        if !includeInactive { b.where("active", .equal, true) }
        if let q, !q.isEmpty {
            let pattern = Store.likePattern(q.lowercased())
            b.where { w in
                w.where(Store.like(SQLFunction("LOWER", args: SQLColumn("code")), pattern))
                    .orWhere(Store.like(SQLFunction("LOWER", args: SQLColumn("name")), pattern))
            }
        }
        return try await b.orderBy("code").all().map(Store.decodeProduct)
    }

    public func product(id: Int64) async throws -> Product? {
        try await sql.select().columns(Store.productColumns).from("products").where("id", .equal, id).first().map(
            Store.decodeProduct)
    }

    public func createProduct(_ input: ProductInput, by actor: Actor) async throws -> Product {
        guard PriceAccess.canEdit(actor) else { throw DomainError.forbidden }
        let (validated, _, _) = try input.apply(to: nil)
        return try await transaction { s in
            var p = validated
            if try await s.sql.select().column("id").from("products").where("code", .equal, p.code).first() != nil {
                throw DomainError(
                    .duplicate, Message("product.duplicate", ["code": p.code]),
                    fields: [FieldError("code", "product.duplicate", ["code": p.code])])
            }
            let now = Store.nowMillis()
            p.createdAt = now
            p.updatedAt = now
            let row = try await s.sql.insert(into: "products").columns(Array(Store.productColumns.dropFirst()))
                .values(
                    SQLBind(p.code), SQLBind(p.name), SQLBind(p.kind.rawValue), SQLBind(p.unit), SQLBind(p.description),
                    SQLBind(p.listPrice.fen), SQLBind(p.floorPrice.fen), SQLBind(p.cost.fen), SQLBind(p.taxRate),
                    SQLBind(p.active),
                    SQLBind(1), SQLBind(now), SQLBind(now)
                ).returning("id").first()
            p.id = try row!.decode(column: "id", as: Int64.self)
            try await s.audit(.create, "product", String(p.id), before: Optional<Product>.none, after: p)
            return p
        }
    }

    /// Changes a product; a price change is kept in the price history with its reason.
    public func updateProduct(id: Int64, version: Int, _ input: ProductInput, by actor: Actor) async throws -> Product {
        guard PriceAccess.canEdit(actor) else { throw DomainError.forbidden }
        return try await transaction { s in
            guard let old = try await s.product(id: id) else { throw DomainError.notFound }
            guard old.version == version else { throw Store.stale(old.version) }
            var (p, changed, reason) = try input.apply(to: old)
            if p.code != old.code,
                try await s.sql.select().column("id").from("products").where("code", .equal, p.code).first() != nil
            {
                throw DomainError(
                    .duplicate, Message("product.duplicate", ["code": p.code]),
                    fields: [FieldError("code", "product.duplicate", ["code": p.code])])
            }
            let now = Store.nowMillis()
            p.version = old.version + 1
            p.updatedAt = now
            try await s.sql.update("products")
                .set("code", to: p.code).set("name", to: p.name).set("kind", to: p.kind.rawValue).set(
                    "unit", to: p.unit
                )
                .set("description", to: p.description).set("list_fen", to: p.listPrice.fen).set(
                    "floor_fen", to: p.floorPrice.fen
                )
                .set("cost_fen", to: p.cost.fen).set("tax_rate", to: p.taxRate).set("active", to: p.active)
                .set("version", to: p.version).set("updated_at", to: now)
                .versioned(id: id, version: version)
            if changed {
                try await s.sql.insert(into: "price_changes")
                    .columns(
                        "product_id", "list_before", "list_after", "floor_before", "floor_after", "cost_before",
                        "cost_after", "reason", "changed_by", "at"
                    )
                    .values(
                        SQLBind(id), SQLBind(old.listPrice.fen), SQLBind(p.listPrice.fen), SQLBind(old.floorPrice.fen),
                        SQLBind(p.floorPrice.fen), SQLBind(old.cost.fen), SQLBind(p.cost.fen), SQLBind(reason),
                        SQLBind(actor.id), SQLBind(now)
                    ).run()
            }
            try await s.audit(.update, "product", String(id), before: old, after: p)
            return p
        }
    }

    /// A price change with the product and the name of who made it.
    public struct PriceChangeItem: Sendable {
        public var change: PriceChange
        public var productCode: String
        public var productName: String
        public var changedByName: String
    }

    /// The price history, newest first: of one product, or of the whole book.
    /// `listOnly` keeps to changes of the list price: that floor or cost moved is itself confidential.
    public func priceChanges(productId: Int64? = nil, listOnly: Bool = false, limit: Int = 200, offset: Int = 0)
        async throws
        -> Listing<PriceChangeItem>
    {
        func filtered<B: SQLPredicateBuilder>(_ b: B) -> B {
            if let productId { b.where(SQLColumn("product_id", table: "c"), .equal, SQLBind(productId)) }
            if listOnly {
                b.where(SQLColumn("list_before", table: "c"), .notEqual, SQLColumn("list_after", table: "c"))
            }
            return b
        }
        let total =
            try await filtered(
                sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
                    .from(SQLAlias(SQLIdentifier("price_changes"), as: SQLIdentifier("c")))
            ).first()?.decode(column: "n", as: Int.self) ?? 0
        let rows = try await filtered(
            sql.select()
                .columns(
                    [
                        "id", "product_id", "list_before", "list_after", "floor_before", "floor_after", "cost_before",
                        "cost_after", "reason", "changed_by", "at",
                    ].map { SQLColumn($0, table: "c") }
                )
                .column(SQLColumn("code", table: "p"), as: "product_code").column(
                    SQLColumn("name", table: "p"), as: "product_name"
                )
                .column(SQLColumn("display_name", table: "u"), as: "changed_by_name")
                .from(SQLAlias(SQLIdentifier("price_changes"), as: SQLIdentifier("c")))
                .join(
                    SQLAlias(SQLIdentifier("products"), as: SQLIdentifier("p")), method: SQLJoinMethod.inner,
                    on: SQLColumn("product_id", table: "c"), .equal, SQLColumn("id", table: "p")
                )
                .join(
                    SQLAlias(SQLIdentifier("users"), as: SQLIdentifier("u")), method: SQLJoinMethod.inner,
                    on: SQLColumn("changed_by", table: "c"), .equal, SQLColumn("id", table: "u"))
        ).orderBy(SQLColumn("id", table: "c"), SQLDirection.descending).limit(limit).offset(offset).all()
        let items = try rows.map { r in
            PriceChangeItem(
                change: PriceChange(
                    id: try r.decode(column: "id", as: Int64.self),
                    productId: try r.decode(column: "product_id", as: Int64.self),
                    listBefore: Money(fen: try r.decode(column: "list_before", as: Int64.self)),
                    listAfter: Money(fen: try r.decode(column: "list_after", as: Int64.self)),
                    floorBefore: Money(fen: try r.decode(column: "floor_before", as: Int64.self)),
                    floorAfter: Money(fen: try r.decode(column: "floor_after", as: Int64.self)),
                    costBefore: Money(fen: try r.decode(column: "cost_before", as: Int64.self)),
                    costAfter: Money(fen: try r.decode(column: "cost_after", as: Int64.self)),
                    reason: try r.decode(column: "reason", as: String.self),
                    changedBy: try r.decode(column: "changed_by", as: Int64.self),
                    at: try r.decode(column: "at", as: Int64.self)),
                productCode: try r.decode(column: "product_code", as: String.self),
                productName: try r.decode(column: "product_name", as: String.self),
                changedByName: try r.decode(column: "changed_by_name", as: String.self))
        }
        return Listing(items: items, total: total)
    }
}
