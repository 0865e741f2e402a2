import FluentKit
import FrontlineCore
import SQLKit

struct M005Attachments: AsyncMigration {
    var name: String { "005_attachments" }

    func prepare(on db: any Database) async throws {
        try await db.schema("attachments")
            .field("id", .int64, .identifier(auto: true))
            .field("entity", .string, .required)
            .field("entity_id", .int64, .required)
            .field("name", .string, .required)
            .field("content_type", .string, .required)
            .field("size", .int64, .required)
            .field("sha256", .string, .required)
            .field("uploaded_by", .int64, .required, .references("users", "id"))
            .field("created_at", .int64, .required)
            .field("archived", .bool, .required)
            .create()
        try await index(db, "attachments_entity", on: "attachments", ["entity", "entity_id"])
    }

    func revert(on db: any Database) async throws {
        try await db.schema("attachments").delete()
    }
}
