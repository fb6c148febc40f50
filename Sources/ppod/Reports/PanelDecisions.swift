import PPOEngine

/// The selection panel's decisions as the engine evaluates with them (docs/cohort.md, "Where
/// `is_ppo` comes from"): every stored decision, read against the rules in force, indexed by
/// offender. Read again only when a decision has been recorded since (or the rules changed), so
/// a request costs one look at the latest decision's number.
final class PanelDecisions: Sendable {
    /// What was read last: for which rules and up to which decision.
    private struct Held: Sendable {
        let rules: String
        let generation: Int64
        let book: DecisionBook?
    }

    private let held = Locked<Held?>(nil)

    init() {}

    /// The decisions for `rules` as stored now, and the number of the latest one (0 when none):
    /// the generation every cached answer that reads `is_ppo` is keyed on. nil when there are no
    /// decisions, or no scheme the rules declare to read them against.
    func book(store: DecisionStore, rules: RuleSet) async throws -> (book: DecisionBook?, generation: Int64) {
        let generation = try await store.latest()
        if let held = held.get(), held.generation == generation, held.rules == rules.digest {
            return (held.book, generation)
        }
        var book: DecisionBook? = nil
        if generation > 0, !rules.schemeNames.isEmpty {
            // Every stored decision: an offender's standing is about them alone, and the answers
            // that read it are cut to the caller's area afterwards, as every answer is.
            let lines = try await store.lines(seenBy: nil)
            let read = rules.decisions(bytes: lines.bytes, path: "decisions")
            book = DecisionBook(schemes: rules.program.schemes, decisions: read.decisions)
        }
        held.update { $0 = Held(rules: rules.digest, generation: generation, book: book) }
        return (book, generation)
    }
}
