import FluentKit
import FrontlineCore
import SQLKit

/// Failed sign-ins remember the username they were for, so an address is throttled by how many different names
/// fail there, not by how many people share it; customers' duplicate keys are folded anew (NFKC, format characters,
/// every bracket form). Two archived look-alikes that now share a key keep the older one's key and the other's own
/// key with its id, so neither is lost and `frontline check` need not fail.
struct M010Hardening: AsyncMigration {
    var name: String { "010_hardening" }

    func prepare(on db: any Database) async throws {
        try await db.schema("login_failures").field("subject", .string, .required, .sql(.default(""))).update()
        let sql = db as! any SQLDatabase
        // A contract's profit is net of VAT and unknown without a cost: the rate it includes, and a cost that may be
        // missing (an old zero cost meant "not entered").
        try await db.schema("contracts").field("tax_rate", .int, .required, .sql(.default(1300))).update()
        try await db.schema("contracts").field("cost_estimate_fen", .int64).update()
        try await sql.raw("UPDATE contracts SET cost_estimate_fen = cost_fen WHERE cost_fen > 0").run()
        // An approval's basis (below the floor, beyond the standard) is kept apart from the requester's reasons, so
        // that the rep who asks is not told where the floor lies.
        try await db.schema("approvals").field("basis", .string, .required, .sql(.default(""))).update()
        let rows = try await sql.select().column("id").column("name").column("name_key").from("customers").orderBy("id")
            .all()
        var taken = Set<String>()
        var changed: [(Int64, String)] = []
        for row in rows {
            let id = try row.decode(column: "id", as: Int64.self)
            let old = try row.decode(column: "name_key", as: String.self)
            var key = Text.matchKey(try row.decode(column: "name", as: String.self))
            if taken.contains(key) { key += "#\(id)" }
            taken.insert(key)
            if key != old { changed.append((id, key)) }
        }
        // Two passes, so that no new key meets an old one still in place under the unique index.
        for (id, _) in changed {
            try await sql.update("customers").set("name_key", to: "#migrating#\(id)").where("id", .equal, id).run()
        }
        for (id, key) in changed {
            try await sql.update("customers").set("name_key", to: key).where("id", .equal, id).run()
        }
    }

    func revert(on db: any Database) async throws {
        try await db.schema("login_failures").deleteField("subject").update()
        try await db.schema("contracts").deleteField("cost_estimate_fen").update()
        try await db.schema("contracts").deleteField("tax_rate").update()
        try await db.schema("approvals").deleteField("basis").update()
    }
}
