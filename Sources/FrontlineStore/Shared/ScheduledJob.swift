import Foundation

/// The jobs the server runs on a schedule (`serve`) and an operator runs by hand (`frontline pool-sweep`). Any of them
/// may run on two servers at once: each thing it writes is made once by the write itself (a versioned write, a unique
/// key), so of two runs at once each change lands once, and a run counts only what it wrote.
public enum ScheduledJob: String, CaseIterable, Sendable {
    /// The customer pool's sweep: idle customers return to the pool, owners near it are warned.
    case poolSweep = "pool-sweep"

    /// Runs the job once at `now` (milliseconds); answers what it changed, by kind of change.
    public func run(_ store: Store, now: Int64 = Store.nowMillis()) async throws -> [String: Int] {
        switch self {
        case .poolSweep:
            let (returned, warned) = try await store.runPoolSweep(now: now)
            return ["returned": returned, "warned": warned]
        }
    }
}
