import Foundation
import Testing

/// Stored runs: what was computed is served as it was, to everyone, whatever changes after.
@Suite
struct RunTests {
    @Test func storedRunServesTheDaysAlertsUnchanged() async throws {
        let daemon = try await DaemonProcess.start()
        defer { daemon.stop() }
        try await daemon.requireIngest("samples/offenders-previous.jsonl")
        try await daemon.requireIngest("samples/offenders.jsonl")
        let liveRankingBefore = try await daemon.get(Paths.ranking("as_of=2026-11-23"), as: daemon.tokens.northtownAnalyst)
        #expect(liveRankingBefore.status == 200, "\(liveRankingBefore)")

        let created = try await daemon.request("POST", "/v1/runs?as_of=2026-11-23", as: daemon.tokens.northtownManager)
        #expect(created.status == 201, "\(created)")
        let run = try created.object()
        let id = try #require(run["id"] as? Int, "\(created)")
        #expect(run["requested_by"] as? String == "northtown-manager")
        #expect(run["as_of"] as? String == "2026-11-23")
        let runBefore = try await daemon.get("/v1/runs/\(id)")
        #expect(runBefore.status == 200, "\(runBefore)")
        let health = try await daemon.get("/healthz")
        #expect(try health.object()["last_run"] as? Int == id, "\(health)")

        let today = try await daemon.get("/v1/alerts?date=2026-11-23")
        #expect(today.status == 200, "\(today)")
        #expect(today.header("PPO-Run-Id") == String(id), "\(today)")
        let stored = try await daemon.get("/v1/alerts?run=\(id)")
        #expect(stored.status == 200, "\(stored)")
        #expect(stored.header("PPO-Run-Id") == String(id), "\(stored)")
        #expect(Bytes.same(today.body, stored.body), Comment(rawValue: OneEngineTests.difference(today.body, stored.body)))
        // Computed afresh, not served from the run. (Its changed() alerts may differ: the run has
        // become the last run, and the previous snapshot is taken from it.)
        let live = try await daemon.get("/v1/alerts?date=2026-11-23&live=true")
        #expect(live.status == 200 && live.header("PPO-Run-Id") == nil, "\(live)")

        let storedRanking = try await daemon.get(Paths.ranking("run=\(id)"), as: daemon.tokens.northtownAnalyst)
        #expect(storedRanking.status == 200, "\(storedRanking)")
        #expect(storedRanking.header("PPO-Run-Id") == String(id), "\(storedRanking)")
        #expect(Bytes.same(storedRanking.body, liveRankingBefore.body),
                Comment(rawValue: OneEngineTests.difference(storedRanking.body, liveRankingBefore.body)))
        let storedResults = try await daemon.get(Paths.results("run=\(id)"), as: daemon.tokens.northtownManager)
        #expect(storedResults.status == 200 && storedResults.header("PPO-Run-Id") == String(id), "\(storedResults)")

        // A change after the run: a Northtown offender has a new burglary. The run's outputs stay as they were.
        let export = try await daemon.get("/v1/offenders")
        let line = try #require(export.lines.first { $0.contains(#""id": "NT-0002""#) })
        var record = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        record["offences"] = (record["offences"] as? [Any] ?? []) + [[
            "id": "OFF-0002-99", "category": "burglary_dwelling", "date": "2026-11-20", "evidence": "convicted",
        ]]
        let changed = String(decoding: try JSONSerialization.data(withJSONObject: record, options: [.sortedKeys]), as: UTF8.self)
        let ingest = try await daemon.request("PUT", "/v1/offenders", as: daemon.tokens.admin, body: Data((changed + "\n").utf8))
        #expect(ingest.status == 200, "\(ingest)")
        #expect(try ingest.object()["updated"] as? Int == 1, "\(ingest)")

        let storedAfter = try await daemon.get("/v1/alerts?run=\(id)")
        #expect(Bytes.same(storedAfter.body, stored.body), "the run's alerts changed after an ingest")
        let todayAfter = try await daemon.get("/v1/alerts?date=2026-11-23")
        #expect(todayAfter.header("PPO-Run-Id") == String(id) && todayAfter.body == stored.body, "\(todayAfter)")
        let storedRankingAfter = try await daemon.get(Paths.ranking("run=\(id)"), as: daemon.tokens.northtownAnalyst)
        #expect(Bytes.same(storedRankingAfter.body, storedRanking.body), "the run's ranking changed after an ingest")
        let liveRankingAfter = try await daemon.get(Paths.ranking("as_of=2026-11-23"), as: daemon.tokens.northtownAnalyst)
        #expect(!Bytes.same(liveRankingAfter.body, liveRankingBefore.body), "the ingest changed nothing live")
        let runAfter = try await daemon.get("/v1/runs/\(id)")
        #expect(runAfter.status == 200, "\(runAfter)")
        let runRecordAfter = JSONLines.canonical(try runAfter.object())
        #expect(runRecordAfter == JSONLines.canonical(try runBefore.object()), "the run's record changed: \(runRecordAfter)")
    }

    @Test func laterRunOfTheSameDayIsServed() async throws {
        let daemon = try await DaemonProcess.start()
        defer { daemon.stop() }
        try await daemon.requireIngest("samples/offenders.jsonl")
        let first = try await daemon.request("POST", "/v1/runs?as_of=2026-11-23", as: daemon.tokens.admin)
        let second = try await daemon.request("POST", "/v1/runs?as_of=2026-11-23", as: daemon.tokens.admin)
        let firstID = try #require(try first.object()["id"] as? Int, "\(first)")
        let secondID = try #require(try second.object()["id"] as? Int, "\(second)")
        #expect(secondID != firstID)
        let today = try await daemon.get("/v1/alerts?date=2026-11-23")
        #expect(today.header("PPO-Run-Id") == String(secondID), "\(today)")
        let list = try await daemon.get("/v1/runs")
        #expect(try EndpointTests.runList(list).compactMap { $0["id"] as? Int }.prefix(2) == [secondID, firstID], "\(list)")
        let otherDay = try await daemon.get("/v1/alerts?date=2026-11-24")
        #expect(otherDay.status == 200 && otherDay.header("PPO-Run-Id") == nil, "\(otherDay)")
    }
}
