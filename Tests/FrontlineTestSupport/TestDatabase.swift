import Foundation
import FrontlineStore
import SQLKit
import Vapor

/// The database a test runs on: the PostgreSQL named by FRONTLINE_TEST_DATABASE_URL (emptied before each test),
/// else a fresh SQLite file.
public enum TestDatabase {
    public static func location(prefix: String) throws -> DatabaseLocation {
        if let url = ProcessInfo.processInfo.environment["FRONTLINE_TEST_DATABASE_URL"], !url.isEmpty {
            return try DatabaseLocation.parse(url)
        }
        return .sqliteFile(NSTemporaryDirectory() + "\(prefix)-\(UUID().uuidString).sqlite")
    }

    /// Empties a PostgreSQL test database (every table, the migration log included); a new SQLite file is empty already.
    public static func reset(_ app: Application, _ location: DatabaseLocation) async throws {
        guard !location.isSQLite else { return }
        let sql = app.db as! any SQLDatabase
        try await sql.raw("DROP SCHEMA public CASCADE").run()
        try await sql.raw("CREATE SCHEMA public").run()
    }

    /// Removes a SQLite test file after the test.
    public static func remove(_ location: DatabaseLocation) {
        if case .sqliteFile(let path) = location {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        }
    }
}
