import Foundation
import Testing
@testable import PPOEngine

/// `alert`, `no alert`, `breach` and `status` expectations in checklist and alerts tests.
@Suite struct DutyAndAlertExpectationTests {
    static let rules = """
    checklist "PS"
      events charged, mg6
      rule "MG6"
        owner police
        require mg6 within 3 days after charged
      end
    end
    alerts "Daily"
      alert "Moved"
        when changed(current_custody.establishment)
      end
    end
    """

    static let data = """
    {"id":"A","ppo":{"status":"adopted"},"custody":[{"id":"c","establishment":"HMP Two","received":"2026-01-01"}],"cases":[{"id":"K","events":[{"id":"k1","type":"charged","date":"2026-11-01"}]}]}
    {"id":"B","ppo":{"status":"adopted"},"cases":[{"id":"K","events":[{"id":"k2","type":"charged","date":"2026-11-21"}]}]}

    """

    static let previous = """
    {"id":"A","ppo":{"status":"adopted"},"custody":[{"id":"c","establishment":"HMP One","received":"2026-01-01"}]}

    """

    func run(target: String, previous: Bool, _ expectations: String) throws -> TestCaseResult {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ppo-tester-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let dataPath = folder.appendingPathComponent("data.jsonl").path
        let previousPath = folder.appendingPathComponent("previous.jsonl").path
        try Data(Self.data.utf8).write(to: URL(fileURLWithPath: dataPath))
        try Data(Self.previous.utf8).write(to: URL(fileURLWithPath: previousPath))
        let test = "test \"T\"\n  \(target)\n  as of 2026-11-23\n  data \"\(dataPath)\"\n"
            + (previous ? "  previous \"\(previousPath)\"\n" : "") + expectations + "end\n"
        let rules = Fixture.rules(Self.rules + "\n" + test, path: "tests.ppo")
        #expect(!rules.hasErrors, "\(rules.diagnostics.map(\.message))")
        return try #require(TestRunner(rules: rules).run().first)
    }

    @Test func passingExpectations() throws {
        let checklist = try run(target: "checklist \"PS\"", previous: false, """
          expect "A" breach "MG6"
          expect "A" status breached "MG6"
          expect "B" status pending "MG6"

        """)
        #expect(checklist.failures.map(\.message) == [])
        let alerts = try run(target: "alerts \"Daily\"", previous: true, """
          expect "A" alert "Moved"
          expect "B" no alert "Moved"

        """)
        #expect(alerts.failures.map(\.message) == [])
    }

    @Test(arguments: [
        ("checklist \"PS\"", false, "  expect \"B\" breach \"MG6\"\n",
         "expected B a breach of \"MG6\", but found pending on case K (k2)"),
        ("checklist \"PS\"", false, "  expect \"B\" status met \"MG7\"\n",
         "no checklist rule is called \"MG7\"; did you mean \"MG6\"?"),
        ("checklist \"PS\"", false, "  expect \"B\" status late \"MG6\"\n",
         "'late' is not a status: expected one of met, pending, breached, not_applicable"),
        ("checklist \"PS\"", false, "  expect \"Z\" status met \"MG6\"\n", "no offender \"Z\" in the data"),
        ("alerts \"Daily\"", false, "  expect \"A\" alert \"Moved\"\n",
         "expected A alert \"Moved\", but it did not fire; A raised no alerts"),
        ("alerts \"Daily\"", true, "  expect \"A\" no alert \"Moved\"\n",
         "expected no alert \"Moved\" for A, but it fired: Moved"),
        ("alerts \"Daily\"", true, "  expect \"A\" alert \"Move\"\n",
         "no alert is called \"Move\"; did you mean \"Moved\"?"),
    ])
    func failuresSayWhatWasFound(target: String, previous: Bool, expectation: String, message: String) throws {
        let result = try run(target: target, previous: previous, expectation)
        #expect(result.failures.map(\.message) == [message])
        #expect(result.failures.first?.line == (previous ? 18 : 17))   // the expectation line, after the optional previous line
    }
}
