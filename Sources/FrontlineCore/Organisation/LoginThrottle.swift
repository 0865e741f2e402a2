/// How repeated failed sign-ins are slowed down. Per user: after `threshold` failures within 15 minutes, each
/// further attempt waits 30 s, doubling per failure up to 15 minutes from the last failure; every attempt is counted
/// before its password is checked, so parallel guesses cannot pass the limit. Per address: a company proxy puts
/// everybody behind one address, so the address counts the *different* usernames that failed there (spraying, or
/// guessing unknown names), with four times the allowance — and even then a user who is not under attack himself
/// still signs in with his correct password.
public struct LoginThrottle: Sendable {
    public var threshold: Int
    public static let window: Int64 = 15 * 60

    public init(threshold: Int = 5) { self.threshold = threshold }

    /// Seconds the caller must still wait, or nil when an attempt may go ahead.
    public func wait(failures: [Int64], now: Int64, perAddress: Bool = false) -> Int? {
        let recent = failures.filter { $0 > now - LoginThrottle.window }
        guard let last = recent.max() else { return nil }
        return wait(count: recent.count, last: last, now: now, perAddress: perAddress)
    }

    /// The same from a count of recent failures and the latest one's time.
    public func wait(count: Int, last: Int64, now: Int64, perAddress: Bool = false) -> Int? {
        let limit = perAddress ? threshold * 4 : threshold
        guard count >= limit else { return nil }
        let exponent = min(count - limit, 5)
        let delay = min(Int64(30) << Int64(exponent), LoginThrottle.window)
        let remaining = last + delay - now
        return remaining > 0 ? Int(remaining) : nil
    }

    /// Whether an address over its allowance refuses this sign-in: it lets through only a known user, not under
    /// attack himself (no recent failures of his own), with the correct password.
    public func addressRefuses(distinctFailedNames: Int, knownUser: Bool, userFailures: Int, passwordCorrect: Bool)
        -> Bool
    {
        guard distinctFailedNames >= threshold * 4 else { return false }
        return !(knownUser && userFailures == 0 && passwordCorrect)
    }

    /// The error to answer while throttled.
    public static func refusal(_ seconds: Int) -> DomainError {
        DomainError(.throttled, Message("error.throttled", ["seconds": String(seconds)]), retryAfter: seconds)
    }
}
