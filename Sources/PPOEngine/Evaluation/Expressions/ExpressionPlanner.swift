/// A compiled expression: evaluates against a frame with no further look-ups of names or types.
typealias Evaluator = @Sendable (inout EvaluationFrame) -> Value

/// Turns checked expressions into closures once, so evaluation never walks the syntax tree.
///
/// Evidence is added here, not in evaluation: an aggregate compiled with `recording` notes the ids
/// of the records it selects.
struct ExpressionPlanner: Sendable {
    let categories: CategoryTable
    /// Whether to compile the common shapes (a field against constants, `count`/`any`/`latest`
    /// over the offender's records) to specialised code. Only the differential tests turn this
    /// off, to compare the specialised code with the general path it must agree with.
    var fastPaths = true

    func plan(_ expression: TypedExpression, recording: Bool) -> Evaluator {
        switch expression.node {
        case .number(let n): return { _ in .number(n) }
        case .string(let s): return { _ in .string(s) }
        case .date(let d): return { _ in .date(d) }
        case .duration(let d): return { _ in .duration(d) }
        case .bool(let b): return { _ in .bool(b) }
        case .enumValue(_, let text): return { _ in .string(text) }
        case .category(let c): return { _ in .category(c) }
        case .categoryGroup(let g):
            // Only reachable outside a comparison, which the checker does not produce.
            let first = categories.members.indices.contains(g) ? categories.members[g].first : nil
            return { _ in first.map(Value.category) ?? .missing }
        case .today: return { frame in .date(frame.asOf) }
        case .offender: return { _ in .record(.offender) }
        case .element(let depth):
            return { frame in
                frame.bound[frame.bound.count - 1 - depth].map(Value.record) ?? .missing
            }
        case .field(let base, let field):
            let b = plan(base, recording: recording)
            return { frame in
                guard case .record(let ref) = b(&frame) else { return .missing }
                let value = FieldReader.read(field, of: ref, in: &frame)
                // A record reached through a field (`current_custody`) is evidence of what it shows.
                if recording, case .record(let reached) = value { frame.addEvidence(reached) }
                return value
            }
        case .negate(let inner):
            let a = plan(inner, recording: recording)
            return { frame in
                guard case .number(let n) = a(&frame) else { return .missing }
                guard let v = n.negated else { frame.overflowed = true; return .missing }
                return .number(v)
            }
        case .not(let inner):
            let a = plan(inner, recording: recording)
            return { frame in
                guard case .bool(let b) = a(&frame) else { return .missing }
                return .bool(!b)
            }
        case .and(let lhs, let rhs):
            let a = plan(lhs, recording: recording), b = plan(rhs, recording: recording)
            return { frame in .bool(a(&frame).isTrue && b(&frame).isTrue) }
        case .or(let lhs, let rhs):
            let a = plan(lhs, recording: recording), b = plan(rhs, recording: recording)
            return { frame in .bool(a(&frame).isTrue || b(&frame).isTrue) }
        case .arithmetic(let op, let lhs, let rhs):
            let a = plan(lhs, recording: recording), b = plan(rhs, recording: recording)
            return { frame in Self.arithmetic(op, a(&frame), b(&frame), overflowed: &frame.overflowed) }
        case .compare(let op, let lhs, let rhs):
            return planCompare(op, lhs, rhs, recording: recording)
        case .inList(let subject, let items):
            let s = plan(subject, recording: recording)
            let tests = items.map { membershipTest($0, recording: recording) }
            return { frame in
                let value = s(&frame)
                if value.isMissing { return .bool(false) }
                for test in tests where test(value, &frame) { return .bool(true) }
                return .bool(false)
            }
        case .contains(let list, let item):
            let l = plan(list, recording: recording), x = plan(item, recording: recording)
            return { frame in
                guard case .strings(let values) = l(&frame), case .string(let needle) = x(&frame) else { return .bool(false) }
                return .bool(ExactText.list(values, contains: needle))
            }
        case .inThisMonth(let inner):
            let a = plan(inner, recording: recording)
            return { frame in
                guard case .date(let d) = a(&frame) else { return .bool(false) }
                let p = d.parts, now = frame.asOf.parts
                return .bool(p.year == now.year && p.month == now.month && d <= frame.asOf)
            }
        case .within(let inner, let duration, let next):
            let a = plan(inner, recording: recording)
            return { frame in
                guard case .date(let d) = a(&frame) else { return .bool(false) }
                if next { return .bool(frame.asOf <= d && d <= duration.added(to: frame.asOf)) }
                return .bool(duration.subtracted(from: frame.asOf) <= d && d <= frame.asOf)
            }
        case .presence(let inner, let present):
            let a = plan(inner, recording: recording)
            return { frame in .bool(a(&frame).isMissing != present) }
        case .conditional(let condition, let then, let otherwise):
            let c = plan(condition, recording: recording)
            let a = plan(then, recording: recording), b = plan(otherwise, recording: recording)
            return { frame in c(&frame).isTrue ? a(&frame) : b(&frame) }
        case .aggregate(let aggregate, let query, let value):
            return AggregatePlanner(planner: self).plan(aggregate, query, value, recording: recording)
        case .daysSince(let inner):
            if let picked = planPickedDate(inner, recording: recording) {
                return { frame in
                    guard let d = picked(&frame) else { return .missing }
                    return .number(ExactDecimal(d.days(to: frame.asOf)))
                }
            }
            let a = plan(inner, recording: recording)
            return { frame in
                guard case .date(let d) = a(&frame) else { return .missing }
                return .number(ExactDecimal(d.days(to: frame.asOf)))
            }
        case .changed(let path):
            return planChanged(path)
        case .matrixResult(let kind, let matrix):
            return { frame in
                guard let standing = frame.standing?.matrices[matrix] else { return .missing }
                switch kind {
                case .score: return standing.score.map { .number(ExactDecimal($0)) } ?? .missing
                case .tier: return standing.tier.map(Value.string) ?? .missing
                case .recommended: return .bool(standing.recommended)
                }
            }
        case .checklistDue(let kind, let checklist):
            return { frame in
                guard let due = frame.standing?.dues[checklist] else { return .missing }
                if recording { for id in due.evidence { frame.addEvidence(id: id) } }
                switch kind {
                case .nextDue: return .date(due.nextDue)
                case .daysToDue: return .number(ExactDecimal(due.daysToDue))
                }
            }
        }
    }

