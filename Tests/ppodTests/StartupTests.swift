import Foundation
import Testing

/// Starting the daemon: it never serves without clean rules and tokens, and `--ingest` loads at start.
@Suite
struct StartupTests {
    @Test func brokenRulesStopTheStartLikePPOCheck() async throws {
        let daemon = try DaemonProcess()
        let original = String(decoding: try daemon.read("matrices/figure3.ppo"), as: UTF8.self)
        try daemon.write("matrices/figure3.ppo", Data(original.replacingOccurrences(
            of: HotReloadTests.robberyLine, with: #"    robbry                "Robbery"                    5"#).utf8))
        let check = try daemon.ppo("check", "--rules", "matrices", "--rules", "rules")
        #expect(check.status == 1, "\(check)")
        do {
            try await daemon.launch()
            Issue.record("ppod started with broken rules")
        } catch let failure as DaemonFailure {
            #expect(failure.status == 1, "\(failure)")
            #expect(failure.standardError.contains("figure3.ppo:43:5: error: unknown category 'robbry'"), "\(failure)")
        }
    }

    @Test func emptyRulesFoldersStopTheStart() async throws {
        let daemon = try DaemonProcess()
        for folder in ["matrices", "rules"] {
            let url = daemon.directory.appendingPathComponent(folder)
            for name in try FileManager.default.contentsOfDirectory(atPath: url.path) {
                try FileManager.default.removeItem(at: url.appendingPathComponent(name))
            }
        }
        do {
            try await daemon.launch()
            daemon.stop()
            Issue.record("ppod started with no rules")
        } catch let failure as DaemonFailure {
            #expect(failure.status == 2, "\(failure)")
            #expect(failure.standardError.contains("ppod: not started: no rules to serve: no .ppo files in"), "\(failure)")
        }
    }

    @Test func malformedTokenLineStopsTheStart() async throws {
        let daemon = try DaemonProcess()
        var tokens = String(decoding: try daemon.read("tokens.txt"), as: UTF8.self)
        let lineNumber = tokens.split(separator: "\n", omittingEmptySubsequences: false).count
        tokens += "broken-line analyst\n"
        try daemon.write("tokens.txt", Data(tokens.utf8))
        do {
            try await daemon.launch()
            Issue.record("ppod started with a malformed token file")
        } catch let failure as DaemonFailure {
            #expect(failure.status != 0, "\(failure)")
            #expect(failure.standardError.contains("tokens.txt:\(lineNumber):"), "\(failure)")
        }
    }

    @Test func ingestAtStartIsAuditedAsPPODIngest() async throws {
        let daemon = try await DaemonProcess.start(["--ingest", "samples/offenders-previous.jsonl", "--ingest", "samples/offenders.jsonl"])
        defer { daemon.stop() }
        let health = try await daemon.get("/healthz")
        let ids = Set(JSONLines.ids(of: try daemon.read("samples/offenders.jsonl")))
            .union(JSONLines.ids(of: try daemon.read("samples/offenders-previous.jsonl")))
        #expect(try health.object()["offenders"] as? Int == ids.count, "\(health)")
        let audit = try await daemon.get("/v1/audit")
        let entries = try audit.object()["entries"] as? [[String: Any]] ?? []
        #expect(entries.filter { $0["token"] as? String == "ppod --ingest" }.count == 2, "\(audit)")

        // As if the two files had been PUT in turn: the same alerts as ppo on the two samples.
        let samples = try daemon.ppo("alerts", "--data", "samples/offenders.jsonl", "--previous", "samples/offenders-previous.jsonl",
                                     "--as-of", "2026-11-23", "--format", "json")
        let expected = (try JSONSerialization.jsonObject(with: samples.stdout) as? [String: Any])?["alerts"] as? [Any] ?? []
        let live = try await daemon.get("/v1/alerts?date=2026-11-23&live=true")
        let served = try live.object()["alerts"] as? [Any] ?? []
        #expect(JSONLines.canonicalElements(served) == JSONLines.canonicalElements(expected),
                Comment(rawValue: OneEngineTests.alertDifference(served, expected)))
    }

    /// `--time-zone` decides "today": far west of London, the date is often a day behind.
    @Test func timeZoneDecidesTheDefaultDate() async throws {
        let daemon = try await DaemonProcess.start(["--time-zone", "Pacific/Pago_Pago"])
        defer { daemon.stop() }
        try await daemon.requireIngest("samples/offenders.jsonl")
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(identifier: "Pacific/Pago_Pago"))
        func today() -> String {
            let parts = calendar.dateComponents([.year, .month, .day], from: Date())
            return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
        }
        let before = today()
        let ranking = try await daemon.get(Paths.ranking(""))
        let alerts = try await daemon.get("/v1/alerts")
        let after = today()
        #expect([before, after].contains(try ranking.object()["as_of"] as? String ?? ""), "\(ranking)")
        #expect([before, after].contains(try alerts.object()["as_of"] as? String ?? ""), "\(alerts)")
    }

    /// SIGTERM ends the daemon promptly and cleanly, whether or not a daily run is scheduled.
    @Test(arguments: ["off", "00:00", "23:59"])
    func sigtermStopsPromptly(dailyAt: String) async throws {
        let daemon = try await DaemonProcess.start(["--daily-at", dailyAt])
        _ = try await daemon.get("/healthz")
        let status = daemon.terminate(within: 5)
        #expect(status == 0, "--daily-at \(dailyAt): exit status \(status.map(String.init) ?? "none: still running after 5 s")")
    }

    @Test func tokenCommandPrintsATokenAndItsLine() async throws {
        let daemon = try DaemonProcess()
        let output = try PPO.runDaemonCommand(["token", "--name", "new-analyst", "--role", "analyst", "--areas", "Northtown,Southvale"],
                                              in: daemon.directory)
        #expect(output.status == 0, "\(output)")
        // The token and the line may go to either stream (ppod prints the token alone on standard output).
        let lines = (output.stdoutText + "\n" + output.stderr).split(separator: "\n").map(String.init)
        let fileLine = try #require(lines.first { $0.split(whereSeparator: \.isWhitespace).first == "new-analyst" }, "\(output)")
        let fields = fileLine.split(whereSeparator: \.isWhitespace).map(String.init)
        #expect(fields.count == 5 && fields[1] == "analyst" && fields[2] == "Northtown,Southvale", "\(fileLine)")
        // The token itself: the longest word printed outside the token file line.
        let words: [String] = lines.filter { $0 != fileLine }.flatMap { line in
            line.split(whereSeparator: \.isWhitespace).map(String.init)
        }
        let token = try #require(words.max { $0.count < $1.count }, "\(output)")
        #expect(token.count >= 32, "\(output)")

        try daemon.write("tokens.txt", try daemon.read("tokens.txt") + Data((fileLine + "\n").utf8))
        try await daemon.launch()
        defer { daemon.stop() }
        let response = try await daemon.request("GET", "/v1/rules", token: token)
        #expect(response.status == 200, "token \(token) from \(output): \(response)")
    }

    /// `ppod token` writes only lines the file can read back: a name or an area the format cannot
    /// hold is a usage error, and nothing is printed to add.
    @Test func tokenCommandRefusesWhatTheFileCannotHold() throws {
        let daemon = try DaemonProcess()
        for arguments in [["--name", "a#b", "--areas", "Northtown"], ["--name", "a b", "--areas", "Northtown"],
                          ["--name", "a", "--areas", "Northtown#x"], ["--name", "a", "--areas", ",*"],
                          ["--name", "a", "--areas", "Northtown,*"], ["--name", "a", "--areas", "North\u{7}town"],
                          ["--name", "a", "--areas", "Northtown,"]] {
            let output = try PPO.runDaemonCommand(["token", "--role", "analyst"] + arguments, in: daemon.directory)
            #expect(output.status != 0, "\(arguments): \(output)")
            #expect(output.stderr.contains("Error:"), "\(arguments): \(output)")
            #expect(!output.stderr.contains("add to the token file"), "\(arguments): \(output)")
        }
    }

    @Test func tokenCommandGrantsEveryAreaWithAStarAlone() throws {
        let daemon = try DaemonProcess()
        let output = try PPO.runDaemonCommand(["token", "--name", "all-areas", "--role", "admin", "--areas", "*"],
                                              in: daemon.directory)
        #expect(output.status == 0, "\(output)")
        let fields = (output.stdoutText + "\n" + output.stderr).split(separator: "\n")
            .map { $0.split(whereSeparator: \.isWhitespace) }.first { $0.first == "all-areas" } ?? []
        #expect(fields.count == 5 && fields[2] == "*", "\(output)")
    }
}
