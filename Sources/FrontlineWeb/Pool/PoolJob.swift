import Foundation
import FrontlineCore
import FrontlineStore
import Vapor

extension Frontline {
    /// The jobs `serve` runs on a schedule inside the server: the customer-pool sweep, a minute after start and then
    /// every `POOL_SWEEP_SECONDS`. A failed run is logged and the next one tries again; shutting down stops it.
    public static func scheduleJobs(_ app: Application, _ config: AppConfig) {
        guard config.poolSweepSeconds > 0 else { return }
        let interval = UInt64(config.poolSweepSeconds)
        let db = app.db, logger = app.logger
        let task = Task.detached {
            var wait: UInt64 = min(60, interval)
            while !Task.isCancelled {
                try? await Task.sleep(nanoseconds: wait * 1_000_000_000)
                if Task.isCancelled { break }
                do {
                    let changed = try await ScheduledJob.poolSweep.run(Store(database: db))
                    logger.info("pool sweep", metadata: changed.mapValues { .stringConvertible($0) })
                } catch {
                    logger.error("pool sweep failed", metadata: ["error": .string(String(describing: error))])
                }
                wait = interval
            }
        }
        app.lifecycle.use(JobStopper(task: task))
    }
}

/// Cancels the scheduled jobs when the application shuts down.
struct JobStopper: LifecycleHandler {
    let task: Task<Void, Never>
    func shutdown(_ application: Application) { task.cancel() }
}
