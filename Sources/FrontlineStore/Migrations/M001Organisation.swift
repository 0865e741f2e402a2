import FluentKit
import FrontlineCore
import SQLKit

/// Regions, users and system settings (authority limits).
struct M001Organisation: AsyncMigration {
    var name: String { "001_organisation" }

    func prepare(on db: any Database) async throws {
        try await db.schema("regions")
            .field("id", .int64, .identifier(auto: true))
            .field("name", .string, .required)
            .field("code", .string, .required)
            .field("head_id", .int64)
            .field("version", .int, .required)
            .field("created_at", .int64, .required)
            .unique(on: "name").unique(on: "code")
            .create()
        try await db.schema("users")
            .field("id", .int64, .identifier(auto: true))
            .field("username", .string, .required)
            .field("display_name", .string, .required)
            .field("password_hash", .string, .required)
            .field("roles", .string, .required)
            .field("region_id", .int64, .references("regions", "id"))
            .field("active", .bool, .required)
            .field("locale", .string, .required)
            .field("email", .string, .required)
            .field("version", .int, .required)
            .field("created_at", .int64, .required)
            .field("updated_at", .int64, .required)
            .unique(on: "username")
            .create()
        try await db.schema("settings")
            .field("key", .string, .identifier(auto: false))
            .field("value", .string, .required)
            .field("version", .int, .required)
            .field("updated_at", .int64, .required)
            .field("updated_by", .int64)
            .create()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("settings").delete()
        try await db.schema("users").delete()
        try await db.schema("regions").delete()
    }
}
