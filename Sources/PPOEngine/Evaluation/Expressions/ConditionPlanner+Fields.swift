/// Conditions that test fields against constants, compiled to read each field where it is and
/// test it as its own type: `tool = "oasys"`, `score >= 100`, `result = positive`,
/// `assessment in [A, B, C]`, `category = burglary`.
///
/// The general path builds a `Value` for the field (retaining its string), calls a closure for the
/// record and another for the field, and compares two `Value`s. Here enumerations, booleans and
/// categories are decided by a table worked out when the rule is planned, with the general
/// comparison itself, so the answer is the general one by construction; strings, numbers and
/// dates are compared as themselves, with the general comparison's operators.
/// A test of the offender, or of one of its records, that reads fields in place: `ref` is the
/// record a field of an element reads (the offender's own fields ignore it; a record that does not
/// exist reads as missing).
typealias RecordTest = @Sendable (OffenderAddress, RecordRef, Day) -> Bool

extension ExpressionPlanner {
    /// `expression` as one test of the offender and the element bound innermost, when it is built
    /// only of `and`, `or`, `true`/`false` and fields of those two tested against constants (or
    /// `"x" in` a list field); nil otherwise. A `where` made of these runs without binding its
    /// element, and `intelligence counts when …` with one look-up of the binding.
    func planRecordTest(_ expression: TypedExpression) -> RecordTest? {
        guard fastPaths else { return nil }
        switch expression.node {
        case .bool(let b):
            return { _, _, _ in b }
        case .and(let lhs, let rhs):
            guard let a = planRecordTest(lhs), let b = planRecordTest(rhs) else { return nil }
            return { o, ref, asOf in a(o, ref, asOf) && b(o, ref, asOf) }
        case .or(let lhs, let rhs):
            guard let a = planRecordTest(lhs), let b = planRecordTest(rhs) else { return nil }
            return { o, ref, asOf in a(o, ref, asOf) || b(o, ref, asOf) }
        case .compare, .inList, .contains:
            guard let (base, test) = planFieldTest(expression), Self.isOffenderOrInnermost(base) else { return nil }
            return test
        default:
            return nil
        }
    }

    /// A comparison, membership or `"x" in list` test of one field against constants, with the
    /// record the field is read from; nil when the expression is not one of those.
    func planFieldTest(_ expression: TypedExpression) -> (base: TypedExpression, test: RecordTest)? {
        guard fastPaths else { return nil }
        switch expression.node {
        case .compare(let op, let lhs, let rhs):
            if case .categoryGroup(let g) = rhs.node { return fieldGroupTest(op, lhs, g) }
            if case .categoryGroup(let g) = lhs.node { return fieldGroupTest(op, rhs, g) }
            if let constant = Self.constant(rhs) {
                return fieldComparison(op, lhs, constant, constantFirst: false)
            }
            if let constant = Self.constant(lhs) {
                return fieldComparison(op, rhs, constant, constantFirst: true)
            }
            return nil
        case .inList(let subject, let items):
            return fieldMembership(subject, items)
        case .contains(let list, let item):
            guard case .string(let needle) = item.node, case .field(let base, let field) = list.node,
                  let test = FieldReader.listTest(field, contains: StringConstant(needle)) else { return nil }
            return (base, test)
        default:
            return nil
        }
    }

    /// Whether a tree `planRecordTest` accepts reads a field of the element (rather than only the
    /// offender's own fields, which ignore the record they are given).
    static func readsElement(_ expression: TypedExpression) -> Bool {
        switch expression.node {
        case .element: return true
        case .field(let base, _): return readsElement(base)
        case .and(let a, let b), .or(let a, let b), .compare(_, let a, let b), .contains(let a, let b):
            return readsElement(a) || readsElement(b)
        case .inList(let a, let items): return readsElement(a) || items.contains { readsElement($0) }
        default: return false
        }
    }

    static func isOffenderOrInnermost(_ base: TypedExpression) -> Bool {
        switch base.node {
        case .offender, .element(depth: 0): return true
        default: return false
        }
    }

