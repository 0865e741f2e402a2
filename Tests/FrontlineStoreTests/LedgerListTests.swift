import FrontlineCore
import SQLKit
import XCTest

@testable import FrontlineStore

/// The contract ledger and the quotation list filtered by owner and date, ordered, and totalled over every row that
/// matched — not only the page — on whichever database the suite runs on; and `frontline check` seeing a
/// quotation's kept totals drift from its lines.
final class LedgerListTests: XCTestCase {
    func testTheLedgerFiltersByOwnerAndSigningDayAndTotalsEveryMatchingContract() async throws {
        try await withDemoStore { store, _ in
            let manager = try await store.actor("manager")
            let all = try await store.contracts(ContractFilter(), ListQuery(limit: 200, sortField: "id"), for: manager)
            XCTAssertGreaterThan(all.total, 1)
            XCTAssertEqual(all.amount, all.items.reduce(Money.zero) { $0 + $1.contract.amount })
            // One row a page: the total is still every contract's.
            let one = try await store.contracts(ContractFilter(), ListQuery(limit: 1, sortField: "id"), for: manager)
            XCTAssertEqual(one.items.count, 1)
            XCTAssertEqual(one.amount, all.amount)
            let owner = all.items[0].contract.ownerId
            var f = ContractFilter()
            f.ownerId = owner
            let his = try await store.contracts(f, ListQuery(limit: 200, sortField: "id"), for: manager)
            XCTAssertEqual(his.total, all.items.filter { $0.contract.ownerId == owner }.count)
            XCTAssertTrue(his.items.allSatisfy { $0.contract.ownerId == owner })
            let signed = all.items.map(\.contract.customerSignedOn).filter { !$0.isEmpty }.sorted()
            if let day = signed.first {
                var g = ContractFilter()
                g.signedFrom = day
                g.signedTo = day
                let that = try await store.contracts(g, ListQuery(limit: 200, sortField: "id"), for: manager)
                XCTAssertEqual(that.total, signed.filter { $0 == day }.count)
                XCTAssertEqual(
                    that.amount,
                    all.items.filter { $0.contract.customerSignedOn == day }.reduce(Money.zero) {
                        $0 + $1.contract.amount
                    })
            }
            // Largest first, ties by id.
            let byAmount = try await store.contracts(
                ContractFilter(), ListQuery(limit: 200, sortField: "amount", descending: true), for: manager)
            XCTAssertEqual(
                byAmount.items.map(\.contract.id),
                all.items.sorted {
                    $0.contract.amount.fen != $1.contract.amount.fen
                        ? $0.contract.amount.fen > $1.contract.amount.fen : $0.contract.id > $1.contract.id
                }.map(\.contract.id))
            // Nothing matched: no rows, a total of zero.
            var none = ContractFilter()
            none.signedFrom = "2999-01-01"
            let empty = try await store.contracts(none, ListQuery(limit: 50, sortField: "id"), for: manager)
            XCTAssertEqual(empty.total, 0)
            XCTAssertEqual(empty.amount, .zero)
        }
    }

    func testQuotationsFilterByOwnerAndDayAndTheCheckSeesKeptTotalsDrift() async throws {
        try await withDemoStore { store, _ in
            let manager = try await store.actor("manager")
            let all = try await store.quotations(
                QuotationFilter(), ListQuery(limit: 200, sortField: "id"), for: manager)
            XCTAssertGreaterThan(all.total, 0)
            XCTAssertEqual(all.amount, all.items.reduce(Money.zero) { $0 + $1.quotation.totals.gross })
            let owner = all.items[0].quotation.ownerId
            var f = QuotationFilter()
            f.ownerId = owner
            let his = try await store.quotations(f, ListQuery(limit: 200, sortField: "id"), for: manager)
            XCTAssertEqual(his.total, all.items.filter { $0.quotation.ownerId == owner }.count)
            var later = QuotationFilter()
            later.from = Store.nowMillis() + 86_400_000
            let future = try await store.quotations(later, ListQuery(limit: 200, sortField: "id"), for: manager)
            XCTAssertEqual(future.total, 0)
            var earlier = QuotationFilter()
            earlier.before = Store.nowMillis() + 86_400_000
            let past = try await store.quotations(earlier, ListQuery(limit: 200, sortField: "id"), for: manager)
            XCTAssertEqual(past.total, all.total)
            let problems = try await store.quotationTotalsProblems()
            XCTAssertEqual(problems, [])
            let id = all.items[0].quotation.id
            try await store.sql.raw("UPDATE quotations SET gross_fen = gross_fen + 1 WHERE id = \(bind: id)").run()
            let drift = try await store.quotationTotalsProblems()
            XCTAssertEqual(drift.count, 1)
            XCTAssertTrue(drift[0].contains(String(id)), "\(drift)")
        }
    }
}
