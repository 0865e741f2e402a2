import Foundation
import FrontlineStore

/// Configuration read from the environment; README.md documents each variable.
public struct AppConfig: Sendable {
    /// `DATABASE_URL`: `sqlite://frontline.sqlite` (default) or `postgres://…`.
    public var database: DatabaseLocation
    /// `HOST` and `PORT`: where `serve` listens (127.0.0.1:8080).
    public var host: String
    public var port: Int
    /// `COOKIE_SECURE`: `true` marks cookies Secure (behind TLS); `auto` (default) does so when the request
    /// arrived over HTTPS (`X-Forwarded-Proto: https`).
    public var cookieSecure: String
    /// `LOG_FORMAT`: `json` (default) or `text`; `LOG_LEVEL`: `info` (default), `debug`, …
    public var logFormat: String
    public var logLevel: String
    /// `DB_MAX_CONNECTIONS`: PostgreSQL connections per process (default 8).
    public var maxConnections: Int
    /// `LOGIN_THROTTLE`: failed sign-ins allowed per user in 15 minutes before slowing down (default 5).
    public var loginThrottle: Int
    /// `FILES_DIR`: where uploaded files are kept (default: a `files` folder beside the SQLite file, else `./files`).
    public var filesDir: String
    /// `TRUSTED_PROXIES`: comma-separated addresses of reverse proxies whose `X-Forwarded-For` names the client
    /// (default none: the peer's address is the client's).
    public var trustedProxies: Set<String>
    /// `POOL_SWEEP_SECONDS`: how often `serve` runs the customer-pool sweep (default 3600; 0 turns it off — run
    /// `frontline pool-sweep` from a scheduler instead).
    public var poolSweepSeconds: Int = 3600

    public init(
        database: DatabaseLocation = .sqliteFile("frontline.sqlite"), host: String = "127.0.0.1", port: Int = 8080,
        cookieSecure: String = "auto", logFormat: String = "json", logLevel: String = "info", maxConnections: Int = 8,
        loginThrottle: Int = 5, filesDir: String? = nil, trustedProxies: Set<String> = []
    ) {
        self.trustedProxies = trustedProxies
        self.database = database; self.host = host; self.port = port; self.cookieSecure = cookieSecure
        self.logFormat = logFormat; self.logLevel = logLevel; self.maxConnections = maxConnections
        self.loginThrottle = loginThrottle
        if let filesDir, !filesDir.isEmpty {
            self.filesDir = filesDir
        } else if case .sqliteFile(let path) = database {
            let dir = (path as NSString).deletingLastPathComponent
            self.filesDir = (dir.isEmpty ? "." : dir) + "/files"
        } else {
            self.filesDir = "files"
        }
    }

    public static func fromEnvironment(_ env: [String: String] = ProcessInfo.processInfo.environment) throws
        -> AppConfig
    {
        AppConfig(
            database: try DatabaseLocation.parse(env["DATABASE_URL"]),
            host: env["HOST"] ?? "127.0.0.1",
            port: Int(env["PORT"] ?? "") ?? 8080,
            cookieSecure: env["COOKIE_SECURE"] ?? "auto",
            logFormat: env["LOG_FORMAT"] ?? (isatty(STDERR_FILENO) == 1 ? "text" : "json"),
            logLevel: env["LOG_LEVEL"] ?? "info",
            maxConnections: Int(env["DB_MAX_CONNECTIONS"] ?? "") ?? 8,
            loginThrottle: Int(env["LOGIN_THROTTLE"] ?? "") ?? 5, filesDir: env["FILES_DIR"],
            trustedProxies: Set(
                (env["TRUSTED_PROXIES"] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                    .filter { !$0.isEmpty })
        )
        .with { $0.poolSweepSeconds = max(0, Int(env["POOL_SWEEP_SECONDS"] ?? "") ?? 3600) }
    }

    func with(_ change: (inout AppConfig) -> Void) -> AppConfig {
        var c = self
        change(&c)
        return c
    }
}
