import FluentKit
import FrontlineCore
import SQLKit

/// One primary contact per customer, kept by the database: two people marking a primary contact at once on
/// PostgreSQL could each clear the old one and both insert theirs; the index refuses the second, whose transaction
/// then runs again and clears the first (`Store.transaction`).
struct M012OnePrimaryContact: AsyncMigration {
    var name: String { "012_one_primary_contact" }

    func prepare(on db: any Database) async throws {
        let sql = db as! any SQLDatabase
        try await sql.raw(
            """
            UPDATE contacts SET is_primary = false WHERE is_primary
            AND id NOT IN (SELECT MAX(id) FROM contacts WHERE is_primary GROUP BY customer_id)
            """
        ).run()
        try await sql.raw("CREATE UNIQUE INDEX contacts_one_primary ON contacts (customer_id) WHERE is_primary").run()
    }

    func revert(on db: any Database) async throws {
        try await (db as! any SQLDatabase).raw("DROP INDEX contacts_one_primary").run()
    }
}
