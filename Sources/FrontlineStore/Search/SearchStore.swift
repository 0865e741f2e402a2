import FluentKit
import Foundation
import FrontlineCore
import SQLKit

/// The search index's schema: `search_terms(kind, term, record_id)` holds every two-, three- and five-character term of each
/// searchable column (SearchKind.columns, lowered as the search matches them), kept by triggers on every insert, change and
/// delete of those tables — on SQLite and PostgreSQL alike, so no write path can leave it behind — and
/// `search_numbers(n)`, the positions 1…2000 the triggers cut the texts at (a trigger cannot hold a recursive query).
enum SearchIndexSQL {
    /// The longest text indexed whole (a complaint's words: 4,000 characters); 2,000 before migration 032.
    static let maxLength = 4000

    /// The text of `column` of row `row` (`NEW`, `OLD` or a table alias) as it is indexed.
    static func text(_ kind: SearchKind, _ column: String, _ row: String) -> String {
        kind.lowered(column) ? "LOWER(\(row).\(column))" : "\(row).\(column)"
    }

    /// One query per column and term length, joined by UNION ALL.
    static func grams(_ kind: SearchKind, _ lengths: [Int], _ part: (String, Int) -> String) -> String {
        kind.columns.flatMap { c in lengths.map { part(c, $0) } }.joined(separator: " UNION ALL ")
    }

    /// The terms of a row's columns, as a query of (kind, term, record_id).
    static func terms(_ kind: SearchKind, _ row: String, _ lengths: [Int]) -> String {
        grams(kind, lengths) { c, g in "SELECT \(kind.code), substr(\(text(kind, c, row)), n, \(g)), \(row).id FROM search_numbers WHERE n <= length(\(text(kind, c, row))) - \(g - 1)" }
    }

    /// The terms of a row, as the values of `term` (for deleting those of the old row by the primary key).
    static func termValues(_ kind: SearchKind, _ row: String, _ lengths: [Int]) -> String {
        grams(kind, lengths) { c, g in "SELECT substr(\(text(kind, c, row)), n, \(g)) FROM search_numbers WHERE n <= length(\(text(kind, c, row))) - \(g - 1)" }
    }

    static func changed(_ kind: SearchKind, distinct: String) -> String {
        kind.columns.map { "OLD.\($0) \(distinct) NEW.\($0)" }.joined(separator: " OR ")
    }

    static func deleteOld(_ kind: SearchKind, _ lengths: [Int]) -> String {
        "DELETE FROM search_terms WHERE kind = \(kind.code) AND record_id = OLD.id AND term IN (\(termValues(kind, "OLD", lengths)))"
    }

    /// The index's two tables, empty.
    static func tables(sqlite: Bool, upTo maxLength: Int) -> [String] {
        if sqlite {
            return [
                "CREATE TABLE search_numbers (n INTEGER PRIMARY KEY)",
                "INSERT INTO search_numbers (n) WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < \(maxLength)) SELECT n FROM s",
                "CREATE TABLE search_terms (kind INTEGER NOT NULL, term TEXT NOT NULL, record_id INTEGER NOT NULL, PRIMARY KEY (kind, term, record_id)) WITHOUT ROWID",
            ]
        }
        return [
            "CREATE TABLE search_numbers (n INTEGER PRIMARY KEY)",
            "INSERT INTO search_numbers (n) SELECT generate_series(1, \(maxLength))",
            "CREATE TABLE search_terms (kind SMALLINT NOT NULL, term TEXT COLLATE \"C\" NOT NULL, record_id BIGINT NOT NULL, PRIMARY KEY (kind, term, record_id))",
        ]
    }

