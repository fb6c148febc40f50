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
              ppo score --matrix "Prolific Offender Prioritisation" \\
                        --data samples/offenders.jsonl --decisions samples/decisions.jsonl

            With --decisions, each offender's standing with the panel as of --as-of (status and \
            strand) is shown in every format, and the panel's decisions decide is_ppo.
            """
    )

    @Option(help: ArgumentHelp("The matrix to use: its name, or a .ppo file that defines exactly one matrix.",
                               valueName: "NAME|FILE.ppo"))
    var matrix: String

    @OptionGroup var data: DataOptions
    @OptionGroup var decisions: DecisionOptions
    @OptionGroup var rules: RulesOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let evaluation = try MatrixEvaluation.run(rules: rules, matrix: matrix, data: data, decisions: decisions)
        let book = evaluation.rules.decisions
        let file = try OutputFile(path: output.output)
        switch output.resolvedFormat() {
        case .table:
            try file.write(Array(RankingTableRenderer(decisions: book).render(evaluation.packed.ranking(withLines: false)).utf8))
        case .json:
            // Streamed from the packed forms: the document can run to gigabytes.
            try RankingJSONStreamer(decisions: book).write(evaluation.packed) { try file.write($0) }
        case .csv:
            try file.write(Array(RankingCSVRenderer(decisions: book).render(evaluation.packed.ranking(withLines: false)).utf8))
        }
        try file.commit()
        try evaluation.reportRejects(to: data.rejects)
        try evaluation.finish()
    }
}
