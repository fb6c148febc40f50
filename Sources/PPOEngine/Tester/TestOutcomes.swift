/// What one test block's data gives, computed only when an expectation asks: the ranking of its
/// matrix, the duties of its checklists, the alerts of its alerts blocks.
struct TestOutcomes {
    let rules: RuleSet
    let test: CheckedTest
    let batch: RecordBatch
    let previous: RecordBatch?
    private var ranking: Ranking?? = nil
    private var duties: [DutyResult]? = nil
    private var alerts: [AlertResult]? = nil

    init(rules: RuleSet, test: CheckedTest, batch: RecordBatch, previous: RecordBatch?) {
        self.rules = rules; self.test = test; self.batch = batch; self.previous = previous
    }

    /// Why the test's target cannot run, if it cannot.
    var targetProblem: String? {
        switch test.targetKind {
        case .matrix: return rules.matrix(named: test.target) == nil ? "matrix \"\(test.target)\" did not load" : nil
        case .checklist: return rules.checklist(named: test.target) == nil ? "checklist \"\(test.target)\" did not load" : nil
        case .alerts: return ExactText.list(rules.alertsNames, contains: test.target) ? nil : "alerts \"\(test.target)\" did not load"
        }
    }

    /// `nil` when the expectation holds, else what was found instead.
    mutating func check(_ expectation: Expectation) -> String? {
        let id = expectation.offender.value
        switch expectation.kind {
        case .alert(let name, let wanted):
            return checkAlert(id, name.value, wanted)
        case .breach(let rule):
            return checkStatus(id, .breached, rule.value)
        case .status(let status, let rule):
            guard let wanted = DutyStatus(rawValue: status.text) else {
                let names = DutyStatus.allCases.map(\.rawValue)
                let hint = Suggestion.closest(to: status.text, in: names).map { "; did you mean '\($0)'?" } ?? ""
                return "'\(status.text)' is not a status: expected one of \(names.joined(separator: ", "))\(hint)"
            }
            return checkStatus(id, wanted, rule.value)
        default:
            guard let ranking = matrixRanking() else { return "this expectation needs a matrix test" }
            return Self.checkRanking(expectation, ranking)
        }
    }

    private mutating func matrixRanking() -> Ranking? {
        if let ranking { return ranking }
        let computed = test.targetKind == .matrix ? rules.matrix(named: test.target).map {
            $0.rank(batch.offenders, asOf: test.asOf, rulesDigest: rules.digest, dataDigest: batch.digest,
                    rejected: batch.rejected)
        } : nil
        ranking = .some(computed)
        return computed
    }

    /// A checklist test sees its checklist; any other test sees every loaded checklist.
    private mutating func dutyResults() -> [DutyResult] {
        if let duties { return duties }
        let names = test.targetKind == .checklist ? [test.target] : rules.checklistNames
        let computed = names.compactMap { rules.checklist(named: $0) }.flatMap { $0.check(batch.offenders, asOf: test.asOf) }
        duties = computed
        return computed
    }

    /// An alerts test sees its block; any other test sees every loaded alerts block.
    private mutating func alertResults() -> [AlertResult] {
        if let alerts { return alerts }
        let report = rules.alerts(blocks: test.targetKind == .alerts ? [test.target] : nil,
                                  offenders: batch.offenders, previous: previous?.offenders, asOf: test.asOf,
                                  dataDigest: batch.digest, previousDigest: previous?.digest, rejected: batch.rejected)
        alerts = report.results
        return report.results
    }

