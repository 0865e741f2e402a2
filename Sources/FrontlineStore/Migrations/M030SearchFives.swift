import FluentKit
import FrontlineCore
import SQLKit

/// The search index gains every five-character term: a query of five characters or more is narrowed by its five-character
/// terms, which are rare even where every three-character one is common (the digits of sequential numbers and phones,
/// where a triple has ten thousands of postings and their conjunction a handful). The triggers are written again with
/// the three lengths and the rows there are get their five-character terms.
struct M030SearchFives: AsyncMigration {
    var name: String { "030_search_fives" }

    func prepare(on db: any Database) async throws {
        let sql = db as! any SQLDatabase
        let sqlite = sql.dialect.name == "sqlite"
        let statements =
            SearchIndexSQL.dropTriggers(sqlite: sqlite) + SearchIndexSQL.triggers(sqlite: sqlite, lengths: [2, 3, 5])
            + SearchIndexSQL.fill(sqlite: sqlite, lengths: [5])
        for statement in statements { try await sql.raw(SQLQueryString(statement)).run() }
    }

    func revert(on db: any Database) async throws {
        let sql = db as! any SQLDatabase
        let sqlite = sql.dialect.name == "sqlite"
        let statements =
            SearchIndexSQL.dropTriggers(sqlite: sqlite) + SearchIndexSQL.triggers(sqlite: sqlite, lengths: [2, 3])
            + ["DELETE FROM search_terms WHERE length(term) = 5"]
        for statement in statements { try await sql.raw(SQLQueryString(statement)).run() }
    }
}
