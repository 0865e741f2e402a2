import FluentKit
import FrontlineCore
import SQLKit

/// Issue 12: ownership disputes (工作争议) the market manager decides.
struct M022Disputes: AsyncMigration {
    var name: String { "022_disputes" }

    func prepare(on db: any Database) async throws {
        try await db.schema("disputes")
            .field("id", .int64, .identifier(auto: true))
            .field("number", .string, .required)
            .field("customer_id", .int64, .required, .references("customers", "id"))
            .field("claimant_id", .int64, .required, .references("users", "id"))
            .field("owner_id", .int64, .required, .references("users", "id"))
            .field("reason", .string, .required)
            .field("state", .string, .required)
            .field("decision", .string, .required)
            .field("version", .int, .required)
            .field("created_at", .int64, .required)
            .field("updated_at", .int64, .required)
            .unique(on: "number")
            .create()
        try await index(db, "disputes_customer", on: "disputes", ["customer_id", "state"])
        try await index(db, "disputes_claimant", on: "disputes", ["claimant_id", "state"])
        try await index(db, "disputes_owner", on: "disputes", ["owner_id", "state"])
    }

    func revert(on db: any Database) async throws {
        try await db.schema("disputes").delete()
    }
}
