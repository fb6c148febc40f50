import ArgumentParser
import PPOEngine

/// `ppo breaches`: Premium Service results and the per-owner summary.
struct BreachesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "breaches",
        abstract: "Check every PPO case against a Premium Service checklist; list breaches and deadlines by owner.",
        discussion: """
            Checks each rule of the checklist on every case of every offender in its scope, once per \
            trigger event, and prints the results grouped by owning agency: breached duties with how \
            late they are, pending duties with their due dates, counts of those met and not applicable, \
            then the per-owner summary with compliance = met / (met + breached). JSON and CSV list every \
            result. Event types in the data that no checklist declares are reported on standard error \
            as FILE:LINE: warning: … (the exit status stays 0). Records that cannot be used are listed \
            on standard error as FILE:LINE: reason, and the exit status is then 3.

            Example:
              ppo breaches --checklist "CJS Premium Service" \\
                           --data samples/offenders.jsonl --as-of 2026-11-23
              ppo breaches --checklist "CJS Premium Service" \\
                           --data samples/offenders.jsonl --as-of 2026-11-23 \\
                           --owner police --format csv --output police.csv
            """
    )

    @Option(help: ArgumentHelp("The checklist to use: its name, or a .ppo file that defines exactly one checklist.",
                               valueName: "NAME|FILE.ppo"))
    var checklist: String

    @Option(help: ArgumentHelp("Only the results and summary of this owning agency (as the checklist's rules name it, e.g. police).",
                               valueName: "AGENCY"))
    var owner: String?

    @Flag(name: .customLong("all-statuses"),
          help: "In the table, list the duties met and not applicable one by one too, not just their counts. (JSON and CSV always list every result.)")
    var allStatuses = false

    @OptionGroup var data: DataOptions
    @OptionGroup var decisions: DecisionOptions
    @OptionGroup var rules: RulesOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let reference = BlockReference(kind: .checklist, text: checklist)
        let (loaded, rejectedDecisions) = try decisions.apply(to: try RuleLoading.load(rules: rules, naming: [reference]))
        let name = try reference.single(in: loaded)
        // Streamed: each offender is checked as it is read and only its results are kept.
        let checked: BreachReport?
        do {
            checked = try loaded.breaches(checklist: name, path: data.data, asOf: data.day)
        } catch let error as ReadError {
            throw CommandFailure.usage("cannot read the data file '\(error.path)': \(error.reason)")
        }
        guard var report = checked else { throw CommandFailure.usage("unknown checklist '\(name)'") }
        if let owner { report = try Self.only(owner: owner, in: report) }

        // Written in pieces: a national run's results run to hundreds of megabytes.
        let file = try OutputWriter.streamingFile(to: output.output)
        switch output.resolvedFormat() {
        case .table: try file.write(Array(BreachesTableRenderer(everyStatus: allStatuses).render(report).utf8))
        case .json: try BreachesJSONRenderer().write(report) { try file.write($0) }
        case .csv: try BreachesCSVRenderer().write(report) { try file.write($0) }
        }
        try file.commit()
        if !report.warnings.isEmpty {
            OutputWriter.standardError(report.warnings.map { $0.rendered + "\n" }.joined())
        }
        try DecisionOptions.reportContradictions(loaded, data: data)
        try RejectReporting.report(rejectedDecisions + report.rejected, to: data.rejects)
        try RejectReporting.finish(rejectedDecisions + report.rejected)
    }

    /// `report` cut to one owner; a usage error naming the checklist's owners when it has no such owner.
    static func only(owner: String, in report: BreachReport) throws -> BreachReport {
        let owners = report.summary.map(\.owner)
        if ExactText.list(owners, contains: owner) { return report.filtered(owner: owner) }
        let known = owners.isEmpty ? "its rules name no owner"
            : "its owners are " + owners.map { "'\($0)'" }.joined(separator: ", ")
        var message = "unknown owner '\(owner)' in checklist '\(report.checklist)' (\(known))"
        if let closest = Suggestion.closest(to: owner, in: owners) { message += "; did you mean '\(closest)'?" }
        throw CommandFailure.usage(message)
    }
}
