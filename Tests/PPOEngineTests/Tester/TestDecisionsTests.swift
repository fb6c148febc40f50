import Foundation
import Testing
@testable import PPOEngine

/// A `test` block's `decisions "FILE"`: the test evaluates with the panel's decisions, and a decision
/// that cannot be used fails it, as a rejected record does (docs/language.md, "test").
@Suite struct TestDecisionsTests {
    static let rules = CohortTests.scheme + """

    alerts "A"
      alert "PPO"
        for ppo
        when true
      end
      alert "Deselected"
        for all
        when cohort.status = deselected
      end
    end
    """

    static let data = """
    {"id": "X", "ppo": {"status": "adopted"}}
    {"id": "Y", "ppo": {"status": "candidate"}}

    """

    func run(decisions: String?, _ expectations: String) throws -> TestCaseResult {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ppo-tester-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let dataPath = folder.appendingPathComponent("data.jsonl").path
        try Data(Self.data.utf8).write(to: URL(fileURLWithPath: dataPath))
        var clause = ""
        if let decisions {
            let path = folder.appendingPathComponent("decisions.jsonl").path
            try Data(decisions.utf8).write(to: URL(fileURLWithPath: path))
            clause = "  decisions \"\(path)\"\n"
        }
        let test = "test \"T\"\n  alerts \"A\"\n  as of 2026-11-22\n  data \"\(dataPath)\"\n\(clause)\(expectations)end\n"
        let rules = Fixture.rules(Self.rules + "\n" + test, path: "tests.ppo")
        #expect(!rules.hasErrors, "\(rules.diagnostics.map(\.message))")
        return try #require(TestRunner(rules: rules).run().first)
    }

    static let expectations = """
      expect "X" no alert "PPO"
      expect "X" alert "Deselected"
      expect "Y" alert "PPO"

    """

    @Test func theDecisionsDecideIsPPO() throws {
        let decisions = CohortTests.decisions(["D1 X adopt 2026-01-05 fixed", "D2 X deselect 2026-06-01",
                                               "D3 Y adopt 2026-02-02 flex"])
        let result = try run(decisions: decisions, Self.expectations)
        #expect(result.failures.isEmpty, "\(result.failures.map(\.message))")
    }

    @Test func withoutThemTheRecordsDo() throws {
        let result = try run(decisions: nil, Self.expectations)
        #expect(result.failures.map(\.message).count == 3, "\(result.failures.map(\.message))")
    }

    @Test func aDecisionThatCannotBeUsedFailsTheTest() throws {
        let decisions = CohortTests.decisions(["D1 X adopt 2026-01-05 fixd"])
        let result = try run(decisions: decisions, "")
        #expect(result.failures.map(\.message).contains { $0.hasPrefix("decision rejected: ") && $0.contains("strand 'fixd'") },
                "\(result.failures.map(\.message))")
    }
}
