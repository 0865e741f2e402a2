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

    /// Checks a password. Answers the user (nil when the password is wrong) and whether the username exists; an
    /// inactive user is refused with its own message.
    public func verify(username: String, password: String) async throws -> (user: User?, known: Bool) {
        let name = username.trimmingCharacters(in: .whitespaces).lowercased()
        guard let row = try await userRow(where: "username", name) else {
            // Spend the same time as a real check so timing does not tell which usernames exist.
            _ = try? Bcrypt.verify(password, created: Store.dummyHash)
            return (nil, false)
        }
        guard Password.fitsBcrypt(password), try Bcrypt.verify(password, created: row.passwordHash) else {
            return (nil, true)
        }
        guard row.active else { throw DomainError(.forbidden, Message("user.inactive")) }
        return (row.user, true)
    }

    static let dummyHash = (try? Bcrypt.hash("frontline-timing-guard", cost: bcryptCost)) ?? ""

    /// Opens a session or token for `user`; answers the secret token (stored only as its hash) and a CSRF token.
    public func openSession(user: User, kind: String) async throws -> (token: String, csrf: String) {
        let token = Store.randomToken()
        let csrf = Store.randomToken()
        let now = Store.nowSeconds()
        try await transaction { s in
            try await s.sql.insert(into: "sessions").columns(
                "token_hash", "user_id", "kind", "csrf", "created_at", "expires_at"
            )
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
    /// and every user change in this process clear it once committed (and a lookup racing the change is not kept);
    /// other processes see them within the three seconds.
    static let sessionCache = ExpiringCache<SessionInfo>(ttl: 3)

    /// Finds the live session of a token, if its user is still active and it is of the kind asked for: a web
    /// session (`web`, the cookie) is never an API token (`api`, the bearer) nor the reverse.
    public func session(token: String, kind: String) async throws -> SessionInfo? {
        guard !token.isEmpty, token.count < 200 else { return nil }
        let hash = Store.tokenHash(token)
        if let cached = Store.sessionCache.get(hash) { return cached.kind == kind ? cached : nil }
        let generation = Store.sessionCache.generation
        guard
            let row = try await sql.select()
                .column(SQLRaw("s.csrf, s.kind, u.*"))
                .from(SQLAlias(SQLIdentifier("sessions"), as: SQLIdentifier("s")))
                .join(
                    SQLAlias(SQLIdentifier("users"), as: SQLIdentifier("u")), on: SQLColumn("id", table: "u"), .equal,
                    SQLColumn("user_id", table: "s")
                )
                .where(SQLColumn("token_hash", table: "s"), .equal, SQLBind(hash))
                .where(SQLColumn("expires_at", table: "s"), .greaterThan, SQLBind(Store.nowSeconds()))
                .where(SQLColumn("active", table: "u"), .equal, SQLBind(true))
                .where(SQLColumn("kind", table: "s"), .equal, SQLBind(kind))
                .first()
        else { return nil }
        let user = try row.decode(model: UserRow.self, keyDecodingStrategy: .convertFromSnakeCase).user
        let info = SessionInfo(
            user: user, csrf: try row.decode(column: "csrf", as: String.self),
            kind: try row.decode(column: "kind", as: String.self))
        // Not kept if a user change cleared the cache while this was read: it may be the state before the change.
        Store.sessionCache.set(hash, info, ifGeneration: generation)
        return info
    }

    public func closeSession(token: String, user: User) async throws {
        try await transaction { s in
            try await s.sql.delete(from: "sessions").where("token_hash", .equal, Store.tokenHash(token)).run()
            try await s.audit(.logout, "user", String(user.id))
        }
        Store.sessionCache.clear()
    }

    // MARK: throttling

    /// Counts one sign-in attempt under a user's key *before* its password is checked, and answers its id and the
    /// times of the attempts recorded before it within the window. The row is committed at once, so of any number
    /// of parallel attempts the k-th sees at least k-1 before it: no more than the limit reach the password check.
    public func reserveAttempt(key: String, subject: String, since: Int64) async throws -> (id: Int64, earlier: [Int64])
    {
        let now = Store.nowSeconds()
        guard
            let row = try await sql.insert(into: "login_failures").columns("key", "subject", "at")
                .values(SQLBind(key), SQLBind(subject), SQLBind(now)).returning("id").first()
        else { throw DomainError(.conflict, Message("error.stale_version")) }
        let id = try row.decode(column: "id", as: Int64.self)
        let earlier = try await sql.select().column("at").from("login_failures").where("key", .equal, key)
            .where("at", .greaterThanOrEqual, since).where("id", .lessThan, id).orderBy("id").all()
            .map { try $0.decode(column: "at", as: Int64.self) }
        return (id, earlier)
    }

    /// Takes back a reserved attempt that was refused before its password was checked.
    public func releaseAttempt(id: Int64) async throws {
        try await sql.delete(from: "login_failures").where("id", .equal, id).run()
    }

    /// How many different usernames failed to sign in from an address key since `since`, how many failures there
    /// were and the latest: one aggregate row (served by the key/time index), whatever a flood has written.
    public func spread(key: String, since: Int64) async throws -> (names: Int, failures: Int, last: Int64?) {
        let row = try await sql.select()
            .column(SQLFunction("COUNT", args: SQLDistinct(SQLColumn("subject"))), as: "names")
            .column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
            .column(SQLFunction("MAX", args: SQLColumn("at")), as: "last")
            .from("login_failures").where("key", .equal, key).where("at", .greaterThanOrEqual, since).first()
        return (
            try row?.decode(column: "names", as: Int.self) ?? 0, try row?.decode(column: "n", as: Int.self) ?? 0,
            try row?.decode(column: "last", as: Int64?.self)
        )
    }

    /// Records a failed sign-in under each key (the user's own attempt row is already there) and in the audit log.
    public func recordFailure(keys: [String], username: String) async throws {
        let now = Store.nowSeconds()
        let subject = String(username.prefix(64))
        try await transaction { s in
            for key in keys {
                try await s.sql.insert(into: "login_failures").columns("key", "subject", "at")
                    .values(SQLBind(key), SQLBind(subject), SQLBind(now)).run()
            }
            try await s.sql.delete(from: "login_failures").where("at", .lessThan, now - 86_400).run()
            try await s.audit(.loginFailed, "user", nil, note: ["username": subject])
        }
    }

    public func clearFailures(key: String) async throws {
        try await sql.delete(from: "login_failures").where("key", .equal, key).run()
    }
}
