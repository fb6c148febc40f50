import ArgumentParser
import Foundation
import PPOEngine

/// `ppo cohort`: who is on a scheme as of a date, from its panel's decisions.
struct CohortCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cohort",
        abstract: "List a scheme's cohort as of a date from its panel's decisions: who is on it, in which strand, since when, reviews due.",
        discussion: """
            Reads the panel's decisions (JSON Lines, docs/cohort.md) and folds each offender's \
            decisions effective by --as-of: adoptions start a spell on the scheme, reviews keep it, \
            de-selections end it; a decision superseded by a correction does not count. Lists the \
            members on the scheme first (by strand), then those deferred, declined and de-selected, \
            with each one's last decision and reason. With --from, also lists the entries and exits \
            from that date through --as-of. With --data, every record whose ppo.status contradicts \
            the decisions is reported on standard error as FILE:LINE: warning: … . Decisions that \
            cannot be used are listed as FILE:LINE: reason, and the exit status is then 3.

            Example:
              ppo cohort --scheme "Northtown IOM" --decisions samples/decisions.jsonl \\
                         --as-of 2026-11-23 --from 2026-10-01
            """
    )

    @Option(help: ArgumentHelp("The scheme: its name, or a .ppo file that defines exactly one scheme.",
                               valueName: "NAME|FILE.ppo"))
    var scheme: String

    @Option(help: ArgumentHelp("The panel's decisions: a JSON Lines file, one decision per line.", valueName: "FILE"))
    var decisions: String

    @Option(help: ArgumentHelp("Offender records whose ppo.status to hold to the decisions.", valueName: "FILE"))
    var data: String?

    @Option(name: .customLong("as-of"),
            help: ArgumentHelp("The date of the cohort, YYYY-MM-DD; decisions effective later are not counted. Default: today.",
                               valueName: "DATE"),
            transform: DataOptions.parseDay)
    var asOf: Day?

    @Option(help: ArgumentHelp("List the entries and exits from this date through --as-of.", valueName: "DATE"),
            transform: DataOptions.parseDay)
    var from: Day?

    @OptionGroup var rules: RulesOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        if let from, let asOf, from > asOf { throw ValidationError("--from \(from) is after --as-of \(asOf)") }
    }

    func run() throws {
        let reference = BlockReference(kind: .scheme, text: scheme)
        let loaded = try RuleLoading.load(rules: rules, naming: [reference])
        let name = try reference.single(in: loaded)
        guard let checked = loaded.scheme(named: name) else { throw CommandFailure.usage("unknown scheme '\(name)'") }
        guard let bytes = FileManager.default.contents(atPath: decisions) else {
            throw CommandFailure.usage("cannot read the decisions file '\(decisions)'")
        }
        let read = loaded.decisions(bytes: Array(bytes), path: decisions)
        let day = asOf ?? DataOptions.today()
        let cohort = Cohort(scheme: checked, decisions: read.decisions, asOf: day)
        let renderer = CohortRenderer(cohort: cohort, from: from)
        let text: String
        switch output.resolvedFormat() {
        case .table: text = renderer.table()
        case .json: text = renderer.json()
        case .csv: text = renderer.csv()
        }
        try OutputWriter.write(text, to: output.output)
        var warnings = cohort.warnings.map { DataWarning(file: decisions, line: $0.line, message: $0.message) }
        var rejected = read.rejected
        if let data {
            let batch = try RecordLoading.read(data: data, rules: loaded)
            warnings += MembershipCheck.contradictions(cohort, offenders: batch.offenders, dataPath: data)
            rejected += batch.rejected
        }
        if !warnings.isEmpty { OutputWriter.standardError(warnings.map { $0.rendered + "\n" }.joined()) }
        try RejectReporting.report(rejected, to: nil)
        try RejectReporting.finish(rejected)
    }
}