    /// `subject op constant` (or `constant op subject` when `constantFirst`), or nil when `subject`
    /// is not a field this can read typed, or the constant is not of the field's type.
    private func fieldComparison(_ op: BinaryOperator, _ subject: TypedExpression, _ constant: Value,
                                 constantFirst: Bool) -> (base: TypedExpression, test: RecordTest)? {
        guard case .field(let base, let field) = subject.node, let fieldOp = op.withFieldFirst(constantFirst) else {
            return nil
        }
        if field == .age, let test = Self.ageTest(fieldOp, constant) { return (base, test) }
        switch FieldReader.shape(of: field) {
        case .string:
            guard case .string(let text) = constant else { return nil }
            if fieldOp == .equal || fieldOp == .notEqual {
                let c = StringConstant(text), equal = fieldOp == .equal
                return (base, { o, ref, _ in
                    guard let s = FieldReader.string(field, of: ref, at: o) else { return false }
                    return c.equals(s) == equal
                })
            }
            let c = ExactText(text)
            return (base, { o, ref, _ in
                guard let s = FieldReader.string(field, of: ref, at: o) else { return false }
                return Self.holds(fieldOp, ExactText(s), c)
            })
        case .number:
            guard case .number(let c) = constant else { return nil }
            return (base, { o, ref, asOf in
                guard let n = FieldReader.number(field, of: ref, at: o, asOf: asOf) else { return false }
                return Self.holds(fieldOp, n, c)
            })
        case .date:
            guard case .date(let c) = constant else { return nil }
            return (base, { o, ref, _ in
                guard let d = FieldReader.date(field, of: ref, at: o) else { return false }
                return Self.holds(fieldOp, d, c)
            })
        case .enumeration, .bool, .category:
            return fieldTable(base, field) { value in
                constantFirst ? Self.compare(op, constant, value) : Self.compare(op, value, constant)
            }
        case .other:
            return nil
        }
    }

    /// `age op N` for a whole N from 0 to 200 (`age >= 10`), or nil for any other constant.
    ///
    /// Someone is at least N years old at `as_of` exactly when born on or before `as_of` less N
    /// years (a 29 February `as_of` gives 28 February in other years, where no one is born on the
    /// 29th), so the test compares the date of birth with that day, worked out once per `as_of`,
    /// rather than turning two dates into years, months and days for every offender. As with the
    /// general comparison, no date of birth, or one after `as_of`, passes no test.
    static func ageTest(_ op: BinaryOperator, _ constant: Value) -> RecordTest? {
        guard case .number(let c) = constant, let n = c.wholeValue else { return nil }
        guard (0...200).contains(n) else { return nil }
        // The last birthdays of those at least N, and at least N + 1, years old.
        let oldest = WindowStart(PPODuration(count: n, unit: .year))
        let older = WindowStart(PPODuration(count: n + 1, unit: .year))
        @Sendable func born(_ o: OffenderAddress, _ asOf: Day) -> Day? {
            guard let dob = o.offender.dob, dob <= asOf else { return nil }
            return dob
        }
        switch op {
        case .greaterOrEqual:
            return { o, _, asOf in born(o, asOf).map { $0 <= oldest.start(asOf: asOf) } ?? false }
        case .less:
            return { o, _, asOf in born(o, asOf).map { $0 > oldest.start(asOf: asOf) } ?? false }
        case .greater:
            return { o, _, asOf in born(o, asOf).map { $0 <= older.start(asOf: asOf) } ?? false }
        case .lessOrEqual:
            return { o, _, asOf in born(o, asOf).map { $0 > older.start(asOf: asOf) } ?? false }
        case .equal:
            return { o, _, asOf in
                born(o, asOf).map { $0 <= oldest.start(asOf: asOf) && $0 > older.start(asOf: asOf) } ?? false
            }
        case .notEqual:
            return { o, _, asOf in
                born(o, asOf).map { !($0 <= oldest.start(asOf: asOf) && $0 > older.start(asOf: asOf)) } ?? false
            }
        default:
            return nil
        }
    }

    /// `subject = group` / `subject != group` for a category group, as `planGroupTest` decides it.
    private func fieldGroupTest(_ op: BinaryOperator, _ subject: TypedExpression,
                                _ group: Int) -> (base: TypedExpression, test: RecordTest)? {
        guard case .field(let base, let field) = subject.node, case .category = FieldReader.shape(of: field) else {
            return nil
        }
        let groupOf = categories.groupOf
        let negate = op == .notEqual
        return fieldTable(base, field) { value in
            guard case .category(let c) = value, groupOf.indices.contains(c) else { return false }
            return (groupOf[c] == group) != negate
        }
    }

