import Foundation

extension Checker {
    /// Checks one `matrix` block (SPEC §5.2); `nil` when it has errors.
    mutating func checkMatrix(_ block: MatrixBlock) -> CheckedMatrix? {
        let errorsBefore = diagnostics.count
        let context = expressionContext(.matrix)

        var weights: [EvidenceLevel: ExactDecimal] = [:]
        for level in EvidenceLevel.allCases { weights[level] = .one }
        var seenLevels: Set<String> = []
        for entry in block.evidence {
            guard let level = EvidenceLevel(rawValue: entry.level.text) else {
                let names = EvidenceLevel.allCases.map(\.rawValue)
                error(.unknownValue, "'\(entry.level.text)' is not an evidence level; expected one of \(names.joined(separator: ", "))",
                      entry.level.range, suggestion: Suggestion.closest(to: entry.level.text, in: names))
                continue
            }
            if !seenLevels.insert(level.rawValue).inserted {
                error(.duplicateDeclaration, "evidence level '\(level.rawValue)' is weighted twice", entry.level.range)
            }
            weights[level] = entry.weight.value
        }

        if let window = block.window, window.value.unit == .workingDay {
            error(.workingDaysOutsideChecklist, "a matrix window is in days, weeks, months or years, not working days", window.range)
        }

        var intelligence: TypedExpression? = nil
        if let expression = block.intelligence {
            // The predicate reads the intelligence item's own fields: source, assessment, handling, date.
            var itemContext = context
            itemContext.root = .intelligence
            intelligence = withExpressions(itemContext) { $0.checkCondition(expression) }
        }
        let eligible = block.eligible.flatMap { expression in withExpressions(context) { $0.checkCondition(expression) } }

        var rows: [CheckedMatrix.Row] = []
        var rowFor: [Int: SourceRange] = [:]
        for row in block.offences?.rows ?? [] {
            guard let category = program.categories.index(of: row.category.text) else {
                if let _ = program.categories.group(named: row.category.text) {
                    error(.unknownCategory, "'\(row.category.text)' is a group; offence rows name single categories", row.category.range,
                          notes: ["give each category of the group its own row"])
                } else {
                    error(.unknownCategory, "unknown category '\(row.category.text)'", row.category.range,
                          suggestion: Suggestion.closest(to: row.category.text, in: program.categories.names))
                }
                continue
            }
            if let first = rowFor[category] {
                error(.duplicateDeclaration, "category '\(row.category.text)' has two rows", row.category.range,
                      notes: ["first row at \(describe(first))"])
                continue
            }
            rowFor[category] = row.range
            rows.append(.init(category: category, label: row.label?.value ?? row.category.text,
                              points: row.points.value, series: row.series?.value))
        }

        var factors: [CheckedMatrix.Factor] = []
        for factor in block.factors {
            if let body = checkFactor(factor, context) {
                factors.append(.init(label: factor.label.value, body: body))
            }
        }

        let weighting = block.weighting.flatMap { checkWeighting($0) }

        var tiers: [CheckedMatrix.Tier] = []
        var sawOtherwise = false
        for tier in block.tiers {
            if sawOtherwise {
                diagnostics.append(.warning(.unreachableArm, "tier \"\(tier.name.value)\" can never apply: an earlier tier says 'otherwise'", at: tier.range))
            }
            if tier.threshold == nil { sawOtherwise = true }
            tiers.append(.init(name: tier.name.value, threshold: tier.threshold?.value))
        }

        let capacity = block.capacity.flatMap { count($0, "capacity") }

        guard diagnostics[errorsBefore...].allSatisfy({ $0.severity != .error }) else { return nil }
        return CheckedMatrix(
            name: block.name.value, version: block.version?.value, window: block.window?.value,
            evidenceWeights: weights, intelligence: intelligence, eligible: eligible,
            eligibleText: block.eligible.map { text($0.range) },
            rows: rows, factors: factors, weighting: weighting, tiers: tiers, capacity: capacity,
            file: block.range.file)
    }

