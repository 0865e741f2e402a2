import FluentKit
import Foundation
import FrontlineCore
import SQLKit

extension Store {
    static let auditEncoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        e.keyEncodingStrategy = .convertToSnakeCase
        return e
    }()

    static func json(_ value: (some Encodable)?) -> String? {
        guard let value, let data = try? auditEncoder.encode(value) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    /// Appends one entry to the audit log on this store's connection (so inside the caller's transaction).
    public func audit<B: Encodable, A: Encodable>(
        _ action: AuditAction, _ entity: String, _ entityId: String?, before: B?, after: A?
    ) async throws {
        let e = AuditEntry(
            at: Store.nowMillis(), actorId: context.actorId, actorName: context.actorName, action: action.rawValue,
            entity: entity, entityId: entityId, before: Store.json(before), after: Store.json(after), ip: context.ip,
            requestId: context.requestId)
        try await sql.insert(into: "audit_log")
            .columns(
                "at", "actor_id", "actor_name", "action", "entity", "entity_id", "before", "after", "ip", "request_id"
            )
            .values(
                SQLBind(e.at), SQLBind(e.actorId), SQLBind(e.actorName), SQLBind(e.action), SQLBind(e.entity),
                SQLBind(e.entityId), SQLBind(e.before), SQLBind(e.after), SQLBind(e.ip), SQLBind(e.requestId)
            )
            .run()
    }

    /// An audit entry with no record body (sign-ins, exports).
    public func audit(_ action: AuditAction, _ entity: String, _ entityId: String?, note: [String: String] = [:])
        async throws
    {
        try await audit(
            action, entity, entityId, before: Optional<[String: String]>.none, after: note.isEmpty ? nil : note)
    }

    /// Browses the audit log, newest first, each entry as `reader` may read it (`AuditRedaction`).
    public func auditEntries(_ f: AuditFilter, limit: Int, offset: Int, for reader: Actor) async throws -> Listing<
        AuditEntry
    > {
        func apply<B: SQLPredicateBuilder>(_ b: B) -> B {
            if let a = f.actorId { b.where("actor_id", .equal, a) }
            if let a = f.action { b.where("action", .equal, a) }
            if let e = f.entity { b.where("entity", .equal, e) }
            if let e = f.entityId { b.where("entity_id", .equal, e) }
            if let from = f.from, let d = DateText.parseDay(from) {
                b.where("at", .greaterThanOrEqual, DateText.start(ofDay: d) * 1000)
            }
            if let to = f.to, let d = DateText.parseDay(to) {
                b.where("at", .lessThan, DateText.start(ofDay: d + 1) * 1000)
            }
            return b
        }
        let rows = try await apply(sql.select().columns("*").from("audit_log"))
            .orderBy("id", .descending).limit(limit).offset(offset).all()
        let items = try rows.map {
            AuditRedaction.view(
                try $0.decode(model: AuditEntry.self, keyDecodingStrategy: .convertFromSnakeCase), for: reader)
        }
        let count =
            try await apply(sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("audit_log"))
            .first()?.decode(column: "n", as: Int.self) ?? 0
        return Listing(items: items, total: count)
    }
}
