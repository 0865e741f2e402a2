import FrontlineCore
import SQLKit
import XCTest

@testable import FrontlineStore

/// The pipeline's totals kept by the database (`opportunity_totals`) against the rows summed, on whichever database
/// the suite runs on: after the demo, after changes of stage, amount, probability and owner by plain SQL and by the
/// runner — twelve at once, crossing the same owners' stages — and after a delete.
final class OpportunityTotalsTests: XCTestCase {
    func same(_ store: Store, _ context: String) async throws {
        let manager = try await store.actor("manager")
        let rep = try await store.actor("rep1")
        for f in [
            OpportunityFilter(), OpportunityFilter(openOnly: true), OpportunityFilter(ownerId: rep.id),
            OpportunityFilter(stage: .negotiation),
        ] {
            OpportunityCache.clear()
            let kept = try await store.keptStageTotals(f, for: manager)
            XCTAssertNotNil(kept)
            let summed = try await store.summedStageTotals(f, for: manager, today: DateText.today())
            XCTAssertEqual(kept, summed, "\(context): \(f)")
            // Amounts as well as counts (PostgreSQL's sums once decoded as 0).
            if f == OpportunityFilter() {
                XCTAssertGreaterThan(summed.reduce(Int64(0)) { $0 + $1.amount.fen }, 0, context)
            }
            let listed = try await store.opportunities(f, ListQuery(limit: 1, sortField: "updated_at"), for: manager)
                .total
            XCTAssertEqual(listed, kept?.reduce(0) { $0 + $1.count }, context)
        }
        let problems = try await store.opportunityTotalsProblems()
        XCTAssertEqual(problems, [], context)
    }

    func testTheKeptTotalsAreTheRowsSummedThroughEveryWrite() async throws {
        try await withDemoStore { store, _ in
            try await self.same(store, "demo")
            let ids = try await store.sql.raw(
                "SELECT id FROM opportunities WHERE stage NOT IN ('won', 'lost') ORDER BY id"
            ).all().map { try $0.decode(column: "id", as: Int64.self) }
            XCTAssertGreaterThanOrEqual(ids.count, 6)
            let rep2 = try await store.actor("rep2")
            try await store.sql.raw(
                "UPDATE opportunities SET amount_fen = amount_fen + 12345, probability = 35 WHERE id = \(bind: ids[0])"
            ).run()
            try await store.sql.raw(
                "UPDATE opportunities SET owner_id = \(bind: rep2.id), stage = 'bidding' WHERE id = \(bind: ids[1])"
            ).run()
            try await store.sql.raw("UPDATE opportunities SET title = '只改名称' WHERE id = \(bind: ids[2])").run()
            try await self.same(store, "plain SQL")
            // The runner, many at once: each opportunity one step forward, all of one owner's crossing the same rows.
            let manager = try await store.actor("manager")
            try await withThrowingTaskGroup(of: Void.self) { group in
                for id in ids {
                    group.addTask {
                        let o = try await store.opportunity(id: id, for: manager)!
                        let next: OpportunityProcess.Action =
                            o.stage == .negotiation ? .win : (o.stage == .bidding ? .toNegotiation : .toBidding)
                        _ = try? await store.actOnOpportunity(id: id, next, StepInput(), version: nil, by: manager)
                    }
                }
                try await group.waitForAll()
            }
            try await self.same(store, "runner at once")
            let gone = ids.last!
            try await store.sql.raw(
                "DELETE FROM process_events WHERE process = 'opportunity' AND record_id = \(bind: gone)"
            ).run()
            try await store.sql.raw("DELETE FROM opportunities WHERE id = \(bind: gone)").run()
            try await self.same(store, "deleted")
            // The check sees totals that drifted.
            try await store.sql.raw("UPDATE opportunity_totals SET n = n + 1 WHERE stage = 'won'").run()
            let drift = try await store.opportunityTotalsProblems()
            XCTAssertEqual(drift.count, 2, "\(drift)")
        }
    }

