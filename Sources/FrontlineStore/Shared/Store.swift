import FluentKit
import Foundation
import FrontlineCore
import SQLKit

/// The live persistence of Frontline on SQLite or PostgreSQL. Writes run in one transaction together with
/// their audit entry; hot reads use SQLKit rows rather than Fluent models (see ARCHITECTURE.md).
public struct Store: Sendable {
    public let database: any Database
    public let isSQLite: Bool
    /// Who acts, and from where, for the audit log.
    public var context: AuditContext

    public init(database: any Database, context: AuditContext = .system) {
        self.database = database
        self.isSQLite = database is any SQLDatabase && (database as! any SQLDatabase).dialect.name == "sqlite"
        self.context = context
    }

    public var sql: any SQLDatabase { database as! any SQLDatabase }

    public func with(_ context: AuditContext) -> Store {
        var s = self
        s.context = context
        return s
    }

    /// Runs `body` in one transaction on one connection. SQLite takes the write lock up front (`BEGIN IMMEDIATE`),
    /// so two writers queue instead of failing when a read lock would need upgrading.
    ///
    /// A unique index refusing a row is a race the body's own check could not see: under PostgreSQL's READ COMMITTED
    /// two writers check for a name, number or key at once, both find none, and the second insert fails and aborts its
    /// transaction. The body then runs once more, when its checks see the other writer's row and name it (409); a
    /// second refusal is still a 409, never a 500.
    ///
    /// A deadlock (40P01) or a serialization failure (40001) is PostgreSQL choosing one of two writers to give way:
    /// nothing of the loser was written, so his body runs again (up to three times in all, after a short random
    /// pause); if it still loses, he is told the record changed meanwhile (409), never a 500.
    public func transaction<T: Sendable>(_ body: @escaping @Sendable (Store) async throws -> T) async throws -> T {
        var attempt = 0
        while true {
            attempt += 1
            do { return try await transactionOnce(body) } catch  where Store.isUniqueViolation(error) {
                do { return try await transactionOnce(body) } catch  where Store.isUniqueViolation(error) {
                    throw DomainError(.duplicate, Message("record.duplicate"))
                }
            } catch  where Store.isWriterConflict(error) {
                guard attempt < 3 else { throw DomainError(.conflict, Message("error.stale_raced")) }
                try await Task.sleep(nanoseconds: UInt64.random(in: 1_000_000...20_000_000))
            }
        }
    }

    /// Whether PostgreSQL aborted the transaction to break a deadlock or keep transactions serializable.
    static func isWriterConflict(_ error: any Error) -> Bool {
        // The database's own error, never a refusal of ours that happens to quote such a number.
        guard !(error is DomainError) else { return false }
        let text = String(reflecting: error)
        return text.contains("40P01") || text.contains("40001") || text.contains("deadlock detected")
            || text.contains("could not serialize access")
    }

    private func transactionOnce<T: Sendable>(_ body: @escaping @Sendable (Store) async throws -> T) async throws -> T {
        guard isSQLite else { return try await inTransaction(body) }
        // SQLite has one writer at a time: this process's writers queue here, in order, instead of each sleeping in
        // SQLite's busy handler and retrying; another process (a backup, a second server) still waits its turn
        // through SQLite's own lock.
        await Store.writers.acquire()
        do {
            let result = try await inTransaction(body)
            await Store.writers.release()
            return result
        } catch {
            await Store.writers.release()
            throw error
        }
    }

    /// The queue SQLite writers of this process wait in.
    static let writers = WriteQueue()

    private func inTransaction<T: Sendable>(_ body: @escaping @Sendable (Store) async throws -> T) async throws -> T {
        let isSQLite = self.isSQLite
        let context = self.context
        return try await database.withConnection { conn in
            let sql = conn as! any SQLDatabase
            // WAL with NORMAL sync: a commit is durable at the next checkpoint and never corrupts; a power cut may lose
            // the last commits, a crashed process loses none.
            if isSQLite { try await sql.raw("PRAGMA synchronous=NORMAL").run() }
            try await sql.raw(isSQLite ? "BEGIN IMMEDIATE" : "BEGIN").run()
            do {
                let result = try await body(Store(database: conn, context: context))
                try await sql.raw("COMMIT").run()
                return result
            } catch {
                try? await sql.raw("ROLLBACK").run()
                throw error
            }
        }
    }

    /// Milliseconds since 1970.
    public static func nowMillis() -> Int64 { Int64(Date().timeIntervalSince1970 * 1000) }
    /// Unix seconds.
    public static func now() -> Int64 { Int64(Date().timeIntervalSince1970) }
    public static func nowSeconds() -> Int64 { Int64(Date().timeIntervalSince1970) }

    /// Whether an error from either database is a unique-constraint violation.
    static func isUniqueViolation(_ error: any Error) -> Bool {
        let text = String(reflecting: error)
        return text.contains("UNIQUE constraint") || text.contains("23505") || text.contains("unique_violation")
            || text.contains("uniqueViolation") || text.contains("duplicate key")
    }

    /// Holds a row until the transaction ends (`SELECT … FOR UPDATE`): writers that change what hangs on one record
    /// (a customer's contacts, a quotation's approval) wait their turn on PostgreSQL as they do on SQLite, where
    /// `BEGIN IMMEDIATE` already lets one writer in at a time. Statements after it read what the previous holder
    /// committed (READ COMMITTED takes a new snapshot per statement).
    func lockRow(_ table: String, _ id: Int64) async throws {
        guard !isSQLite else { return }
        try await sql.raw("SELECT id FROM \(ident: table) WHERE id = \(bind: id) FOR UPDATE").run()
    }

