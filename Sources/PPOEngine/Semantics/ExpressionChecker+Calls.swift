/// Function calls and aggregates: `count(offences where …)`, `latest(intelligence).date`,
/// `days_since(…)`, `score("…")`, with their arguments' types and the collections they range over.
extension ExpressionChecker {
    mutating func checkCall(_ name: Name, _ arguments: [Expression], _ range: SourceRange) -> TypedExpression? {
        if let aggregate = Aggregate(rawValue: name.text) {
            return checkAggregate(aggregate, name, arguments, range)
        }
        switch name.text {
        case "days_since":
            guard arguments.count == 1 else { return wrongArguments(name, "one date", range) }
            guard let date = checkDate(arguments[0], "days_since(…)") else { return nil }
            return TypedExpression(.daysSince(date), .number, range)
        case "changed":
            guard arguments.count == 1 else { return wrongArguments(name, "one field, e.g. changed(current_custody.release)", range) }
            guard context.place == .alerts else {
                error(.unknownFunction, "changed(…) compares with the previous snapshot and is only available in alerts", name.range)
                return nil
            }
            guard let path = check(arguments[0]) else { return nil }
            guard isFieldPath(path) else {
                error(.typeMismatch, "changed(…) takes a field of the offender, e.g. changed(current_custody.establishment)", arguments[0].range)
                return nil
            }
            return TypedExpression(.changed(path), .bool, range)
        case "score", "tier", "recommended":
            guard let kind = MatrixResultKind(rawValue: name.text) else { return nil }
            guard arguments.count == 1, case .string(let matrix) = arguments[0].kind else {
                return wrongArguments(name, "the quoted name of a matrix", range)
            }
            guard context.place == .alerts else {
                error(.unknownFunction, "\(name.text)(\"…\") reads another matrix's result and is only available in alerts", name.range)
                return nil
            }
            // By its bytes, as the engine finds the matrix when the alert runs.
            guard ExactText.list(context.matrices, contains: matrix) else {
                diagnostics.append(.error(.unknownMatrix, "no matrix is called \"\(matrix)\"", at: arguments[0].range,
                                          suggestion: Suggestion.closest(to: matrix, in: context.matrices)))
                return nil
            }
            let type: ValueType = kind == .score ? .number : kind == .tier ? .string : .bool
            return TypedExpression(.matrixResult(kind, matrix), type, range)
        case "next_due", "days_to_due":
            guard let kind = ChecklistDueKind(rawValue: name.text) else { return nil }
            guard arguments.count == 1, case .string(let checklist) = arguments[0].kind else {
                return wrongArguments(name, "the quoted name of a checklist", range)
            }
            guard context.place == .alerts else {
                error(.unknownFunction, "\(name.text)(\"…\") reads a checklist's results and is only available in alerts", name.range)
                return nil
            }
            guard ExactText.list(context.checklists, contains: checklist) else {
                diagnostics.append(.error(.unknownChecklist, "no checklist is called \"\(checklist)\"", at: arguments[0].range,
                                          suggestion: Suggestion.closest(to: checklist, in: context.checklists)))
                return nil
            }
            return TypedExpression(.checklistDue(kind, checklist), kind == .nextDue ? .date : .number, range)
        default:
            let known = Aggregate.allCases.map(\.rawValue) + ["days_since", "changed", "score", "tier", "recommended", "next_due", "days_to_due"]
            diagnostics.append(.error(.unknownFunction, "unknown function '\(name.text)'", at: name.range,
                                      suggestion: Suggestion.closest(to: name.text, in: known)))
            return nil
        }
    }

    mutating func checkAggregate(_ aggregate: Aggregate, _ name: Name, _ arguments: [Expression], _ range: SourceRange) -> TypedExpression? {
        let needsValue = aggregate == .sum || aggregate == .max || aggregate == .min
        guard arguments.count == (needsValue ? 2 : 1) else {
            return wrongArguments(name, needsValue ? "a collection and a value, e.g. \(name.text)(assessments, score)" : "one collection, e.g. \(name.text)(offences)", range)
        }
        guard let query = checkCollection(arguments[0]) else { return nil }
        var value: TypedExpression? = nil
        if needsValue {
            scopes.append(query.element)
            defer { scopes.removeLast() }
            guard let v = check(arguments[1]) else { return nil }
            let allowed: Bool = aggregate == .sum ? v.type == .number : (v.type == .number || v.type == .date)
            guard allowed else {
                error(.typeMismatch, "\(name.text)(…) needs a \(aggregate == .sum ? "number" : "number or date") for each element, but this is \(v.type.withArticle)", arguments[1].range)
                return nil
            }
            value = v
        }
        if (aggregate == .latest || aggregate == .earliest), Schema.dateField(of: query.element) == nil {
            error(.typeMismatch, "\(name.text)(…) picks by date, and \(query.element.plural) have no date", arguments[0].range)
            return nil
        }
        let type: ValueType
        switch aggregate {
        case .count: type = .number
        case .any, .all: type = .bool
        case .sum: type = .number
        case .max, .min: type = value?.type ?? .number
        case .latest, .earliest: type = .record(query.element)
        }
        return TypedExpression(.aggregate(aggregate, query, value), type, range)
    }

    /// A collection argument: `path`, `path where P`, `path within D`, `path where P within D`.
    mutating func checkCollection(_ expression: Expression) -> CollectionQuery? {
        switch expression.kind {
        case .within(let inner, let duration, let next):
            guard !next else {
                error(.typeMismatch, "a collection is limited to past events with 'within D'; 'within next' is for a single date", duration.range)
                return nil
            }
            guard checkDuration(duration.value, duration.range), let query = checkCollection(inner) else { return nil }
            guard Schema.dateField(of: query.element) != nil else {
                error(.typeMismatch, "\(query.element.plural) have no date, so 'within' cannot limit them", duration.range)
                return nil
            }
            return CollectionQuery(base: query.base, field: query.field, element: query.element,
                                   predicate: query.predicate, window: duration.value)
        case .filter(let base, let predicate):
            guard let query = checkCollection(base) else { return nil }
            scopes.append(query.element)
            defer { scopes.removeLast() }
            guard let p = checkCondition(predicate) else { return nil }
            return CollectionQuery(base: query.base, field: query.field, element: query.element, predicate: p, window: query.window)
        default:
            guard let typed = check(expression) else { return nil }
            guard case .collection(let kind) = typed.type, case .field(let base, let field) = typed.node else {
                error(.notACollection, "expected a collection such as offences, arrests or intelligence, but this is \(typed.type.withArticle)", expression.range)
                return nil
            }
            return CollectionQuery(base: base, field: field, element: kind, predicate: nil, window: nil)
        }
    }
}
