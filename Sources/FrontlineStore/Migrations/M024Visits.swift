import FluentKit
import FrontlineCore
import SQLKit

/// Issue 12: customer visits (来访接待) the business assistant schedules, with their host and arrangements.
struct M024Visits: AsyncMigration {
    var name: String { "024_visits" }

    func prepare(on db: any Database) async throws {
        try await db.schema("visits")
            .field("id", .int64, .identifier(auto: true))
            .field("number", .string, .required)
            .field("customer_id", .int64, .references("customers", "id"))
            .field("visitors", .string, .required)
            .field("purpose", .string, .required)
            .field("starts_at", .int64, .required)
            .field("ends_at", .int64, .required)
            .field("host_id", .int64, .required, .references("users", "id"))
            .field("place", .string, .required)
            .field("arrangements", .string, .required)
            .field("outcome", .string, .required)
            .field("state", .string, .required)
            .field("scheduled_by", .int64, .required, .references("users", "id"))
            .field("version", .int, .required)
            .field("created_at", .int64, .required)
            .field("updated_at", .int64, .required)
            .unique(on: "number")
            .create()
        try await index(db, "visits_time", on: "visits", ["starts_at"])
        try await index(db, "visits_host_time", on: "visits", ["host_id", "starts_at"])
        try await index(db, "visits_customer", on: "visits", ["customer_id", "starts_at"])
    }

    func revert(on db: any Database) async throws {
        try await db.schema("visits").delete()
    }
}
