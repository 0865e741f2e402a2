import FluentKit
import FrontlineCore
import SQLKit

/// Issue 12: the customer pool (公海). A customer keeps when its owner got it (the days without contact count from
/// then when nothing was logged since); the pool records each return, warning, claim and hand-out.
struct M021Pool: AsyncMigration {
    var name: String { "021_pool" }

    func prepare(on db: any Database) async throws {
        try await db.schema("customers").field("owner_since", .int64, .required, .sql(.default(0))).update()
        let sql = db as! any SQLDatabase
        try await sql.update("customers").set("owner_since", to: SQLColumn("created_at")).run()
        try await db.schema("pool_events")
            .field("id", .int64, .identifier(auto: true))
            .field("customer_id", .int64, .required, .references("customers", "id"))
            .field("kind", .string, .required)
            .field("from_owner_id", .int64)
            .field("to_owner_id", .int64)
            .field("note", .string, .required)
            .field("actor_id", .int64, .required)
            .field("at", .int64, .required)
            .create()
        try await index(db, "pool_events_customer", on: "pool_events", ["customer_id", "at"])
        try await index(db, "pool_events_claims", on: "pool_events", ["to_owner_id", "kind", "at"])
        try await index(db, "pool_events_losses", on: "pool_events", ["from_owner_id", "customer_id", "kind"])
        try await index(db, "customers_pool", on: "customers", ["owner_id", "archived", "tier"])
    }

    func revert(on db: any Database) async throws {
        try await (db as! any SQLDatabase).drop(index: "customers_pool").run()
        try await db.schema("pool_events").delete()
        try await db.schema("customers").deleteField("owner_since").update()
    }
}
