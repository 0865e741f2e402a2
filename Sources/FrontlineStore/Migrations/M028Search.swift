import FluentKit
import FrontlineCore
import SQLKit

/// The one search's index (`search_terms`, two- and three-character terms of every searchable text) with the triggers that keep
/// it, filled from the rows there are.
struct M028Search: AsyncMigration {
    var name: String { "028_search" }

    func prepare(on db: any Database) async throws {
        let sql = db as! any SQLDatabase
        let sqlite = sql.dialect.name == "sqlite"
        // The lengths of this migration's time (030 adds five).
        let statements =
            SearchIndexSQL.tables(sqlite: sqlite, upTo: 2000)
            + SearchIndexSQL.triggers(sqlite: sqlite, lengths: [2, 3])
            + SearchIndexSQL.fill(sqlite: sqlite, lengths: [2, 3])
        for statement in statements { try await sql.raw(SQLQueryString(statement)).run() }
        // A rep's own customers newest first without sorting them all (his search when a term is common).
        try await index(db, "customers_owner_newest", on: "customers", ["owner_id", "archived", "id"])
    }

    func revert(on db: any Database) async throws {
        let sql = db as! any SQLDatabase
        try await sql.raw("DROP INDEX IF EXISTS customers_owner_newest").run()
        for statement in SearchIndexSQL.drop(sqlite: sql.dialect.name == "sqlite") {
            try await sql.raw(SQLQueryString(statement)).run()
        }
    }
}