    /// One page of a list: how many rows `count` counts (and, when it also sums a column as `s`, their amount), and
    /// the rows of `rows` in the order asked from `q.offset` — or, for an export's batches, newest first below
    /// `before`. `alias` qualifies the columns when `rows` joins; `columns` names the column a sort reads when it is
    /// not the sort's own name (`amount`: `amount_fen`).
    func page<T>(
        count: SQLSelectBuilder, rows: SQLSelectBuilder, alias: String? = nil, _ q: ListQuery, before: Int64?,
        columns: [String: String] = [:], summed: Bool = false, decode: (any SQLRow) throws -> T
    )
        async throws -> Listing<T>
    {
        let counted = try await count.first()
        let total = try counted?.decode(column: "n", as: Int.self) ?? 0
        let amount = summed ? Money(fen: try counted?.decode(column: "s", as: Int64?.self) ?? 0) : nil
        let column = { (name: String) in alias.map { SQLColumn(name, table: $0) } ?? SQLColumn(name) }
        if let before {
            rows.where(column("id"), .lessThan, SQLBind(before)).orderBy(column("id"), SQLDirection.descending)
        } else {
            let dir = q.descending ? SQLDirection.descending : SQLDirection.ascending
            rows.orderBy(column(columns[q.sortField] ?? q.sortField), dir).orderBy(column("id"), dir).offset(q.offset)
        }
        return Listing(items: try await rows.limit(q.limit).all().map(decode), total: total, amount: amount)
    }

    /// `SELECT COUNT(*) AS n[, SUM(alias.sum) AS s] FROM table alias JOIN customers c`: the count (and total) of a
    /// list whose records belong to a customer, for the filter and the scope to narrow.
    func customerRecordCount(_ table: String, _ alias: String, sum: String? = nil) -> SQLSelectBuilder {
        let b = sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
        // PostgreSQL sums BIGINT into NUMERIC; brought back to BIGINT so both databases answer the same type.
        if let sum { b.column(SQLQueryString("CAST(SUM(\(ident: alias).\(ident: sum)) AS BIGINT)"), as: "s") }
        return b.from(SQLAlias(SQLIdentifier(table), as: SQLIdentifier(alias))).join(
            SQLAlias(SQLIdentifier("customers"), as: SQLIdentifier("c")), method: SQLJoinMethod.inner,
            on: SQLColumn("customer_id", table: alias), .equal, SQLColumn("id", table: "c"))
    }

    /// Orders a list's rows by the sort asked — one of `sorts`, by the name its `sort` parameter takes — then by `id`
    /// the same way, so ties keep one order from page to page; an export's batches (`before`) and a list asked for no
    /// sort go newest first.
    static func order(
        _ b: SQLSelectBuilder, _ q: ListQuery?, _ sorts: [String: SQLColumn], id: SQLColumn, before: Int64?
    ) -> SQLSelectBuilder {
        guard let q, before == nil else { return b.orderBy(id, SQLDirection.descending) }
        let direction = q.descending ? SQLDirection.descending : SQLDirection.ascending
        if q.sortField != "id", let column = sorts[q.sortField] { b.orderBy(column, direction) }
        return b.orderBy(id, direction)
    }

    /// `expression LIKE pattern ESCAPE '\'`, the pattern from `likePattern`. The escape is spelled out: SQLite has
    /// none unless told (PostgreSQL's is the backslash), so without it a `%` or `_` typed into a search matched
    /// differently on the two databases.
    static func like(_ expression: any SQLExpression, _ pattern: String) -> SQLQueryString {
        "\(expression) LIKE \(bind: pattern) ESCAPE '\\'"
    }

    /// Escapes `%`, `_` and `\` for a LIKE pattern used with `ESCAPE '\'`.
    static func likePattern(_ s: String) -> String {
        var out = "%"
        for ch in s {
            if ch == "%" || ch == "_" || ch == "\\" { out.append("\\") }
            out.append(ch)
        }
        return out + "%"
    }

    /// Checks that the database answers.
    public func ping() async throws {
        _ = try await sql.raw("SELECT 1 AS ok").all()
    }
}

/// Who is acting, for the audit log.
public struct AuditContext: Sendable {
    public var actorId: Int64?
    public var actorName: String
    public var ip: String?
    public var requestId: String?

    public init(actorId: Int64?, actorName: String, ip: String? = nil, requestId: String? = nil) {
        self.actorId = actorId; self.actorName = actorName; self.ip = ip; self.requestId = requestId
    }

    public init(_ actor: Actor, ip: String? = nil, requestId: String? = nil) {
        self.init(actorId: actor.id == 0 ? nil : actor.id, actorName: actor.username, ip: ip, requestId: requestId)
    }

    public static let system = AuditContext(actorId: nil, actorName: "system")
}

extension SQLUpdateBuilder {
    /// The one versioned write every record's edit and step ends with: `… WHERE id = ? AND version = ?`, and a 409
    /// when no row changed. Under PostgreSQL's READ COMMITTED a concurrent writer with the same version updates
    /// nothing; carrying on would tell him he succeeded and write his history on top of the winner's.
    func versioned(id: Int64, version: Int) async throws {
        guard try await self.where("id", .equal, id).where("version", .equal, version).returning("id").first() != nil
        else {
            throw DomainError(.conflict, Message("error.stale_raced"))
        }
    }
}

/// First come, first served: one holder at a time, the others wait without spinning.
actor WriteQueue {
    private var busy = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    func acquire() async {
        guard busy else {
            busy = true
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    func release() {
        if waiting.isEmpty { busy = false } else { waiting.removeFirst().resume() }
    }
}