    /// The triggers that keep terms of `lengths` for every kind's rows.
    static func triggers(sqlite: Bool, lengths: [Int]) -> [String] {
        var out: [String] = []
        for kind in SearchKind.allCases {
            let t = kind.table
            let cols = kind.columns.joined(separator: ", ")
            if sqlite {
                out.append("CREATE TRIGGER search_\(t)_insert AFTER INSERT ON \(t) BEGIN INSERT OR IGNORE INTO search_terms (kind, term, record_id) \(terms(kind, "NEW", lengths)); END")
                out.append(
                    "CREATE TRIGGER search_\(t)_update AFTER UPDATE OF \(cols) ON \(t) WHEN \(changed(kind, distinct: "IS NOT")) BEGIN \(deleteOld(kind, lengths)); INSERT OR IGNORE INTO search_terms (kind, term, record_id) \(terms(kind, "NEW", lengths)); END"
                )
                out.append("CREATE TRIGGER search_\(t)_delete AFTER DELETE ON \(t) BEGIN \(deleteOld(kind, lengths)); END")
            } else {
                out.append(
                    """
                    CREATE FUNCTION search_\(t)() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN
                      IF TG_OP <> 'INSERT' THEN \(deleteOld(kind, lengths)); END IF;
                      IF TG_OP <> 'DELETE' THEN INSERT INTO search_terms (kind, term, record_id) \(terms(kind, "NEW", lengths)) ON CONFLICT DO NOTHING; END IF;
                      RETURN NULL;
                    END $$
                    """)
                out.append("CREATE TRIGGER search_\(t)_insert AFTER INSERT ON \(t) FOR EACH ROW EXECUTE FUNCTION search_\(t)()")
                out.append(
                    "CREATE TRIGGER search_\(t)_update AFTER UPDATE OF \(cols) ON \(t) FOR EACH ROW WHEN (\(changed(kind, distinct: "IS DISTINCT FROM"))) EXECUTE FUNCTION search_\(t)()")
                out.append("CREATE TRIGGER search_\(t)_delete AFTER DELETE ON \(t) FOR EACH ROW EXECUTE FUNCTION search_\(t)()")
            }
        }
        return out
    }

    /// The statements that add every row's terms of `lengths` to the index (of every kind, or of those named).
    static func fill(sqlite: Bool, lengths: [Int], kinds: [SearchKind] = SearchKind.allCases) -> [String] {
        kinds.map { kind in
            sqlite
                ? "INSERT OR IGNORE INTO search_terms (kind, term, record_id) \(backfill(kind, lengths))"
                : "INSERT INTO search_terms (kind, term, record_id) \(backfill(kind, lengths)) ON CONFLICT DO NOTHING"
        }
    }

    /// The terms every row of a kind should have, as a query of (kind, term, record_id).
    static func backfill(_ kind: SearchKind, _ lengths: [Int] = SearchTerms.lengths) -> String {
        grams(kind, lengths) { c, g in
            "SELECT \(kind.code), substr(\(text(kind, c, "x")), s.n, \(g)), x.id FROM \(kind.table) x JOIN search_numbers s ON s.n <= length(\(text(kind, c, "x"))) - \(g - 1)"
        }
    }

    static func dropTriggers(sqlite: Bool) -> [String] {
        var out: [String] = []
        for kind in SearchKind.allCases {
            let t = kind.table
            for suffix in ["insert", "update", "delete"] { out.append("DROP TRIGGER IF EXISTS search_\(t)_\(suffix)\(sqlite ? "" : " ON \(t)")") }
            if !sqlite { out.append("DROP FUNCTION IF EXISTS search_\(t)()") }
        }
        return out
    }

    static func drop(sqlite: Bool) -> [String] {
        dropTriggers(sqlite: sqlite) + ["DROP TABLE IF EXISTS search_terms", "DROP TABLE IF EXISTS search_numbers"]
    }
}

/// How the hits are found: through the index (what readers get), or by reading every row the reader sees (the
/// reference the gate compares the index with, and the way for a reader who sees few rows and asks for a common term).
public enum SearchPlan: Sendable { case index, scan }

extension Store {
    /// Postings counted per term, first up to `searchFirstProbe` each (most terms of most kinds are rare or absent,
    /// answered at once), then — for a kind whose every term passed that — up to eight times as many, and so on up
    /// to `searchProbeCap`, to find the one to walk. Beyond the cap a reader who sees only his own rows reads those
    /// instead of the postings. A reader of everything walks the newest `searchProbeCap` postings of the last term
    /// (the end of a number is what tells it apart); only if they hold too few hits are the terms counted on, up to
    /// sixteen times the cap, and the rarest walked to its end.
    public static let searchFirstProbe = 64
    public static let searchProbeCap = 4096

