import PPOEngine

/// The shared core of `score` and `explain`: load the rules, pick the matrix, read the data, rank.
///
/// The ranking is held packed (`PackedRanking`): a national file of a million offenders fits in a
/// few hundred megabytes, read and scored on every core.
struct MatrixEvaluation {
    let rules: RuleSet
    let packed: PackedRanking
    /// The `--decisions` lines that could not be used, reported with the records rejected.
    var rejectedDecisions: [RejectedRecord] = []
    /// The data options the ranking read, for the decisions' contradiction warnings.
    var data: DataOptions? = nil

    var rejected: [RejectedRecord] { rejectedDecisions + packed.rejected }

    /// Runs the matrix named by `matrix` (a name, or a `.ppo` file holding exactly one matrix) over
    /// `data`, with the panel's decisions when `decisions` names a file.
    static func run(rules options: RulesOptions, matrix spec: String, data: DataOptions,
                    decisions: DecisionOptions? = nil) throws -> MatrixEvaluation {
        let reference = BlockReference(kind: .matrix, text: spec)
        let loaded = try RuleLoading.load(rules: options, naming: [reference])
        let (rules, rejectedDecisions) = try decisions?.apply(to: loaded) ?? (loaded, [])
        let name = try reference.single(in: rules)
        guard let matrix = rules.matrix(named: name) else {
            throw CommandFailure.usage("unknown matrix '\(name)'")
        }
        let packed = try RecordLoading.rank(data: data.data, matrix: matrix, asOf: data.day, rules: rules)
        return MatrixEvaluation(rules: rules, packed: packed, rejectedDecisions: rejectedDecisions, data: data)
    }

    /// Reports rejected records on standard error and to `rejectsPath` (see `RejectReporting.report`).
    func reportRejects(to rejectsPath: String?) throws {
        if let data { try DecisionOptions.reportContradictions(rules, data: data) }
        try RejectReporting.report(rejected, to: rejectsPath)
    }

    /// Ends with status 3 when records were rejected (after the output is written).
    func finish() throws {
        try RejectReporting.finish(rejected)
    }
}
