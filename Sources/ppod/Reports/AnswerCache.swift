import PPOEngine

/// Answers already computed for the data and rules in force, so a dashboard refreshing the same
/// ranking, or a tasking group pulling the same list, is answered without evaluating again.
///
/// The key holds the rules digest and the latest ingest and run, so a reload, an ingest or a run
/// (which moves what `changed()` compares with) makes every older
/// entry unreachable; the oldest entries go first once the cache holds `limit` bytes.
final class AnswerCache: Sendable {
    /// Names in the key compare by their exact bytes, as the engine looks them up.
    struct Key: Hashable, Sendable {
        let rules: String
        let generation: DataGeneration
        let scope: DataScope
        /// `ranking`, `checklist` or `alerts`.
        let kind: String
        let name: ExactText
        let asOf: Day
        /// The alerts block: whatever else shapes the evaluation.
        let detail: ExactText?

        init(rules: String, generation: DataGeneration, scope: DataScope, kind: String, name: String, asOf: Day,
             detail: String?) {
            self.rules = rules; self.generation = generation; self.scope = scope; self.kind = kind
            self.name = ExactText(name); self.asOf = asOf; self.detail = detail.map(ExactText.init)
        }
    }

    struct Entry: Sendable {
        let result: Evaluated
        /// The offenders the answer holds, for the audit log.
        let offenders: [String]
        var bytes: Int { result.bytes + offenders.count * 24 }
    }

    private struct State {
        var entries: [Key: Entry] = [:]
        var order: [Key] = []
        var bytes = 0
    }

    private let limit: Int
    private let state = Locked(State())

    init(limit: Int) { self.limit = limit }

    func get(_ key: Key) -> Entry? { state.get().entries[key] }

    func put(_ key: Key, _ entry: Entry) {
        guard entry.bytes <= limit else { return }
        state.update { state in
            if let old = state.entries[key] {
                state.bytes -= old.bytes
                state.order.removeAll { $0 == key }
            }
            state.entries[key] = entry
            state.order.append(key)
            state.bytes += entry.bytes
            while state.bytes > limit, !state.order.isEmpty {
                let oldest = state.order.removeFirst()
                state.bytes -= state.entries.removeValue(forKey: oldest)?.bytes ?? 0
            }
        }
    }
}