    /// The one search: for each kind asked that the actor may browse, up to `q.limit` hits newest first and whether
    /// there are more. Kinds the actor may not browse are left out.
    public func search(
        _ q: SearchQuery, for actor: Actor, plan: SearchPlan = .index, firstProbe: Int = Store.searchFirstProbe, probeCap: Int = Store.searchProbeCap,
        today: String = DateText.today()
    ) async throws -> [SearchGroup] {
        let searchers = q.kinds.map(searcher).filter { $0.allowed(actor) }
        var counts: [SearchKind: [(term: String, n: Int)]] = [:]
        if plan == .index {
            // Every kind's terms counted in one statement: a term no record has answers "nothing" for its kind.
            var probes: [(kind: SearchKind, term: String)] = []
            for s in searchers { for term in SearchTerms.terms(s.kind.key(q.text)) { probes.append((s.kind, term)) } }
            let readsAll = Set(searchers.filter { $0.readsAll(actor) }.map(\.kind))
            var cap = min(firstProbe, probeCap)
            var asked = probes
            while !asked.isEmpty {
                for (p, n) in zip(asked, try await countPostings(asked, cap: cap)) { counts[p.kind, default: []].append((p.term, n)) }
                // Counted again only where it decides something: the rarest of several terms, or whether a reader
                // who sees only his own rows reads the postings or his rows.
                let again = Set(
                    counts.filter { kind, terms in terms.allSatisfy { $0.n > cap } && !(terms.count == 1 && readsAll.contains(kind)) }.keys)
                guard cap < probeCap else { break }
                asked = probes.filter { again.contains($0.kind) }
                for kind in again { counts[kind] = [] }
                cap = min(cap * 8, probeCap)
            }
        }
        var out: [SearchGroup] = []
        for s in searchers {
            let key = s.kind.key(q.text)
            /// The kind's query: walking `driver`'s postings (the first term; the next ones narrow by the key) — only
            /// the newest `window` of them if asked — or, without a driver, the reader's rows newest first.
            func query(_ driver: [(term: String, n: Int)]?, window: Int? = nil) -> SQLSelectBuilder {
                let b = s.select(sql)
                s.scope(b, actor, today)
                // The text itself, as a scan reads it: every true hit, and only those.
                let pattern = Store.likePattern(key)
                let lowered = Store.likePattern(Text.clean(q.text).lowercased())
                b.where { w in
                    for c in s.kind.columns {
                        w.orWhere(Store.like(SQLRaw(SearchIndexSQL.text(s.kind, c, s.alias)), s.kind.lowered(c) ? lowered : pattern))
                    }
                    return w
                }
                guard let driver, let first = driver.first else { return b.orderBy(SQLColumn("id", table: s.alias), SQLDirection.descending) }
                b.join(SQLAlias(SQLIdentifier("search_terms"), as: SQLIdentifier("st")), method: SQLJoinMethod.inner, on: SQLColumn("record_id", table: "st"), .equal, SQLColumn("id", table: s.alias))
                    .where(SQLColumn("kind", table: "st"), .equal, SQLLiteral.numeric(String(s.kind.code)))
                    .where(SQLColumn("term", table: "st"), .equal, SQLBind(first.term))
                if let window {
                    // From the window's oldest posting on: still one walk down the primary key, newest first.
                    b.where(SQLQueryString(
                        "st.record_id >= COALESCE((SELECT record_id FROM search_terms sw WHERE sw.kind = \(literal: s.kind.code) AND sw.term = \(bind: first.term) ORDER BY record_id DESC LIMIT 1 OFFSET \(literal: window - 1)), 0)"
                    ))
                }
                for other in driver.dropFirst().prefix(3) {
                    b.where(SQLQueryString("EXISTS (SELECT 1 FROM search_terms so WHERE so.kind = \(literal: s.kind.code) AND so.term = \(bind: other.term) AND so.record_id = st.record_id)"))
                }
                return b.orderBy(SQLColumn("record_id", table: "st"), SQLDirection.descending)
            }
            /// The terms rarest first; of equal counts the later in the query first.
            func rarest(_ terms: [(term: String, n: Int)]) -> [(term: String, n: Int)] {
                terms.enumerated().sorted { $0.element.n != $1.element.n ? $0.element.n < $1.element.n : $0.offset > $1.offset }.map(\.element)
            }
            var rows: [any SQLRow]
            if plan == .scan {
                rows = try await query(nil).limit(q.limit + 1).all()
            } else {
                var probed = rarest(counts[s.kind] ?? [])
                if probed.isEmpty || probed[0].n == 0 {
                    out.append(SearchGroup(kind: s.kind, hits: [], more: false))
                    continue
                }
                if probed[0].n <= probeCap {
                    rows = try await query(probed).limit(q.limit + 1).all()
                } else if !s.readsAll(actor) {
                    rows = try await query(nil).limit(q.limit + 1).all()
                } else {
                    // Every term common: hits among the newest postings of one are the newest hits of all, when
                    // there are enough of them; else the rarest, counted further, walked to its end.
                    rows = probed.count == 1 ? [] : try await query(probed, window: probeCap).limit(q.limit + 1).all()
                    if rows.count <= q.limit {
                        if probed.count > 1 {
                            let terms = (counts[s.kind] ?? []).map { (kind: s.kind, term: $0.term) }
                            probed = rarest(zip(terms, try await countPostings(terms, cap: probeCap * 16)).map { ($0.0.term, $0.1) })
                        }
                        rows = try await query(probed).limit(q.limit + 1).all()
                    }
                }
            }
            let hits = try rows.prefix(q.limit).map(s.hit)
            out.append(SearchGroup(kind: s.kind, hits: hits, more: rows.count > q.limit))
        }
        return out
    }

