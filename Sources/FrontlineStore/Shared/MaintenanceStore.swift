import Crypto
import Foundation
import FrontlineCore
import SQLKit

/// Integrity checks, backups and table snapshots: what operators and the reliability tests rely on.
extension Store {
    /// The tables Frontline owns, in an order that respects their references.
    public func tableNames() async throws -> [String] {
        let rows: [any SQLRow]
        if isSQLite {
            rows = try await sql.raw(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
            ).all()
        } else {
            rows = try await sql.raw(
                "SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename"
            ).all()
        }
        return try rows.map { try $0.decode(column: "name", as: String.self) }
    }

    /// Every problem found: the engine's own check (SQLite `integrity_check` and `foreign_key_check`) and the
    /// rules the schema cannot state. Empty means healthy.
    public func integrityProblems() async throws -> [String] {
        var problems: [String] = []
        if isSQLite {
            for row in try await sql.raw("PRAGMA integrity_check").all() {
                let text =
                    (try? row.decode(column: "integrity_check", as: String.self)) ?? "unreadable integrity_check row"
                if text != "ok" { problems.append("integrity_check: \(text)") }
            }
            for row in try await sql.raw("PRAGMA foreign_key_check").all() {
                let table = (try? row.decode(column: "table", as: String.self)) ?? "?"
                let parent = (try? row.decode(column: "parent", as: String.self)) ?? "?"
                problems.append("foreign key from \(table) to \(parent) is dangling")
            }
        }
        let rules: [(String, SQLQueryString)] = [
            (
                "customers with an owner that does not exist",
                "SELECT COUNT(*) AS n FROM customers c WHERE c.owner_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM users u WHERE u.id = c.owner_id)"
            ),
            (
                "customers with a region that does not exist",
                "SELECT COUNT(*) AS n FROM customers c WHERE c.region_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM regions r WHERE r.id = c.region_id)"
            ),
            (
                "contacts of a missing customer",
                "SELECT COUNT(*) AS n FROM contacts x WHERE NOT EXISTS (SELECT 1 FROM customers c WHERE c.id = x.customer_id)"
            ),
            (
                "communications of a missing customer",
                "SELECT COUNT(*) AS n FROM communications x WHERE NOT EXISTS (SELECT 1 FROM customers c WHERE c.id = x.customer_id)"
            ),
            (
                "records with a version below 1",
                "SELECT (SELECT COUNT(*) FROM customers WHERE version < 1) + (SELECT COUNT(*) FROM users WHERE version < 1) + (SELECT COUNT(*) FROM regions WHERE version < 1) + (SELECT COUNT(*) FROM contracts WHERE version < 1) + (SELECT COUNT(*) FROM tenders WHERE version < 1) AS n"
            ),
            (
                "customers whose duplicate key is not unique",
                "SELECT COUNT(*) AS n FROM (SELECT name_key FROM customers GROUP BY name_key HAVING COUNT(*) > 1) d"
            ),
            (
                "more than one primary contact on a customer",
                "SELECT COUNT(*) AS n FROM (SELECT customer_id FROM contacts WHERE is_primary GROUP BY customer_id HAVING COUNT(*) > 1) d"
            ),
            (
                "effective contracts without their hand-off to Customer Service",
                "SELECT COUNT(*) AS n FROM contracts k WHERE k.state = 'effective' AND NOT EXISTS (SELECT 1 FROM implementations i WHERE i.contract_id = k.id)"
            ),
            (
                "tenders handed in without a package",
                "SELECT COUNT(*) AS n FROM tenders WHERE state IN ('submitted', 'won', 'lost') AND package_sha = ''"
            ),
            (
                "won tenders without their contract draft",
                "SELECT COUNT(*) AS n FROM tenders WHERE state = 'won' AND contract_id IS NULL"
            ),
            (
                "bid deposits settled without the day they were paid",
                "SELECT COUNT(*) AS n FROM tenders WHERE deposit IN ('paid', 'refunded', 'forfeited') AND deposit_paid_on = ''"
            ),
            (
                "tender part versions not numbered 1, 2, 3…",
                "SELECT COUNT(*) AS n FROM (SELECT tender_id, part FROM tender_files GROUP BY tender_id, part HAVING MAX(version) <> COUNT(*)) d"
            ),
        ]
        for (what, query) in rules {
            let n = try await sql.raw(query).first()?.decode(column: "n", as: Int.self) ?? 0
            if n > 0 { problems.append("\(what): \(n)") }
        }
        problems += try await historyProblems(QuotationProcess.self, table: "quotations")
        problems += try await historyProblems(ApprovalProcess.self, table: "approvals")
        problems += try await historyProblems(ContractProcess.self, table: "contracts")
        problems += try await historyProblems(TenderProcess.self, table: "tenders")
        problems += try await historyProblems(ImplementationProcess.self, table: "implementations")
        problems += try await historyProblems(ServiceRequestProcess.self, table: "service_requests")
        problems += try await historyProblems(ComplaintProcess.self, table: "complaints")
        problems += try await historyProblems(SupportRequestProcess.self, table: "support_requests")
        problems += try await historyProblems(TrainingProcess.self, table: "trainings")
        problems += try await historyProblems(OpportunityProcess.self, table: "opportunities", stateColumn: "stage")
        problems += try await historyProblems(LeadProcess.self, table: "leads")
        problems += try await historyProblems(DisputeProcess.self, table: "disputes")
        problems += try await historyProblems(ActionPlanProcess.self, table: "action_plans")
        problems += try await historyProblems(VisitProcess.self, table: "visits")
        problems += try await historyProblems(GiftProcess.self, table: "gifts")
        problems += try await historyProblems(ScreeningProcess.self, table: "screenings")
        problems += try await searchIndexProblems()
        problems += try await opportunityTotalsProblems()
        problems += try await quotationTotalsProblems()
        return problems
    }

