import Foundation
import FrontlineCore
import FrontlineStore
import Vapor

/// What a request carries through Frontline: its signed-in session (if any) and the chosen language.
struct RequestState: Sendable {
    var session: SessionInfo?
    var token: String?
    var viaCookie = false
}

struct RequestStateKey: StorageKey { typealias Value = RequestState }
struct QueryKey: StorageKey { typealias Value = [String: String] }
struct AppServicesKey: StorageKey { typealias Value = AppServices }

/// Process-wide services of the web target.
struct AppServices: Sendable {
    let config: AppConfig
    let metrics: AppMetrics
}

extension Application {
    var services: AppServices {
        get { storage[AppServicesKey.self]! }
        set { storage[AppServicesKey.self] = newValue }
    }
}

extension Request {
    var state: RequestState {
        get { storage[RequestStateKey.self] ?? RequestState() }
        set { storage[RequestStateKey.self] = newValue }
    }

    /// The store, acting for the signed-in person (or the system) and noting the address and request id.
    var store: Store {
        let ctx: AuditContext
        if let u = state.session?.user {
            ctx = AuditContext(u.actor, ip: clientAddress, requestId: id)
        } else {
            ctx = AuditContext(actorId: nil, actorName: "anonymous", ip: clientAddress, requestId: id)
        }
        return Store(database: db, context: ctx)
    }

    /// The address of the person asking: the peer, or — when the peer is one of `TRUSTED_PROXIES` — the last
    /// address in `X-Forwarded-For` that is not a trusted proxy itself. An untrusted peer cannot choose it.
    var clientAddress: String {
        let peer = remoteAddress?.ipAddress ?? "unknown"
        let trusted = application.services.config.trustedProxies
        guard !trusted.isEmpty, trusted.contains(peer) else { return peer }
        let hops = headers[.xForwardedFor].flatMap { $0.split(separator: ",") }.map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        for hop in hops.reversed() where !trusted.contains(hop) {
            let looksLikeAddress =
                !hop.isEmpty && hop.count <= 45 && hop.allSatisfy { $0.isHexDigit || $0 == "." || $0 == ":" }
            return looksLikeAddress ? hop : peer
        }
        return peer
    }

    var isAPI: Bool { url.path.hasPrefix("/api/") }

    /// The signed-in person, or a 401.
    func actor() throws -> Actor {
        guard let u = state.session?.user else { throw DomainError.unauthenticated }
        return u.actor
    }

    /// The language to answer in: for the API an explicit Accept-Language wins, then the user's choice;
    /// for pages the user's choice, then the `fl_lang` cookie, then Accept-Language; Chinese by default.
    var locale: AppLocale {
        let accept = headers.first(name: .acceptLanguage)
        if isAPI, let accept, !accept.isEmpty { return AppLocale.negotiate(accept) }
        if let u = state.session?.user { return u.locale }
        if let c = cookies["fl_lang"]?.string, let l = AppLocale(rawValue: c) { return l }
        return AppLocale.negotiate(accept)
    }

    func t(_ key: String, _ args: [String: String] = [:]) -> String { Catalog.text(key, args, locale) }

    /// `t` without arguments as a value an export's rows may carry past the request (its batches run later).
    var texts: @Sendable (String) -> String {
        let locale = self.locale
        return { Catalog.text($0, [:], locale) }
    }

    /// Whether cookies must be marked Secure: always when so configured, else when the request came over TLS.
    var cookiesSecure: Bool {
        let setting = application.services.config.cookieSecure
        if setting == "true" { return true }
        if setting == "false" { return false }
        return url.scheme == "https" || headers.first(name: "X-Forwarded-Proto") == "https"
    }

    /// One query parameter, from the query string parsed once per request (a list page reads a dozen).
    func query(_ name: String) -> String? {
        if let parsed = storage[QueryKey.self] { return parsed[name] }
        var parsed: [String: String] = [:]
        for (key, value) in Input.urlEncodedPairs(url.query ?? "") where parsed[key] == nil { parsed[key] = value }
        storage[QueryKey.self] = parsed
        return parsed[name]
    }
}

extension Request {
    /// Every user's display name by id, for the lists and records that name people.
    func userNames() async throws -> [Int64: String] {
        Dictionary(uniqueKeysWithValues: try await store.users().map { ($0.id, $0.displayName) })
    }

    /// `limit`, `offset` (and `sort` when the list sorts) from the query; malformed paging is a 400 naming the field.
    /// Paging and the order of a list whose store sorts by `sorts` besides `id`, the newest first unless asked.
    func listQuery<V>(sorting sorts: [String: V]) throws -> ListQuery {
        try listQuery(sorts: Set(sorts.keys).union(["id"]), default: "-id", sortable: true)
    }

    func listQuery(sorts: Set<String>, default sort: String, sortable: Bool = false) throws -> ListQuery {
        do {
            return try ListQuery.parse(
                limit: query("limit"), offset: query("offset"), sort: sortable ? query("sort") : nil,
                allowedSorts: sorts, defaultSort: sort)
        } catch { throw DomainError(.badRequest, Message("error.validation"), fields: error.fields) }
    }
}
