import Crypto
import FluentKit
import Foundation
import FrontlineCore
import SQLKit
import Vapor

/// A signed-in session (web cookie) or API token, as found for a request.
public struct SessionInfo: Sendable {
    public var user: User
    public var csrf: String
    public var kind: String
}

extension Store {
    /// Web sessions last 12 hours, API tokens 30 days.
    public static let webLifetime: Int64 = 12 * 3600
    public static let apiLifetime: Int64 = 30 * 86_400

    static func tokenHash(_ token: String) -> String { FileFolder.hex(SHA256.hash(data: Data(token.utf8))) }

    public static func randomToken() -> String {
        Data([UInt8].random(count: 32)).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// Checks a password. Answers the user, or nil; an inactive user is refused with its own message.
    public func verify(username: String, password: String) async throws -> User? {
        let name = username.trimmingCharacters(in: .whitespaces).lowercased()
        guard let row = try await userRow(where: "username", name) else {
            // Spend the same time as a real check so timing does not tell which usernames exist.
            _ = try? Bcrypt.verify(password, created: Store.dummyHash)
            return nil
        }
        guard try Bcrypt.verify(password, created: row.passwordHash) else { return nil }
        guard row.active else { throw DomainError(.forbidden, Message("user.inactive")) }
        return row.user
    }

    static let dummyHash = (try? Bcrypt.hash("frontline-timing-guard", cost: bcryptCost)) ?? ""

    /// Opens a session or token for `user`; answers the secret token (stored only as its hash) and a CSRF token.
    public func openSession(user: User, kind: String) async throws -> (token: String, csrf: String) {
        let token = Store.randomToken()
        let csrf = Store.randomToken()
        let now = Store.nowSeconds()
        try await transaction { s in
            try await s.sql.insert(into: "sessions").columns("token_hash", "user_id", "kind", "csrf", "created_at", "expires_at")
                .values(
                    SQLBind(Store.tokenHash(token)), SQLBind(user.id), SQLBind(kind), SQLBind(csrf), SQLBind(now),
                    SQLBind(now + (kind == "api" ? Store.apiLifetime : Store.webLifetime))
                ).run()
            try await s.sql.delete(from: "sessions").where("expires_at", .lessThan, now).run()
            try await s.audit(.login, "user", String(user.id), note: ["kind": kind])
        }
        return (token, csrf)
    }

    /// Sessions found in the last three seconds, so that an API call does not pay a query for its token. Sign-out
    /// and every user change in this process clear it; other processes see them within the three seconds.
    static let sessionCache = ExpiringCache<SessionInfo>(ttl: 3)

    /// Finds the live session of a token, if its user is still active.
    public func session(token: String) async throws -> SessionInfo? {
        guard !token.isEmpty, token.count < 200 else { return nil }
        let hash = Store.tokenHash(token)
        if let cached = Store.sessionCache.get(hash) { return cached }
        guard
            let row = try await sql.select()
                .column(SQLRaw("s.csrf, s.kind, u.*"))
                .from(SQLAlias(SQLIdentifier("sessions"), as: SQLIdentifier("s")))
                .join(SQLAlias(SQLIdentifier("users"), as: SQLIdentifier("u")), on: SQLColumn("id", table: "u"), .equal, SQLColumn("user_id", table: "s"))
                .where(SQLColumn("token_hash", table: "s"), .equal, SQLBind(hash))
                .where(SQLColumn("expires_at", table: "s"), .greaterThan, SQLBind(Store.nowSeconds()))
                .where(SQLColumn("active", table: "u"), .equal, SQLBind(true))
                .first()
        else { return nil }
        let user = try row.decode(model: UserRow.self, keyDecodingStrategy: .convertFromSnakeCase).user
        let info = SessionInfo(
            user: user, csrf: try row.decode(column: "csrf", as: String.self), kind: try row.decode(column: "kind", as: String.self))
        Store.sessionCache.set(hash, info)
        return info
    }

    public func closeSession(token: String, user: User) async throws {
        try await transaction { s in
            try await s.sql.delete(from: "sessions").where("token_hash", .equal, Store.tokenHash(token)).run()
            Store.sessionCache.remove(Store.tokenHash(token))
            try await s.audit(.logout, "user", String(user.id))
        }
    }

    // MARK: throttling

    /// Failed sign-ins recorded under `key` (a username or an address) since `since` (Unix seconds).
    public func failures(key: String, since: Int64) async throws -> [Int64] {
        try await sql.select().column("at").from("login_failures").where("key", .equal, key)
            .where("at", .greaterThanOrEqual, since).orderBy("at").all().map { try $0.decode(column: "at", as: Int64.self) }
    }

    /// Records a failed sign-in for each key and in the audit log.
    public func recordFailure(keys: [String], username: String) async throws {
        let now = Store.nowSeconds()
        try await transaction { s in
            for key in keys {
                try await s.sql.insert(into: "login_failures").columns("key", "at").values(SQLBind(key), SQLBind(now)).run()
            }
            try await s.sql.delete(from: "login_failures").where("at", .lessThan, now - 86_400).run()
            try await s.audit(.loginFailed, "user", nil, note: ["username": String(username.prefix(64))])
        }
    }

    public func clearFailures(key: String) async throws {
        try await sql.delete(from: "login_failures").where("key", .equal, key).run()
    }
}
