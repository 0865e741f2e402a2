import Foundation
import FrontlineCore
import FrontlineStore
import Logging
import Vapor

/// The outermost layer: request id, session lookup, error rendering, security headers, metrics and the access log.
struct FrontlineMiddleware: AsyncMiddleware {
    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let started = ContinuousClock.now
        req.logger[metadataKey: "request_id"] = .string(req.id)
        let response: Response
        do {
            // No text anywhere may hold NUL: PostgreSQL cannot store it and no user means it.
            if let q = req.url.query, q.range(of: "%00", options: .caseInsensitive) != nil {
                throw DomainError(
                    .badRequest, Message("error.nul", ["field": "query"]),
                    fields: [FieldError("query", "error.nul", ["field": "query"])])
            }
            if req.url.path.range(of: "%00", options: .caseInsensitive) != nil { throw Abort(.notFound) }
            try await Auth.resolve(req)
            response = try await next.respond(to: req)
        } catch let error where error is RouteNotFound || error is NotARecordID {
            // A path that exists under other methods answers 405 with the methods it has, as HTTP asks.
            let allowed = MethodTable.allowed(req.url.path, in: req.application)
            // A path whose own method exists (an id too large to be one) is simply not found.
            if allowed.isEmpty || allowed.contains(req.method.rawValue) {
                response = ErrorRenderer.render(Abort(.notFound), for: req)
            } else {
                response = ErrorRenderer.render(Abort(.methodNotAllowed), for: req)
                response.headers.replaceOrAdd(name: .allow, value: allowed.joined(separator: ", "))
            }
        } catch {
            response = ErrorRenderer.render(error, for: req)
        }
        let h = SecurityHeaders.self
        for (name, value) in h.all where response.headers.first(name: name) == nil {
            response.headers.replaceOrAdd(name: name, value: value)
        }
        response.headers.replaceOrAdd(name: "X-Request-Id", value: req.id)
        let elapsed = ContinuousClock.now - started
        let metrics = req.application.services.metrics
        metrics.requests.increment()
        metrics.duration.record(elapsed)
        if response.status.code >= 500 { metrics.errors.increment() }
        if req.url.path != "/healthz" && req.url.path != "/metrics" {
            let ms = Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000
            req.logger.info(
                "request",
                metadata: [
                    "method": .string(req.method.rawValue), "path": .string(req.url.path),
                    "status": .stringConvertible(response.status.code), "ms": .string(String(format: "%.1f", ms)),
                    "user": .string(req.state.session?.user.username ?? "-"),
                ])
        }
        return response
    }
}

/// Which methods the registered routes offer for a path, for 405 answers.
enum MethodTable {
    static func allowed(_ path: String, in app: Application) -> [String] {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true)
        var methods = Set<String>()
        for route in app.routes.all where matches(route.path, parts) {
            methods.insert(route.method.rawValue)
            if route.method == .GET { methods.insert("HEAD") }
        }
        return methods.sorted()
    }

    static func matches(_ pattern: [PathComponent], _ parts: [Substring]) -> Bool {
        var i = 0
        for component in pattern {
            switch component {
            case .catchall: return true
            case .constant(let c):
                guard i < parts.count, parts[i] == c else { return false }
            case .parameter, .anything:
                // Every parameter of a route is a record id, so only digits fill one.
                guard i < parts.count, !parts[i].isEmpty, parts[i].allSatisfy({ $0.isASCII && $0.isNumber }) else {
                    return false
                }
            }
            i += 1
        }
        return i == parts.count
    }
}

/// Headers on every answer: a Content-Security-Policy that forbids inline script and style, no sniffing, no framing.
enum SecurityHeaders {
    static let all: [(String, String)] = [
        (
            "Content-Security-Policy",
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'; object-src 'none'"
        ),
        ("X-Content-Type-Options", "nosniff"),
        ("X-Frame-Options", "DENY"),
        ("Referrer-Policy", "same-origin"),
        ("Permissions-Policy", "camera=(), microphone=(), geolocation=()"),
    ]
}

/// Turns any error into an answer: `application/problem+json` for the API, a page for people.
enum ErrorRenderer {
    /// The body limit of the route a request was refused on, as its 413 says it: an import takes 10 MiB, a file
    /// upload 20 MiB, everything else 1 MiB.
    static func bodyLimit(_ path: String) -> String {
        if path.hasSuffix("/import") { return "10 MiB" }
        if path.hasSuffix("/files") || path.hasSuffix("/attachments") || path.hasSuffix("templates") { return "20 MiB" }
        return "1 MiB"
    }

