/// A compiled condition: true or false, with missing already counted as false (SPEC §4).
typealias Condition = @Sendable (inout EvaluationFrame) -> Bool

/// Conditions compiled to `Bool` rather than to `Value`, for the places that only ask whether a
/// condition holds: `eligible when`, `intelligence counts when`, `N when …` factors and `where`.
///
/// Scoring a million offenders runs these millions of times. The general evaluator boxes every
/// intermediate in a `Value` and calls a closure for every constant; here `and`/`or` stay in `Bool`,
/// constants are evaluated once at planning time, and `"x" in list` reads the list where it is
/// instead of copying it into a `Value`. Anything else falls back to the general evaluator, so the
/// result is the general evaluator's `isTrue` in every case (checked by the differential tests).
extension ExpressionPlanner {
    func planCondition(_ expression: TypedExpression, recording: Bool) -> Condition {
        // `"x" in flags`, the commonest factor on the form, reads the list with no closure between.
        if fastPaths, case .contains(let list, let item) = expression.node, case .string(let text) = item.node,
           case .field(let base, .flags) = list.node, case .offender = base.node {
            let needle = StringConstant(text)
            return { frame in needle.isIn(frame.offenderAddress.offender.flags) }
        }
        // A tree of field tests reads the binding once, and calls one closure per test.
        if let test = planRecordTest(expression) {
            guard Self.readsElement(expression) else {
                return { frame in test(frame.offenderAddress, .offender, frame.asOf) }
            }
            return { frame in test(frame.offenderAddress, frame.bound.innermost ?? RecordSource.absent, frame.asOf) }
        }
        if let (base, test) = planFieldTest(expression) {
            let source = RecordSource(base, self, recording: recording)
            return { frame in
                guard let ref = source.resolve(&frame) else { return false }
                return test(frame.offenderAddress, ref, frame.asOf)
            }
        }
        switch expression.node {
        case .bool(let b):
            return { _ in b }
        case .and(let lhs, let rhs):
            let a = planCondition(lhs, recording: recording), b = planCondition(rhs, recording: recording)
            return { frame in a(&frame) && b(&frame) }
        case .or(let lhs, let rhs):
            let a = planCondition(lhs, recording: recording), b = planCondition(rhs, recording: recording)
            return { frame in a(&frame) || b(&frame) }
        case .compare(let op, let lhs, let rhs):
            if case .categoryGroup = rhs.node { break }
            if case .categoryGroup = lhs.node { break }
            if let constant = Self.constant(rhs) {
                let a = plan(lhs, recording: recording)
                return { frame in Self.compare(op, a(&frame), constant) }
            }
            if let constant = Self.constant(lhs) {
                let b = plan(rhs, recording: recording)
                return { frame in Self.compare(op, constant, b(&frame)) }
            }
        case .inList(let subject, let items):
            let constants = items.compactMap(Self.constant)
            guard constants.count == items.count else { break }
            let s = plan(subject, recording: recording)
            return { frame in
                let value = s(&frame)
                if value.isMissing { return false }
                for constant in constants where Self.compare(.equal, value, constant) { return true }
                return false
            }
        case .aggregate(.any, let query, _):
            guard let scan = ViewAggregate(query, self, recording: recording) else { break }
            return { frame in scan.count(&frame, stopAtFirst: true) > 0 }
        case .contains(let list, let item):
            guard case .string(let needle) = item.node, case .field(let base, let field) = list.node,
                  FieldReader.isStringList(field) else { break }
            guard let test = FieldReader.listTest(field, contains: StringConstant(needle)) else { break }
            let source = RecordSource(base, self, recording: recording)
            return { frame in
                guard let ref = source.resolve(&frame) else { return false }
                return test(frame.offenderAddress, ref, frame.asOf)
            }
        default:
            break
        }
        let general = plan(expression, recording: recording)
        return { frame in general(&frame).isTrue }
    }

    /// The value of an expression that reads nothing from the frame, or nil if it is not one.
    static func constant(_ expression: TypedExpression) -> Value? {
        switch expression.node {
        case .number(let n): return .number(n)
        case .string(let s): return .string(s)
        case .date(let d): return .date(d)
        case .duration(let d): return .duration(d)
        case .bool(let b): return .bool(b)
        case .enumValue(_, let text): return .string(text)
        case .category(let c): return .category(c)
        default: return nil
        }
    }
}
