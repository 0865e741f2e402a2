import FluentKit
import FrontlineCore
import SQLKit

/// Issue 11: pre-sales support requests (销售支持) and their engineers' bookings.
struct M017SupportRequests: AsyncMigration {
    var name: String { "017_support_requests" }

    func prepare(on db: any Database) async throws {
        try await db.schema("support_requests")
            .field("id", .int64, .identifier(auto: true))
            .field("number", .string, .required)
            .field("kind", .string, .required)
            .field("title", .string, .required)
            .field("detail", .string, .required)
            .field("customer_id", .int64, .required, .references("customers", "id"))
            .field("tender_id", .int64)
            .field("wished_at", .string, .required)
            .field("hours", .int, .required)
            .field("requester_id", .int64, .required)
            .field("state", .string, .required)
            .field("engineer_id", .int64)
            .field("starts_at", .int64)
            .field("ends_at", .int64)
            .field("outcome", .string, .required)
            .field("version", .int, .required)
            .field("created_at", .int64, .required)
            .field("updated_at", .int64, .required)
            .unique(on: "number")
            .create()
        try await index(db, "support_requests_state", on: "support_requests", ["state"])
        try await index(db, "support_requests_customer", on: "support_requests", ["customer_id"])
        try await index(db, "support_requests_engineer", on: "support_requests", ["engineer_id", "starts_at"])
    }

    func revert(on db: any Database) async throws {
        try await db.schema("support_requests").delete()
    }
}
