import Foundation
import Logging
import PPOEngine
import ServiceLifecycle

/// Makes the daily run at `time` each day, and at start when today's is due but has not been made
/// (the daemon was down at the time), so the tasking group never finds a day without a list.
struct DailyRunScheduler: Service {
    let daemon: Daemon
    let time: TimeOfDay
    let logger: Logger

    func run() async throws {
        // Cancelled (mid-sleep) when the daemon is asked to stop.
        await cancelWhenGracefulShutdown { await schedule() }
    }

    private func schedule() async {
        await runIfDue()
        while !Task.isCancelled {
            let next = daemon.calendar.next(time, after: Date.now)
            // Wake at least once a minute: a clock change or a suspended machine does not skip a day.
            let wait = min(max(next.timeIntervalSinceNow, 0.5), 60)
            do { try await Task.sleep(for: .seconds(wait)) } catch { return }
            await runIfDue()
        }
    }

    private func runIfDue() async {
        let now = Date.now
        guard daemon.calendar.hasPassed(time, at: now) else { return }
        let today = daemon.calendar.day(of: now)
        do {
            if try await daemon.runs.latest(asOf: today.description, trigger: "daily") != nil { return }
            let (run, _) = try await RunBuilder(daemon: daemon).run(asOf: today, trigger: "daily", requestedBy: "ppod daily run") { saved in
                AuditEntry(at: Date.now.ISO8601Format(), token: "ppod daily run", role: "-", method: "-",
                           path: "daily run \(saved.id)", status: 201, action: "run", offenders: [])
            }
            logger.info("daily run made", metadata: ["run": "\(run.id)", "as_of": "\(today)"])
        } catch {
            logger.error("daily run failed: \(SafeText.escaped("\(error)"))")
        }
    }
}
