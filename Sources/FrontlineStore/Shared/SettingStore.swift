import FluentKit
import Foundation
import FrontlineCore
import SQLKit
import Vapor

/// A setting kept as one JSON value with its version (service levels, opportunity stages): the built-in value is
/// version 1 until the first change is stored.
extension Store {
    func setting<T: Decodable>(_ key: String, default fallback: T) async throws -> (T, version: Int) {
        guard
            let row = try await sql.select().columns("value", "version").from("settings").where("key", .equal, key)
                .first()
        else { return (fallback, 1) }
        let value =
            (try? JSONDecoder().decode(T.self, from: Data(try row.decode(column: "value", as: String.self).utf8)))
            ?? fallback
        return (value, try row.decode(column: "version", as: Int.self))
    }

    /// Writes the setting over `current`, the version the caller's transaction read. Claimed as every versioned
    /// write is: under READ COMMITTED the second writer that read the same version changes no row and is told so;
    /// the first insert of the setting is kept unique by its key.
    func storeSetting<T: Encodable>(_ key: String, _ value: T, over current: Int, by actor: Actor) async throws {
        let text = String(decoding: try JSONEncoder().encode(value), as: UTF8.self)
        let now = Store.nowMillis()
        if try await sql.select().column("key").from("settings").where("key", .equal, key).first() != nil {
            let claimed = try await sql.update("settings").set("value", to: text).set("version", to: current + 1).set(
                "updated_at", to: now
            )
            .set("updated_by", to: actor.id).where("key", .equal, key).where("version", .equal, current).returning(
                "key"
            ).all()
            if claimed.isEmpty { throw DomainError(.conflict, Message("error.stale_raced")) }
        } else {
            try await sql.insert(into: "settings").columns("key", "value", "version", "updated_at", "updated_by")
                .values(SQLBind(key), SQLBind(text), SQLBind(current + 1), SQLBind(now), SQLBind(actor.id)).run()
        }
    }
}

extension Store {
    static let systemUserKey = "system.user"

    /// The system's own user, in whose name the public lead form and the scheduled jobs record what they do (every
    /// history entry names a user), made the first time it is needed. It cannot sign in: it is inactive, holds no
    /// role, and its password is random. Call it inside the transaction that writes in its name.
    func systemActor() async throws -> Actor {
        func actor(_ id: Int64) -> Actor {
            Actor(id: id, username: "system", displayName: Catalog.text("process.automatic", [:], .zhCN), roles: [])
        }
        if let row = try await sql.select().column("value").from("settings").where("key", .equal, Store.systemUserKey)
            .first(),
            let id = Int64(try row.decode(column: "value", as: String.self))
        {
            return actor(id)
        }
        var name = "system", n = 1
        while try await sql.select().column("id").from("users").where("username", .equal, name).first() != nil {
            n += 1
            name = "system\(n)"
        }
        let now = Store.nowMillis()
        let row = try await sql.insert(into: "users")
            .columns(
                "username", "display_name", "password_hash", "roles", "region_id", "active", "locale", "email",
                "version", "created_at", "updated_at"
            )
            .values(
                SQLBind(name), SQLBind(Catalog.text("process.automatic", [:], .zhCN)),
                SQLBind(try Bcrypt.hash(Store.randomToken(), cost: 4)), SQLBind(""),
                SQLBind(Optional<Int64>.none), SQLBind(false), SQLBind(AppLocale.zhCN.rawValue), SQLBind(""),
                SQLBind(1), SQLBind(now), SQLBind(now)
            ).returning("id").first()
        let id = try row!.decode(column: "id", as: Int64.self)
        try await sql.insert(into: "settings").columns("key", "value", "version", "updated_at", "updated_by")
            .values(SQLBind(Store.systemUserKey), SQLBind(String(id)), SQLBind(1), SQLBind(now), SQLBind(id)).run()
        return actor(id)
    }
}
