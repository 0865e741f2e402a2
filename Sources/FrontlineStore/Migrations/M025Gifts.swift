import FluentKit
import FrontlineCore
import SQLKit

/// Issue 12: the gift register (馈赠登记): declarations are inserted and confirmed, never deleted.
struct M025Gifts: AsyncMigration {
    var name: String { "025_gifts" }

    func prepare(on db: any Database) async throws {
        try await db.schema("gifts")
            .field("id", .int64, .identifier(auto: true))
            .field("number", .string, .required)
            .field("declarant_id", .int64, .required, .references("users", "id"))
            .field("customer_id", .int64, .required, .references("customers", "id"))
            .field("kind", .string, .required)
            .field("description", .string, .required)
            .field("value_fen", .int64, .required)
            .field("offered_on", .string, .required)
            .field("note", .string, .required)
            .field("state", .string, .required)
            .field("handled_on", .string, .required)
            .field("handled_by", .int64, .references("users", "id"))
            .field("version", .int, .required)
            .field("created_at", .int64, .required)
            .field("updated_at", .int64, .required)
            .unique(on: "number")
            .create()
        try await index(db, "gifts_offered", on: "gifts", ["offered_on"])
        try await index(db, "gifts_declarant", on: "gifts", ["declarant_id", "offered_on"])
        try await index(db, "gifts_state", on: "gifts", ["state", "offered_on"])
    }

    func revert(on db: any Database) async throws {
        try await db.schema("gifts").delete()
    }
}
