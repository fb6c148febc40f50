/// Conditions that test one field against constants, compiled to read the field where it is and
/// test it as its own type: `tool = "oasys"`, `score >= 100`, `result = positive`,
/// `assessment in [A, B, C]`, `category = burglary`.
///
/// The general path builds a `Value` for the field (retaining its string), calls a closure for the
/// record and another for the field, and compares two `Value`s. Here enumerations, booleans and
/// categories are decided by a table worked out when the rule is planned, with the general
/// comparison itself, so the answer is the general one by construction; strings, numbers and
/// dates are compared as themselves, with the general comparison's operators.
extension ExpressionPlanner {
    /// `subject op constant` (or `constant op subject` when `constantFirst`), or nil when `subject`
    /// is not a field this can read typed, or the constant is not of the field's type.
    func planFieldComparison(_ op: BinaryOperator, _ subject: TypedExpression, _ constant: Value,
                             constantFirst: Bool, recording: Bool) -> Condition? {
        guard fastPaths, case .field(let base, let field) = subject.node, let fieldOp = op.withFieldFirst(constantFirst) else {
            return nil
        }
        switch FieldReader.shape(of: field) {
        case .string:
            guard case .string(let text) = constant else { return nil }
            let source = RecordSource(base, self, recording: recording)
            if fieldOp == .equal || fieldOp == .notEqual {
                let c = StringConstant(text), equal = fieldOp == .equal
                return { frame in
                    guard let ref = source.resolve(&frame),
                          let s = FieldReader.string(field, of: ref, at: frame.offenderAddress) else { return false }
                    return c.equals(s) == equal
                }
            }
            return { frame in
                guard let ref = source.resolve(&frame),
                      let s = FieldReader.string(field, of: ref, at: frame.offenderAddress) else { return false }
                return Self.holds(fieldOp, s, text)
            }
        case .number:
            guard case .number(let c) = constant else { return nil }
            let source = RecordSource(base, self, recording: recording)
            return { frame in
                guard let ref = source.resolve(&frame),
                      let n = FieldReader.number(field, of: ref, at: frame.offenderAddress, asOf: frame.asOf) else { return false }
                return Self.holds(fieldOp, n, c)
            }
        case .date:
            guard case .date(let c) = constant else { return nil }
            let source = RecordSource(base, self, recording: recording)
            return { frame in
                guard let ref = source.resolve(&frame),
                      let d = FieldReader.date(field, of: ref, at: frame.offenderAddress) else { return false }
                return Self.holds(fieldOp, d, c)
            }
        case .enumeration, .bool, .category:
            return planFieldTable(base, field, recording: recording) { value in
                constantFirst ? Self.compare(op, constant, value) : Self.compare(op, value, constant)
            }
        case .other:
            return nil
        }
    }

    /// `subject = group` / `subject != group` for a category group, as `planGroupTest` decides it.
    func planFieldGroupTest(_ op: BinaryOperator, _ subject: TypedExpression, _ group: Int, recording: Bool) -> Condition? {
        guard fastPaths, case .field(let base, let field) = subject.node, case .category = FieldReader.shape(of: field) else {
            return nil
        }
        let groupOf = categories.groupOf
        let negate = op == .notEqual
        return planFieldTable(base, field, recording: recording) { value in
            guard case .category(let c) = value, groupOf.indices.contains(c) else { return false }
            return (groupOf[c] == group) != negate
        }
    }

    /// `subject in [items]` where every item is a constant or a category group, or nil.
    func planFieldMembership(_ subject: TypedExpression, _ items: [TypedExpression], recording: Bool) -> Condition? {
        guard fastPaths, case .field(let base, let field) = subject.node else { return nil }
        var constants: [Value] = [], groups: [Int] = []
        for item in items {
            if case .categoryGroup(let g) = item.node {
                groups.append(g)
            } else if let constant = Self.constant(item) {
                constants.append(constant)
            } else {
                return nil
            }
        }
        let shape = FieldReader.shape(of: field)
        if !groups.isEmpty, case .category = shape {} else if !groups.isEmpty { return nil }
        switch shape {
        case .string:
            let texts = constants.compactMap { value -> StringConstant? in
                if case .string(let text) = value { return StringConstant(text) } else { return nil }
            }
            guard texts.count == constants.count else { return nil }
            let source = RecordSource(base, self, recording: recording)
            return { frame in
                guard let ref = source.resolve(&frame),
                      let s = FieldReader.string(field, of: ref, at: frame.offenderAddress) else { return false }
                for c in texts where c.equals(s) { return true }
                return false
            }
        case .number:
            let numbers = constants.compactMap { value -> Decimal6? in
                if case .number(let n) = value { return n } else { return nil }
            }
            guard numbers.count == constants.count else { return nil }
            let source = RecordSource(base, self, recording: recording)
            return { frame in
                guard let ref = source.resolve(&frame),
                      let n = FieldReader.number(field, of: ref, at: frame.offenderAddress, asOf: frame.asOf) else { return false }
                for c in numbers where c == n { return true }
                return false
            }
        case .date:
            let dates = constants.compactMap { value -> Day? in
                if case .date(let d) = value { return d } else { return nil }
            }
            guard dates.count == constants.count else { return nil }
            let source = RecordSource(base, self, recording: recording)
            return { frame in
                guard let ref = source.resolve(&frame),
                      let d = FieldReader.date(field, of: ref, at: frame.offenderAddress) else { return false }
                for c in dates where c == d { return true }
                return false
            }
        case .enumeration, .bool, .category:
            let groupOf = categories.groupOf
            let constantList = constants, groupList = groups
            return planFieldTable(base, field, recording: recording) { value in
                for constant in constantList where Self.compare(.equal, value, constant) { return true }
                guard case .category(let c) = value, groupOf.indices.contains(c), let g = groupOf[c] else { return false }
                return groupList.contains(g)
            }
        case .other:
            return nil
        }
    }

