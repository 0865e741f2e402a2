import FluentKit
import FrontlineCore
import SQLKit

/// Issue 4: contracts under review, their reviewers, and what an effective contract hands to Customer Service.
struct M007Contracts: AsyncMigration {
    var name: String { "007_contracts" }

    func prepare(on db: any Database) async throws {
        try await db.schema("contracts")
            .field("id", .int64, .identifier(auto: true))
            .field("number", .string, .required)
            .field("amendment", .int, .required)
            .field("customer_id", .int64, .required, .references("customers", "id"))
            .field("owner_id", .int64, .required, .references("users", "id"))
            .field("title", .string, .required)
            .field("source_kind", .string, .required)
            .field("source_id", .int64)
            .field("amount_fen", .int64, .required)
            .field("cost_fen", .int64, .required)
            .field("milestones", .string, .required)
            .field("technical_annex", .string, .required)
            .field("commercial_terms", .string, .required)
            .field("special", .bool, .required)
            .field("state", .string, .required)
            .field("meeting_date", .string, .required)
            .field("meeting_attendees", .string, .required)
            .field("meeting_minutes", .string, .required)
            .field("technical_signed_by", .int64, .references("users", "id"))
            .field("commercial_signed_by", .int64, .references("users", "id"))
            .field("customer_signed_on", .string, .required)
            .field("effective_at", .int64)
            .field("version", .int, .required)
            .field("created_at", .int64, .required)
            .field("updated_at", .int64, .required)
            .unique(on: "number", "amendment")
            .create()
        try await index(db, "contracts_customer", on: "contracts", ["customer_id"])
        try await index(db, "contracts_state", on: "contracts", ["state"])
        try await db.schema("contract_reviews")
            .field("id", .int64, .identifier(auto: true))
            .field("contract_id", .int64, .required, .references("contracts", "id"))
            .field("reviewer_id", .int64, .required, .references("users", "id"))
            .field("part", .string, .required)
            .field("opinion", .string, .required)
            .field("comment", .string, .required)
            .field("at", .int64)
            .unique(on: "contract_id", "reviewer_id")
            .create()
        try await db.schema("implementations")
            .field("id", .int64, .identifier(auto: true))
            .field("contract_id", .int64, .required, .references("contracts", "id"))
            .field("owner_id", .int64, .references("users", "id"))
            .field("state", .string, .required)
            .field("created_at", .int64, .required)
            .unique(on: "contract_id")
            .create()
        try await db.schema("payment_plan")
            .field("id", .int64, .identifier(auto: true))
            .field("contract_id", .int64, .required, .references("contracts", "id"))
            .field("seq", .int, .required)
            .field("name", .string, .required)
            .field("amount_fen", .int64, .required)
            .field("due", .string, .required)
            .field("received_fen", .int64, .required)
            .create()
        try await index(db, "payment_plan_contract", on: "payment_plan", ["contract_id", "seq"])
    }

    func revert(on db: any Database) async throws {
        for t in ["payment_plan", "implementations", "contract_reviews", "contracts"] {
            try await db.schema(t).delete()
        }
    }
}
