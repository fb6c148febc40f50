import ArgumentParser
import PPOEngine

/// `ppo alerts`: the day's alerts for the tasking group.
struct AlertsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "alerts",
        abstract: "List the day's alerts: releases, changes since the last run, failures to appear, new offending.",
        discussion: """
            Evaluates every alert of every loaded alerts block (or only those named with --alerts) for \
            each offender in its scope, and prints them grouped by severity, then by alert. \
            changed(…) compares each offender with the same offender in the --previous snapshot; without \
            one, nothing counts as changed. Records that cannot be used are listed on standard error as \
            FILE:LINE: reason (those of the previous snapshot prefixed "previous snapshot: "), and the \
            exit status is then 3. --rejects FILE receives the rejected lines of --data only.

            Example:
              ppo alerts --data samples/offenders.jsonl \\
                         --previous samples/offenders-previous.jsonl \\
                         --as-of 2026-11-23
              ppo alerts --data samples/offenders.jsonl --as-of 2026-11-23 \\
                         --severity high --format csv
            """
    )

    @Option(name: .customLong("alerts"),
            help: ArgumentHelp("The alerts block to evaluate: its name, or a .ppo file (every alerts block in it). Repeatable. Default: every loaded alerts block.",
                               valueName: "NAME|FILE.ppo"))
    var blocks: [String] = []

    @Option(help: ArgumentHelp("The previous snapshot of the records (JSON Lines, as --data), for changed(…).",
                               valueName: "FILE"))
    var previous: String?

    @Option(help: ArgumentHelp("Only alerts of this severity or higher: high, medium or low.", valueName: "LEVEL"))
    var severity: MinimumSeverity?

    @OptionGroup var data: DataOptions
    @OptionGroup var decisions: DecisionOptions
    @OptionGroup var rules: RulesOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let references = blocks.map { BlockReference(kind: .alerts, text: $0) }
        let (loaded, rejectedDecisions) = try decisions.apply(to: try RuleLoading.load(rules: rules, naming: references))
        var names: [String]?
        if references.isEmpty {
            if loaded.alertsNames.isEmpty {
                throw CommandFailure.usage("no alerts block is loaded; give --rules DIR or --alerts FILE.ppo")
            }
        } else {
            var chosen: [String] = []
            for reference in references {
                for name in try reference.all(in: loaded) where !chosen.contains(name) { chosen.append(name) }
            }
            names = chosen
        }
        // Streamed: each offender is evaluated as it is read, and the previous snapshot is indexed
        // and read back only where `changed()` needs it.
        let streamed: StreamedAlerts
        do {
            streamed = try loaded.alerts(blocks: names, path: data.data, previousPath: previous, asOf: data.day)
        } catch .data(let error) {
            throw CommandFailure.usage("cannot read the data file '\(error.path)': \(error.reason)")
        } catch .previous(let error) {
            throw CommandFailure.usage("cannot read the previous snapshot '\(error.path)': \(error.reason)")
        }
        var report = streamed.report
        if let severity { report = severity.filter(report) }

        // Written in pieces: a national run's alerts run to hundreds of megabytes.
        let file = try OutputWriter.streamingFile(to: output.output)
        switch output.resolvedFormat() {
        case .table: try file.write(Array(AlertsTableRenderer().render(report).utf8))
        case .json: try AlertsJSONRenderer().write(report) { try file.write($0) }
        case .csv: try AlertsCSVRenderer().write(report) { try file.write($0) }
        }
        try file.commit()
        try DecisionOptions.reportContradictions(loaded, data: data)
        try RejectReporting.report(rejectedDecisions + report.rejected, to: data.rejects)
        RejectReporting.reportPrevious(streamed.previousRejected)
        try RejectReporting.finish(rejectedDecisions + report.rejected, previous: streamed.previousRejected)
    }
}

/// `--severity`: the lowest severity to list.
enum MinimumSeverity: String, ExpressibleByArgument, CaseIterable, Sendable {
    case high, medium, low

    /// The report with only the alerts at this severity or above.
    func filter(_ report: AlertReport) -> AlertReport {
        let order = CheckedAlerts.Severity.allCases
        let lowest = order.firstIndex { $0.rawValue == rawValue } ?? order.count
        let kept = report.results.filter { (order.firstIndex(of: $0.severity) ?? order.count) <= lowest }
        return AlertReport(blocks: report.blocks, asOf: report.asOf, rulesDigest: report.rulesDigest,
                           dataDigest: report.dataDigest, previousDigest: report.previousDigest, results: kept,
                           rejected: report.rejected)
    }
}
