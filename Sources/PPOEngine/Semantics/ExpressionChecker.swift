/// Resolves names and types of one expression against the record schema (SPEC §4).
///
/// Errors are appended to `diagnostics`; a node with an error checks to `nil` so one mistake gives
/// one message, not a cascade.
struct ExpressionChecker {
    let categories: CategoryTable
    let context: ExpressionContext
    var diagnostics: [Diagnostic] = []
    /// Record kinds bound by enclosing `where` clauses, innermost last.
    var scopes: [RecordKind] = []

    init(categories: CategoryTable, context: ExpressionContext) {
        self.categories = categories
        self.context = context
    }

    /// Checks an expression that must be true/false.
    mutating func checkCondition(_ expression: Expression) -> TypedExpression? {
        guard let typed = check(expression) else { return nil }
        guard typed.type == .bool else {
            error(.typeMismatch, "expected a true/false condition, but this is \(typed.type.withArticle)", expression.range)
            return nil
        }
        return typed
    }

    /// Checks an expression that must be a number.
    mutating func checkNumber(_ expression: Expression) -> TypedExpression? {
        guard let typed = check(expression) else { return nil }
        guard typed.type == .number else {
            error(.typeMismatch, "expected a number, but this is \(typed.type.withArticle)", expression.range)
            return nil
        }
        return typed
    }

    mutating func check(_ expression: Expression) -> TypedExpression? {
        let range = expression.range
        switch expression.kind {
        case .number(let n): return TypedExpression(.number(n), .number, range)
        case .string(let s): return TypedExpression(.string(s), .string, range)
        case .date(let d): return TypedExpression(.date(d), .date, range)
        case .duration(let d):
            guard checkDuration(d, range) else { return nil }
            return TypedExpression(.duration(d), .duration, range)
        case .bool(let b): return TypedExpression(.bool(b), .bool, range)
        case .today: return TypedExpression(.today, .date, range)
        case .name(let name): return resolveName(name, range)
        case .member(let base, let name): return checkMember(base, name, range)
        case .call(let name, let arguments): return checkCall(name, arguments, range)
        case .negate(let inner):
            guard let typed = check(inner) else { return nil }
            guard typed.type == .number else {
                error(.typeMismatch, "'-' needs a number, but this is \(typed.type.withArticle)", inner.range)
                return nil
            }
            return TypedExpression(.negate(typed), .number, range)
        case .not(let inner):
            guard let typed = checkCondition(inner) else { return nil }
            return TypedExpression(.not(typed), .bool, range)
        case .binary(let op, let lhs, let rhs):
            return checkBinary(op, lhs, rhs, range)
        case .inList(let subject, let values):
            return checkInList(subject, values, range)
        case .inCollection(let item, let list):
            guard let typedList = check(list) else { return nil }
            guard typedList.type == .stringList else {
                error(.typeMismatch, "'in' needs a list of text such as flags or aggravating, but this is \(typedList.type.withArticle)", list.range)
                return nil
            }
            guard let typedItem = check(item) else { return nil }
            guard typedItem.type == .string || isOpenEnumeration(typedItem.type) else {
                error(.typeMismatch, "only text can be looked up in \(describe(list)); this is \(typedItem.type.withArticle)", item.range)
                return nil
            }
            return TypedExpression(.contains(list: typedList, item: typedItem), .bool, range)
        case .inThisMonth(let inner):
            guard let typed = checkDate(inner, "'in this month'") else { return nil }
            return TypedExpression(.inThisMonth(typed), .bool, range)
        case .within(let inner, let duration, let next):
            guard checkDuration(duration.value, duration.range) else { return nil }
            if case .name = inner.kind, let typed = check(inner), case .collection = typed.type {
                error(.typeMismatch, "'\(describe(inner))' is a collection: use it inside count(…), any(…) and the like, e.g. count(\(describe(inner)) within \(duration.value))", inner.range)
                return nil
            }
            guard let typed = checkDate(inner, "'within'") else { return nil }
            return TypedExpression(.within(typed, duration.value, next: next), .bool, range)
        case .presence(let inner, let present):
            guard let typed = check(inner) else { return nil }
            return TypedExpression(.presence(typed, present: present), .bool, range)
        case .conditional(let condition, let then, let otherwise):
            guard let c = checkCondition(condition) else { return nil }
            guard let a = check(then), let b = check(otherwise) else { return nil }
            guard compatible(a.type, b.type) else {
                error(.typeMismatch, "both branches of 'if' must have the same type, but one is \(a.type.withArticle) and the other \(b.type.withArticle)", otherwise.range)
                return nil
            }
            return TypedExpression(.conditional(c, a, b), a.type, range)
        case .filter:
            error(.typeMismatch, "'where' filters a collection inside count(…), any(…), sum(…) and the like", range)
            return nil
        }
    }

    // MARK: - Names

