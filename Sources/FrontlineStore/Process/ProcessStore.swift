import FluentKit
import Foundation
import FrontlineCore
import SQLKit

/// The history every process step leaves, and what steps share.
extension Store {
    // MARK: process history

    /// Records one step of a process, in the caller's transaction.
    func recordStep(
        _ process: String, _ recordId: Int64, from: String, action: String, to: String, actor: Actor, comment: String,
        at: Int64 = Store.nowMillis()
    ) async throws {
        try await sql.insert(into: "process_events")
            .columns(
                "process", "record_id", "from_state", "action", "to_state", "actor_id", "actor_name", "comment", "at"
            )
            .values(
                SQLBind(process), SQLBind(recordId), SQLBind(from), SQLBind(action), SQLBind(to), SQLBind(actor.id),
                SQLBind(actor.displayName), SQLBind(comment), SQLBind(at)
            ).run()
    }

    /// An automatic step (the last review answer concluding the review) is the system's, not the last reviewer's:
    /// its history entry says so, and who triggered it.
    static func automatic(_ trigger: Actor) -> Actor {
        Actor(
            id: trigger.id, username: "system", displayName: Catalog.text("process.automatic", [:], .zhCN),
            roles: trigger.roles)
    }
    static func automaticNote(_ trigger: Actor) -> String {
        Catalog.text("process.automatic_after", ["name": trigger.displayName], .zhCN)
    }

    /// A review answer in the history: the opinion as people read it (同意, 有条件同意, 不同意), then the remarks.
    static func reviewNote(_ opinion: String?, _ comment: String) -> String {
        let label = opinion.flatMap { $0.isEmpty ? nil : Catalog.text("contract.opinion.\($0)", [:], .zhCN) } ?? ""
        return [label, comment].filter { !$0.isEmpty }.joined(separator: "：")
    }

    /// The steps a record has been through, oldest first.
    public func history(_ process: String, _ recordId: Int64) async throws -> [ProcessEvent] {
        try await sql.select().columns(
            "id", "process", "record_id", "from_state", "action", "to_state", "actor_id", "actor_name", "comment", "at"
        )
        .from("process_events").where("process", .equal, process).where("record_id", .equal, recordId).orderBy("id")
        .all()
        .map { r in
            ProcessEvent(
                id: try r.decode(column: "id", as: Int64.self), process: process, recordId: recordId,
                fromState: try r.decode(column: "from_state", as: String.self),
                action: try r.decode(column: "action", as: String.self),
                toState: try r.decode(column: "to_state", as: String.self),
                actorId: try r.decode(column: "actor_id", as: Int64.self),
                actorName: try r.decode(column: "actor_name", as: String.self),
                comment: try r.decode(column: "comment", as: String.self),
                at: try r.decode(column: "at", as: Int64.self))
        }
    }

    static func comment(_ raw: String?) throws(DomainError) -> String {
        let c = (raw ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard c.count <= 2000 else { throw .validation([FieldError("comment", "field.too_long", ["max": "2000"])]) }
        return c
    }
}
