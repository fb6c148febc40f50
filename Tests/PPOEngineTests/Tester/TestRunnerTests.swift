import Foundation
import Testing
@testable import PPOEngine

/// `test` blocks: each expectation kind passes when it holds and fails with file, line and the value found.
@Suite struct TestRunnerTests {
    static let matrix = """
    matrix "R"
      eligible when age >= 10
      offences
        assault 3
        shoplifting 2
      end
      tiers
        "High" >= 3
        "Low" otherwise
      end
      capacity 1
    end
    """

    static let data = """
    {"id":"A","dob":"1990-01-01","offences":[{"id":"a1","category":"assault","date":"2026-01-01","evidence":"convicted"}]}
    {"id":"B","dob":"1990-01-01","offences":[{"id":"b1","category":"shoplifting","date":"2026-01-01","evidence":"convicted"}]}
    {"id":"C","dob":"2020-01-01"}

    """

    func run(_ expectations: String) throws -> TestCaseResult {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ppo-tester-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let dataPath = folder.appendingPathComponent("data.jsonl").path
        try Data(Self.data.utf8).write(to: URL(fileURLWithPath: dataPath))
        let test = "test \"T\"\n  matrix \"R\"\n  as of 2026-11-22\n  data \"\(dataPath)\"\n\(expectations)end\n"
        let rules = Fixture.rules(Self.matrix + "\n" + test, path: "tests.ppo")
        #expect(!rules.hasErrors, "\(rules.diagnostics.map(\.message))")
        return try #require(TestRunner(rules: rules).run().first)
    }

    @Test func passingExpectations() throws {
        let result = try run("""
          expect "A" score 3
          expect "A" tier "High"
          expect "A" rank 1
          expect "A" recommended
          expect "B" not recommended
          expect "C" ineligible

        """)
        #expect(result.passed)
        #expect(result.expectations == 6)
    }

    @Test(arguments: [
        ("  expect \"A\" score 4\n", "expected A score 4, got 3"),
        ("  expect \"B\" tier \"High\"\n", "expected B tier \"High\", got \"Low\""),
        ("  expect \"B\" rank 1\n", "expected B rank 1, got 2"),
        ("  expect \"B\" recommended\n", "expected B recommended, but it is not recommended (rank 2)"),
        ("  expect \"A\" ineligible\n", "expected A to be ineligible, but it is ranked 1"),
        ("  expect \"C\" score 0\n", "expected C to be ranked, but it is ineligible: not eligible: age >= 10 (age 6 at 2026-11-22)"),
        ("  expect \"Z\" score 0\n", "no offender \"Z\" in the data"),
        ("  expect \"A\" tie at capacity\n", "expected A to tie at capacity, but it does not (rank 1, score 3)"),
    ])
    func failuresSayWhatWasFound(expectation: String, message: String) throws {
        let result = try run(expectation)
        #expect(result.failures.map(\.message) == [message])
        #expect(result.failures.first?.file == "tests.ppo")
        #expect(result.failures.first?.line == 17)   // the matrix takes lines 1–12; the test starts on 13
        #expect(result.failures.first?.column == 3)
    }
}
