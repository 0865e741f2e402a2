import FluentKit
import SQLKit

/// One pool warning per customer, owner and return day: the sweep's "already warned?" is the database's unique key,
/// so two sweeps at once (two servers, or `frontline pool-sweep` beside `serve`) cannot both write it. Warnings
/// written twice before are folded into the first.
struct M033OneWarning: AsyncMigration {
    var name: String { "033_one_warning" }

    func prepare(on db: any Database) async throws {
        let sql = db as! any SQLDatabase
        try await sql.raw(
            """
            DELETE FROM pool_events WHERE kind = 'warned' AND id NOT IN (
              SELECT MIN(id) FROM pool_events WHERE kind = 'warned' GROUP BY customer_id, to_owner_id, note)
            """
        ).run()
        try await sql.raw(
            "CREATE UNIQUE INDEX IF NOT EXISTS pool_events_one_warning ON pool_events (customer_id, to_owner_id, note) WHERE kind = 'warned'"
        ).run()
    }

    func revert(on db: any Database) async throws {
        try await (db as! any SQLDatabase).raw("DROP INDEX IF EXISTS pool_events_one_warning").run()
    }
}
