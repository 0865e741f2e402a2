import FluentKit
import FrontlineCore
import SQLKit

/// Issue 11: customer training sessions (客户培训) and their attendees.
struct M018Trainings: AsyncMigration {
    var name: String { "018_trainings" }

    func prepare(on db: any Database) async throws {
        try await db.schema("trainings")
            .field("id", .int64, .identifier(auto: true))
            .field("number", .string, .required)
            .field("contract_id", .int64, .required, .references("contracts", "id"))
            .field("implementation_id", .int64)
            .field("topic", .string, .required)
            .field("trainer_id", .int64, .required)
            .field("starts_at", .int64, .required)
            .field("hours", .int, .required)
            .field("mode", .string, .required)
            .field("place", .string, .required)
            .field("state", .string, .required)
            .field("held_on", .string, .required)
            .field("version", .int, .required)
            .field("created_at", .int64, .required)
            .field("updated_at", .int64, .required)
            .unique(on: "number")
            .create()
        try await index(db, "trainings_contract", on: "trainings", ["contract_id"])
        try await index(db, "trainings_state_start", on: "trainings", ["state", "starts_at"])
        try await db.schema("training_attendees")
            .field("id", .int64, .identifier(auto: true))
            .field("training_id", .int64, .required, .references("trainings", "id"))
            .field("contact_id", .int64, .required)
            .field("name", .string, .required)
            .field("attended", .bool, .required)
            .field("score", .int)
            .field("comment", .string, .required)
            .create()
        try await index(
            db, "training_attendees_training", on: "training_attendees", ["training_id", "contact_id"], unique: true)
    }

    func revert(on db: any Database) async throws {
        try await db.schema("training_attendees").delete()
        try await db.schema("trainings").delete()
    }
}