    /// How many postings each (kind, term) has, counted up to `cap + 1`, in one statement.
    func countPostings(_ probes: [(kind: SearchKind, term: String)], cap: Int) async throws -> [Int] {
        guard !probes.isEmpty else { return [] }
        var all: SQLQueryString = ""
        for (i, p) in probes.enumerated() {
            if i > 0 { all = all + " UNION ALL " }
            all = all + "SELECT \(literal: i) AS i, (SELECT COUNT(*) FROM (SELECT 1 FROM search_terms WHERE kind = \(literal: p.kind.code) AND term = \(bind: p.term) LIMIT \(literal: cap + 1)) p) AS n"
        }
        var out = Array(repeating: 0, count: probes.count)
        for row in try await sql.raw(all).all() { out[try row.decode(column: "i", as: Int.self)] = try row.decode(column: "n", as: Int.self) }
        return out
    }

    /// How one kind is read for the search: who may, its rows with what a hit shows, and the reader's visibility —
    /// each the one its own list uses.
    struct Searcher {
        let kind: SearchKind
        let alias: String
        let allowed: (Actor) -> Bool
        /// Whether the actor reads every record of the kind (then the index is always the quicker way).
        let readsAll: (Actor) -> Bool
        let select: (any SQLDatabase) -> SQLSelectBuilder
        let scope: (SQLSelectBuilder, Actor, String) -> Void
        let hit: (any SQLRow) throws -> SearchHit
    }

