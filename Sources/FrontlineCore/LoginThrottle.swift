/// How repeated failed sign-ins are slowed down: after `threshold` failures within 15 minutes under one key
/// (a username, or an address with four times the allowance), each further attempt waits 30 s, doubling per
/// failure up to 15 minutes from the last failure.
public struct LoginThrottle: Sendable {
    public var threshold: Int
    public static let window: Int64 = 15 * 60

    public init(threshold: Int = 5) { self.threshold = threshold }

    /// Seconds the caller must still wait, or nil when an attempt may go ahead.
    public func wait(failures: [Int64], now: Int64, perAddress: Bool = false) -> Int? {
        let limit = perAddress ? threshold * 4 : threshold
        let recent = failures.filter { $0 > now - LoginThrottle.window }
        guard recent.count >= limit, let last = recent.max() else { return nil }
        let exponent = min(recent.count - limit, 5)
        let delay = min(Int64(30) << Int64(exponent), LoginThrottle.window)
        let remaining = last + delay - now
        return remaining > 0 ? Int(remaining) : nil
    }

    /// The error to answer while throttled.
    public static func refusal(_ seconds: Int) -> DomainError {
        DomainError(.throttled, Message("error.throttled", ["seconds": String(seconds)]), retryAfter: seconds)
    }
}