    /// `latest(…).date` (or `earliest`, or another date field of the record picked), read as a
    /// `Day` straight from the record `ViewAggregate` picks; nil when the expression is not that.
    /// The record picked is evidence when recording, as through the general `.field`.
    private func planPickedDate(_ expression: TypedExpression, recording: Bool) -> (@Sendable (inout EvaluationFrame) -> Day?)? {
        guard case .field(let base, let field) = expression.node, case .date = FieldReader.shape(of: field),
              case .aggregate(let aggregate, let query, _) = base.node, aggregate == .latest || aggregate == .earliest,
              let scan = ViewAggregate(query, self, recording: recording) else { return nil }
        let latest = aggregate == .latest
        return { frame in
            guard let ref = scan.pick(&frame, latest: latest) else { return nil }
            return FieldReader.date(field, of: ref, at: frame.offenderAddress)
        }
    }

    /// `changed(path)`: the path read on the previous snapshot, at the same `as_of`, differs from
    /// the path read now. False without a snapshot; missing on one side and present on the other
    /// is a change (a first custody entry, a release date removed).
    private func planChanged(_ path: TypedExpression) -> Evaluator {
        let read = plan(path, recording: false)
        let readNow = plan(path, recording: true)
        return { frame in
            guard let previous = frame.previous else { return .bool(false) }
            // The record reached now (the custody entry) is the evidence, but only of a change.
            let evidenceBefore = frame.evidence.mark()
            let now = readNow(&frame)
            var view = OffenderView(previous, asOf: frame.asOf, windowStart: nil)
            // Records compare by id: the same custody entry, not the same position in the list.
            func comparable(_ value: Value, _ frame: EvaluationFrame) -> Value {
                if case .record(let ref) = value { return frame.id(of: ref).map(Value.string) ?? .missing }
                return value
            }
            let thenComparable = EvaluationFrame.with(previous, view: &view, asOf: frame.asOf,
                                                      categories: frame.categories) { before in
                // The panel's decisions are not part of a snapshot: both sides read the same ones.
                before.cohort = frame.cohort
                return comparable(read(&before), before)
            }
            let changed = comparable(now, frame) != thenComparable
            if !changed { frame.evidence.restore(evidenceBefore) }
            return .bool(changed)
        }
    }

