import FrontlineCore
import SQLKit
import XCTest

@testable import FrontlineStore

/// The one search's index against a scan: for every user of the demo, every kind and fragments cut from every kind's
/// texts (and some that match nothing, wildcards, other cases and widths), the index finds exactly what reading every
/// visible row finds — on whichever database the suite runs on — and keeps doing so through inserts, changes and
/// deletes made by any path.
final class SearchTests: XCTestCase {
    /// A repeatable choice of fragments (SplitMix64).
    struct Dice {
        var state: UInt64
        mutating func next(_ n: Int) -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int((z ^ (z >> 31)) % UInt64(n))
        }
    }

    func fragments(_ store: Store, each: Int, dice: inout Dice) async throws -> [String] {
        var out: [String] = [
            "公司", "有限", "科技", "%", "_", "a_", "%%", "\\", "'", "鑫鑫鑫", "zz", "00", "20", "13", "ＡＢ", " ", "（上", "(上",
        ]
        for kind in SearchKind.allCases {
            let columns = kind == .customer ? ["name", "credit_code"] : kind.columns
            var texts: [String] = []
            for c in columns {
                for row in try await store.sql.raw(SQLQueryString("SELECT \(ident: c) AS t FROM \(ident: kind.table)"))
                    .all()
                {
                    if let t = try row.decode(column: "t", as: String?.self), t.unicodeScalars.count >= 2 {
                        texts.append(t)
                    }
                }
            }
            XCTAssertFalse(texts.isEmpty, "the demo has no \(kind.table) to search")
            for _ in 0..<each where !texts.isEmpty {
                let s = Array(texts[dice.next(texts.count)].unicodeScalars)
                let length = 2 + dice.next(min(6, s.count - 1))
                let start = dice.next(s.count - length + 1)
                var f = String.UnicodeScalarView()
                f.append(contentsOf: s[start..<(start + length)])
                let fragment = String(f)
                out.append(dice.next(3) == 0 ? fragment.uppercased() : fragment)
            }
        }
        return out
    }

    func compare(
        _ store: Store, _ fragments: [String], limit: Int, firstProbe: Int = Store.searchFirstProbe,
        probeCap: Int = Store.searchProbeCap,
        slack: Int = Store.searchSlack, _ context: String
    ) async throws -> Int {
        var hits = 0
        for user in try await store.users() where user.active {
            for text in fragments {
                guard let q = try? SearchQuery.parse(q: text, kinds: nil, limit: String(limit)) else { continue }
                let indexed = try await store.search(
                    q, for: user.actor, firstProbe: firstProbe, probeCap: probeCap, slack: slack)
                let scanned = try await store.search(q, for: user.actor, plan: .scan)
                XCTAssertEqual(indexed, scanned, "\(context): “\(text)” as \(user.username)")
                hits += indexed.reduce(0) { $0 + $1.hits.count }
            }
        }
        return hits
    }

    func testTheIndexFindsWhatAScanFindsForEveryReaderAndKind() async throws {
        try await withDemoStore { store, _ in
            var dice = Dice(state: 20_261_203)
            let fragments = try await fragments(store, each: 4, dice: &dice)
            let hits = try await compare(store, fragments, limit: 3, "demo")
            XCTAssertGreaterThan(hits, 300, "the fragments should find things")
            // A reader who sees few rows and asks for a term many rows have reads his own rows instead: the same hits.
            _ = try await compare(store, Array(fragments.prefix(30)), limit: 2, probeCap: 1, "scan below the cap")
            // Counted twice: first up to one posting, then up to three for the kinds whose every term has more.
            _ = try await compare(
                store, Array(fragments.prefix(40)), limit: 2, firstProbe: 1, probeCap: 3, "counted again")
            // On PostgreSQL a walk reads no more postings than were counted (with no slack for rows written since): a
            // count cut off at its cap taken for the whole would lose hits here.
            _ = try await compare(store, fragments, limit: 3, firstProbe: 1, probeCap: 3, slack: 0, "no slack")
            _ = try await compare(store, Array(fragments.prefix(40)), limit: 3, slack: 0, "no slack, full caps")
            let problems = try await store.searchIndexProblems()
            XCTAssertEqual(problems, [])
        }
    }

    /// On PostgreSQL every connection is opened without parallel plans (the planner made the search's short walks
    /// parallel scans whose workers cost more to start than the walks); SQLite has none.
    func testPostgreSQLConnectionsPlanNoParallelWalks() async throws {
        try await withDemoStore { store, _ in
            guard !store.isSQLite else { return }
            let workers = try await store.sql.raw("SHOW max_parallel_workers_per_gather").first()?.decode(
                column: "max_parallel_workers_per_gather", as: String.self)
            XCTAssertEqual(workers, "0")
            // The search's walks run as planned without them: the same hits as a scan.
            let manager = try await store.actor("manager")
            let q = try SearchQuery.parse(q: "有限", kinds: nil, limit: "5")
            let indexed = try await store.search(q, for: manager)
            let scanned = try await store.search(q, for: manager, plan: .scan)
            XCTAssertEqual(indexed, scanned)
        }
    }

    func testAnIndexOfPairsAndTriplesGainsItsFivesAndKeepsThem() async throws {
        try await withDemoStore { store, app in
            // Back to the index before five-character terms, as a database of that time has it.
            try await M030SearchFives().revert(on: app.db)
            let fives = "SELECT COUNT(*) AS n FROM search_terms WHERE length(term) = 5"
            func count() async throws -> Int {
                try await store.sql.raw(SQLQueryString(fives)).first()!.decode(column: "n", as: Int.self)
            }
            let none = try await count()
            XCTAssertEqual(none, 0)
            let before = try await store.searchIndexProblems()
            XCTAssertFalse(before.isEmpty, "the check knows the five-character terms are missing")
            // Written under the old triggers, then migrated: the fives of every row are there, and kept from then on.
            try await store.sql.raw(
                "UPDATE customers SET name = '翡翠湾测绘研究院', name_key = '翡翠湾测绘研究院' WHERE id = (SELECT MIN(id) FROM customers)"
            ).run()
            try await M030SearchFives().prepare(on: app.db)
            let some = try await count()
            XCTAssertGreaterThan(some, 0)
            let migrated = try await store.searchIndexProblems()
            XCTAssertEqual(migrated, [])
            try await store.sql.raw(
                "UPDATE contacts SET mobile = '13987654321' WHERE id = (SELECT MIN(id) FROM contacts)"
            ).run()
            let kept = try await store.searchIndexProblems()
            XCTAssertEqual(kept, [])
            var dice = Dice(state: 20_261_204)
            let fragments =
                try await fragments(store, each: 2, dice: &dice) + ["翡翠湾测绘", "湾测绘研究院", "98765432", "13987654321"]
            let hits = try await compare(store, fragments, limit: 3, "migrated")
            XCTAssertGreaterThan(hits, 50)
        }
    }

    func testTheIndexFollowsEveryWriteWhateverMakesIt() async throws {
        try await withDemoStore { store, _ in
            let manager = try await store.actor("manager")
            func ids(_ text: String, _ kind: SearchKind) async throws -> [Int64] {
                let q = try SearchQuery.parse(q: text, kinds: kind.rawValue, limit: "50")
                let indexed = try await store.search(q, for: manager).flatMap(\.hits).map(\.id)
                let scanned = try await store.search(q, for: manager, plan: .scan).flatMap(\.hits).map(\.id)
                XCTAssertEqual(indexed, scanned, text)
                return indexed
            }
            // Changed behind the store's back, by plain SQL: the triggers keep the index.
            let customer = try await store.sql.raw("SELECT id, name FROM customers ORDER BY id LIMIT 1").first()!
            let cid = try customer.decode(column: "id", as: Int64.self),
                oldName = try customer.decode(column: "name", as: String.self)
            let before = try await ids(String(oldName.prefix(4)), .customer)
            XCTAssertTrue(before.contains(cid))
            try await store.sql.raw(
                "UPDATE customers SET name = '翡翠湾测绘研究院', name_key = '翡翠湾测绘研究院' WHERE id = \(bind: cid)"
            ).run()
            let after = try await ids(String(oldName.prefix(4)), .customer)
            XCTAssertFalse(after.contains(cid))
            do { let v = try await ids("湾测", .customer); XCTAssertEqual(v, [cid]) }
            let opp = try await store.sql.raw("SELECT id FROM opportunities ORDER BY id DESC LIMIT 1").first()!.decode(
                column: "id", as: Int64.self)
            try await store.sql.raw(
                "UPDATE opportunities SET title = 'Quokka 跨境结算平台', competitors = '袋鼬科技' WHERE id = \(bind: opp)"
            ).run()
            do { let v = try await ids("quokka", .opportunity); XCTAssertEqual(v, [opp]) }
            do { let v = try await ids("QUOK", .opportunity); XCTAssertEqual(v, [opp]) }
            do { let v = try await ids("袋鼬", .opportunity); XCTAssertEqual(v, [opp]) }
            // A change of another column leaves the terms alone; a contact removed is found no more.
            try await store.sql.raw("UPDATE opportunities SET probability = 55 WHERE id = \(bind: opp)").run()
            do { let v = try await ids("跨境结算", .opportunity); XCTAssertEqual(v, [opp]) }
            let contact = try await store.sql.raw(
                "SELECT id, name FROM contacts WHERE removed_at IS NULL ORDER BY id LIMIT 1"
            ).first()!
            let kid = try contact.decode(column: "id", as: Int64.self)
            try await store.sql.raw("UPDATE contacts SET name = '欧阳翠花', mobile = '13912345678' WHERE id = \(bind: kid)")
                .run()
            do { let v = try await ids("阳翠", .contact); XCTAssertEqual(v, [kid]) }
            do { let v = try await ids("91234", .contact); XCTAssertEqual(v, [kid]) }
            try await store.sql.raw("UPDATE contacts SET removed_at = 1 WHERE id = \(bind: kid)").run()
            do { let v = try await ids("阳翠", .contact); XCTAssertEqual(v, []) }
            // Deleted: its terms go with it (a lead, which nothing references).
            let lead = try await store.sql.raw(
                "SELECT id, company FROM leads WHERE id NOT IN (SELECT lead_id FROM opportunities WHERE lead_id IS NOT NULL) ORDER BY id LIMIT 1"
            ).first()!
            let lid = try lead.decode(column: "id", as: Int64.self)
            try await store.sql.raw("DELETE FROM process_events WHERE record_id = \(bind: lid) AND process = 'lead'")
                .run()
            try await store.sql.raw("DELETE FROM leads WHERE id = \(bind: lid)").run()
            let left = try await store.sql.raw(
                "SELECT COUNT(*) AS n FROM search_terms WHERE kind = \(literal: SearchKind.lead.code) AND record_id = \(bind: lid)"
            ).first()!
            XCTAssertEqual(try left.decode(column: "n", as: Int.self), 0)
            let problems = try await store.searchIndexProblems()
            XCTAssertEqual(problems, [])
            // The check sees a lost term and a stale one.
            try await store.sql.raw(
                "DELETE FROM search_terms WHERE kind = \(literal: SearchKind.opportunity.code) AND term = 'qu' AND record_id = \(bind: opp)"
            ).run()
            try await store.sql.raw(
                "INSERT INTO search_terms (kind, term, record_id) VALUES (\(literal: SearchKind.customer.code), 'zz', \(bind: cid))"
            ).run()
            let found = try await store.searchIndexProblems()
            XCTAssertEqual(found.count, 2, "\(found)")
        }
    }
}