    func searcher(_ kind: SearchKind) -> Searcher {
        func from(_ db: any SQLDatabase, _ table: String, _ alias: String, customer: Bool = true) -> SQLSelectBuilder {
            let b = db.select().from(SQLAlias(SQLIdentifier(table), as: SQLIdentifier(alias)))
                .column(SQLColumn("id", table: alias), as: "id")
            if customer {
                b.join(SQLAlias(SQLIdentifier("customers"), as: SQLIdentifier("c")), method: SQLJoinMethod.inner, on: SQLColumn("customer_id", table: alias), .equal, SQLColumn("id", table: "c"))
                    .column(SQLColumn("name", table: "c"), as: "customer_name").column(SQLColumn("customer_id", table: alias), as: "customer_id")
            }
            return b
        }
        /// A record with a number, a title and a state, hanging on a customer.
        func numbered(_ db: any SQLDatabase, _ table: String, _ alias: String, state: String = "state") -> SQLSelectBuilder {
            from(db, table, alias).column(SQLColumn("number", table: alias), as: "number").column(SQLColumn("title", table: alias), as: "title")
                .column(SQLColumn(state, table: alias), as: "state")
        }
        func numbered(_ kind: SearchKind, _ r: any SQLRow) throws -> SearchHit {
            SearchHit(
                kind: kind, id: try r.decode(column: "id", as: Int64.self), number: try r.text("number"),
                title: try r.text("title"), detail: try r.text("customer_name"),
                customerId: try r.decode(column: "customer_id", as: Int64.self), state: try r.text("state"))
        }
        let allCustomers: (Actor) -> Bool = { CustomerAccess.readScope($0) == .all }
        switch kind {
        case .customer:
            return Searcher(
                kind: kind, alias: "c", allowed: CustomerAccess.canBrowse, readsAll: allCustomers,
                select: { db in
                    db.select().from(SQLAlias(SQLIdentifier("customers"), as: SQLIdentifier("c")))
                        .column(SQLColumn("id", table: "c"), as: "id").column(SQLColumn("name", table: "c"), as: "title")
                        .column(SQLColumn("credit_code", table: "c"), as: "credit_code").column(SQLColumn("status", table: "c"), as: "state")
                },
                scope: { b, actor, _ in _ = self.restrict(b, CustomerAccess.readScope(actor), CustomerFilter()) },
                hit: { r in
                    let id = try r.decode(column: "id", as: Int64.self)
                    return SearchHit(
                        kind: .customer, id: id, title: try r.text("title"), detail: try r.text("credit_code"),
                        customerId: id, state: try r.text("state"))
                })
        case .contact:
            return Searcher(
                kind: kind, alias: "k", allowed: CustomerAccess.canBrowse, readsAll: allCustomers,
                select: { db in
                    from(db, "contacts", "k").column(SQLColumn("name", table: "k"), as: "title").column(SQLColumn("mobile", table: "k"), as: "mobile")
                        .column(SQLColumn("phone", table: "k"), as: "phone").column(SQLColumn("title", table: "k"), as: "job")
                },
                scope: { b, actor, _ in
                    b.where(SQLColumn("removed_at", table: "k"), .is, SQLLiteral.null)
                    _ = self.restrict(b, CustomerAccess.readScope(actor), CustomerFilter())
                },
                hit: { r in
                    let phone = [try r.text("job"), try r.text("mobile"), try r.text("phone")]
                        .filter { !$0.isEmpty }.joined(separator: " · ")
                    return SearchHit(
                        kind: .contact, id: try r.decode(column: "id", as: Int64.self), title: try r.text("title"),
                        detail: try r.text("customer_name") + (phone.isEmpty ? "" : " · " + phone),
                        customerId: try r.decode(column: "customer_id", as: Int64.self))
                })
        case .lead:
            return Searcher(
                kind: kind, alias: "l", allowed: LeadAccess.canBrowse, readsAll: LeadAccess.readsAll,
                select: { db in
                    from(db, "leads", "l", customer: false).column(SQLColumn("number", table: "l"), as: "number").column(SQLColumn("company", table: "l"), as: "title")
                        .column(SQLColumn("contact_name", table: "l"), as: "contact_name").column(SQLColumn("state", table: "l"), as: "state")
                },
                scope: { b, actor, today in _ = self.restrictLeads(b, LeadFilter(), for: actor, today: today) },
                hit: { r in
                    SearchHit(
                        kind: .lead, id: try r.decode(column: "id", as: Int64.self), number: try r.text("number"),
                        title: try r.text("title"), detail: try r.text("contact_name"),
                        state: try r.text("state"))
                })
        case .opportunity:
            return Searcher(
                kind: kind, alias: "o", allowed: OpportunityAccess.canBrowse, readsAll: OpportunityAccess.readsAll,
                select: { db in numbered(db, "opportunities", "o", state: "stage") },
                scope: { b, actor, today in _ = self.restrictOpportunities(b, OpportunityFilter(), for: actor, today: today) },
                hit: { try numbered(.opportunity, $0) })
        case .quotation:
            return Searcher(
                kind: kind, alias: "q", allowed: QuotationAccess.canBrowse, readsAll: allCustomers,
                select: { db in numbered(db, "quotations", "q") },
                scope: { b, actor, _ in _ = self.scopeQuotations(b, for: actor) },
                hit: { try numbered(.quotation, $0) })
        case .contract:
            return Searcher(
                kind: kind, alias: "k", allowed: { CustomerAccess.canBrowse($0) || $0.hasAny(ContractAccess.customerService) }, readsAll: allCustomers,
                select: { db in numbered(db, "contracts", "k") },
                scope: { b, actor, _ in _ = self.scopeContracts(b, for: actor) },
                hit: { try numbered(.contract, $0) })
        case .tender:
            return Searcher(
                kind: kind, alias: "t", allowed: { CustomerAccess.canBrowse($0) || $0.hasAny(ContractAccess.customerService) },
                readsAll: { allCustomers($0) || $0.has(.csManager) },
                select: { db in numbered(db, "tenders", "t") },
                scope: { b, actor, _ in _ = self.scopeTenders(b, for: actor) },
                hit: { try numbered(.tender, $0) })
        case .serviceRequest:
            return Searcher(
                kind: kind, alias: "r", allowed: { ServiceAccess.readsAll($0) || $0.has(.salesRep) }, readsAll: ServiceAccess.readsAll,
                select: { db in numbered(db, "service_requests", "r") },
                scope: { b, actor, _ in _ = self.scopeServiceRequests(b, for: actor) },
                hit: { try numbered(.serviceRequest, $0) })
        case .supportRequest:
            return Searcher(
                kind: kind, alias: "r", allowed: { SupportAccess.readsAll($0) || $0.has(.salesRep) }, readsAll: SupportAccess.readsAll,
                select: { db in numbered(db, "support_requests", "r") },
                scope: { b, actor, _ in _ = self.scopeSupportRequests(b, for: actor) },
                hit: { try numbered(.supportRequest, $0) })
        case .complaint:
            // Shown by the beginning of its words (it has no title).
            return Searcher(
                kind: kind, alias: "t", allowed: ComplaintAccess.canBrowse, readsAll: ComplaintAccess.readsAll,
                select: { db in
                    from(db, "complaints", "t").column(SQLColumn("number", table: "t"), as: "number").column(SQLColumn("state", table: "t"), as: "state")
                        .column(SQLFunction("substr", args: SQLColumn("words", table: "t"), SQLLiteral.numeric("1"), SQLLiteral.numeric("60")), as: "title")
                },
                scope: { b, actor, _ in _ = self.scopeComplaints(b, for: actor) },
                hit: { try numbered(.complaint, $0) })
        }
    }

