import FluentKit
import Foundation
import FrontlineCore
import SQLKit

/// Issue 12: opportunities (商机) and leads (线索); quotations, tenders and contracts name the opportunity they serve.
/// Reverting it also removes the system's own user (`Store.systemActor`), which the public form made.
struct M019Opportunities: AsyncMigration {
    var name: String { "019_opportunities" }

    func prepare(on db: any Database) async throws {
        try await db.schema("opportunities")
            .field("id", .int64, .identifier(auto: true))
            .field("number", .string, .required)
            .field("customer_id", .int64, .required, .references("customers", "id"))
            .field("title", .string, .required)
            .field("product_ids", .string, .required)
            .field("amount_fen", .int64, .required)
            .field("profit_fen", .int64)
            .field("probability", .int, .required)
            .field("expected_close", .string, .required)
            .field("owner_id", .int64, .required, .references("users", "id"))
            .field("competitors", .string, .required)
            .field("stage", .string, .required)
            .field("loss_reason", .string, .required)
            .field("winner", .string, .required)
            .field("closed_on", .string, .required)
            .field("won_by", .string, .required)
            .field("lead_id", .int64)
            .field("stage_changed_at", .int64, .required)
            .field("version", .int, .required)
            .field("created_at", .int64, .required)
            .field("updated_at", .int64, .required)
            .unique(on: "number")
            .create()
        try await index(db, "opportunities_customer", on: "opportunities", ["customer_id"])
        try await index(db, "opportunities_owner_stage", on: "opportunities", ["owner_id", "stage"])
        try await index(db, "opportunities_stage", on: "opportunities", ["stage", "id"])
        // The board's columns (largest first) and the list's default order (latest changed first).
        try await index(db, "opportunities_stage_amount", on: "opportunities", ["stage", "amount_fen"])
        try await index(db, "opportunities_updated", on: "opportunities", ["updated_at"])
        try await index(db, "opportunities_amount", on: "opportunities", ["amount_fen"])
        try await db.schema("leads")
            .field("id", .int64, .identifier(auto: true))
            .field("number", .string, .required)
            .field("source", .string, .required)
            .field("company", .string, .required)
            .field("company_key", .string, .required)
            .field("contact_name", .string, .required)
            .field("phone", .string, .required)
            .field("email", .string, .required)
            .field("need", .string, .required)
            .field("region_id", .int64)
            .field("owner_id", .int64)
            .field("next_follow_up", .string, .required)
            .field("state", .string, .required)
            .field("discard_reason", .string, .required)
            .field("customer_id", .int64)
            .field("opportunity_id", .int64)
            .field("sender", .string, .required)
            .field("version", .int, .required)
            .field("created_at", .int64, .required)
            .field("updated_at", .int64, .required)
            .unique(on: "number")
            .create()
        try await index(db, "leads_owner_state", on: "leads", ["owner_id", "state"])
        try await index(db, "leads_state_follow", on: "leads", ["state", "next_follow_up"])
        try await index(db, "leads_sender", on: "leads", ["sender", "created_at"])
        for table in ["quotations", "tenders", "contracts"] {
            try await db.schema(table).field("opportunity_id", .int64).update()
            try await index(db, "\(table)_opportunity", on: table, ["opportunity_id"])
        }
    }

    func revert(on db: any Database) async throws {
        for table in ["quotations", "tenders", "contracts"] {
            try await (db as! any SQLDatabase).drop(index: "\(table)_opportunity").run()
            try await db.schema(table).deleteField("opportunity_id").update()
        }
        let sql = db as! any SQLDatabase
        if let row = try await sql.select().column("value").from("settings").where("key", .equal, Store.systemUserKey)
            .first(),
            let id = Int64(try row.decode(column: "value", as: String.self))
        {
            try await sql.delete(from: "settings").where("key", .equal, Store.systemUserKey).run()
            try await sql.delete(from: "users").where("id", .equal, id).run()
        }
        try await db.schema("leads").delete()
        try await db.schema("opportunities").delete()
    }
}
