import Foundation
import FrontlineStore
import SQLKit
import Vapor

/// The database a test runs on: the PostgreSQL named by FRONTLINE_TEST_DATABASE_URL, else a fresh SQLite file —
/// each holding its own copy of the demo company, built once per test process and per harness (`prefix`) and copied
/// for every test: the SQLite file is copied, the PostgreSQL database is created from a template database. Building
/// the company (13 migrations, the seed's hundreds of steps through the runner) is most of a test's time otherwise.
public enum TestDatabase {
    /// A database holding what `build` makes of an empty one. `build` must leave its connections closed.
    public static func demo(prefix: String, build: (DatabaseLocation) async throws -> Void) async throws
        -> DatabaseLocation
    {
        if let url = ProcessInfo.processInfo.environment["FRONTLINE_TEST_DATABASE_URL"], !url.isEmpty {
            return try await postgresCopy(url, prefix: prefix, build: build)
        }
        let template = NSTemporaryDirectory() + "\(prefix)-template-\(ProcessInfo.processInfo.processIdentifier).sqlite"
        if !FileManager.default.fileExists(atPath: template) {
            let building = template + ".building"
            remove(.sqliteFile(building))
            try await build(.sqliteFile(building))
            // Closing the last connection checkpoints the write-ahead log into the file; copy whatever is left.
            for suffix in ["-wal", "-shm"] where FileManager.default.fileExists(atPath: building + suffix) {
                try FileManager.default.moveItem(atPath: building + suffix, toPath: template + suffix)
            }
            try FileManager.default.moveItem(atPath: building, toPath: template)
        }
        let path = NSTemporaryDirectory() + "\(prefix)-\(UUID().uuidString).sqlite"
        for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: template + suffix) {
            try FileManager.default.copyItem(atPath: template + suffix, toPath: path + suffix)
        }
        return .sqliteFile(path)
    }

    /// The template database's name beside the test database: `frontline_test_tpl_web`.
    private static func templateName(_ database: String, _ prefix: String) -> String {
        database + "_tpl_" + prefix.split(separator: "-").last.map(String.init)!.filter { $0.isLetter || $0.isNumber }
    }

    /// Which template databases this process has built (tests run one at a time).
    nonisolated(unsafe) private static var built: Set<String> = []

    private static func postgresCopy(_ url: String, prefix: String, build: (DatabaseLocation) async throws -> Void)
        async throws -> DatabaseLocation
    {
        guard var parts = URLComponents(string: url), parts.path.count > 1 else { throw StoreError.badDatabaseURL(url) }
        let database = String(parts.path.dropFirst())
        let template = templateName(database, prefix)
        if !built.contains(template) {
            try await maintenance(
                url, ["DROP DATABASE IF EXISTS \(template) WITH (FORCE)", "CREATE DATABASE \(template)"])
            parts.path = "/" + template
            try await build(try DatabaseLocation.parse(parts.string))
            built.insert(template)
        }
        try await maintenance(
            url,
            ["DROP DATABASE IF EXISTS \(database) WITH (FORCE)", "CREATE DATABASE \(database) TEMPLATE \(template)"])
        return try DatabaseLocation.parse(url)
    }

    /// Runs statements on the server's `postgres` database (a database cannot be dropped or copied from inside).
    private static func maintenance(_ url: String, _ statements: [String]) async throws {
        guard var parts = URLComponents(string: url) else { throw StoreError.badDatabaseURL(url) }
        parts.path = "/postgres"
        let app = try await Application.make(.testing)
        do {
            try DatabaseLocation.parse(parts.string).install(on: app, maxConnections: 1)
            let sql = app.db as! any SQLDatabase
            for s in statements { try await sql.raw(SQLQueryString(s)).run() }
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }

    /// Removes a SQLite test file after the test.
    public static func remove(_ location: DatabaseLocation) {
        if case .sqliteFile(let path) = location {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        }
    }
}
