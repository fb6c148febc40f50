import Foundation
import PPOEngine

/// An edit of the rules that failed to check: what the checker said, and when.
struct RejectedEdit: Sendable {
    let at: String
    let digest: String
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
    case refused(digest: String)
}

/// The rules ppod serves, swapped whole and only for a clean set.
///
/// A request takes the rule set once, when it starts, and uses that one value to the end: a swap
/// in the middle of a request never mixes two versions of the rules in one answer.
final class LiveRules: Sendable {
    /// The folders (and files) the rules are loaded from.
    let paths: [String]
    private let state: Locked<RulesState>

    /// Loads the rules; nil (with the diagnostics) when they have errors, as the daemon must not
    /// start without a clean set.
    static func load(paths: [String]) -> (LiveRules?, RuleSet) {
        let rules = Engine.load(paths: paths)
        if rules.hasErrors { return (nil, rules) }
        return (LiveRules(paths: paths, rules: rules), rules)
    }

    private init(paths: [String], rules: RuleSet) {
        self.paths = paths
        self.state = Locked(RulesState(rules: rules, loadedAt: Date.now.ISO8601Format(), rejected: nil))
    }

    var current: RuleSet { state.get().rules }
    var snapshot: RulesState { state.get() }

    /// Loads and checks every file again; swaps the set in when it is clean.
    func reload() -> ReloadOutcome {
        let candidate = Engine.load(paths: paths)
        return state.update { state in
            if candidate.hasErrors {
                if state.rejected?.digest == candidate.digest { return .unchanged }
                state.rejected = RejectedEdit(at: Date.now.ISO8601Format(), digest: candidate.digest,
                                              diagnostics: candidate.diagnostics, sources: candidate.sources)
                return .refused(digest: candidate.digest)
            }
            if candidate.digest == state.rules.digest {
                state.rejected = nil
                return .unchanged
            }
            state = RulesState(rules: candidate, loadedAt: Date.now.ISO8601Format(), rejected: nil)
            return .swapped(digest: candidate.digest)
        }
    }
}
