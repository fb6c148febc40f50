import Foundation
import Testing

/// Answers read one consistent state of the store, even while an ingest is under way.
@Suite
struct ConsistencyTests {
    @Test func rankingsDuringAnIngestSeeTheStateBeforeOrAfter() async throws {
        let daemon = try await DaemonProcess.start()
        defer { daemon.stop() }
        try await daemon.requireIngest("samples/offenders-previous.jsonl")
        try daemon.write("before.jsonl", try await daemon.get("/v1/offenders").body)

        let path = Paths.ranking("as_of=2026-11-22")
        let answers = try await withThrowingTaskGroup(of: HTTPResponse?.self) { group in
            group.addTask {
                _ = try await daemon.requireIngest("samples/offenders.jsonl")
                return nil
            }
            for index in 0..<8 {
                group.addTask {
                    try await Task.sleep(for: .milliseconds(15 * index))
                    return try await daemon.get(path)
                }
            }
            var answers: [HTTPResponse] = []
            for try await answer in group { if let answer { answers.append(answer) } }
            return answers
        }
        try daemon.write("after.jsonl", try await daemon.get("/v1/offenders").body)

        let before = try daemon.ppo("score", "--matrix", Paths.figure3, "--data", "before.jsonl", "--as-of", "2026-11-22", "--format", "json")
        let after = try daemon.ppo("score", "--matrix", Paths.figure3, "--data", "after.jsonl", "--as-of", "2026-11-22", "--format", "json")
        for answer in answers {
            #expect(answer.status == 200, "\(answer)")
            #expect(Bytes.same(answer.body, before.stdout) || Bytes.same(answer.body, after.stdout),
                    "an answer that is neither the state before nor after: \(answer)")
            #expect(answer.header("PPO-Data-Digest") == (try answer.object()["data_digest"] as? String))
        }
    }

    /// A rules swap while rankings are answered: each answer is wholly the old rules' or the new ones'.
    @Test func rankingsDuringARulesSwapSeeOneRuleSet() async throws {
        let daemon = try await DaemonProcess.start()
        defer { daemon.stop() }
        try await daemon.requireIngest("samples/offenders.jsonl")
        let arguments = ["score", "--matrix", Paths.figure3, "--data", "samples/offenders.jsonl", "--as-of", "2026-11-22", "--format", "json"]
        let before = try PPO.run(arguments, in: daemon.directory)
        let text = String(decoding: try daemon.read("matrices/figure3.ppo"), as: UTF8.self)
        let edited = text.replacingOccurrences(of: HotReloadTests.burglaryLine, with: HotReloadTests.burglaryLine.dropLast() + "10")

        let path = Paths.ranking("as_of=2026-11-22")
        let answers = try await withThrowingTaskGroup(of: HTTPResponse?.self) { group in
            group.addTask {
                try daemon.write("matrices/figure3.ppo", Data(edited.utf8))
                return nil
            }
            for index in 0..<10 {
                group.addTask {
                    try await Task.sleep(for: .milliseconds(40 * index))
                    return try await daemon.get(path)
                }
            }
            var answers: [HTTPResponse] = []
            for try await answer in group { if let answer { answers.append(answer) } }
            return answers
        }
        let after = try PPO.run(arguments, in: daemon.directory)
        for answer in answers {
            #expect(answer.status == 200, "\(answer)")
            #expect(Bytes.same(answer.body, before.stdout) || Bytes.same(answer.body, after.stdout),
                    "an answer from neither rule set: \(answer)")
            #expect(answer.header("PPO-Rules-Digest") == (try answer.object()["rules_digest"] as? String))
        }
    }

    /// Line endings, blank lines, a missing final newline: read exactly as `ppo` reads the same file.
    @Test func awkwardlyFormattedBodyIsReadAsPPOReadsIt() async throws {
        let daemon = try await DaemonProcess.start()
        defer { daemon.stop() }
        let lines = JSONLines.lines(of: try daemon.read("samples/offenders.jsonl")).prefix(6).map { $0 }
        var text = lines[0] + "\r\n" + lines[1] + "\n\n" + "   \n" + lines[2] + "\r\n" + "{\"id\": \"NT-BAD\"\n"
        text += lines[3] + "\n" + lines[4] + "\n" + lines[5]
        try daemon.write("awkward.jsonl", Data(text.utf8))

        let expected = try daemon.ppo("score", "--matrix", Paths.figure3, "--data", "awkward.jsonl", "--as-of", "2026-11-22", "--format", "json")
        let response = try await daemon.ingest("awkward.jsonl", query: "?source=awkward.jsonl")
        #expect(response.status == 200, "\(response)")
        let ingest = try response.object()
        let messages = (ingest["rejected"] as? [[String: Any]] ?? []).compactMap { $0["message"] as? String }
        #expect(messages == expected.rejectLines(naming: "awkward.jsonl"), "ppo: \(expected.stderr)")
        let accepted = try #require(try JSONSerialization.jsonObject(with: expected.stdout) as? [String: Any], "\(expected)")
        let stored = JSONLines.ids(of: try await daemon.get("/v1/offenders").body)
        #expect(Set(stored) == Set(JSONLines.rankingIDs(accepted)))
        #expect(stored == lines.compactMap { JSONLines.ids(of: Data($0.utf8)).first }, "not in arrival order")
    }

    /// Bytes that are not UTF-8, and an empty body.
    @Test func invalidUTF8IsRejectedAsPPORejectsIt() async throws {
        let daemon = try await DaemonProcess.start()
        defer { daemon.stop() }
        let lines = JSONLines.lines(of: try daemon.read("samples/offenders.jsonl"))
        var body = Data((lines[0] + "\n").utf8)
        body.append(Data(#"{"id": "NT-8001", "name": "Bad "#.utf8) + Data([0xFF, 0xFE]) + Data(#"Bytes", "dob": "1990-01-01"}"#.utf8 + [10]))
        body.append(Data((lines[1] + "\n").utf8))
        try daemon.write("bytes.jsonl", body)
        let expected = try daemon.ppo("score", "--matrix", Paths.figure3, "--data", "bytes.jsonl", "--as-of", "2026-11-22", "--format", "json")
        let response = try await daemon.ingest("bytes.jsonl", query: "?source=bytes.jsonl")
        #expect(response.status == 200, "\(response)")
        let messages = (try response.object()["rejected"] as? [[String: Any]] ?? []).compactMap { $0["message"] as? String }
        #expect(messages == expected.rejectLines(naming: "bytes.jsonl"), "ppo: \(expected.stderr)")

        let empty = try await daemon.request("PUT", "/v1/offenders", as: daemon.tokens.admin, body: Data())
        #expect(empty.status == 200, "\(empty)")
        #expect(try empty.object()["received"] as? Int == 0, "\(empty)")
        #expect(try empty.object()["offenders"] as? Int == JSONLines.ids(of: try await daemon.get("/v1/offenders").body).count)
    }

    /// A chunked body (no Content-Length) over the limit: refused as a whole, even the records read before the limit.
    @Test func chunkedBodyOverTheLimitStoresNothing() async throws {
        let daemon = try await DaemonProcess.start(["--max-request-mb", "1"])
        defer { daemon.stop() }
        let output = try daemon.ppo("generate", "--offenders", "900", "--seed", "5", "--output", "big.jsonl")
        #expect(output.status == 0, "\(output)")
        let response = try await daemon.streamIngest(try daemon.read("big.jsonl"))
        #expect(response.status == 413, "\(response)")
        #expect(try response.errorCode() == "too-large")
        let health = try await daemon.get("/healthz")
        #expect(try health.object()["offenders"] as? Int == 0, "\(health)")
    }
}
