import ArgumentParser
import Fluent
import Foundation
import FrontlineCore
import FrontlineStore
import FrontlineWeb
import Vapor

/// The `frontline` command: it only wires the targets together.
@main
struct FrontlineCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "frontline",
        abstract: "Frontline — sales and marketing operations (市场营销系统).",
        subcommands: [
            Serve.self, Migrate.self, Seed.self, UserCommand.self, Check.self, Backup.self, Restore.self,
            OpenAPICommand.self, PoolSweep.self,
        ])
}

/// Builds an application on the configured database, with migrations applied.
func makeApp(_ arguments: [String] = ["frontline"], config given: AppConfig? = nil) async throws -> (
    Application, AppConfig
) {
    let config = try given ?? AppConfig.fromEnvironment()
    let env = Environment(
        name: ProcessInfo.processInfo.environment["FRONTLINE_ENV"] ?? "production", arguments: arguments)
    let app = try await Application.make(env)
    do {
        try await Frontline.configure(app, config)
        try await Frontline.migrate(app)
    } catch {
        try? await app.asyncShutdown()
        throw error
    }
    return (app, config)
}

struct LoggingOnce {
    nonisolated(unsafe) static var done = false
    static func bootstrap() throws {
        guard !done else { return }
        done = true
        Frontline.bootstrapLogging(try AppConfig.fromEnvironment())
    }
}

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Serve the web pages and the API.")
    @ArgumentParser.Flag(help: "Load the demo company first if the database is empty.") var demo = false
    @ArgumentParser.Option(help: "Listen address (default HOST or 127.0.0.1).") var hostname: String?
    @ArgumentParser.Option(help: "Listen port (default PORT or 8080).") var port: Int?

    func run() async throws {
        try LoggingOnce.bootstrap()
        var args = ["frontline", "serve"]
        if let hostname { args += ["--hostname", hostname] }
        if let port { args += ["--port", String(port)] }
        let (app, config) = try await makeApp(args)
        do {
            let store = Store(database: app.db)
            if demo, try await store.isEmpty() {
                try await store.seedDemo(files: FileFolder(config.filesDir))
                print("已载入演示公司 / demo company loaded")
                fflush(nil)
            }
            let url = "http://\(hostname ?? config.host):\(port ?? config.port)"
            print(
                """

                Frontline 已启动 / is running: \(url)
                演示账号 / demo logins: gm, manager, assistant, rep1, rep2, csmanager, cs1, finance, admin
                演示密码 / demo password: \(Store.demoPassword)

                """)
            // Written at once even when standard output is a file or a service manager's pipe (block-buffered).
            fflush(nil)
            Frontline.scheduleJobs(app, config)
            try await app.execute()
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }
}

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Apply pending database migrations.")
    func run() async throws {
        try LoggingOnce.bootstrap()
        let (app, _) = try await makeApp()
        print("migrations applied")
        try await app.asyncShutdown()
    }
}

struct Seed: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Load the demo company or volume data.")
    @ArgumentParser.Flag(help: "The demo company (users, regions, customers, contacts, communications).") var demo =
        false
    @ArgumentParser.Option(help: "Add N customers with contacts and communications, for benchmarks.") var scale: Int?

    func validate() throws {
        guard demo || scale != nil else { throw ValidationError("say --demo or --scale N") }
        if let scale, scale < 1 || scale > 5_000_000 { throw ValidationError("--scale takes 1 to 5,000,000") }
    }

    func run() async throws {
        try LoggingOnce.bootstrap()
        let (app, config) = try await makeApp()
        do {
            let store = Store(database: app.db)
            if demo {
                if try await store.isEmpty() {
                    try await store.seedDemo(files: FileFolder(config.filesDir))
                    print("demo company loaded; password for every demo user: \(Store.demoPassword)")
                } else {
                    print("the database already has users; demo data not loaded")
                }
            }
            if let scale {
                if try await store.isEmpty() { try await store.seedDemo(files: FileFolder(config.filesDir)) }
                let started = Date()
                try await store.seedScale(scale) { done in
                    let width = 40
                    let filled = width * done / scale
                    let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
                    FileHandle.standardError.write(Data("\r[\(bar)] \(done)/\(scale)".utf8))
                }
                FileHandle.standardError.write(Data("\n".utf8))
                print(String(format: "%d customers added in %.1f s", scale, Date().timeIntervalSince(started)))
            }
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }
}

struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Manage users.", subcommands: [Create.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a user.")
        @ArgumentParser.Option var username: String
        @ArgumentParser.Option(name: .customLong("name"), help: "Display name.") var displayName: String
        @ArgumentParser.Option(
            help:
                "Comma-separated roles: gm, market_manager, business_assistant, sales_rep, cs_manager, cs_engineer, finance, admin."
        )
        var roles: String
        @ArgumentParser.Option(help: "Password (8 or more characters); read from FRONTLINE_PASSWORD when omitted.")
        var password: String?
        @ArgumentParser.Option(help: "Region code, e.g. EAST.") var region: String?

        func run() async throws {
            try LoggingOnce.bootstrap()
            guard let pw = password ?? ProcessInfo.processInfo.environment["FRONTLINE_PASSWORD"] else {
                throw ValidationError("give --password or set FRONTLINE_PASSWORD")
            }
            let (app, _) = try await makeApp()
            do {
                let store = Store(database: app.db)
                var regionId: String?
                if let region {
                    guard
                        let r = try await store.regions().first(where: {
                            $0.code == region.uppercased() || $0.name == region
                        })
                    else {
                        throw ValidationError("no region \(region)")
                    }
                    regionId = String(r.id)
                }
                let u = try await store.createUser(
                    UserInput(
                        username: username, displayName: displayName, password: pw,
                        roles: roles.split(separator: ",").map(String.init), regionId: regionId))
                print("user \(u.username) created (id \(u.id))")
            } catch let e as DomainError {
                try? await app.asyncShutdown()
                let detail = e.fields.map { "\($0.field): \($0.message.text(.en))" }.joined(separator: "; ")
                throw ValidationError(e.message.text(.en) + (detail.isEmpty ? "" : " — " + detail))
            } catch {
                try? await app.asyncShutdown()
                throw error
            }
            try await app.asyncShutdown()
        }
    }
}
