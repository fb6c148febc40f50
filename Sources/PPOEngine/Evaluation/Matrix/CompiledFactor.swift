/// A matrix factor compiled to a closure and flat tables that yield its form line.
///
/// A class, and its arms held as plain values rather than the checked syntax they came from, so
/// that scoring a million offenders passes one reference per factor around instead of copying (and
/// retaining) closures, arms and their expression trees for every offender.
final class CompiledFactor: Sendable {
    enum Kind: Sendable { case band, match, when, expression }

    /// One `band` arm: `<= 28 -> 5`, `else -> 1` or `missing -> 0`.
    struct BandArm: Sendable {
        enum Test: Sendable { case compare(BinaryOperator, ExactDecimal), otherwise, missing }
        let test: Test
        let points: ExactDecimal
        /// The arm as written, for the detail: `<= 28`, in UTF-8.
        let text: [UInt8]
    }

    /// One `match` arm; `value` arms test with `MatchArm.test`.
    struct MatchArm: Sendable {
        enum Pattern: Sendable { case value, otherwise, missing }
        let pattern: Pattern
        let points: ExactDecimal
    }

    let label: String
    let kind: Kind
    /// The expression (`band`, `match`, plain); unused for `when`.
    let evaluator: Evaluator
    /// The condition of `N when …`.
    let condition: Condition
    /// `N when …`: N.
    let whenPoints: ExactDecimal
    let bandArms: [BandArm]
    let matchArms: [MatchArm]
    /// The value each `match` arm compares with (nil for `else` and `missing`).
    let matchTests: [Evaluator?]
    /// The same values when they are constants (as they are for enumerations), so that testing an
    /// arm calls no closure; nil for arms that must evaluate theirs.
    let matchConstants: [MatchConstant?]

    enum MatchConstant: Sendable {
        case string(StringConstant)
        case value(Value)
    }
    /// Index of the `missing ->` arm, if the factor has one.
    let missingArm: Int?
    let categories: CategoryTable

    init(label: String, band evaluator: @escaping Evaluator, arms: [CheckedBandArm], categories: CategoryTable) {
        self.label = label
        kind = .band
        self.evaluator = evaluator
        condition = { _ in false }
        whenPoints = .zero
        bandArms = arms.map { arm in
            let test: BandArm.Test
            switch arm.condition {
            case .compare(let op, let threshold): test = .compare(op, threshold)
            case .otherwise: test = .otherwise
            case .missing: test = .missing
            }
            return BandArm(test: test, points: arm.points, text: Array(arm.text.utf8))
        }
        matchArms = []
        matchTests = []
        matchConstants = []
        missingArm = arms.firstIndex { if case .missing = $0.condition { return true } else { return false } }
        self.categories = categories
    }

    init(label: String, match evaluator: @escaping Evaluator, arms: [(test: Evaluator?, arm: CheckedMatchArm)],
         categories: CategoryTable) {
        self.label = label
        kind = .match
        self.evaluator = evaluator
        condition = { _ in false }
        whenPoints = .zero
        bandArms = []
        matchArms = arms.map { entry in
            let pattern: MatchArm.Pattern
            switch entry.arm.pattern {
            case .value: pattern = .value
            case .otherwise: pattern = .otherwise
            case .missing: pattern = .missing
            }
            return MatchArm(pattern: pattern, points: entry.arm.points)
        }
        matchTests = arms.map(\.test)
        matchConstants = arms.map { entry -> MatchConstant? in
            guard case .value(let expression) = entry.arm.pattern, let constant = ExpressionPlanner.constant(expression) else {
                return nil
            }
            if case .string(let text) = constant { return .string(StringConstant(text)) }
            return .value(constant)
        }
        missingArm = arms.firstIndex { if case .missing = $0.arm.pattern { return true } else { return false } }
        self.categories = categories
    }

