import Foundation
import PPOEngine

/// An edit of the rules that was refused: why, what the checker said, and when.
struct RejectedEdit: Sendable {
    let at: String
    let digest: String
    /// One line for the log and `GET /v1/rules`: the edit does not check, or it would leave ppod
    /// without rules it was serving.
    let reason: String
    let diagnostics: [Diagnostic]
    let sources: SourceSet
}

/// The rule set being served, and the last edit that was refused.
struct RulesState: Sendable {
    let rules: RuleSet
    let loadedAt: String
    var rejected: RejectedEdit?
}

/// What a reload did.
enum ReloadOutcome: Sendable, Equatable {
    case unchanged
    case swapped(digest: String)
    case refused(digest: String, reason: String)
}

/// The rules ppod serves, swapped whole and only for a clean set.
///
/// A request takes the rule set once, when it starts, and uses that one value to the end: a swap
/// in the middle of a request never mixes two versions of the rules in one answer.
final class LiveRules: Sendable {
    /// The folders (and files) the rules are loaded from.
    let paths: [String]
    private let state: Locked<RulesState>

    /// Loads the rules; nil (with the diagnostics, and a reason when they are clean but empty) when
    /// they have errors or hold no matrix, checklist or alerts block, as the daemon must not start
    /// without a clean set to serve.
    static func load(paths: [String]) -> (LiveRules?, RuleSet, emptyReason: String?) {
        let rules = Engine.load(paths: paths)
        if rules.hasErrors { return (nil, rules, nil) }
        if rules.sources.files.isEmpty {
            return (nil, rules, "no .ppo files in " + paths.joined(separator: ", "))
        }
        if rules.matrixNames.isEmpty && rules.checklistNames.isEmpty && rules.alertsNames.isEmpty {
            return (nil, rules, "no matrix, checklist or alerts block in " + paths.joined(separator: ", "))
        }
        return (LiveRules(paths: paths, rules: rules), rules, nil)
    }

    private init(paths: [String], rules: RuleSet) {
        self.paths = paths
        self.state = Locked(RulesState(rules: rules, loadedAt: Date.now.ISO8601Format(), rejected: nil))
    }

    var current: RuleSet { state.get().rules }
    var snapshot: RulesState { state.get() }

    /// Loads and checks every file again; swaps the set in when it is clean and keeps what is served.
    func reload() -> ReloadOutcome {
        let candidate = Engine.load(paths: paths)
        return state.update { state in
            let reason = candidate.hasErrors ? "the edit does not check" : Self.loss(from: state.rules, to: candidate, paths: paths)
            if let reason {
                if state.rejected?.digest == candidate.digest && state.rejected?.reason == reason { return .unchanged }
                state.rejected = RejectedEdit(at: Date.now.ISO8601Format(), digest: candidate.digest, reason: reason,
                                              diagnostics: candidate.diagnostics, sources: candidate.sources)
                return .refused(digest: candidate.digest, reason: reason)
            }
            if candidate.digest == state.rules.digest {
                state.rejected = nil
                return .unchanged
            }
            state = RulesState(rules: candidate, loadedAt: Date.now.ISO8601Format(), rejected: nil)
            return .swapped(digest: candidate.digest)
        }
    }

    /// Why a clean `candidate` must not replace `served`: it has no files, or it drops every block
    /// of a kind that is served now. A deploy that empties the folders before refilling them, or a
    /// listing cut short, looks exactly like that; swapping it in would answer every ranking 404 and
    /// store runs with nothing in them. (Removing every block of a kind on purpose takes a restart.)
    static func loss(from served: RuleSet, to candidate: RuleSet, paths: [String]) -> String? {
        if candidate.sources.files.isEmpty { return "no .ppo files in " + paths.joined(separator: ", ") }
        let kinds = [("matrix", served.matrixNames, candidate.matrixNames),
                     ("checklist", served.checklistNames, candidate.checklistNames),
                     ("alerts block", served.alertsNames, candidate.alertsNames)]
        for (kind, before, after) in kinds where !before.isEmpty && after.isEmpty {
            return "the edit removes every \(kind) (" + before.map { "'\($0)'" }.joined(separator: ", ") + ")"
        }
        return nil
    }
}
