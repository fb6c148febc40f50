extension TypedExpression {
    /// Whether evaluating the expression may read the offender's `field` (a field or collection).
    func reads(_ field: Field) -> Bool {
        switch node {
        case .number, .string, .date, .duration, .bool, .enumValue, .categoryGroup, .category, .today,
             .offender, .element, .matrixResult, .checklistDue:
            return false
        case .field(let base, let name):
            return name == field || base.reads(field)
        case .negate(let a), .not(let a), .inThisMonth(let a), .within(let a, _, _), .presence(let a, _),
             .daysSince(let a), .changed(let a):
            return a.reads(field)
        case .and(let a, let b), .or(let a, let b), .arithmetic(_, let a, let b), .compare(_, let a, let b),
             .contains(let a, let b):
            return a.reads(field) || b.reads(field)
        case .inList(let a, let items):
            return a.reads(field) || items.contains { $0.reads(field) }
        case .conditional(let c, let a, let b):
            return c.reads(field) || a.reads(field) || b.reads(field)
        case .aggregate(_, let query, let value):
            return query.field == field || query.base.reads(field) || (query.predicate?.reads(field) ?? false)
                || (value?.reads(field) ?? false)
        }
    }
}

extension CheckedMatrix {
    /// Whether any expression of the matrix reads the offender's case files. When none does, a
    /// reader only checks them (a bad date there still rejects the record) without building them:
    /// they are over a quarter of a typical record.
    var readsCases: Bool { expressions.contains { $0.reads(.cases) } }

    /// Every expression of the matrix.
    var expressions: [TypedExpression] {
        var expressions: [TypedExpression] = [intelligence, eligible].compactMap { $0 }
        for factor in factors {
            switch factor.body {
            case .band(let expression, _), .when(_, let expression), .expression(let expression):
                expressions.append(expression)
            case .match(let expression, let arms):
                expressions.append(expression)
                for arm in arms {
                    if case .value(let pattern) = arm.pattern { expressions.append(pattern) }
                }
            }
        }
        return expressions
    }

    /// Whether any expression of the matrix reads what the panel's decisions decide: `is_ppo`,
    /// `days_on_scheme` or a `cohort.*` field.
    var readsDecisions: Bool {
        expressions.contains { expression in
            [Field.isPPO, .cohort, .daysOnScheme].contains { expression.reads($0) }
        }
    }
}
