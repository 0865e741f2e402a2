import FluentKit
import FrontlineCore
import SQLKit

/// The audit log.
struct M004Audit: AsyncMigration {
    var name: String { "004_audit" }

    func prepare(on db: any Database) async throws {
        try await db.schema("audit_log")
            .field("id", .int64, .identifier(auto: true))
            .field("at", .int64, .required)
            .field("actor_id", .int64)
            .field("actor_name", .string, .required)
            .field("action", .string, .required)
            .field("entity", .string, .required)
            .field("entity_id", .string)
            .field("before", .string)
            .field("after", .string)
            .field("ip", .string)
            .field("request_id", .string)
            .create()
        try await index(db, "audit_at", on: "audit_log", ["at"])
        try await index(db, "audit_entity", on: "audit_log", ["entity", "entity_id"])
        try await index(db, "audit_actor", on: "audit_log", ["actor_id", "at"])
    }

    func revert(on db: any Database) async throws {
        try await db.schema("audit_log").delete()
    }
}
