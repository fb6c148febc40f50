import Foundation
import Testing

@Suite(.tags(.engine)) struct ScoreCommandTests {
    static let base = ["score", "--matrix", "Northtown PPO", "--data", "data.jsonl", "--as-of", "2026-11-22"]

    func score(_ extra: [String] = [], in project: Workspace? = nil) throws -> PPOResult {
        try PPORunner.run(Self.base + extra, in: project ?? Fixtures.project())
    }

    @Test func jsonIsTheRankedList() throws {
        let result = try score(["--format", "json"])
        #expect(result.status == 0, "\(result)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["matrix"] as? String == "Northtown PPO")
        #expect(object["version"] as? String == "T-1")
        #expect(object["as_of"] as? String == "2026-11-22")
        #expect((object["rules_digest"] as? String)?.count == 64)
        #expect((object["data_digest"] as? String)?.count == 64)
        let offenders = try #require(object["offenders"] as? [[String: Any]])
        #expect(offenders.map { $0["id"] as? String } == ["A1", "A4", "A2"])
        #expect(offenders.map { $0["score"] as? Int } == [20, 8, 4])
        #expect(offenders.map { $0["rank"] as? Int } == [1, 2, 3])
        #expect(offenders.map { $0["tier"] as? String } == ["High", "Low", "Low"])
        #expect(offenders.map { $0["recommended"] as? Bool } == [true, false, false])
        let main = try #require(offenders[0]["main_category"] as? [String: Any])
        #expect(main["row"] as? String == "burglary")
        #expect(main["weight"] as? Int == 2)
        let lines = try #require(offenders[0]["lines"] as? [[String: Any]])
        let evidence = lines.flatMap { $0["evidence"] as? [String] ?? [] }
        #expect(evidence.contains("O1") && evidence.contains("O2") && evidence.contains("R1"))
        #expect(!evidence.contains("R2"))
        let ineligible = try #require(object["ineligible"] as? [[String: Any]])
        #expect(ineligible.map { $0["id"] as? String } == ["A3"])
        #expect((object["rejected"] as? [Any])?.isEmpty == true)
        #expect(result.stderr.isEmpty, "\(result)")
    }

    @Test func jsonIsTheDefaultWhenNotATerminal() throws {
        let result = try score()
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.hasPrefix("{\n  \"matrix\": \"Northtown PPO\""), "\(result)")
    }

    @Test func tableFitsEightyColumns() throws {
        let result = try score(["--format", "table"])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("Northtown PPO"))
        #expect(result.stdout.contains("Ann Example"))
        for line in result.stdout.split(separator: "\n") { #expect(line.count <= 80, "\(line)") }
    }

    @Test func csvOpensInASpreadsheet() throws {
        let result = try score(["--format", "csv"])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.hasPrefix("\u{FEFF}rank,id,name,score,tier,recommended,tie_at_capacity,main_category,weight\r\n1,A1,Ann Example,20,High,true,false,burglary,2\r\n"), "\(result)")
    }

    @Test func outputIsWrittenAtomicallyToAFile() throws {
        let project = try Fixtures.project()
        try project.write("out/list.json", "stale")
        let result = try score(["--output", "out/list.json"], in: project)
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.isEmpty)
        #expect(try project.read("out/list.json").hasPrefix("{"))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: project.url.appendingPathComponent("out").path)
        #expect(leftovers == ["list.json"])
    }

    @Test func rejectedRecordsExitThreeAfterTheOutput() throws {
        let project = try Fixtures.project()
        try project.write("bad.jsonl", Fixtures.dataWithRejects)
        let result = try PPORunner.run(["score", "--matrix", "Northtown PPO", "--data", "bad.jsonl", "--as-of",
                                        "2026-11-22", "--format", "json", "--rejects", "rejects.jsonl"], in: project)
        #expect(result.status == 3, "\(result)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect((object["offenders"] as? [[String: Any]])?.map { $0["id"] as? String } == ["B1"])
        #expect((object["rejected"] as? [[String: Any]])?.map { $0["line"] as? Int } == [2, 3, 4])
        #expect(result.stderr.contains("bad.jsonl:2: "), "\(result)")
        #expect(result.stderr.contains("bad.jsonl:3: "), "\(result)")
        #expect(result.stderr.contains("bad.jsonl:4: "), "\(result)")
        let lines = Fixtures.dataWithRejects.split(separator: "\n")
        #expect(try project.read("rejects.jsonl") == lines[1...3].joined(separator: "\n") + "\n")
    }

    @Test func anEmptyRejectsFileWhenNothingIsRejected() throws {
        let project = try Fixtures.project()
        try project.write("rejects.jsonl", "stale\n")
        let result = try score(["--rejects", "rejects.jsonl"], in: project)
        #expect(result.status == 0, "\(result)")
        #expect(try project.read("rejects.jsonl") == "")
    }

    @Test func anUnknownMatrixSuggestsTheClosest() throws {
        let result = try Fixtures.project().ppo("score", "--matrix", "Northtwon PPO", "--data", "data.jsonl")
        #expect(result.status == 2, "\(result)")
        #expect(result.stderr.contains("unknown matrix 'Northtwon PPO'; did you mean 'Northtown PPO'?"), "\(result)")
        #expect(result.stdout.isEmpty)
    }

    @Test func theMatrixCanBeNamedByItsFile() throws {
        let result = try Fixtures.project().ppo("score", "--matrix", "matrices/northtown.ppo", "--data", "data.jsonl",
                                                "--as-of", "2026-11-22", "--format", "json")
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("\"matrix\": \"Northtown PPO\""), "\(result)")
    }

    @Test func aMatrixFileOutsideTheRulesIsLoaded() throws {
        let project = try Fixtures.project()
        let copy = Fixtures.matrix.components(separatedBy: "matrix \"Northtown PPO\"")
        try project.write("drafts/other.ppo", "matrix \"Other\"" + (copy.last ?? ""))
        let result = try project.ppo("score", "--matrix", "drafts/other.ppo", "--data", "data.jsonl", "--format", "json")
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("\"matrix\": \"Other\""), "\(result)")
    }

    @Test func aFileWithoutAMatrixIsAUsageError() throws {
        let result = try Fixtures.project().ppo("score", "--matrix", "rules/tests.ppo", "--data", "data.jsonl")
        #expect(result.status == 2, "\(result)")
        #expect(result.stderr.contains("defines no matrix"), "\(result)")
    }

    @Test func ruleErrorsStopBeforeEvaluating() throws {
        let project = try Fixtures.project()
        try project.write("matrices/northtown.ppo", Fixtures.misspelled)
        let result = try score(["--format", "json"], in: project)
        #expect(result.status == 1, "\(result)")
        #expect(result.stdout.isEmpty, "\(result)")
        #expect(result.stderr.contains("matrices/northtown.ppo:14:5: error:"), "\(result)")
    }

    @Test func anUnreadableDataFileIsAUsageError() throws {
        let result = try Fixtures.project().ppo("score", "--matrix", "Northtown PPO", "--data", "missing.jsonl")
        #expect(result.status == 2, "\(result)")
        #expect(result.stderr.contains("cannot read the data file"), "\(result)")
    }

    @Test func asOfMovesTheWindow() throws {
        // On 2026-06-01 A4's code-28 offence (2026-10-01) has not happened yet.
        let result = try Fixtures.project().ppo("score", "--matrix", "Northtown PPO", "--data", "data.jsonl",
                                                "--as-of", "2026-06-01", "--format", "json")
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("\"as_of\": \"2026-06-01\""))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let a4 = (object["offenders"] as? [[String: Any]])?.first { $0["id"] as? String == "A4" }
        #expect(a4?["score"] as? Int == 0)
    }
}
