/// Compiles a checked matrix once into closures and lookup tables (SPEC §5.2).
enum MatrixPlanner {
    static func plan(_ matrix: CheckedMatrix, categories: CategoryTable) -> CompiledMatrix {
        let planner = ExpressionPlanner(categories: categories)
        var rowOfCategory = [Int?](repeating: nil, count: categories.names.count)
        for (r, row) in matrix.rows.enumerated() where rowOfCategory.indices.contains(row.category) {
            rowOfCategory[row.category] = r
        }
        let factors = matrix.factors.map { factor -> CompiledFactor in
            let body: CompiledFactor.Body
            switch factor.body {
            case .expression(let e): body = .expression(planner.plan(e, recording: true))
            case .when(let points, let c): body = .when(points, planner.plan(c, recording: true))
            case .band(let e, let arms): body = .band(planner.plan(e, recording: true), arms)
            case .match(let e, let arms):
                body = .match(planner.plan(e, recording: true), arms.map { arm in
                    if case .value(let v) = arm.pattern { return (planner.plan(v, recording: false), arm) }
                    return (nil, arm)
                })
            }
            return CompiledFactor(label: factor.label, body: body, categories: categories)
        }
        let weighting = matrix.weighting.map {
            CompiledWeighting(label: $0.label, mode: $0.mode, rows: $0.rows)
        }
        return CompiledMatrix(
            name: matrix.name, version: matrix.version, capacity: matrix.capacity, window: matrix.window,
            categories: categories, evidenceWeights: matrix.evidenceWeights,
            rows: matrix.rows, rowOfCategory: rowOfCategory,
            intelligence: matrix.intelligence.map { planner.plan($0, recording: false) },
            eligible: matrix.eligible.map { planner.plan($0, recording: false) },
            eligibleText: matrix.eligibleText, factors: factors, weighting: weighting, tiers: matrix.tiers,
            checked: matrix)
    }
}
