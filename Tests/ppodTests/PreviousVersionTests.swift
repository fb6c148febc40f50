import Foundation
import Testing

/// `changed()` compares with the version a record had at the last run, however often it changed since.
@Suite
struct PreviousVersionTests {
    @Test func previousSnapshotIsTheVersionAtTheLastRun() async throws {
        let daemon = try await DaemonProcess.start()
        defer { daemon.stop() }
        try await daemon.requireIngest("samples/offenders-previous.jsonl")
        let run = try await daemon.request("POST", "/v1/runs?as_of=2026-11-22&force=true", as: daemon.tokens.admin)
        #expect(run.status == 201, "\(run)")
        let atRun = try await daemon.get("/v1/offenders")
        let lineAtRun = try #require(atRun.lines.first { $0.contains(#""id": "NT-0002""#) })

        try await daemon.requireIngest("samples/offenders.jsonl")
        let export = try await daemon.get("/v1/offenders")
        let current = try #require(export.lines.first { $0.contains(#""id": "NT-0002""#) })
        #expect(current != lineAtRun, "NT-0002 is expected to differ between the two samples")
        let previous = try await daemon.get("/v1/offenders?snapshot=previous")
        #expect(previous.lines.contains(lineAtRun), "after one change the previous version is the one at the run")

        // A second change before the next run: the previous version stays the one at the run.
        var record = try #require(try JSONSerialization.jsonObject(with: Data(current.utf8)) as? [String: Any])
        record["name"] = "Bella Renamed"
        let renamed = String(decoding: try JSONSerialization.data(withJSONObject: record, options: [.sortedKeys]), as: UTF8.self)
        let ingest = try await daemon.request("PUT", "/v1/offenders", as: daemon.tokens.admin, body: Data((renamed + "\n").utf8))
        #expect(try ingest.object()["updated"] as? Int == 1, "\(ingest)")
        let previousAfter = try await daemon.get("/v1/offenders?snapshot=previous")
        #expect(previousAfter.lines.contains(lineAtRun), "\(previousAfter)")
        #expect(!previousAfter.lines.contains(current), "the intermediate version became the previous one")
        #expect(previousAfter.lines.filter { $0.contains(#""id": "NT-0002""#) }.count == 1)

        // A run resets the baseline: nothing has changed since it.
        let second = try await daemon.request("POST", "/v1/runs?as_of=2026-11-23&force=true", as: daemon.tokens.admin)
        #expect(second.status == 201, "\(second)")
        let previousAfterRun = try await daemon.get("/v1/offenders?snapshot=previous")
        #expect(!previousAfterRun.lines.contains { $0.contains(#""id": "NT-0002""#) }, "\(previousAfterRun)")
    }
}

/// "Re-sending the same file changes nothing": not the records, not what counts as changed.
@Suite
struct ResendTests {
    @Test(arguments: [false, true])
    func resendingTheSameFileChangesNothing(afterARun: Bool) async throws {
        let daemon = try await DaemonProcess.start()
        defer { daemon.stop() }
        try await daemon.requireIngest("samples/offenders-previous.jsonl")
        if afterARun {
            let run = try await daemon.request("POST", "/v1/runs?as_of=2026-11-22&force=true", as: daemon.tokens.admin)
            #expect(run.status == 201, "\(run)")
        }
        try await daemon.requireIngest("samples/offenders.jsonl")
        let previous = try await daemon.get("/v1/offenders?snapshot=previous")
        let alerts = try await daemon.get("/v1/alerts?date=2026-11-23&live=true")
        #expect(alerts.status == 200, "\(alerts)")

        let again = try await daemon.requireIngest("samples/offenders.jsonl")
        #expect(again["unchanged"] as? Int == 50, "\(again)")
        let previousAgain = try await daemon.get("/v1/offenders?snapshot=previous")
        #expect(Bytes.same(previousAgain.body, previous.body),
                "re-sending the file changed the previous snapshot: \(previous.lines.count) lines, \(previous.body.count) bytes before; \(previousAgain.lines.count) lines, \(previousAgain.body.count) bytes after")
        let alertsAgain = try await daemon.get("/v1/alerts?date=2026-11-23&live=true")
        #expect(Bytes.same(alertsAgain.body, alerts.body), Comment(rawValue: OneEngineTests.difference(alertsAgain.body, alerts.body)))
    }
}
