import ArgumentParser
import Foundation
import FrontlineStore
import FrontlineWeb
import Vapor

/// `frontline check`: the database's own integrity check and the rules the schema cannot state.
struct Check: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Check the database's integrity; exit 1 on any problem.")
    @ArgumentParser.Flag(help: "Also print each table's row count and a digest of its rows (to compare two databases).")
    var digest = false

    func run() async throws {
        try LoggingOnce.bootstrap()
        let (app, _) = try await makeApp()
        let problems: [String]
        do {
            let store = Store(database: app.db)
            problems = try await store.integrityProblems()
            if digest {
                for (table, rows) in try await store.snapshot().sorted(by: { $0.key < $1.key }) {
                    print("table \(table) \(rows.count) \(Store.digest(rows.joined(separator: "\n")))")
                }
            }
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
        if problems.isEmpty {
            print("integrity: ok")
        } else {
            for p in problems { print("integrity problem: \(p)") }
            throw ExitCode(1)
        }
    }
}

/// `frontline backup FILE`: a consistent copy while the server runs.
struct Backup: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Copy the live database to FILE (SQLite: online VACUUM INTO; PostgreSQL: pg_dump custom format).")
    @ArgumentParser.Argument(help: "The backup file to write; it must not exist.") var file: String

    func run() async throws {
        try LoggingOnce.bootstrap()
        let path = Paths.absolute(file)
        guard !FileManager.default.fileExists(atPath: path) else { throw CommandError("\(path) exists already") }
        let config = try AppConfig.fromEnvironment()
        switch config.database {
        case .sqliteMemory:
            throw CommandError("an in-memory database cannot be backed up")
        case .postgres(let url):
            try Paths.runTool(
                "pg_dump", ["--format=custom", "--no-owner", "--file", path, "--dbname", Paths.libpqURL(url)])
        case .sqliteFile:
            let (app, _) = try await makeApp()
            do {
                try await Store(database: app.db).backupSQLite(to: path)
            } catch {
                try? await app.asyncShutdown()
                throw error
            }
            try await app.asyncShutdown()
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        print("backup written: \(path) (\(size) bytes)")
    }
}

/// `frontline restore FILE`: brings a backup back in place of the current database. The server must be stopped.
struct Restore: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Replace the database with a backup made by `frontline backup` (stop the server first).")
    @ArgumentParser.Argument(help: "The backup file.") var file: String
    @ArgumentParser.Flag(help: "Restore even though a SQLite write-ahead log suggests the server is running.")
    var force = false

    func run() async throws {
        try LoggingOnce.bootstrap()
        let source = Paths.absolute(file)
        guard FileManager.default.fileExists(atPath: source) else { throw CommandError("\(source) does not exist") }
        var config = try AppConfig.fromEnvironment()
        switch config.database {
        case .sqliteMemory:
            throw CommandError("cannot restore into an in-memory database")
        case .postgres(let url):
            try Paths.runTool(
                "pg_restore",
                [
                    "--clean", "--if-exists", "--no-owner", "--single-transaction", "--dbname", Paths.libpqURL(url),
                    source,
                ])
            print("restored \(source) into PostgreSQL")
        case .sqliteFile(let target):
            let header = (try? FileHandle(forReadingFrom: URL(fileURLWithPath: source)).read(upToCount: 16)) ?? Data()
            guard header == Data("SQLite format 3\0".utf8) else {
                throw CommandError("\(source) is not a SQLite backup")
            }
            let wal = target + "-wal"
            if !force, let size = try? FileManager.default.attributesOfItem(atPath: wal)[.size] as? Int, size > 0 {
                throw CommandError(
                    "\(wal) is not empty: the server seems to be running. Stop it first (or pass --force after a crash)."
                )
            }
            // Check the copy before it replaces anything: it opens, migrates to this version and passes the checks.
            let staging = target + ".restoring"
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: staging + suffix) }
            try FileManager.default.copyItem(atPath: source, toPath: staging)
            config.database = .sqliteFile(staging)
            let (app, _) = try await makeApp(config: config)
            let problems: [String]
            do {
                let sql = Store(database: app.db).sql
                _ = try await sql.raw("PRAGMA wal_checkpoint(TRUNCATE)").all()
                problems = try await Store(database: app.db).integrityProblems()
            } catch {
                try? await app.asyncShutdown()
                throw error
            }
            try await app.asyncShutdown()
            guard problems.isEmpty else {
                throw CommandError("the backup fails its integrity check: " + problems.joined(separator: "; "))
            }
            for suffix in ["-wal", "-shm"] {
                try? FileManager.default.removeItem(atPath: target + suffix)
                try? FileManager.default.removeItem(atPath: staging + suffix)
            }
            guard rename(staging, target) == 0 else { throw CommandError("could not move \(staging) to \(target)") }
            print("restored \(source) into \(target)")
        }
    }
}

/// `frontline openapi`: prints the API document (kept in docs/openapi.json).
struct OpenAPICommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "openapi", abstract: "Print the OpenAPI 3.1 document of /api/v1.")
    func run() throws {
        FileHandle.standardOutput.write(Frontline.openAPIDocument())
    }
}

enum Paths {

    static func absolute(_ path: String) -> String {
        path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
    }

    /// DATABASE_URL as libpq reads it: our `tlsmode` becomes `sslmode`, other parameters are dropped.
    static func libpqURL(_ url: String) -> String {
        guard var c = URLComponents(string: url) else { return url }
        let tls = c.queryItems?.first { $0.name == "tlsmode" }?.value
        c.queryItems = tls == "disable" ? [URLQueryItem(name: "sslmode", value: "disable")] : nil
        if c.scheme == "postgres+tcp" { c.scheme = "postgres" }
        return c.string ?? url
    }

    static func runTool(_ name: String, _ arguments: [String]) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = [name] + arguments
        do { try p.run() } catch {
            throw CommandError("\(name) is needed for PostgreSQL (apt-get install postgresql-client)")
        }
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { throw CommandError("\(name) failed with status \(p.terminationStatus)") }
    }
}

/// A failure that is the operator's to fix, printed as `Error: …` without the usage text.
struct CommandError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// `frontline pool-sweep`: returns idle customers to the pool and warns their owners once, as `serve` does every
/// `POOL_SWEEP_SECONDS` (for a scheduler when the server's own job is off).
struct PoolSweep: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pool-sweep", abstract: "Run the customer-pool sweep once.")

    func run() async throws {
        try LoggingOnce.bootstrap()
        let (app, _) = try await makeApp()
        do {
            let (returned, warned) = try await Store(database: app.db).runPoolSweep()
            print("pool sweep: \(returned) returned, \(warned) warned")
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }
}
