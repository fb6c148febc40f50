/// Checks a `scheme` block: its matrix exists, its strands and reason codes are declared once each,
/// and every `reasons` clause names a decision the panel can make.
extension Checker {
    mutating func checkScheme(_ block: SchemeBlock, matrices: [String]) -> CheckedScheme? {
        let before = diagnostics.count
        var matrix: String? = nil
        if let literal = block.matrix {
            if ExactText.list(matrices, contains: literal.value) {
                matrix = literal.value
            } else {
                error(.unknownMatrix, "no matrix is called \"\(literal.value)\"", literal.range,
                      suggestion: Suggestion.closest(to: literal.value, in: matrices))
            }
        }
        var strands: [String] = []
        for strand in block.strands {
            if ExactText.list(strands, contains: strand.text) {
                error(.duplicateDeclaration, "strand '\(strand.text)' is listed twice", strand.range)
            } else {
                strands.append(strand.text)
            }
        }
        var review = PPODuration(count: 12, unit: .week)
        if let literal = block.review {
            if literal.value.count == 0 || literal.value.unit == .workingDay {
                error(.invalidValue, "the review interval must be a number of days, weeks, months or years above 0",
                      literal.range)
            } else {
                review = literal.value
            }
        }
        var reasons: [CohortDecision: [String]] = [:]
        var reasonClauses: [CohortDecision: SourceRange] = [:]
        for clause in block.reasons {
            guard let decision = CohortDecision(rawValue: clause.decision.text) else {
                error(.unknownValue, "a panel decides adopt, decline, defer, review or deselect, not '\(clause.decision.text)'",
                      clause.decision.range,
                      suggestion: Suggestion.closest(to: clause.decision.text, in: CohortDecision.allCases.map(\.rawValue)))
                continue
            }
            if let first = reasonClauses[decision] {
                error(.duplicateClause, "the reasons for \(decision.rawValue) are given twice", clause.range,
                      notes: ["the first are at \(describe(first)); list them all in one clause"])
                continue
            }
            reasonClauses[decision] = clause.range
            var codes: [String] = []
            for reason in clause.reasons {
                if ExactText.list(codes, contains: reason.text) {
                    error(.duplicateDeclaration, "reason '\(reason.text)' is listed twice for \(decision.rawValue)", reason.range)
                } else {
                    codes.append(reason.text)
                }
            }
            reasons[decision] = codes
        }
        for decision in CohortDecision.allCases where reasons[decision] == nil {
            error(.invalidValue, "scheme \"\(block.name.value)\" gives no reasons for \(decision.rawValue)",
                  block.name.range,
                  notes: ["every decision is recorded with a coded reason: add 'reasons \(decision.rawValue) CODE, …'"])
        }
        guard diagnostics.count == before else { return nil }
        return CheckedScheme(name: block.name.value, matrix: matrix, strands: strands, reviewInterval: review,
                             reasons: reasons, range: block.name.range)
    }
}
