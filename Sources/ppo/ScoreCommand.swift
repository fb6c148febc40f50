import ArgumentParser
import PPOEngine

/// `ppo score`: the prioritised list.
struct ScoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "score",
        abstract: "Score and rank every offender with a selection matrix.",
        discussion: """
            Prints the prioritised list: every eligible offender ranked by score, with tier and \
            recommendation, then the ineligible offenders and why. Records that cannot be used are \
            listed on standard error as FILE:LINE: reason, and the exit status is then 3.

            Example:
              ppo score --matrix "Prolific Offender Prioritisation" \\
                        --data samples/offenders.jsonl --as-of 2026-11-22
              ppo score --matrix matrices/figure3.ppo --data samples/offenders.jsonl \\
                        --format csv --output list.csv --rejects rejected.jsonl
            """
    )

    @Option(help: ArgumentHelp("The matrix to use: its name, or a .ppo file that defines exactly one matrix.",
                               valueName: "NAME|FILE.ppo"))
    var matrix: String

    @OptionGroup var data: DataOptions
    @OptionGroup var rules: RulesOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let evaluation = try MatrixEvaluation.run(rules: rules, matrix: matrix, data: data)
        let text: String
        switch output.resolvedFormat() {
        case .table: text = RankingTableRenderer().render(evaluation.ranking)
        case .json: text = RankingJSONRenderer().render(evaluation.ranking)
        case .csv: text = RankingCSVRenderer().render(evaluation.ranking)
        }
        try OutputWriter.write(text, to: output.output)
        try evaluation.reportRejects(to: data.rejects)
        try evaluation.finish()
    }
}
