import FluentKit
import FrontlineCore
import SQLKit

/// Issue 12: market intelligence reports (一线信息/市场调研) and whom each is shared with.
struct M026Intelligence: AsyncMigration {
    var name: String { "026_intelligence" }

    func prepare(on db: any Database) async throws {
        try await db.schema("intelligence_reports")
            .field("id", .int64, .identifier(auto: true))
            .field("number", .string, .required)
            .field("kind", .string, .required)
            .field("title", .string, .required)
            .field("body", .string, .required)
            .field("competitor", .string, .required)
            .field("customer_id", .int64, .references("customers", "id"))
            .field("region_id", .int64, .references("regions", "id"))
            .field("author_id", .int64, .required, .references("users", "id"))
            .field("version", .int, .required)
            .field("created_at", .int64, .required)
            .field("updated_at", .int64, .required)
            .unique(on: "number")
            .create()
        try await index(db, "intelligence_author", on: "intelligence_reports", ["author_id", "created_at"])
        try await index(db, "intelligence_kind", on: "intelligence_reports", ["kind", "created_at"])
        try await index(db, "intelligence_customer", on: "intelligence_reports", ["customer_id"])
        try await db.schema("intelligence_shares")
            .field("report_id", .int64, .required, .references("intelligence_reports", "id"))
            .field("user_id", .int64, .required, .references("users", "id"))
            .unique(on: "report_id", "user_id")
            .create()
        try await index(db, "intelligence_shares_user", on: "intelligence_shares", ["user_id", "report_id"])
    }

    func revert(on db: any Database) async throws {
        try await db.schema("intelligence_shares").delete()
        try await db.schema("intelligence_reports").delete()
    }
}