    private mutating func checkAlert(_ id: String, _ name: String, _ wanted: Bool) -> String? {
        let known = test.targetKind == .alerts ? [test.target] : rules.alertsNames
        // Names as the test writes them match by their bytes, as every name looked up does.
        let alertNames = rules.program.alerts.filter { ExactText.list(known, contains: $0.name) }.flatMap { $0.alerts.map(\.name) }
        guard ExactText.list(alertNames, contains: name) else {
            let hint = Suggestion.closest(to: name, in: alertNames).map { "; did you mean \"\($0)\"?" } ?? ""
            return "no alert is called \"\(name)\"\(hint)"
        }
        guard batch.offenders.contains(where: { ExactText.same($0.id, id) }) else { return "no offender \"\(id)\" in the data" }
        let raised = alertResults().filter { ExactText.same($0.offender, id) }
        let fired = raised.first { ExactText.same($0.alert, name) }
        switch (wanted, fired) {
        case (true, nil):
            let others = raised.map { "\"\($0.alert)\"" }
            return "expected \(id) alert \"\(name)\", but it did not fire"
                + (others.isEmpty ? "; \(id) raised no alerts" : "; \(id) raised \(others.joined(separator: ", "))")
        case (false, let result?):
            return "expected no alert \"\(name)\" for \(id), but it fired: \(SafeText.escaped(result.message))"
        default:
            return nil
        }
    }

    private mutating func checkStatus(_ id: String, _ wanted: DutyStatus, _ rule: String) -> String? {
        let known = test.targetKind == .checklist ? [test.target] : rules.checklistNames
        let ruleNames = rules.program.checklists.filter { ExactText.list(known, contains: $0.name) }.flatMap { $0.rules.map(\.name) }
        guard ExactText.list(ruleNames, contains: rule) else {
            let hint = Suggestion.closest(to: rule, in: ruleNames).map { "; did you mean \"\($0)\"?" } ?? ""
            return "no checklist rule is called \"\(rule)\"\(hint)"
        }
        guard batch.offenders.contains(where: { ExactText.same($0.id, id) }) else { return "no offender \"\(id)\" in the data" }
        let results = dutyResults().filter { ExactText.same($0.offender, id) && ExactText.same($0.rule, rule) }
        if results.contains(where: { $0.status == wanted }) { return nil }
        let found = results.map { r in
            "\(r.status.rawValue) on case \(SafeText.escaped(r.caseID))" + (r.trigger.map { " (\(SafeText.escaped($0)))" } ?? "")
        }
        let what = wanted == .breached ? "a breach of" : "status \(wanted.rawValue) for"
        return "expected \(id) \(what) \"\(rule)\", but found "
            + (found.isEmpty ? "no results (out of the checklist's scope, or no cases)" : found.joined(separator: ", "))
    }

    static func checkRanking(_ expectation: Expectation, _ ranking: Ranking) -> String? {
        let id = expectation.offender.value
        let scored = ranking.offenders.first { ExactText.same($0.id, id) }
        let ineligible = ranking.ineligible.first { ExactText.same($0.id, id) }
        if case .ineligible = expectation.kind {
            return ineligible == nil ? "expected \(id) to be ineligible, but \(scored.map { "it is ranked \($0.rank)" } ?? "it is not in the data")" : nil
        }
        guard let offender = scored else {
            if let ineligible { return "expected \(id) to be ranked, but it is ineligible: \(ineligible.reason)" }
            return "no offender \"\(id)\" in the data"
        }
        switch expectation.kind {
        case .score(let n):
            return ExactDecimal(offender.score) == n.value ? nil : "expected \(id) score \(n.value), got \(offender.score)"
        case .tier(let name):
            return offender.tier.map({ ExactText.same($0, name.value) }) == true ? nil : "expected \(id) tier \"\(name.value)\", got \(offender.tier.map { "\"\($0)\"" } ?? "no tier")"
        case .rank(let n):
            return offender.rank == n.value.wholeValue ? nil : "expected \(id) rank \(n.value), got \(offender.rank)"
        case .recommended(let wanted):
            return offender.recommended == wanted ? nil
                : "expected \(id) \(wanted ? "" : "not ")recommended, but it is \(offender.recommended ? "" : "not ")recommended (rank \(offender.rank))"
        case .tieAtCapacity:
            return offender.tieAtCapacity ? nil : "expected \(id) to tie at capacity, but it does not (rank \(offender.rank), score \(offender.score))"
        default:
            return nil
        }
    }
}
