import FluentKit
import SQLKit

/// A rep's opportunities in the orders his list and board read them: by the latest change, and per stage by amount —
/// read in order from an index, not sorted from his 15,000 rows for each page; and a customer's opportunities with
/// their owners, so the others' on his customers are found without reading every row of his (the index on the
/// customer alone goes: this one begins with it).
struct M031RepOpportunities: AsyncMigration {
    var name: String { "031_rep_opportunities" }

    func prepare(on db: any Database) async throws {
        try await index(db, "opportunities_owner_updated", on: "opportunities", ["owner_id", "updated_at"])
        try await index(
            db, "opportunities_owner_stage_amount", on: "opportunities", ["owner_id", "stage", "amount_fen"])
        try await index(db, "opportunities_customer_owner", on: "opportunities", ["customer_id", "owner_id"])
        try await (db as! any SQLDatabase).raw("DROP INDEX IF EXISTS opportunities_customer").run()
    }

    func revert(on db: any Database) async throws {
        let sql = db as! any SQLDatabase
        try await sql.raw("DROP INDEX IF EXISTS opportunities_owner_updated").run()
        try await sql.raw("DROP INDEX IF EXISTS opportunities_owner_stage_amount").run()
        try await index(db, "opportunities_customer", on: "opportunities", ["customer_id"])
        try await sql.raw("DROP INDEX IF EXISTS opportunities_customer_owner").run()
    }
}
