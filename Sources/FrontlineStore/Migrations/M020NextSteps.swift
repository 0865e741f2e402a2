import FluentKit
import FrontlineCore
import SQLKit

/// Issue 12: a communication's next step is a task that closes — done by its owner, or by the next contact logged
/// with the customer. The open ones are read per owner, soonest first.
struct M020NextSteps: AsyncMigration {
    var name: String { "020_next_steps" }

    func prepare(on db: any Database) async throws {
        try await db.schema("communications").field("next_step_done_at", .int64).update()
        try await db.schema("communications").field("next_step_closed_by", .int64).update()
        // Steps already past when this came in are not tasks anybody still has to do.
        let sql = db as! any SQLDatabase
        try await sql.update("communications").set("next_step_done_at", to: SQLColumn("created_at")).where(
            "next_step", .equal, ""
        ).run()
        try await index(
            db, "communications_open_steps", on: "communications", ["author_id", "next_step_done_at", "next_step_date"])
        try await index(db, "communications_customer_open", on: "communications", ["customer_id", "next_step_done_at"])
    }

    func revert(on db: any Database) async throws {
        for i in ["communications_open_steps", "communications_customer_open"] {
            try await (db as! any SQLDatabase).drop(index: i).run()
        }
        try await db.schema("communications").deleteField("next_step_closed_by").update()
        try await db.schema("communications").deleteField("next_step_done_at").update()
    }
}
