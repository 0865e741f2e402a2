import FluentKit
import FrontlineCore
import SQLKit

/// Every process record's history is a path through its table (`frontline check` verifies it): approvals raised
/// before the runner get the `create` step they lacked, and an earlier contract version replaced by its amendment
/// reads `supersede`, the table's row for it.
struct M011ProcessHistory: AsyncMigration {
    var name: String { "011_process_history" }

    func prepare(on db: any Database) async throws {
        let sql = db as! any SQLDatabase
        try await sql.raw(
            """
            INSERT INTO process_events (process, record_id, from_state, action, to_state, actor_id, actor_name, comment, at)
            SELECT 'approval', a.id, '', 'create', 'pending', a.requested_by, COALESCE(u.display_name, ''), a.reason, a.created_at
            FROM approvals a LEFT JOIN users u ON u.id = a.requested_by
            WHERE NOT EXISTS (SELECT 1 FROM process_events e WHERE e.process = 'approval' AND e.record_id = a.id AND e.action = 'create')
            """
        ).run()
        try await sql.raw(
            "UPDATE process_events SET action = 'supersede' WHERE process = 'contract' AND action = 'amend' AND to_state = 'superseded'"
        ).run()
    }

    func revert(on db: any Database) async throws {
        let sql = db as! any SQLDatabase
        try await sql.raw(
            "UPDATE process_events SET action = 'amend' WHERE process = 'contract' AND action = 'supersede'"
        ).run()
    }
}