    /// Index problems for `frontline check`: terms a row should have and the index lacks, and terms the index holds
    /// that no row has (per kind).
    func searchIndexProblems() async throws -> [String] {
        var out: [String] = []
        for kind in SearchKind.allCases {
            let have = "SELECT kind, term, record_id FROM search_terms WHERE kind = \(kind.code)"
            // Wrapped: a compound query binds left to right, so `have EXCEPT a UNION ALL b` would add b back.
            let want = "SELECT * FROM (\(SearchIndexSQL.backfill(kind))) w"
            let missing = try await sql.raw(SQLQueryString("SELECT COUNT(*) AS n FROM (\(unsafeRaw: want) EXCEPT \(unsafeRaw: have)) d")).first()?.decode(column: "n", as: Int.self) ?? 0
            let stale = try await sql.raw(SQLQueryString("SELECT COUNT(*) AS n FROM (\(unsafeRaw: have) EXCEPT \(unsafeRaw: want)) d")).first()?.decode(column: "n", as: Int.self) ?? 0
            if missing > 0 { out.append("search index: \(missing) terms of \(kind.table) missing") }
            if stale > 0 { out.append("search index: \(stale) terms of \(kind.table) that no row has") }
        }
        return out
    }
}

extension SQLRow {
    /// A text column, empty when NULL.
    func text(_ column: String) throws -> String { try decode(column: column, as: String?.self) ?? "" }
}
