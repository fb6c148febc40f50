import Foundation
import Testing

/// The daily run happens at `--daily-at`, and at start when today's has not happened yet.
@Suite
struct DailyRunTests {
    @Test func missedDailyRunHappensAtStartOnce() async throws {
        let daemon = try await DaemonProcess.start(["--daily-at", "00:00"])
        defer { daemon.stop() }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(identifier: "Europe/London"))
        let parts = calendar.dateComponents([.year, .month, .day], from: Date())
        let today = String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)

        let deadline = Date().addingTimeInterval(Patience.seconds)
        var runs: [[String: Any]] = []
        while true {
            runs = try EndpointTests.runList(try await daemon.get("/v1/runs"))
            if !runs.isEmpty { break }
            if Date() >= deadline { break }  // checked once more after a long wait for a turn
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(runs.count == 1, "runs: \(runs)")
        #expect(runs.first?["as_of"] as? String == today, "runs: \(runs)")
        #expect(runs.first?["trigger"] as? String != "on_demand", "runs: \(runs)")

        try await daemon.restart()
        try await Task.sleep(for: .seconds(1))
        let after = try EndpointTests.runList(try await daemon.get("/v1/runs"))
        #expect(after.count == 1, "a second daily run for the same day: \(after)")
    }
}