    init(label: String, points: ExactDecimal, when condition: @escaping Condition, categories: CategoryTable) {
        self.label = label
        kind = .when
        evaluator = { _ in .missing }
        self.condition = condition
        whenPoints = points
        bandArms = []
        matchArms = []
        matchTests = []
        matchConstants = []
        missingArm = nil
        self.categories = categories
    }

    init(label: String, expression: @escaping Evaluator, categories: CategoryTable) {
        self.label = label
        kind = .expression
        evaluator = expression
        condition = { _ in false }
        whenPoints = .zero
        bandArms = []
        matchArms = []
        matchTests = []
        matchConstants = []
        missingArm = nil
        self.categories = categories
    }

    /// The factor's points; its detail (`12 → <= 28`, `yes`, `no data`) is appended to `detail`.
    func compute(_ frame: inout EvaluationFrame, detail: inout ByteBuffer) -> ExactDecimal {
        switch kind {
        case .expression:
            guard case .number(let n) = evaluator(&frame) else {
                detail.append("no data")
                return .zero
            }
            n.appendDescription(to: &detail)
            return n
        case .when:
            let yes = condition(&frame)
            yes ? detail.append("yes") : detail.append("no")
            return yes ? whenPoints : .zero
        case .band:
            let value = evaluator(&frame)
            guard case .number(let n) = value else {
                if let missingArm {
                    detail.append("no data → missing")
                    return bandArms[missingArm].points
                }
                detail.append("no data")
                return .zero
            }
            // By position: `for arm in bandArms` copies each arm, and with it retains its text.
            for index in bandArms.indices {
                switch bandArms[index].test {
                case .compare(let op, let threshold):
                    if ExpressionPlanner.holds(op, n, threshold) {
                        n.appendDescription(to: &detail)
                        detail.append(" → ")
                        detail.append(bandArms[index].text)
                        return bandArms[index].points
                    }
                case .otherwise:
                    n.appendDescription(to: &detail)
                    detail.append(" → else")
                    return bandArms[index].points
                case .missing:
                    continue
                }
            }
            n.appendDescription(to: &detail)
            detail.append(" → no band")
            return .zero
        case .match:
            let value = evaluator(&frame)
            if value.isMissing {
                if let missingArm {
                    detail.append("no data → missing")
                    return matchArms[missingArm].points
                }
                detail.append("no data")
                return .zero
            }
            for index in matchArms.indices {
                switch matchArms[index].pattern {
                case .value:
                    if matches(value, arm: index, &frame) {
                        Self.appendText(value, categories: categories, to: &detail)
                        return matchArms[index].points
                    }
                case .otherwise:
                    Self.appendText(value, categories: categories, to: &detail)
                    detail.append(" → else")
                    return matchArms[index].points
                case .missing:
                    continue
                }
            }
            Self.appendText(value, categories: categories, to: &detail)
            detail.append(" → no arm")
            return .zero
        }
    }

    /// Whether `match` arm `index`'s value equals `value`, as `ExpressionPlanner.compare(.equal, …)`
    /// says. (The arrays are read in place: copying an optional closure out retains it.)
    @inline(__always)
    private func matches(_ value: Value, arm index: Int, _ frame: inout EvaluationFrame) -> Bool {
        switch matchConstants[index] {
        case .string(let c)?:
            guard case .string(let s) = value else { return false }
            return c.equals(s)
        case .value(let v)?:
            return ExpressionPlanner.compare(.equal, value, v)
        case nil:
            guard let test = matchTests[index] else { return false }
            return ExpressionPlanner.compare(.equal, value, test(&frame))
        }
    }

    /// `value.text(categories:)`, appended as UTF-8 (numbers without making a `String`).
    private static func appendText(_ value: Value, categories: CategoryTable, to out: inout ByteBuffer) {
        switch value {
        case .number(let n): n.appendDescription(to: &out)
        case .string(let s): out.append(utf8: s)
        default: out.append(utf8: value.text(categories: categories))
        }
    }
}