    static func domainError(for error: any Error, _ req: Request) -> DomainError {
        switch error {
        case let e as DomainError: return e
        case let a as any AbortError:
            switch a.status {
            case .notFound: return .notFound
            case .payloadTooLarge:
                return DomainError(.tooLarge, Message("error.too_large", ["max": bodyLimit(req.url.path)]))
            case .unauthorized: return .unauthenticated
            case .forbidden: return .forbidden
            case .methodNotAllowed: return DomainError(.badRequest, Message("error.method"))
            case .unsupportedMediaType:
                return DomainError(
                    .badRequest, Message("error.content_type", ["type": req.headers.first(name: .contentType) ?? "—"]))
            default:
                if a.status.code < 500 { return DomainError(.badRequest, Message("error.bad_request")) }
                return DomainError(.badRequest, Message("error.internal", ["id": req.id]))
            }
        case is DecodingError:
            return DomainError(.badRequest, Message("error.bad_request"))
        default:
            return DomainError(.badRequest, Message("error.internal", ["id": req.id]))
        }
    }

    static func status(_ e: DomainError, _ error: any Error) -> HTTPResponseStatus {
        if e.message.key == "error.internal" { return .internalServerError }
        if let a = error as? any AbortError, a.status == .methodNotAllowed { return .methodNotAllowed }
        if let a = error as? any AbortError, a.status == .unsupportedMediaType { return .unsupportedMediaType }
        switch e.kind {
        case .validation: return .unprocessableEntity
        case .badRequest: return .badRequest
        case .unauthenticated: return .unauthorized
        case .forbidden: return .forbidden
        case .notFound: return .notFound
        case .conflict, .duplicate: return .conflict
        case .tooLarge: return .payloadTooLarge
        case .throttled: return .tooManyRequests
        }
    }

    static func render(_ error: any Error, for req: Request) -> Response {
        let e = domainError(for: error, req)
        let status = status(e, error)
        if status == .internalServerError {
            req.logger.error("unhandled error", metadata: ["error": .string(String(reflecting: error))])
        }
        let locale = req.locale
        let response: Response
        let wantsJSON = req.isAPI || (req.headers.accept.first?.mediaType == .json)
        if wantsJSON {
            var body: [String: Any] = [
                "type": "urn:frontline:problem:\(e.kind.rawValue)",
                "title": Catalog.text(titleKey(status), [:], locale),
                "status": Int(status.code), "detail": e.message.text(locale), "request_id": req.id,
            ]
            if !e.fields.isEmpty {
                body["fields"] = e.fields.prefix(Input.listedErrors).map { f -> [String: String] in
                    ["field": f.field, "code": f.message.key, "message": f.message.text(locale)]
                }
            }
            let data = (try? JSONSerialization.data(withJSONObject: body, options: [.sortedKeys])) ?? Data()
            response = Response(status: status, body: .init(data: data))
            response.headers.contentType = HTTPMediaType(
                type: "application", subType: "problem+json", parameters: ["charset": "utf-8"])
        } else if status == .unauthorized {
            let back = req.url.path.hasPrefix("/") ? req.url.string : "/"
            response = req.redirect(
                to: "/login?next="
                    + (back.addingPercentEncoding(
                        withAllowedCharacters: .urlQueryAllowed.subtracting(CharacterSet(charactersIn: "&=?"))) ?? "/"))
        } else {
            response = Pages.errorPage(
                req, status: status, title: Catalog.text(titleKey(status), [:], locale), detail: e.message.text(locale))
        }
        if let s = e.retryAfter { response.headers.replaceOrAdd(name: .retryAfter, value: String(s)) }
        return response
    }

    static func titleKey(_ s: HTTPResponseStatus) -> String {
        switch s.code {
        case 400: "http.400"
        case 401: "http.401"
        case 403: "http.403"
        case 404: "http.404"
        case 405: "http.405"
        case 409: "http.409"
        case 413: "http.413"
        case 415: "http.415"
        case 422: "http.422"
        case 429: "http.429"
        default: "http.500"
        }
    }
}
