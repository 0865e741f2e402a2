import FluentKit
import FrontlineCore
import SQLKit

/// Each owner's count, total and weighted total of opportunities per stage (`opportunity_totals`), kept by triggers
/// on every insert, change of owner, stage, amount or probability, and delete — so the pipeline and the board read a
/// few rows instead of summing 300,000 — and filled from the rows there are.
struct M029OpportunityTotals: AsyncMigration {
    var name: String { "029_opportunity_totals" }

    func prepare(on db: any Database) async throws {
        let sql = db as! any SQLDatabase
        for statement in OpportunityTotalsSQL.create(sqlite: sql.dialect.name == "sqlite") {
            try await sql.raw(SQLQueryString(statement)).run()
        }
    }

    func revert(on db: any Database) async throws {
        let sql = db as! any SQLDatabase
        for statement in OpportunityTotalsSQL.drop(sqlite: sql.dialect.name == "sqlite") {
            try await sql.raw(SQLQueryString(statement)).run()
        }
    }
}