    /// `subject in [items]` where every item is a constant or a category group, or nil.
    private func fieldMembership(_ subject: TypedExpression,
                                 _ items: [TypedExpression]) -> (base: TypedExpression, test: RecordTest)? {
        guard case .field(let base, let field) = subject.node else { return nil }
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
            return (base, { o, ref, _ in
                guard let s = FieldReader.string(field, of: ref, at: o) else { return false }
                for c in texts where c.equals(s) { return true }
                return false
            })
        case .number:
            let numbers = constants.compactMap { value -> ExactDecimal? in
                if case .number(let n) = value { return n } else { return nil }
            }
            guard numbers.count == constants.count else { return nil }
            return (base, { o, ref, asOf in
                guard let n = FieldReader.number(field, of: ref, at: o, asOf: asOf) else { return false }
                for c in numbers where c == n { return true }
                return false
            })
        case .date:
            let dates = constants.compactMap { value -> Day? in
                if case .date(let d) = value { return d } else { return nil }
            }
            guard dates.count == constants.count else { return nil }
            return (base, { o, ref, _ in
                guard let d = FieldReader.date(field, of: ref, at: o) else { return false }
                for c in dates where c == d { return true }
                return false
            })
        case .enumeration, .bool, .category:
            let groupOf = categories.groupOf
            let constantList = constants, groupList = groups
            return fieldTable(base, field) { value in
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
    private func fieldTable(_ base: TypedExpression, _ field: Field,
                            accepts: @escaping @Sendable (Value) -> Bool) -> (base: TypedExpression, test: RecordTest)? {
        switch FieldReader.shape(of: field) {
        case .enumeration(let cases):
            let table = cases.map { accepts(.string($0)) }
            return (base, { o, ref, _ in
                guard let k = FieldReader.enumOrdinal(field, of: ref, at: o), table.indices.contains(k) else { return false }
                return table[k]
            })
        case .bool:
            let whenFalse = accepts(.bool(false)), whenTrue = accepts(.bool(true))
            return (base, { o, ref, asOf in
                guard let b = FieldReader.bool(field, of: ref, at: o, asOf: asOf) else { return false }
                return b ? whenTrue : whenFalse
            })
        case .category:
            let size = max(categories.names.count, categories.groupOf.count)
            let table = (0..<size).map { accepts(.category($0)) }
            return (base, { o, ref, _ in
                guard let c = FieldReader.category(field, of: ref, at: o) else { return false }
                return table.indices.contains(c) ? table[c] : accepts(.category(c))
            })
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
    /// A record that does not exist, whose fields all read as missing: what `where`'s element is
    /// when nothing is bound.
    static let absent = RecordRef(kind: .offender, index: -1, parent: -1)

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
        case .element(let depth): return depth == 0 ? frame.bound.innermost : frame.bound[frame.bound.count - 1 - depth]
        case .computed(let evaluate):
            guard case .record(let ref) = evaluate(&frame) else { return nil }
            return ref
        }
    }
}

/// A string a rule compares with, equal to data only when their UTF-8 bytes are (`ExactText`).
///
/// Kept cheap, as every `"x" in flags` and `tool = "oasys"` runs through it for every offender: a
/// native string knows its UTF-8 length, so another length settles it with no byte read; and for
/// ASCII text without K, ; and ` Swift's own `==` (which for identical small strings is a compare of
/// two words) is already byte equality, since the only characters outside ASCII that are
/// canonically equivalent to ASCII are the Kelvin sign (K), the Greek question mark (;) and the
/// Greek varia (`). Any other constant is compared byte by byte.
struct StringConstant: Sendable {
    let text: String
    let utf8Count: Int
    /// ASCII without K, ; and `: where `==` and byte equality agree.
    let plain: Bool

    init(_ text: String) {
        self.text = text
        utf8Count = text.utf8.count
        plain = text.utf8.allSatisfy { $0 < 0x80 && $0 != UInt8(ascii: "K") && $0 != UInt8(ascii: ";") && $0 != UInt8(ascii: "`") }
    }

    @inline(__always)
    func equals(_ other: String) -> Bool {
        guard other.utf8.count == utf8Count else { return false }
        return plain ? other == text : Self.sameBytes(other, text)
    }

    /// Out of line, so the common test above stays small enough to inline where it is used.
    @inline(never)
    private static func sameBytes(_ a: String, _ b: String) -> Bool { ExactText.same(a, b) }

    /// Whether `list` holds a string equal to this one.
    @inline(__always)
    func isIn(_ list: [String]) -> Bool {
        for s in list where equals(s) { return true }
        return false
    }
}
