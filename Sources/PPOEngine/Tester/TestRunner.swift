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
        switch test.targetKind {
        case .matrix:
            guard let matrix = rules.matrix(named: test.target) else {
                fail(test.range, "matrix \"\(test.target)\" did not load")
                break
            }
            let batch: RecordBatch
            do {
                batch = try RecordReader(categories: rules.categories).read(path: test.data)
            } catch {
                fail(test.range, "cannot read data: \(error)")
                break
            }
            for reject in batch.rejected {
                fail(test.range, "data record rejected: \(reject.rendered)")
            }
            let ranking = matrix.rank(batch.offenders, asOf: test.asOf, rulesDigest: rules.digest,
                                      dataDigest: batch.digest, rejected: batch.rejected)
            for expectation in test.expectations {
                if let message = check(expectation, ranking) { fail(expectation.range, message) }
            }
        case .checklist, .alerts:
            fail(test.range, "\(test.targetKind.rawValue) evaluation is not available in this version; only matrix tests run")
        }
        return TestCaseResult(name: test.name, file: path, line: start.line,
                              expectations: test.expectations.count, failures: failures)
    }

    /// `nil` when the expectation holds, else what was found instead.
    private func check(_ expectation: Expectation, _ ranking: Ranking) -> String? {
        let id = expectation.offender.value
        let scored = ranking.offenders.first { $0.id == id }
        let ineligible = ranking.ineligible.first { $0.id == id }
        if case .ineligible = expectation.kind {
            return ineligible == nil ? "expected \(id) to be ineligible, but \(scored.map { "it is ranked \($0.rank)" } ?? "it is not in the data")" : nil
        }
        guard let offender = scored else {
            if let ineligible { return "expected \(id) to be ranked, but it is ineligible: \(ineligible.reason)" }
            return "no offender \"\(id)\" in the data"
        }
        switch expectation.kind {
        case .score(let n):
            return offender.score == n.value ? nil : "expected \(id) score \(n.value), got \(offender.score)"
        case .tier(let name):
            return offender.tier == name.value ? nil : "expected \(id) tier \"\(name.value)\", got \(offender.tier.map { "\"\($0)\"" } ?? "no tier")"
        case .rank(let n):
            return offender.rank == n.value.wholeValue ? nil : "expected \(id) rank \(n.value), got \(offender.rank)"
        case .recommended(let wanted):
            return offender.recommended == wanted ? nil
                : "expected \(id) \(wanted ? "" : "not ")recommended, but it is \(offender.recommended ? "" : "not ")recommended (rank \(offender.rank))"
        case .tieAtCapacity:
            return offender.tieAtCapacity ? nil : "expected \(id) to tie at capacity, but it does not (rank \(offender.rank), score \(offender.score))"
        default:
            return "this expectation does not apply to a matrix test"
        }
    }

    private func location(_ range: SourceRange) -> SourceLocation {
        rules.sources[range.file]?.location(of: range.start) ?? SourceLocation(line: 0, column: 0)
    }
}
