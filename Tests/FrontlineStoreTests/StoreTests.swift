import Fluent
import FrontlineTestSupport
import Foundation
import FrontlineCore
import SQLKit
import Vapor
import XCTest

@testable import FrontlineStore

/// Runs `body` against its own database holding the demo company: SQLite in a temporary file, or the PostgreSQL
/// named by FRONTLINE_TEST_DATABASE_URL (a copy of one built once, see `TestDatabase.demo`).
func withDemoStore(_ body: (Store, Application) async throws -> Void) async throws {
    func open(_ location: DatabaseLocation) async throws -> Application {
        let app = try await Application.make(.testing)
        do {
            try location.install(on: app)
            for m in Migrations.all { app.migrations.add(m) }
            try await app.autoMigrate()
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        return app
    }
    let location = try await TestDatabase.demo(prefix: "frontline-store") { empty in
        let app = try await open(empty)
        do {
            try await Store(database: app.db).seedDemo(
                files: FileFolder(NSTemporaryDirectory() + "frontline-store-test-files"))
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }
    let app = try await open(location)
    do {
        try await body(Store(database: app.db), app)
    } catch {
        try? await app.asyncShutdown()
        throw error
    }
    try await app.asyncShutdown()
    TestDatabase.remove(location)
}

extension Store {
    func actor(_ username: String) async throws -> Actor {
        try await users().first { $0.username == username }!.actor
    }
}

final class StoreTests: XCTestCase {
    func testRepListsOnlyHisOwnCustomersAndTotalsAgree() async throws {
        try await withDemoStore { store, _ in
            let rep1 = try await store.actor("rep1"), rep2 = try await store.actor("rep2"),
                manager = try await store.actor("manager")
            let q = ListQuery(limit: 2, offset: 0, sortField: "name")
            let mine = try await store.customers(CustomerFilter(), q, for: rep1)
            XCTAssertEqual(mine.total, 6)
            XCTAssertEqual(mine.items.count, 2)
            XCTAssertTrue(mine.items.allSatisfy { $0.customer.ownerId == rep1.id })
            let all = try await store.customers(
                CustomerFilter(), ListQuery(limit: 200, offset: 0, sortField: "name"), for: manager)
            XCTAssertEqual(all.total, 15)
            let other = all.items.first { $0.customer.ownerId == rep2.id }!.customer
            let seen = try await store.customer(id: other.id, for: rep1)
            XCTAssertNil(seen)
        }
    }

    /// The export reads by keyset, batch after batch: in every sort, either way, with many rows sharing a sort value
    /// (tier, status) across batch boundaries, it yields exactly the list's rows in the list's order, and a rep only
    /// his own.
    func testTheExportWalksEveryRowInTheListOrderBatchByBatch() async throws {
        try await withDemoStore { store, _ in
            let manager = try await store.actor("manager"), rep1 = try await store.actor("rep1")
            let s = store.with(AuditContext(manager))
            for i in 0..<23 {
                _ = try await s.createCustomer(
                    CustomerInput(name: "批量导出测试\(i)有限公司", tier: ["A", "B", "C"][i % 3]), by: manager)
            }
            final class Seen: @unchecked Sendable {
                var ids: [Int64] = []
                var batches = 0
            }
            for actor in [manager, rep1] {
                for field in CustomerFilter.sorts.sorted() {
                    for descending in [false, true] {
                        let q = ListQuery(limit: 200, offset: 0, sortField: field, descending: descending)
                        let expected = try await store.customers(CustomerFilter(), q, for: actor).items.map(
                            \.customer.id)
                        let seen = Seen()
                        try await store.exportCustomers(CustomerFilter(), sort: q, for: actor, batch: 4) { items in
                            seen.ids += items.map(\.customer.id)
                            seen.batches += 1
                        }
                        XCTAssertEqual(seen.ids, expected, "\(actor.username) \(field) \(descending ? "desc" : "asc")")
                        XCTAssertEqual(seen.batches, (expected.count + 3) / 4, "one query per batch of 4")
                    }
                }
            }
        }
    }

    func testCreateAuditsInTheSameTransactionAndRefusesDuplicates() async throws {
        try await withDemoStore { store, _ in
            let rep1 = try await store.actor("rep1")
            let s = store.with(AuditContext(rep1))
            let c = try await s.createCustomer(
                CustomerInput(name: "武汉光谷测试有限公司", creditCode: "91350100M000100Y43"), by: rep1)
            XCTAssertEqual(c.ownerId, rep1.id)
            let audit = try await store.auditEntries(
                AuditFilter(entity: "customer", entityId: String(c.id)), limit: 10, offset: 0,
                for: try await store.actor("gm"))
            XCTAssertEqual(audit.items.first?.action, "create")
            XCTAssertEqual(audit.items.first?.actorName, "rep1")
            do {
                _ = try await s.createCustomer(CustomerInput(name: "武汉光谷测试有限公司 "), by: rep1)
                XCTFail("duplicate accepted")
            } catch let e as DomainError {
                XCTAssertEqual(e.kind, .duplicate)
                XCTAssertEqual(e.message.args["id"], String(c.id))
            }
            do {
                _ = try await s.createCustomer(CustomerInput(name: "另一家", creditCode: "91350100M000100Y43"), by: rep1)
                XCTFail("duplicate code accepted")
            } catch let e as DomainError { XCTAssertEqual(e.message.key, "customer.duplicate_code") }
        }
    }

    /// Chinese names sort by pinyin, the same on both databases: 北京 before 南京 before 上海, and a renamed customer
    /// moves to its new place.
    func testCustomersSortByPinyinOnEitherDatabase() async throws {
        try await withDemoStore { store, _ in
            let rep1 = try await store.actor("rep1")
            let s = store.with(AuditContext(rep1))
            for name in ["上海拼音序测试", "北京拼音序测试", "南京拼音序测试", "Acme拼音序测试"] {
                _ = try await s.createCustomer(CustomerInput(name: name), by: rep1)
            }
            func order() async throws -> [String] {
                try await store.customers(CustomerFilter(q: "拼音序测试"), ListQuery(sortField: "name"), for: rep1).items
                    .map(\.customer.name)
            }
            let first = try await order()
            XCTAssertEqual(first, ["Acme拼音序测试", "北京拼音序测试", "南京拼音序测试", "上海拼音序测试"])
            let shanghai = try await store.customers(
                CustomerFilter(q: "上海拼音序测试"), ListQuery(sortField: "name"), for: rep1
            ).items[0].customer
            _ = try await s.updateCustomer(
                id: shanghai.id, version: shanghai.version, CustomerInput(name: "安徽拼音序测试"), by: rep1)
            let renamed = try await order()
            XCTAssertEqual(renamed, ["Acme拼音序测试", "安徽拼音序测试", "北京拼音序测试", "南京拼音序测试"])
        }
    }

    func testStaleVersionChangesNothing() async throws {
        try await withDemoStore { store, _ in
            let manager = try await store.actor("manager")
            let c = try await store.createCustomer(CustomerInput(name: "版本测试公司"), by: manager)
            let v2 = try await store.updateCustomer(id: c.id, version: 1, CustomerInput(industry: "能源"), by: manager)
            XCTAssertEqual(v2.version, 2)
            do {
                _ = try await store.updateCustomer(id: c.id, version: 1, CustomerInput(industry: "医药"), by: manager)
                XCTFail("stale version accepted")
            } catch let e as DomainError { XCTAssertEqual(e.kind, .conflict) }
            let now = try await store.customer(id: c.id, for: manager)
            XCTAssertEqual(now?.customer.industry, "能源")
        }
    }

    func testRollbackLeavesNoTrace() async throws {
        try await withDemoStore { store, _ in
            let manager = try await store.actor("manager")
            struct Boom: Error {}
            do {
                try await store.transaction { s in
                    _ = try await s.insertCustomer(CustomerFields(name: "回滚公司"), by: manager)
                    throw Boom()
                }
            } catch is Boom {}
            let found = try await store.customers(CustomerFilter(q: "回滚"), ListQuery(sortField: "name"), for: manager)
            XCTAssertEqual(found.total, 0)
        }
    }

    func testDeactivatingAUserEndsHisSessions() async throws {
        try await withDemoStore { store, _ in
            let admin = try await store.actor("admin")
            let rep = try await store.users().first { $0.username == "rep2" }!
            let (token, _) = try await store.openSession(user: rep, kind: "api")
            let live = try await store.session(token: token, kind: "api")
            XCTAssertNotNil(live)
            _ = try await store.updateUser(id: rep.id, version: rep.version, UserInput(active: false), by: admin)
            let gone = try await store.session(token: token, kind: "api")
            XCTAssertNil(gone)
            do {
                _ = try await store.verify(username: "rep2", password: Store.demoPassword)
                XCTFail("inactive user signed in")
            } catch let e as DomainError { XCTAssertEqual(e.message.key, "user.inactive") }
        }
    }

    func testAuthorityLimitsAreVersionedAndAudited() async throws {
        try await withDemoStore { store, _ in
            let admin = try await store.actor("admin")
            let (limits, v0) = try await store.authorityLimits()
            XCTAssertEqual(limits, AuthorityLimits.defaults)
            let (l1, v1) = try await store.setAuthorityLimits([.discount: Money(yuan: 80_000)], version: v0, by: admin)
            XCTAssertEqual(l1.limit(.discount), Money(yuan: 80_000))
            XCTAssertEqual(l1.limit(.expense), AuthorityLimits.defaults.limit(.expense))
            do {
                _ = try await store.setAuthorityLimits([.discount: Money(yuan: 1)], version: v0, by: admin)
                XCTFail("stale limits accepted")
            } catch let e as DomainError { XCTAssertEqual(e.kind, .conflict) }
            let (reread, rv) = try await store.authorityLimits()
            XCTAssertEqual(reread.limit(.discount), Money(yuan: 80_000))
            XCTAssertEqual(rv, v1)
            XCTAssertEqual(v1, v0 + 1)
            let audit = try await store.auditEntries(
                AuditFilter(entity: "authority_limits"), limit: 5, offset: 0, for: try await store.actor("gm"))
            XCTAssertEqual(audit.total, 1)
        }
    }

    func testImportReportsRowByRowAndWritesNothingFromAFailedRow() async throws {
        try await withDemoStore { store, _ in
            let manager = try await store.actor("manager")
            let rows: [(line: Int, fields: [String: String])] = [
                (2, ["name": "导入甲公司", "tier": "A", "owner": "rep1", "region": "华东"]),
                (3, ["name": "导入乙公司", "tier": "Z"]),
                (4, ["name": "导入甲公司"]),
                (5, ["name": "导入丙公司", "owner": "nobody"]),
            ]
            let results = try await store.importCustomers(rows, by: manager)
            XCTAssertEqual(results.map(\.ok), [true, false, false, false])
            let found = try await store.customers(CustomerFilter(q: "导入"), ListQuery(sortField: "name"), for: manager)
            XCTAssertEqual(found.items.map(\.customer.name), ["导入甲公司"])
            XCTAssertEqual(found.items.first?.ownerName, "陈伟")
        }
    }

    func testScaleSeedAddsCustomersWithContacts() async throws {
        try await withDemoStore { store, _ in
            try await store.seedScale(1200) { _ in }
            let manager = try await store.actor("manager")
            let all = try await store.customers(
                CustomerFilter(), ListQuery(limit: 1, offset: 0, sortField: "name"), for: manager)
            XCTAssertEqual(all.total, 1215)
            let last = try await store.customers(
                CustomerFilter(), ListQuery(limit: 1, offset: 0, sortField: "id", descending: true), for: manager)
            let contacts = try await store.contacts(customerId: last.items[0].customer.id)
            XCTAssertEqual(contacts.count, 2)
            XCTAssertTrue(CreditCode.isValid(last.items[0].customer.creditCode ?? ""))
        }
    }
}

final class MaintenanceTests: XCTestCase {
    /// A backup taken while the store is open holds every row of every table; restoring it brings all of them back.
    func testBackupRoundTripsEveryTable() async throws {
        try await withDemoStore { store, app in
            guard store.isSQLite else { throw XCTSkip("PostgreSQL backups are pg_dump's (docs/reliability.md)") }
            let value1 = try await store.integrityProblems()
            XCTAssertEqual(value1, [])
            let before = try await store.snapshot()
            XCTAssertGreaterThanOrEqual(before.count, 9)
            XCTAssertFalse(before["customers"]!.isEmpty)
            let file = NSTemporaryDirectory() + "frontline-backup-\(UUID().uuidString).sqlite"
            defer { try? FileManager.default.removeItem(atPath: file) }
            try await store.backupSQLite(to: file)
            // Change the live database after the backup: the copy must not see it.
            let manager = try await store.actor("manager")
            _ = try await store.with(AuditContext(manager)).createCustomer(CustomerInput(name: "备份之后的客户"), by: manager)
            let value2 = try await store.snapshot()
            XCTAssertNotEqual(value2, before)

            let copy = try await Application.make(.testing)
            do {
                try DatabaseLocation.sqliteFile(file).install(on: copy)
                let restored = Store(database: copy.db)
                let value3 = try await restored.integrityProblems()
                XCTAssertEqual(value3, [])
                let after = try await restored.snapshot()
                XCTAssertEqual(after.keys.sorted(), before.keys.sorted())
                for table in before.keys { XCTAssertEqual(after[table], before[table], table) }
            } catch {
                try? await copy.asyncShutdown()
                throw error
            }
            try await copy.asyncShutdown()
        }
    }

    func testIntegrityCheckFindsBrokenRows() async throws {
        try await withDemoStore { store, _ in
            let value4 = try await store.integrityProblems()
            XCTAssertEqual(value4, [])
            try await store.sql.raw("UPDATE customers SET version = 0 WHERE id = (SELECT MIN(id) FROM customers)").run()
            let problems = try await store.integrityProblems()
            XCTAssertEqual(problems.count, 1)
            XCTAssertTrue(problems[0].contains("version"), problems.joined())
            // The tender rules: a won tender keeps its contract draft, a handed-in one its package.
            try await store.sql.raw("UPDATE tenders SET contract_id = NULL WHERE state = 'won'").run()
            try await store.sql.raw("UPDATE tenders SET package_sha = '' WHERE state = 'lost'").run()
            let more = try await store.integrityProblems()
            XCTAssertEqual(more.count, 3, more.joined(separator: "; "))
            XCTAssertTrue(more.contains { $0.hasPrefix("won tenders without their contract draft") })
            XCTAssertTrue(more.contains { $0.hasPrefix("tenders handed in without a package: 2") })
        }
    }
}
