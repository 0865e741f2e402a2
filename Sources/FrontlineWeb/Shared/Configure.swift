import Fluent
import SQLKit
import Foundation
import FrontlineCore
import FrontlineStore
import Logging
import Vapor

/// Wires Frontline into a Vapor application: database, migrations, middleware and every route.
public enum Frontline {
    public static func configure(_ app: Application, _ config: AppConfig) async throws {
        app.services = AppServices(config: config, metrics: AppMetrics())
        try config.database.install(on: app, maxConnections: config.maxConnections)
        for m in Migrations.all { app.migrations.add(m) }
        if config.database.isSQLite {
            // WAL lets readers go on while one writer commits; NORMAL sync is durable at each checkpoint in WAL mode.
            let sql = app.db as! any SQLDatabase
            _ = try await sql.raw("PRAGMA journal_mode=WAL").all()
        }
        app.http.server.configuration.hostname = config.host
        app.http.server.configuration.port = config.port
        app.routes.defaultMaxBodySize = "1mb"
        app.middleware = Middlewares()
        app.middleware.use(FrontlineMiddleware())
        routes(app)
    }

    /// The OpenAPI 3.1 document of `/api/v1`, as served and as kept in docs/openapi.json.
    public static func openAPIDocument() -> Data { OpenAPI.cached }

    /// Runs pending migrations.
    public static func migrate(_ app: Application) async throws {
        // One line per migration is for whoever debugs them, not for a newcomer starting the server.
        app.fluent.migrationLogLevel = .debug
        try await app.autoMigrate()
    }

    static func routes(_ app: Application) {
        app.get("healthz") { req async -> Response in
            do {
                try await req.store.ping()
                return try DTO.response(["status": "ok", "database": "ok"])
            } catch {
                return (try? DTO.response(["status": "error", "database": "unreachable"], status: .serviceUnavailable))
                    ?? Response(status: .serviceUnavailable)
            }
        }
        app.get("metrics") { req -> Response in
            let res = Response(
                status: .ok, body: .init(string: req.application.services.metrics.registry.emitToString()))
            res.headers.replaceOrAdd(name: .contentType, value: "text/plain; version=0.0.4; charset=utf-8")
            return res
        }
        // The stack's ceiling, measured beside the real routes in bench/.
        app.get("bench", "plaintext") { _ in "Hello, World!" }
        Assets.register(app)
        APIRoutes.register(app)
        SalesRoutes.register(app)
        ContractRoutes.register(app)
        TenderRoutes.register(app)
        ImplementationRoutes.register(app)
        ServiceRequestRoutes.register(app)
        ServiceLevelRoutes.register(app)
        ComplaintRoutes.register(app)
        SupportRequestRoutes.register(app)
        TrainingRoutes.register(app)
        OpportunityRoutes.register(app)
        LeadRoutes.register(app)
        PoolRoutes.register(app)
        DisputeRoutes.register(app)
        ActionPlanRoutes.register(app)
        VisitRoutes.register(app)
        GiftRoutes.register(app)
        SearchRoutes.register(app)
        IntelligenceRoutes.register(app)
        ScreeningRoutes.register(app)
        OpenAPI.register(app)
        APIDocPage.register(app)
        SessionPages.register(app)
        CustomerPages.register(app)
        AdminPages.register(app)
        SalesPages.register(app)
        ContractPages.register(app)
        TenderPages.register(app)
        ImplementationPages.register(app)
        ServiceRequestPages.register(app)
        ServiceLevelPages.register(app)
        ComplaintPages.register(app)
        SupportRequestPages.register(app)
        TrainingPages.register(app)
        OpportunityPages.register(app)
        LeadPages.register(app)
        PoolPages.register(app)
        DisputePages.register(app)
        ActionPlanPages.register(app)
        VisitPages.register(app)
        GiftPages.register(app)
        SearchPages.register(app)
        IntelligencePages.register(app)
        ScreeningPages.register(app)
    }

    /// Sets up logging as configured: JSON lines (default) or swift-log's text format.
    public static func bootstrapLogging(_ config: AppConfig) {
        let level = Logger.Level(rawValue: config.logLevel) ?? .info
        LoggingSystem.bootstrap { label in
            if config.logFormat == "text" {
                var h = StreamLogHandler.standardError(label: label)
                h.logLevel = level
                return h
            }
            var h = JSONLogHandler(label: label)
            h.logLevel = level
            return h
        }
    }
}