    /// A test of a field with few values, decided by a table of `accepts` for each value. A value
    /// outside the table (a category index the loaded table does not know) asks `accepts` itself.
    private func planFieldTable(_ base: TypedExpression, _ field: Field, recording: Bool,
                                accepts: @escaping @Sendable (Value) -> Bool) -> Condition? {
        let source = RecordSource(base, self, recording: recording)
        switch FieldReader.shape(of: field) {
        case .enumeration(let cases):
            let table = cases.map { accepts(.string($0)) }
            return { frame in
                guard let ref = source.resolve(&frame),
                      let k = FieldReader.enumOrdinal(field, of: ref, at: frame.offenderAddress),
                      table.indices.contains(k) else { return false }
                return table[k]
            }
        case .bool:
            let whenFalse = accepts(.bool(false)), whenTrue = accepts(.bool(true))
            return { frame in
                guard let ref = source.resolve(&frame),
                      let b = FieldReader.bool(field, of: ref, at: frame.offenderAddress, asOf: frame.asOf) else { return false }
                return b ? whenTrue : whenFalse
            }
        case .category:
            let size = max(categories.names.count, categories.groupOf.count)
            let table = (0..<size).map { accepts(.category($0)) }
            return { frame in
                guard let ref = source.resolve(&frame),
                      let c = FieldReader.category(field, of: ref, at: frame.offenderAddress) else { return false }
                return table.indices.contains(c) ? table[c] : accepts(.category(c))
            }
        default:
            return nil
        }
    }

    /// `ExpressionPlanner.compare` for two values of one comparable type, operator by operator.
    @inline(__always)
    static func holds<T: Comparable>(_ op: BinaryOperator, _ a: T, _ b: T) -> Bool {
        switch op {
        case .equal: return a == b
        case .notEqual: return !(a == b)
        case .less: return a < b
        case .lessOrEqual: return a < b || a == b
        case .greater: return !(a < b) && !(a == b)
        case .greaterOrEqual: return !(a < b)
        default: return false
        }
    }
}

extension BinaryOperator {
    /// The comparison that `constant op field` makes when written `field op′ constant`; nil for
    /// operators that are not comparisons.
    func withFieldFirst(_ constantFirst: Bool) -> BinaryOperator? {
        switch self {
        case .equal, .notEqual: return self
        case .less: return constantFirst ? .greater : self
        case .lessOrEqual: return constantFirst ? .greaterOrEqual : self
        case .greater: return constantFirst ? .less : self
        case .greaterOrEqual: return constantFirst ? .lessOrEqual : self
        default: return nil
        }
    }
}

/// The record a field is read from: the offender, a `where` binding, or a record some other
/// expression reaches (`current_custody`), whose evaluator also notes it as evidence.
enum RecordSource: Sendable {
    case offender
    case element(depth: Int)
    case computed(Evaluator)

    init(_ base: TypedExpression, _ planner: ExpressionPlanner, recording: Bool) {
        switch base.node {
        case .offender: self = .offender
        case .element(let depth): self = .element(depth: depth)
        default: self = .computed(planner.plan(base, recording: recording))
        }
    }

    @inline(__always)
    func resolve(_ frame: inout EvaluationFrame) -> RecordRef? {
        switch self {
        case .offender: return .offender
        case .element(let depth): return frame.bound[frame.bound.count - 1 - depth]
        case .computed(let evaluate):
            guard case .record(let ref) = evaluate(&frame) else { return nil }
            return ref
        }
    }
}

/// A string a rule compares with, and whether a string of another length can be equal to it.
///
/// Swift compares strings by canonical equivalence, so a different UTF-8 length proves nothing in
/// general: the Kelvin sign equals "K". The only characters outside ASCII that are equivalent to
/// ASCII text are the Kelvin sign (K), the Greek question mark (;) and the Greek varia (`), so
/// for ASCII text without those three characters, another length means another string; and the
/// length of a native string is stored, where comparing two costs a call into the runtime.
struct StringConstant: Sendable {
    let text: String
    let utf8Count: Int
    let lengthDecides: Bool

    init(_ text: String) {
        self.text = text
        utf8Count = text.utf8.count
        lengthDecides = text.utf8.allSatisfy { $0 < 0x80 && $0 != UInt8(ascii: "K") && $0 != UInt8(ascii: ";") && $0 != UInt8(ascii: "`") }
    }

    @inline(__always)
    func equals(_ other: String) -> Bool {
        if lengthDecides && other.utf8.count != utf8Count { return false }
        return other == text
    }
}
