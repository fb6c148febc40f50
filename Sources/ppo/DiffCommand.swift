import ArgumentParser
import Foundation
import PPOEngine

/// `ppo diff`: the same records evaluated by two versions of a matrix, a checklist or an alerts
/// block, and what changes (docs/workbench.md).
struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Compare two versions of a matrix, checklist or alerts block on the same records: who enters and leaves the recommended list, which duties and alerts change status.",
        discussion: """
            The new version is the block as the rules hold it now: --matrix, --checklist or --alerts. \
            The old one is another version of the file that defines it (--old FILE), that file as a git \
            revision holds it (--old-rev REV, read with `git show`), or for a matrix another matrix of \
            the rules (--old-matrix NAME). Both evaluate the same --data as of the same --as-of.

            A matrix: a summary, then the offenders who enter or leave the recommended list, change \
            tier, become or stop being tied at capacity, and the largest rank moves, each with the \
            lines of the form whose points changed (old → new); then the groups of the equality \
            monitoring whose selection changes (--equality: that comparison alone, every group).
            A checklist: which duties change status (pending → breached…), per offender, with each \
            owner's counts old → new. Alerts: which alerts start or stop firing, per offender \
            (--previous FILE is the snapshot changed() compares with, for both versions).

            Example:
              ppo diff --matrix "Prolific Offender Prioritisation" \\
                       --old samples/figure3-before.ppo --data samples/offenders.jsonl \\
                       --as-of 2026-11-22
              ppo diff --checklist "CJS Premium Service" \\
                       --old samples/premium-service-before.ppo \\
                       --data samples/offenders.jsonl --as-of 2026-11-30
            """
    )

    @Option(help: ArgumentHelp("Compare this matrix of the loaded rules.", valueName: "NAME"))
    var matrix: String?

    @Option(help: ArgumentHelp("Compare this checklist of the loaded rules.", valueName: "NAME"))
    var checklist: String?

    @Option(help: ArgumentHelp("Compare this alerts block of the loaded rules.", valueName: "NAME"))
    var alerts: String?

    @Option(name: .customLong("old-matrix"), help: ArgumentHelp("The old version: another matrix of the loaded rules.", valueName: "NAME"))
    var oldMatrix: String?

    @Option(help: ArgumentHelp("The old version: this file in place of the one that defines the block.", valueName: "FILE.ppo"))
    var old: String?

    @Option(name: .customLong("old-rev"),
            help: ArgumentHelp("The old version: the file that defines the block as git revision REV holds it.", valueName: "REV"))
    var oldRev: String?

    @Option(help: ArgumentHelp("How many of the largest rank moves to list (a matrix).", valueName: "N"))
    var moves = 10

    @Flag(help: "Only the change in the equality monitoring figures, every group (a matrix).")
    var equality = false

    @Option(help: ArgumentHelp("The previous snapshot of the records, for changed(…) (alerts).", valueName: "FILE"))
    var previous: String?

    @OptionGroup var data: DataOptions
    @OptionGroup var decisions: DecisionOptions
    @OptionGroup var rules: RulesOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        let blocks = [matrix != nil, checklist != nil, alerts != nil].filter { $0 }.count
        guard blocks == 1 else { throw ValidationError("name what to compare with exactly one of --matrix, --checklist or --alerts") }
        let given = [oldMatrix != nil, old != nil, oldRev != nil].filter { $0 }.count
        guard given == 1 else { throw ValidationError("give the old version with exactly one of --old-matrix, --old or --old-rev") }
        if oldMatrix != nil && matrix == nil { throw ValidationError("--old-matrix compares matrices; give --old or --old-rev") }
        if equality && matrix == nil { throw ValidationError("--equality compares the selection of a matrix") }
        if previous != nil && alerts == nil { throw ValidationError("--previous is for --alerts") }
        guard (0...10_000).contains(moves) else { throw ValidationError("--moves must be 0 to 10000") }
    }

    func run() throws {
        // The panel's decisions decide is_ppo for both versions alike.
        let (loaded, rejectedDecisions) = try decisions.apply(to: try RuleLoading.load(paths: try rules.paths(adding: [])))
        if let checklist { return try compare(checklist: checklist, loaded: loaded, rejectedDecisions: rejectedDecisions) }
        if let alerts { return try compare(alerts: alerts, loaded: loaded, rejectedDecisions: rejectedDecisions) }
        try compare(matrix: matrix ?? "", loaded: loaded, rejectedDecisions: rejectedDecisions)
    }

    /// The old version of the file that defines a block, with the same decisions as the new.
    private func oldRules(replacing name: String, kind: BlockKind, in loaded: RuleSet) throws -> RuleSet {
        try OldVersion.rules(replacing: name, kind: kind, in: loaded, old: old, oldRev: oldRev).with(decisions: loaded.decisions)
    }

    private func compare(matrix: String, loaded: RuleSet, rejectedDecisions: [RejectedRecord]) throws {
        guard let newMatrix = loaded.matrix(named: matrix) else {
            throw CommandFailure.usage(Self.unknown(matrix, kind: .matrix, in: loaded))
        }
        let oldRules = oldMatrix == nil ? try oldRules(replacing: matrix, kind: .matrix, in: loaded) : loaded
        let oldName = oldMatrix ?? matrix
        guard let oldCompiled = oldRules.matrix(named: oldName) else {
            throw CommandFailure.usage("the old version has no matrix '\(oldName)'")
        }
        let before = try RecordLoading.rank(data: data.data, matrix: oldCompiled, asOf: data.day, rules: oldRules)
        let after = try RecordLoading.rank(data: data.data, matrix: newMatrix, asOf: data.day, rules: loaded)
        let equalityDiff = try Self.equality(old: before, new: after, data: data.data, decisions: loaded.decisions, asOf: data.day)
        if equality {
            let renderer = EqualityDiffRenderer(diff: equalityDiff)
            try write(table: renderer.table, json: { renderer.json() }, csv: renderer.csv)
        } else {
            let renderer = RankingDiffRenderer(diff: RankingDiff(old: before, new: after, moves: moves), equality: equalityDiff)
            try write(table: renderer.table, json: { renderer.json() }, csv: renderer.csv)
        }
        try RejectReporting.report(rejectedDecisions + after.rejected, to: data.rejects)
        try RejectReporting.finish(rejectedDecisions + after.rejected)
    }

    /// Writes the rendering `--format` asks for to `--output`.
    private func write(table: () -> String, json: () -> String, csv: () -> String) throws {
        let text: String
        switch output.resolvedFormat() {
        case .table: text = table()
        case .json: text = json()
        case .csv: text = csv()
        }
        try OutputWriter.write(text, to: output.output)
    }

    /// The equality figures of both rankings over the same records, adoption counted as `is_ppo`
    /// counts it: the panel's decisions where given, else the records' `ppo.status`.
    static func equality(old: PackedRanking, new: PackedRanking, data path: String, decisions book: DecisionBook?,
                         asOf: Day) throws -> EqualityDiff {
        let records: [MonitoringRecord]
        do { records = try MonitoringRecord.read(path: path) } catch let error as ReadError {
            throw CommandFailure.usage("cannot read the data file '\(error.path)': \(error.reason)")
        }
        let from = book == nil ? "the records' ppo.status" : "the panel's decisions (ppo.status where no panel has made one)"
        let adopted: (MonitoringRecord) -> Bool = { book?.standing(of: $0.id, asOf: asOf)?.onScheme ?? $0.adopted }
        return EqualityDiff(old: EqualityReport(ranking: old, records: records, adopted: adopted, adoptedFrom: from),
                            new: EqualityReport(ranking: new, records: records, adopted: adopted, adoptedFrom: from))
    }

    private func compare(checklist: String, loaded: RuleSet, rejectedDecisions: [RejectedRecord]) throws {
        guard ExactText.list(loaded.checklistNames, contains: checklist) else {
            throw CommandFailure.usage(Self.unknown(checklist, kind: .checklist, in: loaded))
        }
        let oldRules = try oldRules(replacing: checklist, kind: .checklist, in: loaded)
        let before: BreachReport?, after: BreachReport?
        do {
            before = try oldRules.breaches(checklist: checklist, path: data.data, asOf: data.day)
            after = try loaded.breaches(checklist: checklist, path: data.data, asOf: data.day)
        } catch let error as ReadError {
            throw CommandFailure.usage("cannot read the data file '\(error.path)': \(error.reason)")
        }
        guard let after else { throw CommandFailure.usage(Self.unknown(checklist, kind: .checklist, in: loaded)) }
        guard let before else { throw CommandFailure.usage("the old version has no checklist '\(checklist)'") }
        let renderer = BreachDiffRenderer(diff: BreachDiff(old: before, new: after))
        try write(table: renderer.table, json: { renderer.json() }, csv: renderer.csv)
        try RejectReporting.report(rejectedDecisions + after.rejected, to: data.rejects)
        try RejectReporting.finish(rejectedDecisions + after.rejected)
    }

    private func compare(alerts block: String, loaded: RuleSet, rejectedDecisions: [RejectedRecord]) throws {
        guard ExactText.list(loaded.alertsNames, contains: block) else {
            throw CommandFailure.usage(Self.unknown(block, kind: .alerts, in: loaded))
        }
        let oldRules = try oldRules(replacing: block, kind: .alerts, in: loaded)
        guard ExactText.list(oldRules.alertsNames, contains: block) else {
            throw CommandFailure.usage("the old version has no alerts block '\(block)'")
        }
        let before: StreamedAlerts, after: StreamedAlerts
        do {
            before = try oldRules.alerts(blocks: [block], path: data.data, previousPath: previous, asOf: data.day)
            after = try loaded.alerts(blocks: [block], path: data.data, previousPath: previous, asOf: data.day)
        } catch .data(let error) {
            throw CommandFailure.usage("cannot read the data file '\(error.path)': \(error.reason)")
        } catch .previous(let error) {
            throw CommandFailure.usage("cannot read the previous snapshot '\(error.path)': \(error.reason)")
        }
        let renderer = AlertDiffRenderer(diff: AlertDiff(old: before.report, new: after.report))
        try write(table: renderer.table, json: { renderer.json() }, csv: renderer.csv)
        try RejectReporting.report(rejectedDecisions + after.report.rejected, to: data.rejects)
        RejectReporting.reportPrevious(after.previousRejected)
        try RejectReporting.finish(rejectedDecisions + after.report.rejected, previous: after.previousRejected)
    }

    static func unknown(_ name: String, kind: BlockKind, in rules: RuleSet) -> String {
        var message = "unknown \(kind.singular) '\(name)'"
        if let near = Suggestion.closest(to: name, in: kind.names(rules)) { message += "; did you mean '\(near)'?" }
        return message
    }
}
