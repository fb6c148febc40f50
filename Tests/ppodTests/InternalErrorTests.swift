import Foundation
import GRDB
import Testing

/// A failure of ppod itself answers 500 with a generic message and a request id; the detail (SQL,
/// paths) goes to the log only.
@Suite
struct InternalErrorTests {
    @Test func aStoreFailureIsLoggedNotQuoted() async throws {
        let daemon = try await DaemonProcess.start()
        defer { daemon.stop() }
        // Broken behind ppod's back: every query of runs now fails inside SQLite.
        let queue = try DatabaseQueue(path: daemon.directory.appendingPathComponent("ppod.sqlite").path)
        try await queue.write { db in try db.execute(sql: "DROP TABLE run_output; DROP TABLE run") }

        let response = try await daemon.get("/v1/runs")
        #expect(response.status == 500, "\(response)")
        #expect(try response.errorCode() == "internal")
        let message = try #require((try response.object()["error"] as? [String: Any])?["message"] as? String)
        #expect(!message.contains("run") && !message.lowercased().contains("sql") && !message.contains("table"), "\(message)")
        let id = try #require(message.split(separator: " ").last.map(String.init), "\(message)")
        #expect(id.count == 36, "\(message)")
        let deadline = Date().addingTimeInterval(Patience.seconds)
        while !daemon.standardError.contains(id) && Date() < deadline { try await Task.sleep(for: .milliseconds(100)) }
        let logged = daemon.standardError.split(separator: "\n").first { $0.contains(id) } ?? ""
        #expect(logged.contains("no such table"), "the detail was not logged under \(id): \(daemon.standardError.suffix(2000))")
    }
}