    private func planCompare(_ op: BinaryOperator, _ lhs: TypedExpression, _ rhs: TypedExpression, recording: Bool) -> Evaluator {
        if case .categoryGroup(let g) = rhs.node { return planGroupTest(op, lhs, g, recording: recording) }
        if case .categoryGroup(let g) = lhs.node { return planGroupTest(op, rhs, g, recording: recording) }
        let a = plan(lhs, recording: recording), b = plan(rhs, recording: recording)
        return { frame in .bool(Self.compare(op, a(&frame), b(&frame))) }
    }

    /// `category = burglary` where `burglary` is a group: true for each of its categories.
    private func planGroupTest(_ op: BinaryOperator, _ subject: TypedExpression, _ group: Int, recording: Bool) -> Evaluator {
        let s = plan(subject, recording: recording)
        let groupOf = categories.groupOf
        let negate = op == .notEqual
        return { frame in
            guard case .category(let c) = s(&frame), groupOf.indices.contains(c) else { return .bool(false) }
            return .bool((groupOf[c] == group) != negate)
        }
    }

    private func membershipTest(_ item: TypedExpression, recording: Bool) -> @Sendable (Value, inout EvaluationFrame) -> Bool {
        if case .categoryGroup(let g) = item.node {
            let groupOf = categories.groupOf
            return { value, _ in
                guard case .category(let c) = value, groupOf.indices.contains(c) else { return false }
                return groupOf[c] == g
            }
        }
        let x = plan(item, recording: recording)
        return { value, frame in Self.compare(.equal, value, x(&frame)) }
    }

    static func compare(_ op: BinaryOperator, _ a: Value, _ b: Value) -> Bool {
        // `=` and `!=` ask only for equality: working out the order of two strings first (as the
        // general path does) costs a full comparison for every `assessment in [A, B, C]`.
        if op == .equal || op == .notEqual {
            let equal: Bool
            switch (a, b) {
            case (.number(let x), .number(let y)): equal = x == y
            case (.date(let x), .date(let y)): equal = x == y
            case (.string(let x), .string(let y)): equal = ExactText.same(x, y)
            case (.bool(let x), .bool(let y)): equal = x == y
            case (.category(let x), .category(let y)): equal = x == y
            default: return false
            }
            return equal == (op == .equal)
        }
        let order: Int
        switch (a, b) {
        case (.number(let x), .number(let y)): order = x < y ? -1 : (x == y ? 0 : 1)
        case (.date(let x), .date(let y)): order = x < y ? -1 : (x == y ? 0 : 1)
        // Strings order by their UTF-8 bytes (code point order), as they are equal by them.
        case (.string(let x), .string(let y)): order = ExactText.order(x, y)
        case (.bool(let x), .bool(let y)): order = x == y ? 0 : 2
        case (.category(let x), .category(let y)): order = x == y ? 0 : 2
        default: return false
        }
        switch op {
        case .equal: return order == 0
        case .notEqual: return order != 0
        case .less: return order == -1
        case .lessOrEqual: return order == -1 || order == 0
        case .greater: return order == 1
        case .greaterOrEqual: return order == 1 || order == 0
        default: return false
        }
    }

    /// `a op b`; numbers whose exact result does not fit set `overflowed` and give missing.
    static func arithmetic(_ op: BinaryOperator, _ a: Value, _ b: Value, overflowed: inout Bool) -> Value {
        switch (op, a, b) {
        case (.plus, .number(let x), .number(let y)): return number(x.adding(y), &overflowed)
        case (.minus, .number(let x), .number(let y)): return number(x.subtracting(y), &overflowed)
        case (.times, .number(let x), .number(let y)): return number(x.multiplied(by: y), &overflowed)
        case (.divide, .number(let x), .number(let y)):
            // Division by zero is missing, not an overflow.
            return y.isZero ? .missing : number(x.divided(by: y), &overflowed)
        case (.plus, .date(let d), .duration(let span)): return .date(span.added(to: d))
        case (.minus, .date(let d), .duration(let span)): return .date(span.subtracted(from: d))
        case (.minus, .date(let x), .date(let y)): return .number(ExactDecimal(y.days(to: x)))
        default: return .missing
        }
    }

    @inline(__always)
    private static func number(_ result: ExactDecimal?, _ overflowed: inout Bool) -> Value {
        guard let result else {
            overflowed = true
            return .missing
        }
        return .number(result)
    }
}
