import Foundation
import Testing

/// Edits to the rules folders are checked while the daemon runs: a broken edit is refused and
/// reported, a clean one is swapped in.
@Suite
struct HotReloadTests {
    static let robberyLine = #"    robbery               "Robbery"                    5"#
    static let burglaryLine = #"    burglary_dwelling     "Burglary dwelling"          4 series 5"#

    /// Polls `GET /v1/rules` every 0.1 s until `condition` holds (10 s at most), and returns the last answer.
    func pollRules(_ daemon: DaemonProcess, until condition: ([String: Any]) -> Bool) async throws -> [String: Any] {
        let deadline = Date().addingTimeInterval(Patience.seconds)
        var rules: [String: Any] = [:]
        while true {
            let response = try await daemon.get("/v1/rules")
            try #require(response.status == 200, "\(response)")
            rules = try response.object()
            if condition(rules) { return rules }
            if Date() >= deadline { break }  // checked once more after a long wait for a turn
            try await Task.sleep(for: .milliseconds(100))
        }
        Issue.record("GET /v1/rules did not reach the expected state within \(Int(Patience.seconds)) s: \(JSONLines.canonical(rules))")
        return rules
    }

    @Test func brokenEditIsRefusedAndACleanOneIsSwappedIn() async throws {
        let daemon = try await DaemonProcess.start()
        defer { daemon.stop() }
        try await daemon.requireIngest("samples/offenders.jsonl")
        let rankingPath = Paths.ranking("as_of=2026-11-22")

        let before = try await daemon.get("/v1/rules")
        let oldDigest = try #require(try before.object()["digest"] as? String, "\(before)")
        let oldRanking = try await daemon.get(rankingPath)
        #expect(oldRanking.status == 200, "\(oldRanking)")
        let oldScore = try Self.score(of: "NT-0001", in: oldRanking)

        // A misspelled category on line 43 (one character shorter, so even a size check sees it).
        let original = String(decoding: try daemon.read("matrices/figure3.ppo"), as: UTF8.self)
        let robberyLineNumber = try #require(original.split(separator: "\n", omittingEmptySubsequences: false)
            .firstIndex { $0.hasPrefix(Self.robberyLine) }).advanced(by: 1)
        #expect(robberyLineNumber == 43)
        let broken = original.replacingOccurrences(of: Self.robberyLine,
                                                   with: #"    robbry                "Robbery"                    5"#)
        #expect(broken != original)
        try daemon.write("matrices/figure3.ppo", Data(broken.utf8))

        let refused = try await pollRules(daemon) { !($0["rejected_edit"] is NSNull) && $0["rejected_edit"] != nil }
        #expect(refused["digest"] as? String == oldDigest, "the broken edit changed the digest")
        let edit = refused["rejected_edit"] as? [String: Any] ?? [:]
        #expect(edit["at"] is String && edit["digest"] is String && edit["text"] is String, "\(edit)")
        let diagnostics = edit["diagnostics"] as? [[String: Any]] ?? []
        #expect(diagnostics.contains { diagnostic in
            (diagnostic["file"] as? String)?.hasSuffix("figure3.ppo") == true && diagnostic["line"] as? Int == robberyLineNumber
                && diagnostic["severity"] as? String == "error"
        }, "no error naming figure3.ppo line \(robberyLineNumber): \(diagnostics)")
        #expect(diagnostics.contains { $0["id"] as? String == "unknown-category" }, "\(diagnostics)")

        let stillServed = try await daemon.get(rankingPath)
        #expect(stillServed.status == 200, "\(stillServed)")
        #expect(stillServed.header("PPO-Rules-Digest") == oldDigest, "\(stillServed)")
        #expect(try stillServed.object()["rules_digest"] as? String == oldDigest)
        #expect(Bytes.same(stillServed.body, oldRanking.body), "the ranking changed under a refused edit")

        // A clean edit: series burglaries are worth 10 instead of 5.
        let changed = original.replacingOccurrences(of: Self.burglaryLine, with: Self.burglaryLine.dropLast() + "10")
        #expect(changed != original)
        try daemon.write("matrices/figure3.ppo", Data(changed.utf8))
        let accepted = try await pollRules(daemon) { ($0["digest"] as? String) != oldDigest && $0["rejected_edit"] is NSNull }
        let newDigest = try #require(accepted["digest"] as? String)

        let expected = try daemon.ppo("score", "--matrix", Paths.figure3, "--data", "samples/offenders.jsonl",
                                      "--as-of", "2026-11-22", "--format", "json")
        let newRanking = try await daemon.get(rankingPath)
        #expect(newRanking.status == 200, "\(newRanking)")
        #expect(newRanking.header("PPO-Rules-Digest") == newDigest, "\(newRanking)")
        #expect(Bytes.same(newRanking.body, expected.stdout), Comment(rawValue: OneEngineTests.difference(newRanking.body, expected.stdout)))
        // NT-0001 has two series burglaries, each 5 points more, weighted 6.
        #expect(try Self.score(of: "NT-0001", in: newRanking) == oldScore + 2 * 5 * 6)
    }

    static let secondMatrix = """
        # A second, smaller matrix: shoplifting only.
        matrix "Shop Theft Watch"
          version "t-1"
          window 1 years
          evidence convicted 1, admitted 1, suspected 0.5
          eligible when age >= 10
          offences "Crime categories"
            shoplifting "Shoplifting" 2
          end
          tiers
            "Watch" >= 4
            "Low"   otherwise
          end
          capacity 5
        end

        """

    @Test func addedAndRemovedFilesAreNoticed() async throws {
        let daemon = try await DaemonProcess.start()
        defer { daemon.stop() }
        try await daemon.requireIngest("samples/offenders.jsonl")
        let original = try #require(try await daemon.get("/v1/rules").object()["digest"] as? String)

        try daemon.write("matrices/second.ppo", Data(Self.secondMatrix.utf8))
        let added = try await pollRules(daemon) { ($0["files"] as? [String] ?? []).contains { $0.hasSuffix("matrices/second.ppo") } }
        #expect(EndpointTests.names(added["matrices"]).contains("Shop Theft Watch"), "\(JSONLines.canonical(added))")
        #expect(added["digest"] as? String != original)

        let expected = try daemon.ppo("score", "--matrix", "Shop Theft Watch", "--data", "samples/offenders.jsonl",
                                      "--as-of", "2026-11-22", "--format", "json")
        let ranking = try await daemon.get(Paths.ranking("as_of=2026-11-22", matrix: "Shop Theft Watch"))
        #expect(Bytes.same(ranking.body, expected.stdout), Comment(rawValue: OneEngineTests.difference(ranking.body, expected.stdout)))
        // Two matrices: explain must be told which.
        let explain = try await daemon.get(Paths.explain("NT-0005", "as_of=2026-11-22"))
        #expect(explain.status == 400, "\(explain)")
        #expect(try explain.errorCode() == "bad-parameter")

        try FileManager.default.removeItem(at: daemon.directory.appendingPathComponent("matrices/second.ppo"))
        let removed = try await pollRules(daemon) { $0["digest"] as? String == original }
        #expect(!EndpointTests.names(removed["matrices"]).contains("Shop Theft Watch"))
        let gone = try await daemon.get(Paths.ranking("as_of=2026-11-22", matrix: "Shop Theft Watch"))
        #expect(gone.status == 404, "\(gone)")
    }

    /// A deploy that clears the folders before refilling them: the empty set is refused, reported in
    /// `GET /v1/rules`, the log and the metrics, and the last good rules keep answering.
    @Test func emptiedFoldersAreARefusedEdit() async throws {
        let daemon = try await DaemonProcess.start()
        defer { daemon.stop() }
        try await daemon.requireIngest("samples/offenders.jsonl")
        let rankingPath = Paths.ranking("as_of=2026-11-22")
        let oldRanking = try await daemon.get(rankingPath)
        #expect(oldRanking.status == 200, "\(oldRanking)")
        let oldDigest = try #require(try await daemon.get("/v1/rules").object()["digest"] as? String)

        var saved: [(String, Data)] = []
        for folder in ["matrices", "rules"] {
            let url = daemon.directory.appendingPathComponent(folder)
            for name in try FileManager.default.contentsOfDirectory(atPath: url.path) {
                saved.append(("\(folder)/\(name)", try daemon.read("\(folder)/\(name)")))
                try FileManager.default.removeItem(at: url.appendingPathComponent(name))
            }
        }
        // The files go one by one, so a half-emptied set may be refused first: wait for the empty one.
        let refused = try await pollRules(daemon) {
            (($0["rejected_edit"] as? [String: Any])?["reason"] as? String)?.hasPrefix("no .ppo files in ") == true
        }
        #expect(refused["digest"] as? String == oldDigest)
        #expect(!EndpointTests.names(refused["matrices"]).isEmpty, "\(JSONLines.canonical(refused))")

        let stillServed = try await daemon.get(rankingPath)
        #expect(stillServed.status == 200, "\(stillServed)")
        #expect(Bytes.same(stillServed.body, oldRanking.body), "the ranking changed under a refused edit")
        let metrics = String(decoding: try await daemon.get("/metrics").body, as: UTF8.self)
        let failures = metrics.split(separator: "\n").first { $0.hasPrefix("ppod_rules_reload_failures_total ") }
        #expect(failures.flatMap { Int($0.split(separator: " ").last ?? "") } ?? 0 >= 1, "\(metrics)")
        #expect(daemon.standardError.contains("rules edit refused: no .ppo files in"), "\(daemon.standardError.suffix(2000))")

        // Refilled: the same rules again, and the refusal is cleared.
        for (path, data) in saved { try daemon.write(path, data) }
        let restored = try await pollRules(daemon) { $0["rejected_edit"] is NSNull }
        #expect(restored["digest"] as? String == oldDigest)
    }

    static func score(of id: String, in response: HTTPResponse) throws -> Int {
        let offenders = try response.object()["offenders"] as? [[String: Any]] ?? []
        return try #require(offenders.first { $0["id"] as? String == id }?["score"] as? Int, "\(id) not ranked")
    }
}
