import FrontlineCore
import Foundation
import SQLKit

/// When each customer of a list was last followed up and when the next follow-up is due.
public struct CustomerFollowUp: Sendable, Equatable {
    /// The latest communication's moment (Unix seconds), if any.
    public var last: Int64?
    /// The soonest open next step's day (`YYYY-MM-DD`); `""` for an open step without a day; nil when none is open.
    public var next: String?
}

extension Store {
    /// The last and next follow-up of each of these customers (a list page's): two grouped reads over the
    /// communications' indexes on the customer.
    public func followUps(_ ids: [Int64]) async throws -> [Int64: CustomerFollowUp] {
        guard !ids.isEmpty else { return [:] }
        var out: [Int64: CustomerFollowUp] = [:]
        for r in try await sql.select().column("customer_id").column(
            SQLFunction("MAX", args: SQLColumn("occurred_at")), as: "last"
        ).from("communications").where("customer_id", .in, ids).groupBy("customer_id").all() {
            out[try r.decode(column: "customer_id", as: Int64.self), default: CustomerFollowUp()].last = try r.decode(
                column: "last", as: Int64?.self)
        }
        for r in try await sql.select().column("customer_id").column(
            SQLFunction("MIN", args: SQLFunction("COALESCE", args: SQLColumn("next_step_date"), SQLLiteral.string(""))),
            as: "next"
        ).from("communications").where("customer_id", .in, ids).where("next_step_done_at", .is, SQLLiteral.null)
            .groupBy("customer_id").all()
        {
            out[try r.decode(column: "customer_id", as: Int64.self), default: CustomerFollowUp()].next = try r.decode(
                column: "next", as: String?.self)
        }
        return out
    }

    /// Hands the customers to one active rep at once, all or none: a customer that is not there (or archived) or
    /// changed since the version sent refuses the whole hand-over; one the rep already owns is left as it is. Each
    /// move is the one versioned owner write, audited with its pool event. Rows are taken in id order, so two
    /// hand-overs of overlapping customers queue on PostgreSQL instead of deadlocking.
    public func transferCustomers(_ t: CustomerTransfer, by actor: Actor, now: Int64 = Store.nowMillis()) async throws
        -> (moved: [Customer], unchanged: Int)
    {
        guard PoolAccess.canAssign(actor) else { throw DomainError.forbidden }
        guard try await isActiveRep(t.ownerId) else {
            throw DomainError.validation([FieldError("owner_id", "customer.owner_not_rep")])
        }
        let asked = t.customers.sorted { $0.id < $1.id }
        return try await transaction { s in
            var moved: [Customer] = []
            var unchanged = 0
            var missing: [Int64] = []
            var olds: [(Customer, Int?)] = []
            for c in asked {
                try await s.lockRow("customers", c.id)
                guard let old = try await s.rawCustomer(id: c.id), !old.archived else {
                    missing.append(c.id)
                    continue
                }
                olds.append((old, c.version))
            }
            if !missing.isEmpty {
                throw DomainError.validation([
                    FieldError(
                        "customers", "customer.transfer_missing",
                        ["ids": missing.map(String.init).joined(separator: ", ")])
                ])
            }
            for (old, version) in olds {
                if let version, old.version != version {
                    throw DomainError(
                        .conflict,
                        Message("customer.transfer_stale", ["name": old.name, "current": String(old.version)]))
                }
                if old.ownerId == t.ownerId {
                    unchanged += 1
                    continue
                }
                moved.append(try await s.moveOwner(old, to: t.ownerId, .assigned, note: t.note, by: actor, at: now))
            }
            return (moved, unchanged)
        }
    }
}
