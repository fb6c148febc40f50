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

        let beforeRun = try await daemon.get("/v1/alerts?date=2026-11-23")
        #expect(beforeRun.status == 200 && beforeRun.header("PPO-Run-Id") == nil, "\(beforeRun)")

        let created = try await daemon.request("POST", "/v1/runs?as_of=2026-11-23&force=true", as: daemon.tokens.admin)
        #expect(created.status == 201, "\(created)")
        let run = try created.object()
        let id = try #require(run["id"] as? Int, "\(created)")
        #expect(run["requested_by"] as? String == "admin")
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

        // Runs are stored: a restart serves the same bytes.
        try await daemon.restart()
        let afterRestart = try await daemon.get("/v1/alerts?date=2026-11-23")
        #expect(afterRestart.header("PPO-Run-Id") == String(id), "\(afterRestart)")
        #expect(Bytes.same(afterRestart.body, stored.body), "the run's alerts changed across a restart")
    }

    @Test func aRunsRankingsOutliveTheRulesTheyWereMadeWith() async throws {
        let daemon = try await DaemonProcess.start()
        defer { daemon.stop() }
        try await daemon.requireIngest("samples/offenders.jsonl")
        let scopes = ["", "&area=Northtown", "&area=Southvale"]
        var live: [String: HTTPResponse] = [:]
        for scope in scopes {
            live[scope] = try await daemon.get(Paths.ranking("as_of=2026-11-23" + scope))
            live[scope + "csv"] = try await daemon.get(Paths.ranking("as_of=2026-11-23&format=csv" + scope))
        }
        let livePage = try await daemon.get(Paths.ranking("as_of=2026-11-23&offset=3&limit=4&area=Northtown"))
        let created = try await daemon.request("POST", "/v1/runs?as_of=2026-11-23&force=true", as: daemon.tokens.admin)
        let id = try #require(try created.object()["id"] as? Int, "\(created)")
        let listed = (try created.object()["outputs"] as? [[String: Any]] ?? [])
            .filter { $0["kind"] as? String == "ranking" }.compactMap { $0["area"] as? String }
        #expect(listed == ["*", "Northtown", "Southvale"], "\(created)")

        // The rules change (a comment: a new digest), and ppod restarts: the run's lists are read
        // back with the rules it kept, byte for byte what the live answers were.
        let rulesBefore = try #require(try await daemon.get("/v1/rules").object()["digest"] as? String)
        let matrix = try daemon.read("matrices/figure3.ppo")
        try daemon.write("matrices/figure3.ppo", matrix + Data("\n# edited after the run\n".utf8))
        try await RunRejectTests.waitForDigest(daemon) { $0 != rulesBefore }
        try await daemon.restart()
        for scope in scopes {
            for (suffix, format) in [("", ""), ("csv", "&format=csv")] {
                let stored = try await daemon.get(Paths.ranking("run=\(id)" + format + scope))
                let expected = try #require(live[scope + suffix])
                #expect(stored.status == 200 && stored.header("PPO-Rules-Digest") == rulesBefore, "\(stored)")
                #expect(Bytes.same(stored.body, expected.body), Comment(rawValue: OneEngineTests.difference(stored.body, expected.body)))
            }
        }
        let storedPage = try await daemon.get(Paths.ranking("run=\(id)&offset=3&limit=4&area=Northtown"))
        #expect(Bytes.same(storedPage.body, livePage.body), Comment(rawValue: OneEngineTests.difference(storedPage.body, livePage.body)))
        let unknownArea = try await daemon.get(Paths.ranking("run=\(id)&area=Eastmoor"))
        #expect(unknownArea.status == 404, "\(unknownArea)")
        let nowLive = try await daemon.get(Paths.ranking("as_of=2026-11-23"))
        #expect(nowLive.header("PPO-Rules-Digest") != rulesBefore, "\(nowLive)")
    }

    @Test func laterRunOfTheSameDayIsServed() async throws {
        let daemon = try await DaemonProcess.start()
        defer { daemon.stop() }
        try await daemon.requireIngest("samples/offenders.jsonl")
        let first = try await daemon.request("POST", "/v1/runs?as_of=2026-11-23&force=true", as: daemon.tokens.admin)
        let second = try await daemon.request("POST", "/v1/runs?as_of=2026-11-23&force=true", as: daemon.tokens.admin)
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

/// What a run shows to whom, and what it does with records the rules in force no longer read.
@Suite(.serialized, .daemon(samples: ["samples/offenders.jsonl"]))
struct RunScopeTests {
    let daemon: DaemonProcess
    init() throws { daemon = try SharedDaemon.require() }

    func makeRun() async throws -> Int {
        let created = try await daemon.request("POST", "/v1/runs?as_of=2026-11-23&force=true", as: daemon.tokens.admin)
        try #require(created.status == 201, "\(created)")
        return try #require(try created.object()["id"] as? Int, "\(created)")
    }

    static func outputAreas(_ response: HTTPResponse) throws -> Set<String> {
        Set((try response.object()["outputs"] as? [[String: Any]] ?? []).compactMap { $0["area"] as? String })
    }

    @Test func runListsOnlyTheOutputsTheReaderMayRead() async throws {
        let id = try await makeRun()
        let admin = try await daemon.get("/v1/runs/\(id)")
        #expect(try Self.outputAreas(admin) == ["*", "Northtown", "Southvale"], "\(admin)")
        let northtown = try await daemon.get("/v1/runs/\(id)", as: daemon.tokens.northtownAnalyst)
        #expect(try Self.outputAreas(northtown) == ["Northtown"], "\(northtown)")
        let twin = try await daemon.get("/v1/runs/\(id)", as: daemon.tokens.twinAnalyst)
        #expect(try Self.outputAreas(twin) == ["Northtown", "Southvale"], "\(twin)")
    }

    @Test func storedOutputsAreReadInTheReadersScope() async throws {
        let id = try await makeRun()
        let southvale = try await daemon.get("/v1/alerts?run=\(id)", as: daemon.tokens.southvaleManager)
        #expect(southvale.status == 200, "\(southvale)")
        let areas = JSONLines.areas(of: try daemon.read("samples/offenders.jsonl"))
        let offenders = Set((try southvale.object()["alerts"] as? [[String: Any]] ?? []).compactMap { $0["offender"] as? String })
        #expect(offenders.allSatisfy { areas[$0] == .some("Southvale") }, "\(offenders)")
        let live = try await daemon.get("/v1/alerts?date=2026-11-23&live=true", as: daemon.tokens.southvaleManager)
        #expect(Set((try live.object()["alerts"] as? [[String: Any]] ?? []).compactMap { $0["offender"] as? String }) == offenders)

        let results = try await daemon.get(Paths.results("run=\(id)"), as: daemon.tokens.southvaleManager)
        let liveResults = try await daemon.get(Paths.results("as_of=2026-11-23"), as: daemon.tokens.southvaleManager)
        #expect(Bytes.same(results.body, liveResults.body), Comment(rawValue: OneEngineTests.difference(results.body, liveResults.body)))
        let forbidden = try await daemon.get("/v1/alerts?run=\(id)&area=Southvale", as: daemon.tokens.northtownManager)
        #expect(forbidden.status == 403, "\(forbidden)")
    }

    @Test func aStoredOutputIsServedInTheAskedFormatAndAuditedWithItsOffendersOnce() async throws {
        let id = try await makeRun()
        let json = try await daemon.get("/v1/alerts?run=\(id)", as: daemon.tokens.southvaleManager)
        let path = "/v1/alerts?run=\(id)&format=csv"
        let csv = try await daemon.get(path, as: daemon.tokens.southvaleManager)
        #expect(json.status == 200 && csv.status == 200, "\(json) \(csv)")
        let offenders = (try json.object()["alerts"] as? [[String: Any]] ?? []).compactMap { $0["offender"] as? String }
        #expect(!offenders.isEmpty, "\(json)")
        // CSV rows end in CRLF, one Character to Swift: split on either.
        let rows = String(decoding: csv.body, as: UTF8.self).split(whereSeparator: \.isNewline).dropFirst()
        #expect(rows.count == offenders.count && rows.allSatisfy { !$0.hasPrefix("{") }, "\(csv)")
        var seen = Set<String>()
        let once = offenders.filter { seen.insert($0).inserted }
        let audit = try await daemon.get("/v1/audit")
        let entry = (try audit.object()["entries"] as? [[String: Any]] ?? []).last { $0["path"] as? String == path }
        #expect(entry?["offenders"] as? [String] == once, "\(String(describing: entry))")
    }

    @Test func ownerCannotBeCombinedWithRun() async throws {
        let id = try await makeRun()
        let response = try await daemon.get(Paths.results("run=\(id)&owner=police"))
        #expect(response.status == 400, "\(response)")
        #expect(try response.errorCode() == "bad-parameter")
    }
}

/// A record stored under one rule set and unreadable under the next is reported, not dropped silently.
@Suite
struct RunRejectTests {
    @Test func recordsTheRulesNoLongerReadAreListedUnderRejected() async throws {
        let daemon = try await DaemonProcess.start()
        defer { daemon.stop() }
        try await daemon.requireIngest("samples/offenders.jsonl")
        let original = try daemon.read("matrices/categories.ppo")
        let originalDigest = try #require(try await daemon.get("/v1/rules").object()["digest"] as? String)

        // A new category, then a record that uses it.
        let text = String(decoding: original, as: UTF8.self)
        let widened = text.replacingOccurrences(of: "  drugs_possession\n", with: "  drugs_possession, kite_flying\n")
        #expect(widened != text)
        try daemon.write("matrices/categories.ppo", Data(widened.utf8))
        try await Self.waitForDigest(daemon) { $0 != originalDigest }
        let record = #"{"id": "KF-0001", "name": "Kit Flyer", "dob": "1990-01-01", "area": "Northtown", "offences": [{"id": "KF-0001-01", "category": "kite_flying", "date": "2026-10-01", "evidence": "convicted"}]}"#
        let ingest = try await daemon.request("PUT", "/v1/offenders", as: daemon.tokens.admin, body: Data((record + "\n").utf8))
        #expect(try ingest.object()["inserted"] as? Int == 1, "\(ingest)")

        // The category goes again: the stored record no longer reads.
        try daemon.write("matrices/categories.ppo", original)
        try await Self.waitForDigest(daemon) { $0 == originalDigest }

        let export = try await daemon.get("/v1/offenders")
        try daemon.write("export.jsonl", export.body)
        let expected = try daemon.ppo("score", "--matrix", Paths.figure3, "--data", "export.jsonl", "--as-of", "2026-11-23", "--format", "json")
        #expect(expected.status == 3, "\(expected)")
        let ranking = try await daemon.get(Paths.ranking("as_of=2026-11-23"))
        #expect(ranking.status == 200, "\(ranking)")
        #expect(Bytes.same(ranking.body, expected.stdout), Comment(rawValue: OneEngineTests.difference(ranking.body, expected.stdout)))

        let created = try await daemon.request("POST", "/v1/runs?as_of=2026-11-23&force=true", as: daemon.tokens.admin)
        #expect(created.status == 201, "\(created)")
        let rejected = try created.object()["rejected"] as? [[String: Any]] ?? []
        #expect(rejected.contains { ($0["reason"] as? String)?.contains("kite_flying") == true }, "no \"rejected\" naming kite_flying: \(created)")
        let id = try #require(try created.object()["id"] as? Int)
        let stored = try await daemon.get("/v1/runs/\(id)")
        let storedRejected = try stored.object()["rejected"] as? [[String: Any]] ?? []
        #expect(storedRejected.contains { ($0["reason"] as? String)?.contains("kite_flying") == true }, "no \"rejected\" naming kite_flying: \(stored)")
    }

    static func waitForDigest(_ daemon: DaemonProcess, _ condition: (String) -> Bool) async throws {
        let deadline = Date().addingTimeInterval(Patience.seconds)
        while true {
            let rules = try await daemon.get("/v1/rules").object()
            if let digest = rules["digest"] as? String, condition(digest), rules["rejected_edit"] is NSNull { return }
            if Date() >= deadline { break }  // checked once more after a long wait for a turn
            try await Task.sleep(for: .milliseconds(100))
        }
        Issue.record("the rules were not reloaded within \(Int(Patience.seconds)) s")
    }
}