/// The caches of counts and pipeline totals compute once for many who miss at once.
final class SingleFlightTests: XCTestCase {
    final class Counter: @unchecked Sendable {
        let lock = NSLock()
        var n = 0
        func bump() -> Int { lock.lock(); defer { lock.unlock() }; n += 1; return n }
    }

    func testManyMissesAtOnceComputeOnceAndAClearIsNotUndone() async throws {
        let cache = ExpiringCache<Int>(ttl: 60)
        let counter = Counter()
        let values = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<32 {
                group.addTask {
                    try await cache.value("totals") {
                        try await Task.sleep(nanoseconds: 100_000_000)
                        return counter.bump()
                    }
                }
            }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        XCTAssertEqual(counter.n, 1)
        XCTAssertEqual(Set(values), [1])
        // A clear while computing: those who asked before get that value, it is not kept, the next one computes.
        cache.clear()
        async let early = cache.value("totals") {
            try await Task.sleep(nanoseconds: 100_000_000)
            return counter.bump()
        }
        try await Task.sleep(nanoseconds: 20_000_000)
        cache.clear()
        let late = try await cache.value("totals") { counter.bump() }
        let first = try await early
        XCTAssertEqual(late, 2, "after the clear it computed afresh, not waiting for the one begun before")
        XCTAssertEqual(first, 3)
        let kept = try await cache.value("totals") { counter.bump() }
        XCTAssertEqual(kept, 2, "the value begun before the clear was not kept")
    }
}
