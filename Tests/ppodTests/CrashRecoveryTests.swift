import Foundation
import Testing

/// Once an ingest is answered its records are on disk: a `kill -9` right after loses none.
@Suite
struct CrashRecoveryTests {
    @Test func acknowledgedRecordsSurviveKill9() async throws {
        let daemon = try await DaemonProcess.start()
        defer { daemon.kill9() }
        let generated = try daemon.ppo("generate", "--offenders", "2000", "--seed", "7", "--output", "generated.jsonl")
        #expect(generated.status == 0, "\(generated)")
        let body = try daemon.read("generated.jsonl")
        let sent = JSONLines.ids(of: body)
        #expect(sent.count == 2000)

        let response = try await daemon.request("PUT", "/v1/offenders", as: daemon.tokens.admin, body: body)
        daemon.kill9()
        try #require(response.status == 200, "\(response)")
        let ingest = try response.object()
        let rejectedLines = Set((ingest["rejected"] as? [[String: Any]] ?? []).compactMap { $0["line"] as? Int })
        let acknowledged = Set(sent.enumerated().filter { !rejectedLines.contains($0.offset + 1) }.map(\.element))
        #expect(ingest["inserted"] as? Int == acknowledged.count, "\(response)")

        try await daemon.restart()
        let export = try await daemon.get("/v1/offenders")
        #expect(export.status == 200, "\(export)")
        let stored = Set(JSONLines.ids(of: export.body))
        #expect(acknowledged.subtracting(stored).isEmpty, "lost \(acknowledged.subtracting(stored).count) acknowledged records")
        #expect(stored == acknowledged)
        let health = try await daemon.get("/healthz")
        #expect(try health.object()["offenders"] as? Int == acknowledged.count, "\(health)")

        // The restarted store answers as ppo does on its export (a ranking long enough to be streamed).
        try daemon.write("export.jsonl", export.body)
        let expected = try daemon.ppo("score", "--matrix", Paths.figure3, "--data", "export.jsonl", "--as-of", "2026-11-22", "--format", "json")
        let ranking = try await daemon.get(Paths.ranking("as_of=2026-11-22"))
        #expect(ranking.status == 200, "\(ranking)")
        #expect(Bytes.same(ranking.body, expected.stdout), Comment(rawValue: OneEngineTests.difference(ranking.body, expected.stdout)))
    }
}
