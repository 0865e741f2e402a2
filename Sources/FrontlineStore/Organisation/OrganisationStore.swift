import FluentKit
import Foundation
import FrontlineCore
import SQLKit
import Vapor

/// A user as stored, with the password hash that never leaves this target.
struct UserRow: Codable {
    var id: Int64
    var username: String
    var displayName: String
    var passwordHash: String
    var roles: String
    var regionId: Int64?
    var active: Bool
    var locale: String
    var email: String
    var version: Int

    var user: User {
        User(
            id: id, username: username, displayName: displayName, roles: Role.parseList(roles) ?? [],
            regionId: regionId, active: active, locale: AppLocale(rawValue: locale) ?? .zhCN, email: email,
            version: version)
    }
}

/// What a user record looks like in the audit log (no password hash).
struct UserAudit: Encodable {
    var username: String
    var displayName: String
    var roles: String
    var regionId: Int64?
    var active: Bool
    var locale: String
    var email: String
    var version: Int

    init(_ u: User) {
        username = u.username; displayName = u.displayName; roles = Role.listText(u.roles); regionId = u.regionId
        active = u.active; locale = u.locale.rawValue; email = u.email; version = u.version
    }
}

extension Store {
    /// Work factor of password hashes; 10 keeps a sign-in near 60 ms on these machines.
    static let bcryptCost = 10

    public static func hashPassword(_ password: String) throws -> String {
        try Bcrypt.hash(password, cost: bcryptCost)
    }

    // MARK: users

    public func users(includeInactive: Bool = true) async throws -> [User] {
        let q = sql.select().columns("*").from("users").orderBy("username")
        if !includeInactive { q.where("active", .equal, true) }
        return try await q.all().map {
            try $0.decode(model: UserRow.self, keyDecodingStrategy: .convertFromSnakeCase).user
        }
    }

    public func user(id: Int64) async throws -> User? {
        try await userRow(where: "id", id)?.user
    }

    func userRow(where column: String, _ value: some Encodable & Sendable) async throws -> UserRow? {
        try await sql.select().columns("*").from("users").where(SQLIdentifier(column), .equal, SQLBind(value)).first()?
            .decode(model: UserRow.self, keyDecodingStrategy: .convertFromSnakeCase)
    }

    /// Whether a user may own customers: active and holding the sales rep role.
    public func isActiveRep(_ id: Int64) async throws -> Bool {
        guard let u = try await user(id: id) else { return false }
        return u.isActiveRep
    }

    public func createUser(_ input: UserInput) async throws -> User {
        try await transaction { s in
            var (user, password) = try input.apply(to: nil)
            try await s.checkUserRefs(user)
            if try await s.userRow(where: "username", user.username) != nil {
                throw DomainError(
                    .duplicate, Message("user.duplicate", ["name": user.username]),
                    fields: [FieldError("username", "user.duplicate", ["name": user.username])])
            }
            let hash = try Store.hashPassword(password ?? "")
            let now = Store.nowMillis()
            let row = try await s.sql.insert(into: "users")
                .columns(
                    "username", "display_name", "password_hash", "roles", "region_id", "active", "locale", "email",
                    "version", "created_at", "updated_at"
                )
                .values(
                    SQLBind(user.username), SQLBind(user.displayName), SQLBind(hash),
                    SQLBind(Role.listText(user.roles)),
                    SQLBind(user.regionId), SQLBind(user.active), SQLBind(user.locale.rawValue), SQLBind(user.email),
                    SQLBind(1), SQLBind(now), SQLBind(now)
                )
                .returning("id").first()
            user.id = try row!.decode(column: "id", as: Int64.self)
            user.version = 1
            try await s.audit(
                .create, "user", String(user.id), before: Optional<UserAudit>.none, after: UserAudit(user))
            return user
        }
    }

