import Foundation
import FrontlineCore
import FrontlineStore
import Vapor

/// Sign-in, sessions, tokens and CSRF: one place for both the pages (cookie) and the API (bearer token).
enum Auth {
    static let sessionCookie = "fl_session"
    /// For forms shown before sign-in (the login form): a double-submit token.
    static let preCookie = "fl_csrf"

    /// Finds the session of the request: a bearer token for `/api/`, the session cookie for pages.
    static func resolve(_ req: Request) async throws {
        var state = RequestState()
        if req.isAPI {
            if let bearer = req.headers.bearerAuthorization?.token {
                state.token = bearer
                state.session = try await req.store.session(token: bearer, kind: "api")
            }
        } else if let cookie = req.cookies[sessionCookie]?.string {
            state.token = cookie
            state.viaCookie = true
            state.session = try await req.store.session(token: cookie, kind: "web")
        }
        req.state = state
    }

    /// Checks a password with throttling, opens a session or token, and audits both outcomes.
    static func login(_ req: Request, username: String, password: String, kind: String) async throws -> (
        User, String, String
    ) {
        let store = req.store
        let name = username.trimmingCharacters(in: .whitespaces).lowercased()
        let now = Store.nowSeconds()
        let throttle = LoginThrottle(threshold: req.application.services.config.loginThrottle)
        let userKey = "user:" + String(name.prefix(64))
        let addrKey = "ip:" + req.clientAddress
        let since = now - LoginThrottle.window
        // The attempt is counted before the password is checked, so parallel guesses cannot pass the limit.
        let attempt = try await store.reserveAttempt(key: userKey, subject: name, since: since)
        if let wait = throttle.wait(failures: attempt.earlier, now: now) {
            try await store.releaseAttempt(id: attempt.id)
            throw LoginThrottle.refusal(wait)
        }
        let address = try await store.spread(key: addrKey, since: since)
        var user: User?
        var known = false
        do {
            (user, known) = try await store.verify(username: name, password: password)
        } catch let e as DomainError {
            try await store.recordFailure(keys: [addrKey], username: name)
            throw e
        }
        if throttle.addressRefuses(
            distinctFailedNames: address.names, knownUser: known, userFailures: attempt.earlier.count,
            passwordCorrect: user != nil)
        {
            if user != nil {
                try await store.releaseAttempt(id: attempt.id)
            } else {
                try await store.recordFailure(keys: [addrKey], username: name)
            }
            throw LoginThrottle.refusal(
                throttle.wait(count: address.failures, last: address.last ?? now, now: now, perAddress: true) ?? 60)
        }
        guard let user else {
            try await store.recordFailure(keys: [addrKey], username: name)
            throw DomainError(.unauthenticated, Message("user.bad_credentials"))
        }
        try await store.clearFailures(key: userKey)
        let (token, csrf) = try await store.with(AuditContext(user.actor, ip: req.clientAddress, requestId: req.id))
            .openSession(user: user, kind: kind)
        return (user, token, csrf)
    }

    static func sessionCookieValue(_ token: String?, _ req: Request) -> HTTPCookies.Value {
        HTTPCookies.Value(
            string: token ?? "", expires: token == nil ? Date(timeIntervalSince1970: 0) : nil,
            maxAge: token == nil ? 0 : Int(Store.webLifetime), path: "/", isSecure: req.cookiesSecure, isHTTPOnly: true,
            sameSite: .lax)
    }

    /// The CSRF token for forms on this page: the session's, or a pre-session token (set as a cookie if new).
    static func csrfToken(_ req: Request) -> String {
        if let s = req.state.session, req.state.viaCookie { return s.csrf }
        if let c = req.cookies[preCookie]?.string, c.count >= 20 { return c }
        if let pending = req.storage[PendingCSRFKey.self] { return pending }
        let fresh = Store.randomToken()
        req.storage[PendingCSRFKey.self] = fresh
        return fresh
    }

    struct PendingCSRFKey: StorageKey { typealias Value = String }

    /// Sets the pre-session CSRF cookie if this request minted one.
    static func attachPreCookie(_ req: Request, _ res: Response) {
        if let pending = req.storage[PendingCSRFKey.self] {
            res.cookies[preCookie] = HTTPCookies.Value(
                string: pending, maxAge: 12 * 3600, path: "/", isSecure: req.cookiesSecure, isHTTPOnly: true,
                sameSite: .strict)
        }
    }

    /// Refuses a form post whose `_csrf` field does not match the session's (or the pre-session) token.
    static func checkCSRF(_ req: Request, _ input: Input) throws {
        var errors: [FieldError] = []
        try checkCSRF(req, sent: input.string("_csrf", &errors))
    }

    /// The one comparison every form's token goes through, a multipart upload's too.
    static func checkCSRF(_ req: Request, sent: String?) throws {
        let sent = sent ?? ""
        let expected: String?
        if let s = req.state.session, req.state.viaCookie {
            expected = s.csrf
        } else {
            expected = req.cookies[preCookie]?.string
        }
        guard let expected, !sent.isEmpty, constantTimeEqual(sent, expected) else {
            throw DomainError(.forbidden, Message("error.csrf"))
        }
    }

    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var diff: UInt8 = 0
        for i in 0..<x.count { diff |= x[i] ^ y[i] }
        return diff == 0
    }
}
