import FluentKit
import FrontlineCore
import SQLKit

/// Issue 11: customer complaints (客户投诉) with the service-level moments a list asks about, and the compensation's
/// approval.
struct M016Complaints: AsyncMigration {
    var name: String { "016_complaints" }

    func prepare(on db: any Database) async throws {
        try await db.schema("complaints")
            .field("id", .int64, .identifier(auto: true))
            .field("number", .string, .required)
            .field("customer_id", .int64, .required, .references("customers", "id"))
            .field("contact_name", .string, .required)
            .field("channel", .string, .required)
            .field("category", .string, .required)
            .field("product_id", .int64)
            .field("severity", .string, .required)
            .field("words", .string, .required)
            .field("taken_by", .int64, .required)
            .field("department", .string, .required)
            .field("state", .string, .required)
            .field("resume_state", .string, .required)
            .field("acknowledgement", .string, .required)
            .field("root_cause", .string, .required)
            .field("resolution", .string, .required)
            .field("confirmed_by", .string, .required)
            .field("satisfaction", .int)
            .field("compensation_fen", .int64)
            .field("compensation_approval_id", .int64)
            .field("compensation_paid_on", .string, .required)
            .field("opened_at", .int64, .required)
            .field("pauses", .string, .required)
            .field("responded_at", .int64)
            .field("resolved_at", .int64)
            .field("response_minutes", .int, .required)
            .field("resolution_minutes", .int, .required)
            .field("response_warn_at", .int64)
            .field("response_due_at", .int64)
            .field("resolution_warn_at", .int64)
            .field("resolution_due_at", .int64)
            .field("version", .int, .required)
            .field("created_at", .int64, .required)
            .field("updated_at", .int64, .required)
            .field("closed_at", .int64)
            .unique(on: "number")
            .create()
        try await index(db, "complaints_state", on: "complaints", ["state"])
        try await index(db, "complaints_customer", on: "complaints", ["customer_id"])
        try await index(db, "complaints_created", on: "complaints", ["created_at"])
        try await index(db, "complaints_response_warn", on: "complaints", ["response_warn_at"])
        try await index(db, "complaints_resolution_warn", on: "complaints", ["resolution_warn_at"])
    }

    func revert(on db: any Database) async throws {
        try await db.schema("complaints").delete()
    }
}
