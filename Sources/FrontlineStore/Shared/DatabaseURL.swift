import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import Vapor

/// Where the data lives, read from `DATABASE_URL`: `sqlite:///abs/path.sqlite`, `sqlite://rel.sqlite`,
/// `sqlite::memory:`, or `postgres://user:pass@host:port/db?tlsmode=disable`.
public enum DatabaseLocation: Sendable, Equatable {
    case sqliteFile(String)
    case sqliteMemory
    case postgres(String)

    public static func parse(_ url: String?) throws -> DatabaseLocation {
        guard let url, !url.isEmpty else { return .sqliteFile("frontline.sqlite") }
        if url == "sqlite::memory:" || url == "sqlite://:memory:" { return .sqliteMemory }
        if url.hasPrefix("sqlite://") { return .sqliteFile(String(url.dropFirst("sqlite://".count))) }
        if url.hasPrefix("sqlite:") { return .sqliteFile(String(url.dropFirst("sqlite:".count))) }
        if url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") || url.hasPrefix("postgres+tcp://") {
            return .postgres(url)
        }
        throw StoreError.badDatabaseURL(url)
    }

    public var isSQLite: Bool {
        if case .postgres = self { return false }
        return true
    }

    /// What every PostgreSQL connection of Frontline is opened with. No parallel plans: Frontline's statements are
    /// short reads through indexes, and the planner, which cannot tell how common a search term is for one kind of
    /// record, planned the search's walks as parallel scans whose workers took longer to start (4–6 ms each time)
    /// than the walks themselves; under many requests at once the cores are busy with them anyway.
    public static let postgresSettings = [("max_parallel_workers_per_gather", "0")]

    /// Registers the database with the application (as its default).
    public func install(on app: Application, maxConnections: Int = 8) throws {
        switch self {
        case .sqliteFile(let path):
            app.databases.use(.sqlite(.file(path), sqlLogLevel: .trace), as: .sqlite)
        case .sqliteMemory:
            app.databases.use(.sqlite(.memory, sqlLogLevel: .trace), as: .sqlite)
        case .postgres(let url):
            var configuration = try SQLPostgresConfiguration(url: url)
            configuration.coreConfiguration.options.additionalStartupParameters += DatabaseLocation.postgresSettings
            app.databases.use(
                .postgres(
                    configuration: configuration, maxConnectionsPerEventLoop: max(1, maxConnections / 2),
                    sqlLogLevel: .trace), as: .psql)
        }
    }
}

public enum StoreError: Error, CustomStringConvertible {
    case badDatabaseURL(String)
    case corrupt(String)

    public var description: String {
        switch self {
        case .badDatabaseURL(let u):
            "DATABASE_URL \"\(u)\" is neither sqlite://PATH nor postgres://USER@HOST:PORT/DB"
        case .corrupt(let what): "unexpected data: \(what)"
        }
    }
}