    private mutating func checkFactor(_ factor: Factor, _ context: ExpressionContext) -> CheckedMatrix.FactorBody? {
        switch factor.body {
        case .expression(let expression):
            return withExpressions(context) { $0.checkNumber(expression) }.map { .expression($0) }
        case .when(let points, let condition):
            return withExpressions(context) { $0.checkCondition(condition) }.map { .when(points.value, $0) }
        case .band(let expression, let arms):
            guard let subject = withExpressions(context, { $0.check(expression) }) else { return nil }
            guard subject.type == .number || subject.type == .date else {
                error(.typeMismatch, "band needs a number to compare with its arms, but this is \(subject.type.withArticle)", expression.range,
                      notes: ["use match for values such as impact or tier"])
                return nil
            }
            if subject.type == .date {
                error(.typeMismatch, "band compares numbers; for a date use days_since(…)", expression.range,
                      suggestion: "days_since(\(text(expression.range)))")
                return nil
            }
            var checked: [CheckedBandArm] = []
            var catchAll = false
            for arm in arms {
                if catchAll, arm.condition != .missing {
                    diagnostics.append(.warning(.unreachableArm, "this arm can never apply: 'else' above catches every value", at: arm.range))
                }
                let condition: CheckedBandArm.Condition
                switch arm.condition {
                case .compare(let op, let number):
                    guard op.isComparison else {
                        error(.invalidValue, "a band arm starts with a comparison such as <= or >=", arm.range)
                        continue
                    }
                    condition = .compare(op, number.value)
                case .otherwise: condition = .otherwise; catchAll = true
                case .missing: condition = .missing
                }
                checked.append(.init(condition: condition, points: arm.points.value, text: armText(arm.range)))
            }
            return .band(subject, checked)
        case .match(let expression, let arms):
            guard let subject = withExpressions(context, { $0.check(expression) }) else { return nil }
            var checked: [CheckedMatchArm] = []
            for arm in arms {
                let pattern: CheckedMatchArm.Pattern
                switch arm.pattern {
                case .otherwise: pattern = .otherwise
                case .missing: pattern = .missing
                case .value(let value):
                    let typed: TypedExpression? = withExpressions(context) { checker in
                        if case .enumeration(let domain) = subject.type { return checker.domainValue(value, domain) }
                        return checker.check(value)
                    }
                    guard let typed else { continue }
                    guard typed.type == subject.type || (typed.type == .string && subject.type == .string) else {
                        error(.typeMismatch, "this arm is \(typed.type.withArticle), but the factor matches \(subject.type.withArticle)", value.range)
                        continue
                    }
                    pattern = .value(typed)
                }
                checked.append(.init(pattern: pattern, points: arm.points.value, text: armText(arm.range)))
            }
            return .match(subject, checked)
        }
    }

    /// The arm's condition as written (`<= 28`), without the points.
    private func armText(_ range: SourceRange) -> String {
        let whole = text(range)
        guard let arrow = whole.range(of: "->") else { return whole }
        return whole[..<arrow.lowerBound].trimmingCharacters(in: .whitespaces)
    }

    private mutating func checkWeighting(_ weighting: Weighting) -> CheckedMatrix.Weighting? {
        var rows: [CheckedMatrix.WeightRow] = []
        var coveredBy: [Int: (String, SourceRange)] = [:]
        var ok = true
        for row in weighting.rows {
            let covered: [Int]
            let isCategory: Bool
            if let category = program.categories.index(of: row.name.text) {
                covered = [category]; isCategory = true
            } else if let group = program.categories.group(named: row.name.text) {
                covered = program.categories.members[group]; isCategory = false
            } else {
                error(.unknownCategory, "unknown category or group '\(row.name.text)'", row.name.range,
                      suggestion: Suggestion.closest(to: row.name.text, in: program.categories.names + program.categories.groups))
                ok = false
                continue
            }
            if weighting.mode == .main {
                for category in covered {
                    if let (other, first) = coveredBy[category] {
                        error(.overlappingWeighting,
                              "category '\(program.categories.names[category])' is covered by both '\(other)' and '\(row.name.text)'; with 'on main category' each category may have one row",
                              row.name.range, notes: ["'\(other)' is at \(describe(first))"])
                        ok = false
                    } else {
                        coveredBy[category] = (row.name.text, row.name.range)
                    }
                }
            }
            rows.append(.init(name: row.name.text, weight: row.weight.value, categories: covered, isCategory: isCategory))
        }
        return ok ? .init(label: weighting.label.value, mode: weighting.mode, rows: rows) : nil
    }
}