    mutating func resolveName(_ name: String, _ range: SourceRange) -> TypedExpression? {
        if name == "offender" { return TypedExpression(.offender, .record(.offender), range) }
        let kind = scopes.last ?? context.root
        let base = scopes.isEmpty
            ? (context.root == .offender ? TypedExpression(.offender, .record(.offender), range)
                                         : TypedExpression(.element(depth: 0), .record(context.root), range))
            : TypedExpression(.element(depth: 0), .record(kind), range)
        if Schema.monitoringOnly.contains(name) {
            monitoringError(name, range)
            return nil
        }
        let fields = Schema.fields(of: kind)
        if let (field, type) = fields[name] {
            return TypedExpression(.field(base, field), type, range)
        }
        let place = scopes.isEmpty ? kind.withArticle : "\(kind.withArticle) (inside 'where')"
        var notes: [String] = []
        if !scopes.isEmpty, Schema.fields(of: .offender)[name] != nil {
            notes.append("inside 'where', bare names are the \(kind.singular)'s fields; write 'offender.\(name)' for the offender's")
        } else if categories.index(of: name) != nil || categories.group(named: name) != nil {
            notes.append("'\(name)' is an offence category: compare it with a field, e.g. category = \(name)")
        }
        diagnostics.append(.error(.unknownName, "unknown name '\(name)': not a field of \(place)", at: range,
                                  suggestion: Suggestion.closest(to: name, in: fields.keys.sorted()), notes: notes))
        return nil
    }

    mutating func checkMember(_ base: Expression, _ name: Name, _ range: SourceRange) -> TypedExpression? {
        guard let typed = check(base) else { return nil }
        if Schema.monitoringOnly.contains(name.text) {
            monitoringError(name.text, name.range)
            return nil
        }
        switch typed.type {
        case .record(let kind):
            let fields = Schema.fields(of: kind)
            guard let (field, type) = fields[name.text] else {
                diagnostics.append(.error(.unknownField, "\(kind.withArticle) has no field '\(name.text)'", at: name.range,
                                          suggestion: Suggestion.closest(to: name.text, in: fields.keys.sorted())))
                return nil
            }
            return TypedExpression(.field(typed, field), type, range)
        case .collection(let kind):
            error(.notACollection, "'\(describe(base))' is a collection of \(kind.plural), not one record: pick one with latest(…) or earliest(…)", base.range)
            return nil
        default:
            error(.typeMismatch, "'.\(name.text)' needs a record, but this is \(typed.type.withArticle)", base.range)
            return nil
        }
    }

    mutating func monitoringError(_ name: String, _ range: SourceRange) {
        diagnostics.append(.error(.monitoringField,
            "'\(name)' is a monitoring-only field: no matrix, checklist or alert may read it", at: range,
            notes: ["ethnicity, gender and religion are kept for equality monitoring only (the equality duty); selection must not depend on them"]))
    }

    // MARK: - Operators

    mutating func checkBinary(_ op: BinaryOperator, _ lhs: Expression, _ rhs: Expression, _ range: SourceRange) -> TypedExpression? {
        switch op {
        case .and, .or:
            guard let a = checkCondition(lhs), let b = checkCondition(rhs) else { return nil }
            return TypedExpression(op == .and ? .and(a, b) : .or(a, b), .bool, range)
        case .plus, .minus, .times, .divide:
            guard let a = check(lhs), let b = check(rhs) else { return nil }
            switch (op, a.type, b.type) {
            case (_, .number, .number):
                return TypedExpression(.arithmetic(op, a, b), .number, range)
            case (.plus, .date, .duration), (.minus, .date, .duration):
                return TypedExpression(.arithmetic(op, a, b), .date, range)
            case (.minus, .date, .date):
                return TypedExpression(.arithmetic(op, a, b), .number, range)
            default:
                error(.typeMismatch, "cannot apply '\(op.rawValue)' to \(a.type.withArticle) and \(b.type.withArticle)", range)
                return nil
            }
        case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual:
            guard let (a, b) = checkComparedPair(lhs, rhs) else { return nil }
            guard compatible(a.type, b.type) else {
                error(.typeMismatch, "cannot compare \(a.type.withArticle) with \(b.type.withArticle)", range)
                return nil
            }
            if op != .equal, op != .notEqual, !a.type.isOrdered {
                error(.typeMismatch, "'\(op.rawValue)' needs numbers or dates, but this is \(a.type.withArticle)", range)
                return nil
            }
            return TypedExpression(.compare(op, a, b), .bool, range)
        }
    }

    /// Checks both sides of a comparison, reading a bare name on one side as a value of the other
    /// side's enumeration (`category = burglary_dwelling`).
    mutating func checkComparedPair(_ lhs: Expression, _ rhs: Expression) -> (TypedExpression, TypedExpression)? {
        if isBareWord(rhs) || isStringLiteral(rhs) {
            guard let a = check(lhs) else { return nil }
            if case .enumeration(let domain) = a.type {
                guard let b = domainValue(rhs, domain) else { return nil }
                return (a, b)
            }
            guard let b = check(rhs) else { return nil }
            return (a, b)
        }
        if isBareWord(lhs) || isStringLiteral(lhs) {
            guard let b = check(rhs) else { return nil }
            if case .enumeration(let domain) = b.type {
                guard let a = domainValue(lhs, domain) else { return nil }
                return (a, b)
            }
            guard let a = check(lhs) else { return nil }
            return (a, b)
        }
        guard let a = check(lhs), let b = check(rhs) else { return nil }
        return (a, b)
    }

