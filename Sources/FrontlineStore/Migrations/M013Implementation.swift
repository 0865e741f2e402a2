import FluentKit
import FrontlineCore
import SQLKit

/// Issue 10: contract implementation (合同实施, SPEC §3.3) becomes a record of its own — its engineers, version and
/// times — with its milestones and its obstacle reports.
struct M013Implementation: AsyncMigration {
    var name: String { "013_implementation" }

    func prepare(on db: any Database) async throws {
        try await db.schema("implementations").field("engineer_ids", .string, .required, .sql(.default("[]"))).update()
        try await db.schema("implementations").field("version", .int, .required, .sql(.default(1))).update()
        try await db.schema("implementations").field("updated_at", .int64, .required, .sql(.default(0))).update()
        try await db.schema("implementations").field("completed_at", .int64).update()
        let sql = db as! any SQLDatabase
        try await sql.raw("UPDATE implementations SET updated_at = created_at").run()
        // Hand-offs made before they were a process begin their history with it.
        try await sql.raw(
            """
            INSERT INTO process_events (process, record_id, from_state, action, to_state, actor_id, actor_name, comment, at)
            SELECT 'implementation', i.id, '', 'create', 'open', 0, '', '', i.created_at FROM implementations i
            WHERE NOT EXISTS (SELECT 1 FROM process_events e WHERE e.process = 'implementation' AND e.record_id = i.id)
            """
        ).run()
        try await db.schema("implementation_milestones")
            .field("id", .int64, .identifier(auto: true))
            .field("implementation_id", .int64, .required, .references("implementations", "id"))
            .field("kind", .string, .required)
            .field("title", .string, .required)
            .field("due", .string, .required)
            .field("done_on", .string, .required)
            .field("document_id", .int64)
            .field("payment_seq", .int)
            .field("note", .string, .required)
            .create()
        try await index(
            db, "implementation_milestones_open", on: "implementation_milestones", ["implementation_id", "done_on"])
        try await db.schema("implementation_obstacles")
            .field("id", .int64, .identifier(auto: true))
            .field("implementation_id", .int64, .required, .references("implementations", "id"))
            .field("text", .string, .required)
            .field("raised_by", .int64, .required)
            .field("raised_by_name", .string, .required)
            .field("raised_at", .int64, .required)
            .field("state", .string, .required)
            .field("answer", .string, .required)
            .field("answered_by", .int64)
            .field("answered_by_name", .string, .required)
            .field("answered_at", .int64)
            .field("notes", .string, .required)
            .field("resolution", .string, .required)
            .field("resolved_at", .int64)
            .create()
        try await index(
            db, "implementation_obstacles_state", on: "implementation_obstacles", ["state", "implementation_id"])
        try await index(db, "implementations_state", on: "implementations", ["state"])
    }

    func revert(on db: any Database) async throws {
        try await db.schema("implementation_obstacles").delete()
        try await db.schema("implementation_milestones").delete()
        for f in ["completed_at", "updated_at", "version", "engineer_ids"] {
            try await db.schema("implementations").deleteField(.string(f)).update()
        }
    }
}
