import FluentKit
import Foundation
import FrontlineCore
import SQLKit

/// The company calendar and the service-level targets, kept as one setting with its version.
extension Store {
    static let serviceLevelsKey = "service.levels"

    /// The levels in force and the version an edit must send (the built-in defaults are version 1).
    public func serviceLevels() async throws -> (ServiceLevels, version: Int) {
        try await setting(Store.serviceLevelsKey, default: ServiceLevels.defaults)
    }

    /// Sets the levels read at `version`. New targets apply to cases opened from now on (each keeps those it was
    /// opened under); the calendar applies at once, so every open case's deadlines are worked out again.
    public func setServiceLevels(_ new: ServiceLevels, version: Int, by actor: Actor) async throws -> (
        ServiceLevels, version: Int
    ) {
        guard actor.hasAny([.admin, .gm, .csManager]) else { throw DomainError.forbidden }
        let levels = try new.validated()
        return try await transaction { s in
            let (old, current) = try await s.serviceLevels()
            guard current == version else { throw Store.stale(current) }
            try await s.storeSetting(Store.serviceLevelsKey, levels, over: current, by: actor)
            if levels.calendar != old.calendar { try await s.refreshServiceDeadlines(levels.calendar) }
            try await s.audit(.update, "service_levels", nil, before: old, after: levels)
            return (levels, current + 1)
        }
    }

    /// Works out again the deadlines every open case keeps, under `calendar`.
    func refreshServiceDeadlines(_ calendar: WorkCalendar) async throws {
        let open = ServiceRequest.State.openStates.map(\.rawValue)
        for row in try await sql.select().columns(Store.serviceTimeColumns + ["id"]).from("service_requests").where(
            "state", .in, open
        ).all() {
            let times = try Store.decodeServiceTimes(row)
            try await writeDeadlines(
                "service_requests", id: try row.decode(column: "id", as: Int64.self), times.deadlines(calendar))
        }
        for row in try await sql.select().columns(Store.serviceTimeColumns + ["id"]).from("complaints").where(
            "state", .notEqual, Complaint.State.closed.rawValue
        ).all() {
            let times = try Store.decodeServiceTimes(row)
            try await writeDeadlines(
                "complaints", id: try row.decode(column: "id", as: Int64.self), times.deadlines(calendar))
        }
    }

    static let serviceTimeColumns = [
        "opened_at", "pauses", "responded_at", "resolved_at", "response_minutes", "resolution_minutes",
    ]

    static func decodeServiceTimes(_ r: any SQLRow) throws -> ServiceTimes {
        ServiceTimes(
            openedAt: try r.decode(column: "opened_at", as: Int64.self),
            target: ServiceLevels.Target(
                response: try r.decode(column: "response_minutes", as: Int.self),
                resolution: try r.decode(column: "resolution_minutes", as: Int.self)),
            pauses: (try? JSONDecoder().decode(
                [ServiceClock.Pause].self, from: Data(try r.decode(column: "pauses", as: String.self).utf8))) ?? [],
            respondedAt: try r.decode(column: "responded_at", as: Int64?.self),
            resolvedAt: try r.decode(column: "resolved_at", as: Int64?.self))
    }

    func writeDeadlines(_ table: String, id: Int64, _ d: ServiceTimes.Deadlines) async throws {
        try await sql.update(table).set("response_warn_at", to: d.responseWarn).set(
            "response_due_at", to: d.responseDue
        )
        .set("resolution_warn_at", to: d.resolutionWarn).set("resolution_due_at", to: d.resolutionDue).where(
            "id", .equal, id
        ).run()
    }

    /// The clocks' columns of an update, the deadlines among them.
    func setServiceTimes(_ u: SQLUpdateBuilder, _ t: ServiceTimes, _ calendar: WorkCalendar, open: Bool) throws
        -> SQLUpdateBuilder
    {
        let d = open ? t.deadlines(calendar) : ServiceTimes.Deadlines()
        return u.set("pauses", to: String(decoding: try JSONEncoder().encode(t.pauses), as: UTF8.self)).set(
            "responded_at", to: t.respondedAt
        )
        .set("resolved_at", to: t.resolvedAt).set("response_warn_at", to: d.responseWarn).set(
            "response_due_at", to: d.responseDue
        )
        .set("resolution_warn_at", to: d.resolutionWarn).set("resolution_due_at", to: d.resolutionDue)
    }
}