    /// Changes a user; a stale `version` is refused. Deactivating ends every session and token of the user.
    public func updateUser(id: Int64, version: Int, _ input: UserInput, by actor: Actor) async throws -> User {
        // The cache is cleared after the commit (a lookup racing the change is not kept): cleared before it, a lookup
        // in between would keep the user as he was (active) for three more seconds.
        defer { Store.sessionCache.clear() }
        return try await transaction { s in
            guard let old = try await s.user(id: id) else { throw DomainError.notFound }
            guard old.version == version else { throw Store.stale(old.version) }
            var (user, password) = try input.apply(to: old)
            if !user.active && user.id == actor.id {
                throw DomainError.validation([FieldError("active", "user.self_deactivate")])
            }
            try await s.checkUserRefs(user)
            user.version = old.version + 1
            let q = s.sql.update("users")
                .set("display_name", to: user.displayName).set("roles", to: Role.listText(user.roles))
                .set("region_id", to: user.regionId).set("active", to: user.active)
                .set("locale", to: user.locale.rawValue).set("email", to: user.email)
                .set("version", to: user.version).set("updated_at", to: Store.nowMillis())
            if let password { q.set("password_hash", to: try Store.hashPassword(password)) }
            try await q.versioned(id: id, version: version)
            if old.active && !user.active {
                try await s.sql.delete(from: "sessions").where("user_id", .equal, id).run()
                try await s.audit(.deactivate, "user", String(id), before: UserAudit(old), after: UserAudit(user))
            } else {
                try await s.audit(.update, "user", String(id), before: UserAudit(old), after: UserAudit(user))
            }
            if password != nil {
                try await s.sql.delete(from: "sessions").where("user_id", .equal, id).run()
                try await s.audit(.passwordChange, "user", String(id))
            }
            return user
        }
    }

    /// A user's own language choice.
    public func setLocale(userId: Int64, _ locale: AppLocale) async throws {
        defer { Store.sessionCache.clear() }
        try await transaction { s in
            guard let old = try await s.user(id: userId), old.locale != locale else { return }
            var new = old
            new.locale = locale
            new.version += 1
            try await s.sql.update("users").set("locale", to: locale.rawValue).set("version", to: new.version)
                .where("id", .equal, userId).run()
            try await s.audit(.update, "user", String(userId), before: UserAudit(old), after: UserAudit(new))
        }
    }

    func checkUserRefs(_ user: User) async throws {
        if let r = user.regionId, try await region(id: r) == nil {
            throw DomainError.validation([FieldError("region_id", "user.region_unknown")])
        }
    }

    static func stale(_ current: Int) -> DomainError {
        DomainError(.conflict, Message("error.stale_version", ["current": String(current)]))
    }

    // MARK: regions

    public func regions() async throws -> [Region] {
        try await sql.select().columns("id", "name", "code", "head_id", "version").from("regions").orderBy("code").all()
            .map { try $0.decode(model: Region.self, keyDecodingStrategy: .convertFromSnakeCase) }
    }

    public func region(id: Int64) async throws -> Region? {
        try await sql.select().columns("id", "name", "code", "head_id", "version").from("regions").where(
            "id", .equal, id
        )
        .first()?.decode(model: Region.self, keyDecodingStrategy: .convertFromSnakeCase)
    }

    public func createRegion(_ input: RegionInput) async throws -> Region {
        try await transaction { s in
            var r = try input.apply(to: nil)
            try await s.checkRegion(r)
            let row = try await s.sql.insert(into: "regions").columns(
                "name", "code", "head_id", "version", "created_at"
            )
            .values(SQLBind(r.name), SQLBind(r.code), SQLBind(r.headId), SQLBind(1), SQLBind(Store.nowMillis()))
            .returning("id").first()
            r.id = try row!.decode(column: "id", as: Int64.self)
            try await s.audit(.create, "region", String(r.id), before: Optional<Region>.none, after: r)
            return r
        }
    }

    public func updateRegion(id: Int64, version: Int, _ input: RegionInput) async throws -> Region {
        try await transaction { s in
            guard let old = try await s.region(id: id) else { throw DomainError.notFound }
            guard old.version == version else { throw Store.stale(old.version) }
            var r = try input.apply(to: old)
            try await s.checkRegion(r)
            r.version += 1
            try await s.sql.update("regions").set("name", to: r.name).set("code", to: r.code)
                .set("head_id", to: r.headId).set("version", to: r.version)
                .versioned(id: id, version: version)
            try await s.audit(.update, "region", String(id), before: old, after: r)
            return r
        }
    }

    func checkRegion(_ r: Region) async throws {
        for (column, value) in [("name", r.name), ("code", r.code)] {
            if let other = try await sql.select().column("id").from("regions").where(
                SQLIdentifier(column), .equal, SQLBind(value)
            )
            .first(), try other.decode(column: "id", as: Int64.self) != r.id {
                throw DomainError(
                    .duplicate, Message("region.duplicate", ["name": value]),
                    fields: [FieldError(column, "region.duplicate", ["name": value])])
            }
        }
        if let h = r.headId, try await user(id: h) == nil {
            throw DomainError.validation([FieldError("head_id", "region.head_unknown")])
        }
    }

