import ArgumentParser
import Foundation
import PPOEngine

/// `ppo equality`: selection by group at each stage, for the equality duty.
struct EqualityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "equality",
        abstract: "Equality monitoring: counts and selection ratios by ethnicity, gender, religion, age band and area.",
        discussion: """
            Ranks the records with the matrix and counts, for each group of each monitoring field \
            (read here and only here; no rule can read them), age band and area: all records, eligible, \
            recommended and adopted (ppo.status, or with --decisions the panel's decisions where it \
            has made one, as is_ppo reads them; --scheme keeps to one scheme's). Each group's rate (recommended or adopted ÷ all) over everyone else's is \
            flagged outside 0.80–1.25: a prompt to look, not a finding. Counts of 1 to 4 are shown \
            as <5, with one more cell hidden where a total could reveal one; missing values are \
            counted as "not recorded".

            Example:
              ppo equality --matrix "Prolific Offender Prioritisation" \\
                           --data samples/offenders.jsonl --as-of 2026-11-22
            """
    )

    @Option(help: ArgumentHelp("The matrix: its name, or a .ppo file that defines exactly one matrix.", valueName: "NAME|FILE.ppo"))
    var matrix: String

    @Option(help: ArgumentHelp("The panel's decisions: adopted means on a scheme as of --as-of where the panel has decided, as is_ppo reads them (docs/cohort.md); ppo.status elsewhere.", valueName: "FILE"))
    var decisions: String?

    @Option(help: ArgumentHelp("Only this scheme's decisions decide the adopted stage (with --decisions).", valueName: "NAME"))
    var scheme: String?

    @OptionGroup var data: DataOptions
    @OptionGroup var rules: RulesOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        if scheme != nil && decisions == nil { throw ValidationError("--scheme goes with --decisions") }
    }

    func run() throws {
        let evaluation = try MatrixEvaluation.run(rules: rules, matrix: matrix, data: data)
        // Read a block at a time: a national file is gigabytes, and only the monitoring fields are kept.
        let records: [MonitoringRecord]
        do { records = try MonitoringRecord.read(path: data.data) } catch let error as ReadError {
            throw CommandFailure.usage("cannot read the data file '\(error.path)': \(error.reason)")
        }
        let report: EqualityReport
        if let decisions, scheme == nil {
            // Every loaded scheme's decisions, exactly as they decide is_ppo.
            let (rules, rejected) = try DecisionOptions(decisions: decisions).apply(to: evaluation.rules)
            try RejectReporting.report(rejected, to: nil)
            try DecisionOptions.reportContradictions(rules, data: data)
            let book = rules.decisions
            report = EqualityReport(ranking: evaluation.packed, records: records,
                                    adopted: { book?.standing(of: $0.id, asOf: data.day)?.onScheme ?? $0.adopted },
                                    adoptedFrom: "the panel's decisions (ppo.status where no panel has made one)")
        } else if let decisions, let scheme {
            guard let checked = evaluation.rules.scheme(named: scheme) else {
                throw CommandFailure.usage("unknown scheme '\(scheme)'")
            }
            guard let file = FileManager.default.contents(atPath: decisions) else {
                throw CommandFailure.usage("cannot read the decisions file '\(decisions)'")
            }
            let read = evaluation.rules.decisions(bytes: Array(file), path: decisions)
            try RejectReporting.report(read.rejected, to: nil)
            let cohort = Cohort(scheme: checked, decisions: read.decisions, asOf: data.day)
            report = EqualityReport(ranking: evaluation.packed, records: records,
                                    adopted: { cohort.member($0.id)?.isOnScheme ?? $0.adopted },
                                    adoptedFrom: "the decisions of scheme \"\(checked.name)\" (ppo.status where it has made none)")
        } else {
            report = EqualityReport(ranking: evaluation.packed, records: records, adopted: { $0.adopted },
                                    adoptedFrom: "the records' ppo.status")
        }
        let renderer = EqualityRenderer(report: report)
        let text: String
        switch output.resolvedFormat() {
        case .table: text = renderer.table()
        case .json: text = renderer.json()
        case .csv: text = renderer.csv()
        }
        try OutputWriter.write(text, to: output.output)
        try evaluation.reportRejects(to: data.rejects)
        try evaluation.finish()
    }
}
