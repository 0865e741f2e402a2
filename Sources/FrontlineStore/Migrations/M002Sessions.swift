import FluentKit
import FrontlineCore
import SQLKit

/// Web sessions, API tokens and failed sign-ins, kept in the database so servers stay stateless.
struct M002Sessions: AsyncMigration {
    var name: String { "002_sessions" }

    func prepare(on db: any Database) async throws {
        try await db.schema("sessions")
            .field("id", .int64, .identifier(auto: true))
            .field("token_hash", .string, .required)
            .field("user_id", .int64, .required, .references("users", "id", onDelete: .cascade))
            .field("kind", .string, .required)
            .field("csrf", .string, .required)
            .field("created_at", .int64, .required)
            .field("expires_at", .int64, .required)
            .unique(on: "token_hash")
            .create()
        try await index(db, "sessions_user", on: "sessions", ["user_id"])
        try await db.schema("login_failures")
            .field("id", .int64, .identifier(auto: true))
            .field("key", .string, .required)
            .field("at", .int64, .required)
            .create()
        try await index(db, "login_failures_key_at", on: "login_failures", ["key", "at"])
    }

    func revert(on db: any Database) async throws {
        try await db.schema("login_failures").delete()
        try await db.schema("sessions").delete()
    }
}