    // MARK: settings

    /// The authority limits in force, with the version an edit must send (the built-in defaults are version 1).
    public func authorityLimits() async throws -> (AuthorityLimits, version: Int) {
        var amounts = AuthorityLimits.defaults.amounts
        var version = 0
        for row in try await sql.select().columns("key", "value", "version").from("settings").all() {
            let key = try row.decode(column: "key", as: String.self)
            guard key.hasPrefix("limit."), let kind = ApprovalKind(rawValue: String(key.dropFirst(6))) else { continue }
            if let fen = Int64(try row.decode(column: "value", as: String.self)) { amounts[kind] = Money(fen: fen) }
            version = max(version, try row.decode(column: "version", as: Int.self))
        }
        return (AuthorityLimits(amounts), max(version, 1))
    }

    /// Sets the limits; `version` is the one read with them.
    /// `standardDiscount` (basis points) and `specialThreshold` travel with the limits: the discount a seller may give
    /// without approval, and the contract amount above which the review meeting is needed.
    public func setAuthorityLimits(
        _ new: [ApprovalKind: Money], standardDiscount: Int? = nil, specialThreshold: Money? = nil, version: Int,
        by actor: Actor
    ) async throws -> (AuthorityLimits, version: Int) {
        try await transaction { s in
            let oldDiscount = try await s.standardDiscount(), oldThreshold = try await s.specialThreshold()
            let (old, current) = try await s.authorityLimits()
            guard current == version else { throw Store.stale(current) }
            var merged = old.amounts
            for (k, v) in new { merged[k] = v }
            let now = Store.nowMillis()
            // Claim the version first, as every versioned write does: under PostgreSQL's READ COMMITTED a concurrent
            // writer that read the same version finds the rows changed and updates none, and is told so.
            let stored =
                try await s.sql.select().column("key").from("settings").where("key", .like, "limit.%").first() != nil
            // With none stored yet there is nothing to claim and nothing to delete: the first insert is kept unique by
            // the key, so a concurrent writer's fails and its rerun finds the version moved. (Deleting here would
            // remove rows another writer committed meanwhile, and both would win.)
            if stored {
                let claimed = try await s.sql.update("settings").set("version", to: current + 1).where(
                    "key", .like, "limit.%"
                )
                .where("version", .equal, current).returning("key").all()
                if claimed.isEmpty { throw DomainError(.conflict, Message("error.stale_raced")) }
                try await s.sql.delete(from: "settings").where("key", .like, "limit.%").run()
            }
            for kind in ApprovalKind.allCases {
                try await s.sql.insert(into: "settings").columns("key", "value", "version", "updated_at", "updated_by")
                    .values(
                        SQLBind("limit.\(kind.rawValue)"), SQLBind(String(merged[kind]!.fen)), SQLBind(current + 1),
                        SQLBind(now), SQLBind(actor.id)
                    ).run()
            }
            for (key, value) in [
                ("quote.standard_discount", standardDiscount.map(String.init)),
                ("contract.special_threshold", specialThreshold.map { String($0.fen) }),
            ] {
                guard let value else { continue }
                try await s.sql.delete(from: "settings").where("key", .equal, key).run()
                try await s.sql.insert(into: "settings").columns("key", "value", "version", "updated_at", "updated_by")
                    .values(SQLBind(key), SQLBind(value), SQLBind(current + 1), SQLBind(now), SQLBind(actor.id)).run()
            }
            func plain(_ l: AuthorityLimits, _ discount: Int, _ threshold: Money) -> [String: String] {
                var d = Dictionary(uniqueKeysWithValues: l.amounts.map { ($0.key.rawValue, $0.value.decimalString) })
                d["standard_discount"] = Rate.text(discount)
                d["special_contract_threshold"] = threshold.decimalString
                return d
            }
            try await s.audit(
                .update, "authority_limits", nil, before: plain(old, oldDiscount, oldThreshold),
                after: plain(AuthorityLimits(merged), standardDiscount ?? oldDiscount, specialThreshold ?? oldThreshold)
            )
            return (AuthorityLimits(merged), current + 1)
        }
    }
}
