import ArgumentParser
import Foundation
import PPOEngine

/// `ppo panel`: what a selection panel must decide on its date.
struct PanelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "panel",
        abstract: "The panel pack: who is newly recommended, tied at capacity, due for review or prompted for de-selection.",
        discussion: """
            Ranks the records with the scheme's matrix as of the panel date (--as-of) and reads the \
            ranking against the cohort on that date (from --decisions, docs/cohort.md). Lists, each with \
            rank, score, tier and why: the offenders newly recommended (not on the scheme, not deferred \
            to a later panel), those tied at the capacity line, the reviews due (and deferred cases \
            brought back), and the de-selection prompts (on the scheme but not recommended now, \
            ineligible or not in the data). `ppo explain ID` gives any one's form. Records or decisions \
            that cannot be used are listed on standard error as FILE:LINE: reason, and the exit status \
            is then 3.

            Example:
              ppo panel --scheme "Northtown IOM" --decisions samples/decisions.jsonl \\
                        --data samples/offenders.jsonl --as-of 2026-11-23
            """
    )

    @Option(help: ArgumentHelp("The scheme: its name, or a .ppo file that defines exactly one scheme. It must name its matrix.",
                               valueName: "NAME|FILE.ppo"))
    var scheme: String

    @Option(help: ArgumentHelp("The panel's decisions so far: a JSON Lines file, one decision per line.", valueName: "FILE"))
    var decisions: String

    @OptionGroup var data: DataOptions
    @OptionGroup var rules: RulesOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let reference = BlockReference(kind: .scheme, text: scheme)
        let loaded = try RuleLoading.load(rules: rules, naming: [reference])
        let name = try reference.single(in: loaded)
        guard let checked = loaded.scheme(named: name) else { throw CommandFailure.usage("unknown scheme '\(name)'") }
        guard let matrixName = checked.matrix, let matrix = loaded.matrix(named: matrixName) else {
            throw CommandFailure.usage("scheme '\(name)' names no matrix: add matrix \"NAME\" to its block")
        }
        guard let bytes = FileManager.default.contents(atPath: decisions) else {
            throw CommandFailure.usage("cannot read the decisions file '\(decisions)'")
        }
        let read = loaded.decisions(bytes: Array(bytes), path: decisions)
        let cohort = Cohort(scheme: checked, decisions: read.decisions, asOf: data.day)
        let ranking = try RecordLoading.rank(data: data.data, matrix: matrix, asOf: data.day, rules: loaded)
        let renderer = PanelPackRenderer(pack: PanelPack(cohort: cohort, ranking: ranking))
        let text: String
        switch output.resolvedFormat() {
        case .table: text = renderer.table()
        case .json: text = renderer.json()
        case .csv: text = renderer.csv()
        }
        try OutputWriter.write(text, to: output.output)
        let warnings = cohort.warnings.map { DataWarning(file: decisions, line: $0.line, message: $0.message) }
        if !warnings.isEmpty { OutputWriter.standardError(warnings.map { $0.rendered + "\n" }.joined()) }
        let rejected = read.rejected + ranking.rejected
        try RejectReporting.report(rejected, to: data.rejects)
        try RejectReporting.finish(rejected)
    }
}
