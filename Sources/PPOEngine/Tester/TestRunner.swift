import Foundation

/// Runs the `test` blocks of loaded rules (SPEC §5.6), like `opa test` for policies.
public struct TestRunner: Sendable {
    public let rules: RuleSet

    public init(rules: RuleSet) { self.rules = rules }

    /// Runs every test block, or only those in the given source files.
    public func run(onlyFiles: Set<Int>? = nil) -> [TestCaseResult] {
        rules.program.tests
            .filter { onlyFiles?.contains($0.file) ?? true }
            .map(run)
    }

    private func run(_ test: CheckedTest) -> TestCaseResult {
        let path = rules.sources[test.file]?.path ?? "?"
        let start = location(test.range)
        var failures: [TestFailure] = []
        func fail(_ range: SourceRange, _ message: String) {
            let l = location(range)
            failures.append(TestFailure(file: path, line: l.line, column: l.column, message: message))
        }
        let reader = RecordReader(categories: rules.categories)
        func read(_ file: String, _ role: String) -> RecordBatch? {
            do {
                let batch = try reader.read(path: file)
                for reject in batch.rejected { fail(test.range, "\(role) record rejected: \(reject.rendered)") }
                return batch
            } catch {
                fail(test.range, "cannot read \(role): \(error)")
                return nil
            }
        }
        guard let batch = read(test.data, "data") else {
            return TestCaseResult(name: test.name, file: path, line: start.line,
                                  expectations: test.expectations.count, failures: failures)
        }
        let previous = test.previous.flatMap { read($0, "previous snapshot") }
        var evaluated = rules
        if let path = test.decisions {
            if let bytes = FileManager.default.contents(atPath: path) {
                let read = rules.decisions(bytes: Array(bytes), path: path)
                for reject in read.rejected { fail(test.range, "decision rejected: \(reject.rendered)") }
                evaluated = rules.with(decisions: DecisionBook(schemes: rules.program.schemes, decisions: read.decisions))
            } else {
                fail(test.range, "cannot read decisions: \(path)")
            }
        }
        var outcomes = TestOutcomes(rules: evaluated, test: test, batch: batch, previous: previous)
        if let problem = outcomes.targetProblem { fail(test.range, problem) }
        for expectation in test.expectations {
            if let message = outcomes.check(expectation) { fail(expectation.range, message) }
        }
        return TestCaseResult(name: test.name, file: path, line: start.line,
                              expectations: test.expectations.count, failures: failures)
    }

    private func location(_ range: SourceRange) -> SourceLocation {
        rules.sources[range.file]?.location(of: range.start) ?? SourceLocation(line: 0, column: 0)
    }
}
