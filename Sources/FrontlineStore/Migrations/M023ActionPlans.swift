import FluentKit
import FrontlineCore
import SQLKit

/// Issue 12: reps' action plans (行动计划) and their summary reports; one plan per rep, period kind and first day.
struct M023ActionPlans: AsyncMigration {
    var name: String { "023_action_plans" }

    func prepare(on db: any Database) async throws {
        try await db.schema("action_plans")
            .field("id", .int64, .identifier(auto: true))
            .field("number", .string, .required)
            .field("owner_id", .int64, .required, .references("users", "id"))
            .field("period", .string, .required)
            .field("starts_on", .string, .required)
            .field("ends_on", .string, .required)
            .field("items", .string, .required)
            .field("results", .string, .required)
            .field("lost_deals", .string, .required)
            .field("market_notes", .string, .required)
            .field("state", .string, .required)
            .field("version", .int, .required)
            .field("created_at", .int64, .required)
            .field("updated_at", .int64, .required)
            .unique(on: "number")
            .create()
        try await index(
            db, "action_plans_owner_period", on: "action_plans", ["owner_id", "period", "starts_on"], unique: true)
        try await index(db, "action_plans_period", on: "action_plans", ["period", "starts_on"])
        try await index(db, "action_plans_state", on: "action_plans", ["state", "updated_at"])
    }

    func revert(on db: any Database) async throws {
        try await db.schema("action_plans").delete()
    }
}
