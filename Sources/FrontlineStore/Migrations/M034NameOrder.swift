import FluentKit
import FrontlineCore
import SQLKit

/// Customers in pinyin order: `name_sort` holds each name's sort key (`Text.sortKey`), kept beside the name by every
/// write, and the archive's order by name reads it through its index. Existing customers are keyed here, a thousand
/// at a time.
struct M034NameOrder: AsyncMigration {
    var name: String { "034_name_order" }

    func prepare(on db: any Database) async throws {
        let sql = db as! any SQLDatabase
        // Byte order on both: SQLite's own, and PostgreSQL's "C" collation whatever the database's locale.
        let collate = sql.dialect.name == "sqlite" ? "" : " COLLATE \"C\""
        try await sql.raw("ALTER TABLE customers ADD COLUMN name_sort TEXT\(unsafeRaw: collate) NOT NULL DEFAULT ''")
            .run()
        var after: Int64 = 0
        while true {
            let rows = try await sql.select().column("id").column("name").from("customers").where(
                "id", .greaterThan, after
            )
            .orderBy("id").limit(1000).all()
            guard let last = rows.last else { break }
            for row in rows {
                let id = try row.decode(column: "id", as: Int64.self)
                try await sql.update("customers").set(
                    "name_sort", to: Text.sortKey(try row.decode(column: "name", as: String.self))
                )
                .where("id", .equal, id).run()
            }
            after = try last.decode(column: "id", as: Int64.self)
        }
        try await sql.raw("CREATE INDEX IF NOT EXISTS customers_name_sort ON customers (name_sort, id)").run()
    }

    func revert(on db: any Database) async throws {
        let sql = db as! any SQLDatabase
        try await sql.raw("DROP INDEX IF EXISTS customers_name_sort").run()
        try await sql.raw("ALTER TABLE customers DROP COLUMN name_sort").run()
    }
}