    func testTheOpenOnesByAmountAreThoseOfOneSortedQuery() async throws {
        try await withDemoStore { store, _ in
            let manager = try await store.actor("manager"), rep = try await store.actor("rep1")
            // Ties on the amount, to see the id decide as in SQL.
            try await store.sql.raw(
                "UPDATE opportunities SET amount_fen = 500000 WHERE id IN (SELECT id FROM opportunities ORDER BY id LIMIT 4)"
            ).run()
            let open = Opportunity.Stage.open.map { "'\($0.rawValue)'" }.joined(separator: ", ")
            for (actor, visible) in [
                (manager, "1 = 1"),
                (rep, "(owner_id = \(rep.id) OR customer_id IN (SELECT id FROM customers WHERE owner_id = \(rep.id)))"),
            ] {
                for descending in [true, false] {
                    let dir = descending ? "DESC" : "ASC"
                    let want = try await store.sql.raw(
                        SQLQueryString(
                            "SELECT id FROM opportunities WHERE stage IN (\(unsafeRaw: open)) AND \(unsafeRaw: visible) ORDER BY amount_fen \(unsafeRaw: dir), id \(unsafeRaw: dir)"
                        )
                    ).all()
                        .map { try $0.decode(column: "id", as: Int64.self) }
                    XCTAssertGreaterThan(want.count, 3)
                    for offset in [0, 2, want.count - 1] {
                        let page = try await store.opportunities(
                            OpportunityFilter(openOnly: true),
                            ListQuery(limit: 3, offset: offset, sortField: "amount", descending: descending), for: actor
                        )
                        XCTAssertEqual(
                            page.items.map(\.id), Array(want.dropFirst(offset).prefix(3)),
                            "\(actor.username) \(dir) from \(offset)")
                        XCTAssertEqual(page.total, want.count)
                    }
                }
            }
        }
    }

    func testARepsPageIsThatOfOneSortedQueryWhateverTheSort() async throws {
        try await withDemoStore { store, _ in
            let rep = try await store.actor("rep1"), other = try await store.actor("rep2")
            // Others' opportunities on his customers, ties on every sort, to see both halves and the id decide.
            try await store.sql.raw(
                "UPDATE opportunities SET owner_id = \(bind: other.id) WHERE id IN (SELECT o.id FROM opportunities o JOIN customers c ON c.id = o.customer_id WHERE c.owner_id = \(bind: rep.id) ORDER BY o.id LIMIT 2)"
            ).run()
            try await store.sql.raw(
                "UPDATE opportunities SET amount_fen = 500000, probability = 40, updated_at = 1700000000000, created_at = 1700000000000 WHERE id IN (SELECT id FROM opportunities ORDER BY id LIMIT 6)"
            ).run()
            let visible =
                "(owner_id = \(rep.id) OR customer_id IN (SELECT id FROM customers WHERE owner_id = \(rep.id)))"
            let others = try await store.sql.raw(
                SQLQueryString(
                    "SELECT COUNT(*) AS n FROM opportunities WHERE \(unsafeRaw: visible) AND owner_id <> \(bind: rep.id)"
                )
            ).first()!.decode(column: "n", as: Int.self)
            XCTAssertGreaterThan(others, 1, "the demo gives rep1 others' opportunities on his customers")
            for (field, column) in [
                ("updated_at", "updated_at"), ("amount", "amount_fen"), ("probability", "probability"),
                ("created_at", "created_at"), ("number", "number"),
            ] {
                let open = Opportunity.Stage.open.map { "'\($0.rawValue)'" }.joined(separator: ", ")
                for openOnly in [false, true] {
                    for descending in [true, false] {
                        let dir = descending ? "DESC" : "ASC"
                        let condition = openOnly ? "stage IN (\(open)) AND " : ""
                        let want = try await store.sql.raw(
                            SQLQueryString(
                                "SELECT id FROM opportunities WHERE \(unsafeRaw: condition)\(unsafeRaw: visible) ORDER BY \(unsafeRaw: column) \(unsafeRaw: dir), id \(unsafeRaw: dir)"
                            )
                        ).all()
                            .map { try $0.decode(column: "id", as: Int64.self) }
                        XCTAssertGreaterThan(want.count, 2)
                        for offset in [0, 1, want.count - 1, want.count] {
                            let page = try await store.opportunities(
                                OpportunityFilter(openOnly: openOnly),
                                ListQuery(limit: 3, offset: offset, sortField: field, descending: descending), for: rep)
                            XCTAssertEqual(
                                page.items.map(\.id), Array(want.dropFirst(offset).prefix(3)),
                                "\(field) \(dir) \(openOnly ? "open" : "all") from \(offset)")
                            XCTAssertEqual(page.total, want.count)
                        }
                    }
                }
            }
        }
    }
}
