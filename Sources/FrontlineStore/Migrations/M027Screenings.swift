import FluentKit
import FrontlineCore
import SQLKit

/// Issue 12: customer screening proposals (筛选客户) the market manager makes and the GM decides.
struct M027Screenings: AsyncMigration {
    var name: String { "027_screenings" }

    func prepare(on db: any Database) async throws {
        try await db.schema("screenings")
            .field("id", .int64, .identifier(auto: true))
            .field("number", .string, .required)
            .field("customer_id", .int64, .required, .references("customers", "id"))
            .field("outcome", .string, .required)
            .field("tier", .string)
            .field("status", .string)
            .field("tier_before", .string, .required)
            .field("status_before", .string, .required)
            .field("reason", .string, .required)
            .field("decision", .string, .required)
            .field("proposer_id", .int64, .required, .references("users", "id"))
            .field("state", .string, .required)
            .field("version", .int, .required)
            .field("created_at", .int64, .required)
            .field("updated_at", .int64, .required)
            .unique(on: "number")
            .create()
        try await index(db, "screenings_customer", on: "screenings", ["customer_id", "state"])
        try await index(db, "screenings_state", on: "screenings", ["state", "id"])
    }

    func revert(on db: any Database) async throws {
        try await db.schema("screenings").delete()
    }
}
