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
        grams(kind, lengths) { c, g in
            "SELECT \(kind.code), substr(\(text(kind, c, row)), n, \(g)), \(row).id FROM search_numbers WHERE n <= length(\(text(kind, c, row))) - \(g - 1)"
        }
    }

    /// The terms of a row, as the values of `term` (for deleting those of the old row by the primary key).
    static func termValues(_ kind: SearchKind, _ row: String, _ lengths: [Int]) -> String {
        grams(kind, lengths) { c, g in
            "SELECT substr(\(text(kind, c, row)), n, \(g)) FROM search_numbers WHERE n <= length(\(text(kind, c, row))) - \(g - 1)"
        }
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
                out.append(
                    "CREATE TRIGGER search_\(t)_insert AFTER INSERT ON \(t) BEGIN INSERT OR IGNORE INTO search_terms (kind, term, record_id) \(terms(kind, "NEW", lengths)); END"
                )
                out.append(
                    "CREATE TRIGGER search_\(t)_update AFTER UPDATE OF \(cols) ON \(t) WHEN \(changed(kind, distinct: "IS NOT")) BEGIN \(deleteOld(kind, lengths)); INSERT OR IGNORE INTO search_terms (kind, term, record_id) \(terms(kind, "NEW", lengths)); END"
                )
                out.append(
                    "CREATE TRIGGER search_\(t)_delete AFTER DELETE ON \(t) BEGIN \(deleteOld(kind, lengths)); END")
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
                out.append(
                    "CREATE TRIGGER search_\(t)_insert AFTER INSERT ON \(t) FOR EACH ROW EXECUTE FUNCTION search_\(t)()"
                )
                out.append(
                    "CREATE TRIGGER search_\(t)_update AFTER UPDATE OF \(cols) ON \(t) FOR EACH ROW WHEN (\(changed(kind, distinct: "IS DISTINCT FROM"))) EXECUTE FUNCTION search_\(t)()"
                )
                out.append(
                    "CREATE TRIGGER search_\(t)_delete AFTER DELETE ON \(t) FOR EACH ROW EXECUTE FUNCTION search_\(t)()"
                )
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
            for suffix in ["insert", "update", "delete"] {
                out.append("DROP TRIGGER IF EXISTS search_\(t)_\(suffix)\(sqlite ? "" : " ON \(t)")")
            }
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
    /// On PostgreSQL a walk reads at most this many postings more than its term had when counted (those written
    /// since).
    public static let searchSlack = 64

    /// The one search: for each kind asked that the actor may browse, up to `q.limit` hits newest first and whether
    /// there are more. Kinds the actor may not browse are left out.
    ///
    /// Through the index it takes one statement for the counts (two or three when every term of a kind is common)
    /// and one for the walks of every kind that has postings; only a reader of everything whose terms are all common
    /// and too few among the newest postings pays more, per kind. The scan (`plan: .scan`), the reference, reads each
    /// kind by itself.
    public func search(
        _ q: SearchQuery, for actor: Actor, plan: SearchPlan = .index, firstProbe: Int = Store.searchFirstProbe,
        probeCap: Int = Store.searchProbeCap,
        slack: Int = Store.searchSlack, today: String = DateText.today()
    ) async throws -> [SearchGroup] {
        let searchers = q.kinds.map(searcher).filter { $0.allowed(actor) }
        let readsAll = Set(searchers.filter { $0.readsAll(actor) }.map(\.kind))
        var counts: [SearchKind: [(term: String, n: Int)]] = [:]
        /// The cap each kind's terms were last counted to: a count at or below it is exact, one above it "more".
        var countedTo: [SearchKind: Int] = [:]
        if plan == .index {
            // Every kind's terms counted in one statement: a term no record has answers "nothing" for its kind (and
            // its walk is left out: the walks, not the counts, are what costs).
            var probes: [(kind: SearchKind, term: String)] = []
            for s in searchers { for term in SearchTerms.terms(s.kind.key(q.text)) { probes.append((s.kind, term)) } }
            var cap = min(firstProbe, probeCap)
            var asked = probes
            while !asked.isEmpty {
                for (p, n) in zip(asked, try await countPostings(asked, cap: cap)) {
                    counts[p.kind, default: []].append((p.term, n))
                    countedTo[p.kind] = cap
                }
                // Counted again only where it decides something: the rarest of several terms, or whether a reader
                // who sees only his own rows reads the postings or his rows.
                let again = Set(
                    counts.filter { kind, terms in
                        terms.allSatisfy { $0.n > cap } && !(terms.count == 1 && readsAll.contains(kind))
                    }.keys)
                guard cap < probeCap else { break }
                asked = probes.filter { again.contains($0.kind) }
                for kind in again { counts[kind] = [] }
                cap = min(cap * 8, probeCap)
            }
        }
        /// The kind's query: walking `driver`'s postings (the first term; the next ones narrow by the key) — only the
        /// newest `window` of them if asked — or, without a driver, the reader's rows newest first. `known`: how many
        /// postings the driver had when counted, if it was counted to its end.
        func query(_ s: Searcher, _ driver: [String]?, known: Int? = nil, window: Int? = nil) -> SQLSelectBuilder {
            let b = s.select(sql)
            s.scope(b, actor, today)
            // The text itself, as a scan reads it: every true hit, and only those.
            let pattern = Store.likePattern(s.kind.key(q.text))
            let lowered = Store.likePattern(Text.clean(q.text).lowercased())
            b.where { w in
                for c in s.kind.columns {
                    w.orWhere(
                        Store.like(
                            SQLRaw(SearchIndexSQL.text(s.kind, c, s.alias)), s.kind.lowered(c) ? lowered : pattern))
                }
                return w
            }
            b.limit(q.limit + 1)
            guard let driver, let first = driver.first else {
                return b.orderBy(SQLColumn("id", table: s.alias), SQLDirection.descending)
            }
            if !isSQLite, let most = window ?? known.map({ $0 + slack }) {
                // PostgreSQL's planner cannot tell how common a term is for one kind (a term every contact has is rare
                // among opportunities) and, guessing tens of thousands of postings, read a whole table against the
                // text instead (180 ms where the walk takes 0.3). The postings as a subquery of at most as many rows
                // as were counted (a little more, for rows written since), or the window's, tell it how few they are;
                // the window is then that limit itself.
                b.join(
                    SQLAlias(
                        SQLGroupExpression(
                            SQLQueryString(
                                "SELECT record_id FROM search_terms WHERE kind = \(literal: s.kind.code) AND term = \(bind: first) ORDER BY record_id DESC LIMIT \(literal: most)"
                            )), as: SQLIdentifier("st")),
                    method: SQLJoinMethod.inner, on: SQLColumn("record_id", table: "st"), .equal,
                    SQLColumn("id", table: s.alias))
            } else {
                b.join(
                    SQLAlias(SQLIdentifier("search_terms"), as: SQLIdentifier("st")), method: SQLJoinMethod.inner,
                    on: SQLColumn("record_id", table: "st"), .equal, SQLColumn("id", table: s.alias)
                )
                .where(SQLColumn("kind", table: "st"), .equal, SQLLiteral.numeric(String(s.kind.code)))
                .where(SQLColumn("term", table: "st"), .equal, SQLBind(first))
            }
            if let window, isSQLite {
                // From the window's oldest posting on: still one walk down the primary key, newest first.
                b.where(
                    SQLQueryString(
                        "st.record_id >= COALESCE((SELECT record_id FROM search_terms sw WHERE sw.kind = \(literal: s.kind.code) AND sw.term = \(bind: first) ORDER BY record_id DESC LIMIT 1 OFFSET \(literal: window - 1)), 0)"
                    ))
            }
            for other in driver.dropFirst().prefix(3) {
                // Each candidate looked up in the other terms' postings. (`OFFSET 0` keeps PostgreSQL from making it a
                // join, which walked all of a common term's postings down to the candidates: 50,000 of them for 11.)
                b.where(
                    SQLQueryString(
                        "EXISTS (SELECT 1 FROM search_terms so WHERE so.kind = \(literal: s.kind.code) AND so.term = \(bind: other) AND so.record_id = st.record_id\(unsafeRaw: isSQLite ? "" : " OFFSET 0"))"
                    ))
            }
            return b.orderBy(SQLColumn("record_id", table: "st"), SQLDirection.descending)
        }
        /// The terms rarest first; of equal counts the later in the query first.
        func rarest(_ terms: [(term: String, n: Int)]) -> [String] {
            terms.enumerated().sorted {
                $0.element.n != $1.element.n ? $0.element.n < $1.element.n : $0.offset > $1.offset
            }.map(\.element.term)
        }
        /// The kind's query walking its rarest term, with that term's count when it was counted to its end (not past
        /// `cap`, the cap it was counted to).
        func walk(_ s: Searcher, _ probed: [(term: String, n: Int)], cap: Int?) -> SQLSelectBuilder {
            let fewest = probed.map(\.n).min() ?? 0
            return query(s, rarest(probed), known: cap.flatMap { fewest <= $0 ? fewest : nil })
        }
        var rows: [SearchKind: [any SQLRow]] = [:]
        /// Kinds whose every term is common, walked in the newest postings first (then further if too few are there).
        var windowed: [Searcher] = []
        if plan == .scan {
            for s in searchers { rows[s.kind] = try await readHits([query(s, nil)])[0] }
        } else {
            var first: [(kind: SearchKind, query: SQLSelectBuilder)] = []
            for s in searchers {
                let probed = counts[s.kind] ?? []
                guard let fewest = probed.map(\.n).min(), fewest > 0 else { continue }
                if fewest <= probeCap || probed.count == 1 && readsAll.contains(s.kind) {
                    // (A reader of everything walks a kind's one term to its end: its newest postings are its
                    // newest hits.)
                    first.append((s.kind, walk(s, probed, cap: countedTo[s.kind])))
                } else if !readsAll.contains(s.kind) {
                    // Beyond the cap a reader who sees only his own rows reads those instead of the postings.
                    first.append((s.kind, query(s, nil)))
                } else {
                    // Every term common: hits among the newest postings of one are the newest hits of all, when
                    // there are enough of them.
                    first.append((s.kind, query(s, rarest(probed), window: probeCap)))
                    windowed.append(s)
                }
            }
            for (w, found) in zip(first, try await readHits(first.map(\.query))) { rows[w.kind] = found }
            for s in windowed where (rows[s.kind] ?? []).count <= q.limit {
                // Too few there: the rarest, counted further, walked to its end.
                let asked = (counts[s.kind] ?? []).map { (kind: s.kind, term: $0.term) }
                let probed = zip(asked, try await countPostings(asked, cap: probeCap * 16)).map {
                    (term: $0.0.term, n: $0.1)
                }
                rows[s.kind] = try await readHits([walk(s, probed, cap: probeCap * 16)])[0]
            }
        }
        return try searchers.map { s in
            let found = rows[s.kind] ?? []
            return SearchGroup(
                kind: s.kind, hits: try found.prefix(q.limit).map { try Store.hit(s.kind, $0) },
                more: found.count > q.limit)
        }
    }

    /// The rows of each kind's query, read in one statement (each query keeps its own order and limit), newest first.
    func readHits(_ queries: [SQLSelectBuilder]) async throws -> [[any SQLRow]] {
        guard !queries.isEmpty else { return [] }
        var all: SQLQueryString = ""
        for (i, b) in queries.enumerated() {
            if i > 0 { all = all + " UNION ALL " }
            all =
                all
                + "SELECT \(literal: i) AS g, w\(unsafeRaw: String(i)).* FROM (\(b.select)) w\(unsafeRaw: String(i))"
        }
        var out = Array(repeating: [any SQLRow](), count: queries.count)
        for row in try await sql.raw(all).all() { out[try row.decode(column: "g", as: Int.self)].append(row) }
        // Each query's order is its own; a compound statement need not keep it.
        return try out.map { rows in
            try rows.map { (id: try $0.decode(column: "id", as: Int64.self), row: $0) }.sorted { $0.id > $1.id }.map(
                \.row)
        }
    }

    /// How many postings each (kind, term) has, counted up to `cap + 1`, in one statement.
    func countPostings(_ probes: [(kind: SearchKind, term: String)], cap: Int) async throws -> [Int] {
        guard !probes.isEmpty else { return [] }
        // One short statement over the list of (kind, term): the database parses it in a fraction of the time a
        // subquery per term takes (SQLite prepares every statement afresh).
        var list: SQLQueryString = ""
        for (i, p) in probes.enumerated() {
            list = list + (i > 0 ? ", " : "") + "(\(literal: i), \(literal: p.kind.code), \(bind: p.term))"
        }
        let all: SQLQueryString =
            "WITH p(i, kind, term) AS (VALUES \(list)) SELECT p.i AS i, (SELECT COUNT(*) FROM (SELECT 1 FROM search_terms s WHERE s.kind = p.kind AND s.term = p.term LIMIT \(literal: cap + 1)) x) AS n FROM p"
        var out = Array(repeating: 0, count: probes.count)
        for row in try await sql.raw(all).all() {
            out[try row.decode(column: "i", as: Int.self)] = try row.decode(column: "n", as: Int.self)
        }
        return out
    }

    /// How one kind is read for the search: who may, its rows as the columns of a hit, and the reader's visibility —
    /// each the one its own list uses.
    struct Searcher {
        let kind: SearchKind
        let alias: String
        let allowed: (Actor) -> Bool
        /// Whether the actor reads every record of the kind (then the index is always the quicker way).
        let readsAll: (Actor) -> Bool
        /// The kind's rows as `hitColumns`, so that every kind's are read in one statement.
        let select: (any SQLDatabase) -> SQLSelectBuilder
        let scope: (SQLSelectBuilder, Actor, String) -> Void
    }

    /// What every kind's query answers, in this order: its id, number, title, the line beside it, its customer, its
    /// state, and up to three more parts of that line (a contact's job and phones).
    static let hitColumns = ["id", "number", "title", "detail", "customer_id", "state", "note1", "note2", "note3"]

    /// A hit of `kind` from a row of `hitColumns`.
    static func hit(_ kind: SearchKind, _ r: any SQLRow) throws -> SearchHit {
        let notes = [try r.text("note1"), try r.text("note2"), try r.text("note3")].filter { !$0.isEmpty }.joined(
            separator: " · ")
        let detail = [try r.text("detail"), notes].filter { !$0.isEmpty }.joined(separator: " · ")
        return SearchHit(
            kind: kind, id: try r.decode(column: "id", as: Int64.self), number: try r.text("number"),
            title: try r.text("title"),
            detail: detail, customerId: try r.decode(column: "customer_id", as: Int64?.self), state: try r.text("state")
        )
    }

    func searcher(_ kind: SearchKind) -> Searcher {
        /// The rows of `table` as `alias`, joined to their customer when they hang on one, with the columns of a hit
        /// (`nil`: none), as `hitColumns` orders them.
        func rows(
            _ table: String, _ alias: String, customer: Bool = true, number: String? = "number",
            title: any SQLExpression, detail: (any SQLExpression)? = nil,
            state: String? = "state", notes: [String] = []
        ) -> (any SQLDatabase) -> SQLSelectBuilder {
            { db in
                let b = db.select().from(SQLAlias(SQLIdentifier(table), as: SQLIdentifier(alias)))
                if customer {
                    b.join(
                        SQLAlias(SQLIdentifier("customers"), as: SQLIdentifier("c")), method: SQLJoinMethod.inner,
                        on: SQLColumn("customer_id", table: alias), .equal, SQLColumn("id", table: "c"))
                }
                let text: any SQLExpression = SQLRaw("CAST(NULL AS TEXT)")
                func column(_ name: String?) -> any SQLExpression { name.map { SQLColumn($0, table: alias) } ?? text }
                let owner: any SQLExpression
                if table == "customers" {
                    owner = SQLColumn("id", table: alias)
                } else if customer {
                    owner = SQLColumn("customer_id", table: alias)
                } else {
                    owner = SQLRaw("CAST(NULL AS BIGINT)")
                }
                let line: any SQLExpression =
                    detail ?? (customer ? SQLColumn("name", table: "c") as any SQLExpression : text)
                let values: [any SQLExpression] =
                    [SQLColumn("id", table: alias), column(number), title, line, owner, column(state)]
                    + (0..<3).map { notes.indices.contains($0) ? column(notes[$0]) : text }
                for (value, name) in zip(values, Store.hitColumns) { b.column(value, as: name) }
                return b
            }
        }
        /// A record with a number, a title and a state, hanging on a customer.
        func numbered(_ table: String, _ alias: String, state: String = "state") -> (any SQLDatabase) ->
            SQLSelectBuilder
        {
            rows(table, alias, title: SQLColumn("title", table: alias), state: state)
        }
        let allCustomers: (Actor) -> Bool = { CustomerAccess.readScope($0) == .all }
        switch kind {
        case .customer:
            return Searcher(
                kind: kind, alias: "c", allowed: CustomerAccess.canBrowse, readsAll: allCustomers,
                select: rows(
                    "customers", "c", customer: false, number: nil, title: SQLColumn("name", table: "c"),
                    detail: SQLColumn("credit_code", table: "c"), state: "status"),
                scope: { b, actor, _ in _ = self.restrict(b, CustomerAccess.readScope(actor), CustomerFilter()) })
        case .contact:
            return Searcher(
                kind: kind, alias: "k", allowed: CustomerAccess.canBrowse, readsAll: allCustomers,
                select: rows(
                    "contacts", "k", number: nil, title: SQLColumn("name", table: "k"), state: nil,
                    notes: ["title", "mobile", "phone"]),
                scope: { b, actor, _ in
                    b.where(SQLColumn("removed_at", table: "k"), .is, SQLLiteral.null)
                    _ = self.restrict(b, CustomerAccess.readScope(actor), CustomerFilter())
                })
        case .lead:
            return Searcher(
                kind: kind, alias: "l", allowed: LeadAccess.canBrowse, readsAll: LeadAccess.readsAll,
                select: rows(
                    "leads", "l", customer: false, title: SQLColumn("company", table: "l"),
                    detail: SQLColumn("contact_name", table: "l")),
                scope: { b, actor, today in _ = self.restrictLeads(b, LeadFilter(), for: actor, today: today) })
        case .opportunity:
            return Searcher(
                kind: kind, alias: "o", allowed: OpportunityAccess.canBrowse, readsAll: OpportunityAccess.readsAll,
                select: numbered("opportunities", "o", state: "stage"),
                scope: { b, actor, today in
                    _ = self.restrictOpportunities(b, OpportunityFilter(), for: actor, today: today)
                })
        case .quotation:
            return Searcher(
                kind: kind, alias: "q", allowed: QuotationAccess.canBrowse, readsAll: allCustomers,
                select: numbered("quotations", "q"),
                scope: { b, actor, _ in _ = self.scopeQuotations(b, for: actor) })
        case .contract:
            return Searcher(
                kind: kind, alias: "k",
                allowed: { CustomerAccess.canBrowse($0) || $0.hasAny(ContractAccess.customerService) },
                readsAll: allCustomers,
                select: numbered("contracts", "k"),
                scope: { b, actor, _ in _ = self.scopeContracts(b, for: actor) })
        case .tender:
            return Searcher(
                kind: kind, alias: "t",
                allowed: { CustomerAccess.canBrowse($0) || $0.hasAny(ContractAccess.customerService) },
                readsAll: { allCustomers($0) || $0.has(.csManager) },
                select: numbered("tenders", "t"),
                scope: { b, actor, _ in _ = self.scopeTenders(b, for: actor) })
        case .serviceRequest:
            return Searcher(
                kind: kind, alias: "r", allowed: ServiceAccess.canBrowse,
                readsAll: ServiceAccess.readsAll,
                select: numbered("service_requests", "r"),
                scope: { b, actor, _ in _ = self.scopeServiceRequests(b, for: actor) })
        case .supportRequest:
            return Searcher(
                kind: kind, alias: "r", allowed: SupportAccess.canBrowse,
                readsAll: SupportAccess.readsAll,
                select: numbered("support_requests", "r"),
                scope: { b, actor, _ in _ = self.scopeSupportRequests(b, for: actor) })
        case .complaint:
            // Shown by the beginning of its words (it has no title).
            return Searcher(
                kind: kind, alias: "t", allowed: ComplaintAccess.canBrowse, readsAll: ComplaintAccess.readsAll,
                select: rows(
                    "complaints", "t",
                    title: SQLFunction(
                        "substr", args: SQLColumn("words", table: "t"), SQLLiteral.numeric("1"),
                        SQLLiteral.numeric("60"))),
                scope: { b, actor, _ in _ = self.scopeComplaints(b, for: actor) })
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
            let missing =
                try await sql.raw(
                    SQLQueryString("SELECT COUNT(*) AS n FROM (\(unsafeRaw: want) EXCEPT \(unsafeRaw: have)) d")
                ).first()?.decode(column: "n", as: Int.self) ?? 0
            let stale =
                try await sql.raw(
                    SQLQueryString("SELECT COUNT(*) AS n FROM (\(unsafeRaw: have) EXCEPT \(unsafeRaw: want)) d")
                ).first()?.decode(column: "n", as: Int.self) ?? 0
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