    /// Each quotation's kept net and gross amounts (which the list totals and sorts by) are those of its lines.
    func quotationTotalsProblems() async throws -> [String] {
        var bad: [Int64] = []
        for r in try await sql.select().columns("id", "lines", "net_fen", "gross_fen").from("quotations").orderBy("id")
            .all()
        {
            let lines = try Store.linesCoder.1.decode(
                [QuoteLine].self, from: Data(try r.decode(column: "lines", as: String.self).utf8))
            let totals = QuoteTotals(lines)
            let net = try r.decode(column: "net_fen", as: Int64.self)
            let gross = try r.decode(column: "gross_fen", as: Int64.self)
            if totals.net.fen != net || totals.gross.fen != gross {
                bad.append(try r.decode(column: "id", as: Int64.self))
            }
        }
        return bad.isEmpty
            ? []
            : [
                "quotations whose kept totals differ from their lines: \(bad.prefix(20).map(String.init).joined(separator: ", "))"
            ]
    }

    /// Every record of a process has a history that is a path through its table — `create`, then each step from
    /// the state the one before ended in — and ends in the state the record is in.
    func historyProblems<P: ProcessDefinition>(_ process: P.Type, table: String, stateColumn: String = "state")
        async throws -> [String]
    {
        var history: [Int64: [(from: String, action: String, to: String)]] = [:]
        for r in try await sql.select().columns("record_id", "from_state", "action", "to_state").from("process_events")
            .where("process", .equal, P.name).orderBy("record_id").orderBy("id").all()
        {
            history[try r.decode(column: "record_id", as: Int64.self), default: []].append(
                (
                    try r.decode(column: "from_state", as: String.self),
                    try r.decode(column: "action", as: String.self), try r.decode(column: "to_state", as: String.self)
                ))
        }
        // `create` first (approvals raised before the runner had theirs added later), then in the order recorded.
        for (id, events) in history {
            history[id] = events.filter { $0.action == "create" } + events.filter { $0.action != "create" }
        }
        let states = Set(P.State.allCases.map(\.rawValue))
        var bad: [String] = []
        for r in try await sql.select().column("id").column(SQLColumn(stateColumn), as: "state").from(table).orderBy(
            "id"
        ).all() {
            let id = try r.decode(column: "id", as: Int64.self), state = try r.decode(column: "state", as: String.self)
            guard let events = history[id] else {
                bad.append("\(id): no history")
                continue
            }
            if let i = ProcessEngine.invalidStep(P.self, events, created: states) {
                bad.append("\(id): step \(i + 1) \(events[i].from) → \(events[i].action) → \(events[i].to)")
            } else if events.last!.to != state {
                bad.append("\(id): history ends in \(events.last!.to), the record is \(state)")
            }
        }
        guard !bad.isEmpty else { return [] }
        return [
            "\(table) whose history is not a path through the \(P.name) table: \(bad.count) (\(bad.prefix(3).joined(separator: "; ")))"
        ]
    }

    /// Every row of every table as text, for comparing two databases (tests, restore checks).
    public func snapshot() async throws -> [String: [String]] {
        var out: [String: [String]] = [:]
        for table in try await tableNames() {
            let rows = try await sql.raw("SELECT * FROM \(ident: table)").all()
            var lines: [String] = []
            for row in rows {
                var cells: [String] = []
                for column in row.allColumns.sorted() {
                    if (try? row.decodeNil(column: column)) == true {
                        cells.append("\(column)=NULL")
                    } else if let v = try? row.decode(column: column, as: Int64.self) {
                        cells.append("\(column)=\(v)")
                    } else if let v = try? row.decode(column: column, as: Bool.self) {
                        cells.append("\(column)=\(v)")
                    } else if let v = try? row.decode(column: column, as: String.self) {
                        cells.append("\(column)=\(v)")
                    } else if let v = try? row.decode(column: column, as: Double.self) {
                        cells.append("\(column)=\(v)")
                    } else {
                        cells.append("\(column)=?")
                    }
                }
                lines.append(cells.joined(separator: "|"))
            }
            out[table] = lines.sorted()
        }
        return out
    }

    /// SHA-256 of a text, in hex.
    public static func digest(_ text: String) -> String { FileFolder.hex(SHA256.hash(data: Data(text.utf8))) }

    /// A consistent copy of a live SQLite database in `path` (`VACUUM INTO`: one read transaction, writers go
    /// on). The file must not exist yet.
    public func backupSQLite(to path: String) async throws {
        guard isSQLite else { throw StoreError.corrupt("backupSQLite on PostgreSQL; use pg_dump") }
        try await sql.raw("VACUUM INTO \(bind: path)").run()
    }
}
