import FluentKit
import FrontlineCore
import SQLKit

/// The customer archive: customers, contacts and the communication log.
struct M003Customers: AsyncMigration {
    var name: String { "003_customers" }

    func prepare(on db: any Database) async throws {
        try await db.schema("customers")
            .field("id", .int64, .identifier(auto: true))
            .field("name", .string, .required)
            .field("name_key", .string, .required)
            .field("tier", .string, .required)
            .field("industry", .string, .required)
            .field("region_id", .int64, .references("regions", "id"))
            .field("owner_id", .int64, .references("users", "id"))
            .field("status", .string, .required)
            .field("address", .string, .required)
            .field("credit_code", .string)
            .field("notes", .string, .required)
            .field("archived", .bool, .required)
            .field("version", .int, .required)
            .field("created_by", .int64)
            .field("created_at", .int64, .required)
            .field("updated_at", .int64, .required)
            .create()
        try await index(db, "customers_name_key", on: "customers", ["name_key"], unique: true)
        try await index(db, "customers_credit_code", on: "customers", ["credit_code"], unique: true)
        try await index(db, "customers_archived_name", on: "customers", ["archived", "name"])
        try await index(db, "customers_owner_archived_name", on: "customers", ["owner_id", "archived", "name"])
        try await index(db, "customers_region", on: "customers", ["region_id", "archived"])
        try await index(db, "customers_updated", on: "customers", ["archived", "updated_at"])
        try await db.schema("contacts")
            .field("id", .int64, .identifier(auto: true))
            .field("customer_id", .int64, .required, .references("customers", "id"))
            .field("name", .string, .required)
            .field("title", .string, .required)
            .field("phone", .string, .required)
            .field("mobile", .string, .required)
            .field("email", .string, .required)
            .field("is_primary", .bool, .required)
            .field("notes", .string, .required)
            .field("version", .int, .required)
            .field("created_at", .int64, .required)
            .create()
        try await index(db, "contacts_customer", on: "contacts", ["customer_id"])
        try await db.schema("communications")
            .field("id", .int64, .identifier(auto: true))
            .field("customer_id", .int64, .required, .references("customers", "id"))
            .field("contact_id", .int64, .references("contacts", "id"))
            .field("kind", .string, .required)
            .field("direction", .string, .required)
            .field("occurred_at", .int64, .required)
            .field("summary", .string, .required)
            .field("next_step", .string, .required)
            .field("next_step_date", .string)
            .field("author_id", .int64, .required, .references("users", "id"))
            .field("created_at", .int64, .required)
            .create()
        try await index(db, "communications_customer_time", on: "communications", ["customer_id", "occurred_at"])
        try await index(db, "communications_author_next", on: "communications", ["author_id", "next_step_date"])
    }

    func revert(on db: any Database) async throws {
        try await db.schema("communications").delete()
        try await db.schema("contacts").delete()
        try await db.schema("customers").delete()
    }
}
