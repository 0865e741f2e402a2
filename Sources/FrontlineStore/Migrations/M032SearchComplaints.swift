import FluentKit
import FrontlineCore
import SQLKit

/// Complaints join the one search (by number, who complained and the words): the positions go up to 4,000 (the
/// longest words a complaint takes), the triggers are written again for every kind and the complaints there are get
/// their terms.
struct M032SearchComplaints: AsyncMigration {
    var name: String { "032_search_complaints" }

    func prepare(on db: any Database) async throws {
        let sql = db as! any SQLDatabase
        let sqlite = sql.dialect.name == "sqlite"
        let numbers =
            sqlite
            ? "INSERT OR IGNORE INTO search_numbers (n) WITH RECURSIVE s(n) AS (SELECT 2001 UNION ALL SELECT n + 1 FROM s WHERE n < \(SearchIndexSQL.maxLength)) SELECT n FROM s"
            : "INSERT INTO search_numbers (n) SELECT generate_series(2001, \(SearchIndexSQL.maxLength)) ON CONFLICT DO NOTHING"
        let statements =
            [numbers] + SearchIndexSQL.dropTriggers(sqlite: sqlite)
            + SearchIndexSQL.triggers(sqlite: sqlite, lengths: [2, 3, 5])
            + SearchIndexSQL.fill(sqlite: sqlite, lengths: [2, 3, 5], kinds: [.complaint])
        for statement in statements { try await sql.raw(SQLQueryString(statement)).run() }
    }

    func revert(on db: any Database) async throws {
        let sql = db as! any SQLDatabase
        let sqlite = sql.dialect.name == "sqlite"
        var statements = ["insert", "update", "delete"].map {
            "DROP TRIGGER IF EXISTS search_complaints_\($0)\(sqlite ? "" : " ON complaints")"
        }
        if !sqlite { statements.append("DROP FUNCTION IF EXISTS search_complaints()") }
        statements.append("DELETE FROM search_terms WHERE kind = \(SearchKind.complaint.code)")
        statements.append("DELETE FROM search_numbers WHERE n > 2000")
        for statement in statements { try await sql.raw(SQLQueryString(statement)).run() }
    }
}
