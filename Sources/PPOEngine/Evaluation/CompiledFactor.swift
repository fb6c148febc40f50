/// A matrix factor compiled to a closure that yields its form line.
///
/// A class, so that running a matrix over a million offenders passes one reference per factor
/// around instead of copying (and retaining) every closure and table the factor holds.
final class CompiledFactor: Sendable {
    enum Body: Sendable {
        case band(Evaluator, [CheckedBandArm])
        case match(Evaluator, [(test: Evaluator?, arm: CheckedMatchArm)])
        case when(Decimal6, Evaluator)
        case expression(Evaluator)
    }
    let label: String
    let body: Body
    let categories: CategoryTable

    init(label: String, body: Body, categories: CategoryTable) {
        self.label = label
        self.body = body
        self.categories = categories
    }

    func evaluate(_ frame: inout EvaluationFrame) -> ScoreLine {
        let (points, detail) = compute(&frame)
        // Lines that score nothing carry no evidence: every id on the form backs a point.
        let evidence = points == .zero ? [] : frame.evidence
        return ScoreLine(section: .factor, label: label, points: points, evidence: evidence, detail: detail)
    }

    func compute(_ frame: inout EvaluationFrame) -> (Decimal6, String) {
        switch body {
        case .expression(let e):
            let value = e(&frame)
            guard case .number(let n) = value else { return (.zero, "no data") }
            return (n, n.description)
        case .when(let points, let condition):
            return condition(&frame).isTrue ? (points, "yes") : (.zero, "no")
        case .band(let e, let arms):
            let value = e(&frame)
            let shown = value.text(categories: categories)
            guard case .number(let n) = value else {
                if let arm = arms.first(where: { if case .missing = $0.condition { return true } else { return false } }) {
                    return (arm.points, "no data → missing")
                }
                return (.zero, "no data")
            }
            for arm in arms {
                switch arm.condition {
                case .compare(let op, let threshold):
                    if ExpressionPlanner.compare(op, .number(n), .number(threshold)) { return (arm.points, "\(shown) → \(arm.text)") }
                case .otherwise:
                    return (arm.points, "\(shown) → else")
                case .missing:
                    continue
                }
            }
            return (.zero, "\(shown) → no band")
        case .match(let e, let arms):
            let value = e(&frame)
            let shown = value.text(categories: categories)
            if value.isMissing {
                if let entry = arms.first(where: { if case .missing = $0.arm.pattern { return true } else { return false } }) {
                    return (entry.arm.points, "no data → missing")
                }
                return (.zero, "no data")
            }
            for entry in arms {
                switch entry.arm.pattern {
                case .value:
                    if let test = entry.test, ExpressionPlanner.compare(.equal, value, test(&frame)) {
                        return (entry.arm.points, shown)
                    }
                case .otherwise:
                    return (entry.arm.points, "\(shown) → else")
                case .missing:
                    continue
                }
            }
            return (.zero, "\(shown) → no arm")
        }
    }
}
