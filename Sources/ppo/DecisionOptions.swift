import ArgumentParser
import Foundation
import PPOEngine

/// `--decisions FILE`: the selection panel's decisions, which say who is a PPO where the panel has
/// decided (docs/cohort.md, "Where `is_ppo` comes from").
struct DecisionOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The panel's decisions (JSON Lines, docs/cohort.md). Where the panel has decided about an offender, the cohort as of --as-of says whether they are a PPO (is_ppo, the ppo scope) and gives the cohort.* fields; the record's ppo.status stands for everyone else. Needs the scheme block loaded.",
                               valueName: "FILE"))
    var decisions: String?

    init() {}

    /// The options of a command that names the decisions file itself.
    init(decisions: String?) { self.decisions = decisions }

    /// `rules` evaluating with the decisions (unchanged without `--decisions`), and the decisions
    /// that could not be used (reported as rejects: the command then ends with status 3).
    func apply(to rules: RuleSet) throws -> (rules: RuleSet, rejected: [RejectedRecord]) {
        guard let path = decisions else { return (rules, []) }
        guard !rules.schemeNames.isEmpty else {
            throw CommandFailure.usage("--decisions: no scheme block is loaded, so no decision can be read (the shipped one is rules/scheme.ppo)")
        }
        guard let bytes = FileManager.default.contents(atPath: path) else {
            throw CommandFailure.usage("cannot read the decisions file '\(path)'")
        }
        let read = rules.decisions(bytes: Array(bytes), path: path)
        let book = DecisionBook(schemes: rules.program.schemes, decisions: read.decisions)
        return (rules.with(decisions: book), read.rejected)
    }

    /// Prints on standard error each record of `data` whose `ppo.status` contradicts the decisions
    /// (`MembershipCheck`), as `ppo cohort --data` does: the answer follows the decisions, and says so.
    static func reportContradictions(_ rules: RuleSet, data: DataOptions) throws {
        guard rules.decisions != nil else { return }
        let warnings: [DataWarning]
        do {
            warnings = try rules.membershipWarnings(path: data.data, asOf: data.day)
        } catch let error as ReadError {
            throw CommandFailure.usage("cannot read the data file '\(error.path)': \(error.reason)")
        }
        if !warnings.isEmpty { OutputWriter.standardError(warnings.map { $0.rendered + "\n" }.joined()) }
    }
}
