import FluentKit
import FrontlineCore
import SQLKit

/// The one search's index (`search_terms`, two-character terms of every searchable text) with the triggers that keep
/// it, filled from the rows there are.
struct M028Search: AsyncMigration {
    var name: String { "028_search" }

    func prepare(on db: any Database) async throws {
        let sql = db as! any SQLDatabase
        for statement in SearchIndexSQL.create(sqlite: sql.dialect.name == "sqlite") { try await sql.raw(SQLQueryString(statement)).run() }
    }

    func revert(on db: any Database) async throws {
        let sql = db as! any SQLDatabase
        for statement in SearchIndexSQL.drop(sqlite: sql.dialect.name == "sqlite") { try await sql.raw(SQLQueryString(statement)).run() }
    }
}
