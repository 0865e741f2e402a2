import FrontlineCore
import SQLKit
import XCTest

@testable import FrontlineStore

/// A list's search box read through the search index answers the rows the scan answers: the same customers in the
/// same order with the same total, for rare texts (read through the index), common ones (walked), one character,
/// credit codes, widths, cases and texts nothing matches — on whichever database the suite runs on.
final class ListSearchTests: XCTestCase {
    func testTheCustomerListsSearchThroughTheIndexFindsWhatTheScanFinds() async throws {
        try await withDemoStore { store, _ in
            let manager = try await store.actor("manager"), rep = try await store.actor("rep1")
            let all = try await store.customers(
                CustomerFilter(), ListQuery(limit: 200, sortField: "name"), for: manager
            ).items.map(\.customer)
            XCTAssertGreaterThan(all.count, 10)
            var texts = ["有限公司", "公司", "上", "不存在的名字甲乙丙", "zz", "%", "_"]
            for c in all.prefix(12) {
                let n = Array(c.name)
                texts.append(String(n.prefix(3)))
                texts.append(String(n.dropFirst(min(2, n.count - 1)).prefix(4)))
                if let code = c.creditCode {
                    texts.append(String(code.prefix(8)))
                    texts.append(String(code.dropFirst(4).prefix(6)).lowercased())
                }
            }
            texts.append("上海 浦江")
            texts.append("ＳＨＡＮＧＨＡＩ")
            var throughIndex = 0
            for text in Set(texts) {
                for actor in [manager, rep] {
                    var f = CustomerFilter()
                    f.q = text
                    if try await store.customerQueryTerm(text) != nil { throughIndex += 1 }
                    let q = ListQuery(limit: 200, sortField: "name")
                    let listed = try await store.customers(f, q, for: actor)
                    let scan = try await store.restrict(
                        store.listSelect(), CustomerAccess.readScope(actor), f
                    ).orderBy(SQLOrderBy(expression: Store.customerOrder("name"), direction: SQLDirection.ascending))
                        .orderBy(SQLOrderBy(expression: SQLColumn("id", table: "c"), direction: SQLDirection.ascending))
                        .limit(200).all().map(Store.decodeListItem)
                    XCTAssertEqual(listed.items.map(\.customer.id), scan.map(\.customer.id), "\(text) as \(actor.id)")
                    CountCache.shared.clear()
                    let counted = try await store.countCustomers(CustomerAccess.readScope(actor), f)
                    XCTAssertEqual(listed.total, counted, text)
                }
            }
            XCTAssertGreaterThan(throughIndex, 10, "rare texts are read through the index")
            // A customer renamed is found by its new name at once (the index is kept by the database).
            let c = all[0]
            try await store.sql.raw(
                "UPDATE customers SET name = '甲乙丙丁戊己庚', name_key = '甲乙丙丁戊己庚' WHERE id = \(bind: c.id)"
            ).run()
            var f = CustomerFilter()
            f.q = "丙丁戊"
            let found = try await store.customers(f, ListQuery(limit: 50, sortField: "name"), for: manager)
            XCTAssertEqual(found.items.map(\.customer.id), [c.id])
        }
    }
}
