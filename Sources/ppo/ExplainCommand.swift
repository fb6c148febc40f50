import ArgumentParser
import PPOEngine

/// `ppo explain ID`: one offender's form, line by line.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Show one offender's selection form, line by line, with the records behind each point.",
        discussion: """
            Scores everyone as `ppo score` does, then prints the form of one offender: every line's \
            points and evidence, the weighting, total, tier, rank and recommendation; or, for an \
            ineligible offender, the reason.

            Example:
              ppo explain NT-0001 --matrix "Prolific Offender Prioritisation" \\
                          --data samples/offenders.jsonl --as-of 2026-11-22
            """
    )

    @Argument(help: ArgumentHelp("The offender's id, as in the data file.", valueName: "ID"))
    var id: String

    @Option(help: ArgumentHelp("The matrix to use: its name, or a .ppo file that defines exactly one matrix.",
                               valueName: "NAME|FILE.ppo"))
    var matrix: String

    @OptionGroup var data: DataOptions
    @OptionGroup var decisions: DecisionOptions
    @OptionGroup var rules: RulesOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let evaluation = try MatrixEvaluation.run(rules: rules, matrix: matrix, data: data, decisions: decisions)
        // Every offender's place, but only this one's form, unpacked.
        let ranking = evaluation.packed.explaining(id)
        let renderer = ExplanationRenderer()
        let format = output.resolvedFormat()
        let text: String
        if let offender = ranking.offenders.first(where: { ExactText.same($0.id, id) }) {
            switch format {
            case .table: text = renderer.text(offender, in: ranking)
            case .json: text = renderer.json(offender, in: ranking)
            case .csv: text = renderer.csv(offender)
            }
        } else if let offender = ranking.ineligible.first(where: { ExactText.same($0.id, id) }) {
            switch format {
            case .table: text = renderer.text(offender, in: ranking)
            case .json: text = renderer.json(offender, in: ranking)
            case .csv:
                text = renderer.csv(offender)
                OutputWriter.standardError("\(id) is not eligible: \(offender.reason)\n")
            }
        } else {
            try evaluation.reportRejects(to: data.rejects)
            let ids = ranking.offenders.map(\.id) + ranking.ineligible.map(\.id)
            var message = "no offender '\(id)' in '\(data.data)'"
            if let closest = Suggestion.closest(to: id, in: ids) { message += "; did you mean '\(closest)'?" }
            throw CommandFailure.usage(message)
        }
        try OutputWriter.write(text, to: output.output)
        try evaluation.reportRejects(to: data.rejects)
        try evaluation.finish()
    }
}
