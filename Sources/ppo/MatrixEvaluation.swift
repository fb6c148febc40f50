import PPOEngine

/// The shared core of `score` and `explain`: load the rules, pick the matrix, read the data, rank.
struct MatrixEvaluation {
    let rules: RuleSet
    let ranking: Ranking

    /// Runs the matrix named by `matrix` (a name, or a `.ppo` file holding exactly one matrix) over `data`.
    static func run(rules options: RulesOptions, matrix spec: String, data: DataOptions) throws -> MatrixEvaluation {
        let reference = BlockReference(kind: .matrix, text: spec)
        let rules = try RuleLoading.load(rules: options, naming: [reference])
        let name = try reference.single(in: rules)
        guard let matrix = rules.matrix(named: name) else {
            throw CommandFailure.usage("unknown matrix '\(name)'")
        }
        let batch = try RecordLoading.read(data: data.data, rules: rules)
        let ranking = matrix.rank(batch.offenders, asOf: data.day, rulesDigest: rules.digest,
                                  dataDigest: batch.digest, rejected: batch.rejected)
        return MatrixEvaluation(rules: rules, ranking: ranking)
    }

    /// Reports rejected records on standard error and to `rejectsPath` (see `RejectReporting.report`).
    func reportRejects(to rejectsPath: String?) throws {
        try RejectReporting.report(ranking.rejected, to: rejectsPath)
    }

    /// Ends with status 3 when records were rejected (after the output is written).
    func finish() throws {
        try RejectReporting.finish(ranking.rejected)
    }
}