    mutating func checkInList(_ subject: Expression, _ values: [Expression], _ range: SourceRange) -> TypedExpression? {
        guard let s = check(subject) else { return nil }
        var typed: [TypedExpression] = []
        var ok = true
        for value in values {
            let t: TypedExpression?
            if case .enumeration(let domain) = s.type, isBareWord(value) || isStringLiteral(value) {
                t = domainValue(value, domain)
            } else {
                t = check(value)
            }
            guard let t else { ok = false; continue }
            guard compatible(s.type, t.type) else {
                error(.typeMismatch, "\(s.type.withArticle) cannot be in a list holding \(t.type.withArticle)", value.range)
                ok = false
                continue
            }
            typed.append(t)
        }
        return ok ? TypedExpression(.inList(s, typed), .bool, range) : nil
    }

    /// Resolves a bare word or string as a value of an enumeration domain.
    mutating func domainValue(_ expression: Expression, _ domain: Domain) -> TypedExpression? {
        let range = expression.range
        let word: String
        switch expression.kind {
        case .name(let w): word = w
        case .string(let s): word = s
        default: return check(expression)
        }
        switch domain {
        case .category:
            if let index = categories.index(of: word) {
                return TypedExpression(.category(index), .enumeration(.category), range)
            }
            if let group = categories.group(named: word) {
                return TypedExpression(.categoryGroup(group), .enumeration(.category), range)
            }
            diagnostics.append(.error(.unknownCategory, "unknown category '\(word)'", at: range,
                                      suggestion: Suggestion.closest(to: word, in: categories.names + categories.groups)))
            return nil
        case .eventType:
            if let events = context.eventTypes, !events.contains(word) {
                diagnostics.append(.error(.unknownEventType, "'\(word)' is not an event type this checklist declares", at: range,
                                          suggestion: Suggestion.closest(to: word, in: events),
                                          notes: ["declared: " + events.joined(separator: ", ")]))
                return nil
            }
            return TypedExpression(.enumValue(domain, word), .enumeration(domain), range)
        case .strand, .reason:
            let known = domain == .strand ? context.strands : context.reasons
            if let known, !known.contains(word) {
                diagnostics.append(.error(.unknownValue, "'\(word)' is not \(ValueType.article(domain.name)) of any loaded scheme",
                                          at: range, suggestion: Suggestion.closest(to: word, in: known),
                                          notes: known.isEmpty ? [] : ["declared: " + known.joined(separator: ", ")]))
                return nil
            }
            return TypedExpression(.enumValue(domain, word), .enumeration(domain), range)
        default:
            if let allowed = domain.closedValues, !allowed.contains(word) {
                diagnostics.append(.error(.unknownValue, "'\(word)' is not \(ValueType.article(domain.name)); expected one of \(allowed.joined(separator: ", "))",
                                          at: range, suggestion: Suggestion.closest(to: word, in: allowed)))
                return nil
            }
            return TypedExpression(.enumValue(domain, word), .enumeration(domain), range)
        }
    }

    // MARK: - Helpers

    mutating func checkDate(_ expression: Expression, _ what: String) -> TypedExpression? {
        guard let typed = check(expression) else { return nil }
        guard typed.type == .date else {
            error(.typeMismatch, "\(what) needs a date, but this is \(typed.type.withArticle)", expression.range)
            return nil
        }
        return typed
    }

    mutating func checkDuration(_ duration: PPODuration, _ range: SourceRange) -> Bool {
        if duration.unit == .workingDay {
            error(.workingDaysOutsideChecklist, "working days count only in checklist requirements, which have a calendar", range)
            return false
        }
        return true
    }

    mutating func wrongArguments(_ name: Name, _ expected: String, _ range: SourceRange) -> TypedExpression? {
        error(.wrongArguments, "\(name.text)(…) takes \(expected)", range)
        return nil
    }

    mutating func error(_ id: DiagnosticID, _ message: String, _ range: SourceRange) {
        diagnostics.append(.error(id, message, at: range))
    }

    func compatible(_ a: ValueType, _ b: ValueType) -> Bool {
        if a == b { return true }
        if isOpenEnumeration(a) && b == .string { return true }
        if isOpenEnumeration(b) && a == .string { return true }
        return false
    }

    func isOpenEnumeration(_ type: ValueType) -> Bool {
        if case .enumeration(let d) = type { return d.closedValues == nil && d != .category }
        return false
    }

    func isFieldPath(_ typed: TypedExpression) -> Bool {
        switch typed.node {
        case .field(let base, _): return base.node == .offender || isFieldPath(base)
        default: return false
        }
    }

    func isBareWord(_ expression: Expression) -> Bool {
        if case .name = expression.kind { return true }
        return false
    }

    func isStringLiteral(_ expression: Expression) -> Bool {
        if case .string = expression.kind { return true }
        return false
    }

    func describe(_ expression: Expression) -> String {
        switch expression.kind {
        case .name(let n): return n
        case .member(let b, let n): return describe(b) + "." + n.text
        default: return "this"
        }
    }
}
