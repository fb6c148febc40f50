/// Compiles a checked matrix once into closures and lookup tables (SPEC §5.2).
enum MatrixPlanner {
    static func plan(_ matrix: CheckedMatrix, categories: CategoryTable) -> CompiledMatrix {
        let planner = ExpressionPlanner(categories: categories)
        var rowOfCategory = [Int?](repeating: nil, count: categories.names.count)
        for (r, row) in matrix.rows.enumerated() where rowOfCategory.indices.contains(row.category) {
            rowOfCategory[row.category] = r
        }
        let factors = matrix.factors.map { factor -> CompiledFactor in
            switch factor.body {
            case .expression(let e):
                return CompiledFactor(label: factor.label, expression: planner.plan(e, recording: true), categories: categories)
            case .when(let points, let c):
                return CompiledFactor(label: factor.label, points: points, when: planner.planCondition(c, recording: true),
                                      categories: categories)
            case .band(let e, let arms):
                return CompiledFactor(label: factor.label, band: planner.plan(e, recording: true), arms: arms,
                                      categories: categories)
            case .match(let e, let arms):
                let tests = arms.map { arm -> (test: Evaluator?, arm: CheckedMatchArm) in
                    if case .value(let v) = arm.pattern { return (planner.plan(v, recording: false), arm) }
                    return (nil, arm)
                }
                return CompiledFactor(label: factor.label, match: planner.plan(e, recording: true), arms: tests,
                                      categories: categories)
            }
        }
        let weighting = matrix.weighting.map {
            CompiledWeighting(label: $0.label, mode: $0.mode, rows: $0.rows)
        }
        return CompiledMatrix(
            name: matrix.name, version: matrix.version, capacity: matrix.capacity, window: matrix.window,
            categories: categories, evidenceWeights: matrix.evidenceWeights,
            rows: matrix.rows, rowOfCategory: rowOfCategory,
            intelligence: matrix.intelligence.map { planner.planCondition($0, recording: false) },
            intelligenceTest: matrix.intelligence.flatMap { planner.planRecordTest($0) },
            eligible: matrix.eligible.map { planner.planCondition($0, recording: false) },
            eligibleText: matrix.eligibleText, factors: factors, weighting: weighting, tiers: matrix.tiers,
            checked: matrix)
    }
}
