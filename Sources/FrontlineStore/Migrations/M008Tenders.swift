import FluentKit
import FrontlineCore
import SQLKit

/// Issue 4: tenders (标书) with their versioned part files and bid review.
struct M008Tenders: AsyncMigration {
    var name: String { "008_tenders" }

    func prepare(on db: any Database) async throws {
        try await db.schema("tenders")
            .field("id", .int64, .identifier(auto: true))
            .field("number", .string, .required)
            .field("customer_id", .int64, .required, .references("customers", "id"))
            .field("owner_id", .int64, .required, .references("users", "id"))
            .field("title", .string, .required)
            .field("tender_no", .string, .required)
            .field("buyer", .string, .required)
            .field("agency", .string, .required)
            .field("deadline", .int64, .required)
            .field("state", .string, .required)
            .field("bid_fen", .int64, .required)
            .field("deposit_fen", .int64, .required)
            .field("deposit", .string, .required)
            .field("deposit_paid_on", .string, .required)
            .field("deposit_closed_on", .string, .required)
            .field("quotation_id", .int64, .references("quotations", "id"))
            .field("engineer_id", .int64, .references("users", "id"))
            .field("package_sha", .string, .required)
            .field("package_size", .int64, .required)
            .field("package_versions", .string, .required)
            .field("package_at", .int64)
            .field("submitted_at", .int64)
            .field("loss_reason", .string, .required)
            .field("winner", .string, .required)
            .field("winning_fen", .int64)
            .field("contract_id", .int64, .references("contracts", "id"))
            .field("version", .int, .required)
            .field("created_at", .int64, .required)
            .field("updated_at", .int64, .required)
            .unique(on: "number")
            .create()
        try await index(db, "tenders_customer", on: "tenders", ["customer_id"])
        try await index(db, "tenders_state_deadline", on: "tenders", ["state", "deadline"])
        try await db.schema("tender_reviews")
            .field("id", .int64, .identifier(auto: true))
            .field("tender_id", .int64, .required, .references("tenders", "id"))
            .field("reviewer_id", .int64, .required, .references("users", "id"))
            .field("part", .string, .required)
            .field("opinion", .string, .required)
            .field("comment", .string, .required)
            .field("at", .int64)
            .unique(on: "tender_id", "reviewer_id")
            .create()
        try await db.schema("tender_files")
            .field("id", .int64, .identifier(auto: true))
            .field("tender_id", .int64, .required, .references("tenders", "id"))
            .field("part", .string, .required)
            .field("version", .int, .required)
            .field("note", .string, .required)
            .field("name", .string, .required)
            .field("content_type", .string, .required)
            .field("size", .int64, .required)
            .field("sha256", .string, .required)
            .field("uploaded_by", .int64, .required, .references("users", "id"))
            .field("created_at", .int64, .required)
            .unique(on: "tender_id", "part", "version")
            .create()
    }

    func revert(on db: any Database) async throws {
        for t in ["tender_files", "tender_reviews", "tenders"] { try await db.schema(t).delete() }
    }
}
