import PPOEngine

/// The store's rankings kept between requests, one per rules, matrix and date, each brought up to
/// the latest ingest when asked for: by scoring only what changed when little did, by scoring
/// everyone when much did. Requests that need the same ranking while it is being evaluated wait
/// for that one evaluation, so sixty-four clients cost one evaluation, not sixty-four.
final class RankingCache: Sendable {
    struct Key: Hashable, Sendable {
        let rules: String
        let matrix: ExactText
        let asOf: Day
        /// The latest decision, for a matrix that reads `is_ppo` or `cohort.*` (its scores then
        /// depend on the decisions); 0 for every other, whose ranking a decision does not change
        /// (the status column is joined when the answer is written).
        var decisions: Int64 = 0
    }

    private struct State {
        var rankings: [Key: StoreRanking] = [:]
        /// Least recently used first.
        var order: [Key] = []
        var pending: [Key: Task<StoreRanking, any Error>] = [:]
    }

    private enum Found {
        case kept(StoreRanking)
        case running(Task<StoreRanking, any Error>)
    }

    /// How many rankings are kept (each holds every stored offender's form).
    let limit: Int
    private let state = Locked(State())

    init(limit: Int = 2) { self.limit = max(1, limit) }

    /// The ranking of the whole store by `matrix` on `asOf` as of the latest ingest (or one an
    /// ingest overtook while it was being read: consistent as of its own read).
    func ranking(store: OffenderStore, rules: RuleSet, matrix: CompiledMatrix, asOf: Day,
                 decisionsGeneration: Int64 = 0, metrics: Metrics? = nil) async throws -> StoreRanking {
        let key = Key(rules: rules.digest, matrix: ExactText(matrix.name), asOf: asOf,
                      decisions: matrix.readsDecisions ? decisionsGeneration : 0)
        let latest = try await store.latestIngest()
        let found: Found = state.update { state in
            if let kept = state.rankings[key], kept.ingest >= latest {
                state.order.removeAll { $0 == key }
                state.order.append(key)
                return .kept(kept)
            }
            if let running = state.pending[key] { return .running(running) }
            let old = state.rankings[key]
            let evaluator = RankingEvaluator(store: store, rules: rules, matrix: matrix, asOf: asOf)
            let running = Task {
                let ranking = try await Self.evaluate(evaluator, old: old, metrics: metrics)
                // The lookups every explanation and filtered page needs, made now rather than by the
                // first one to ask while the others queue behind it.
                _ = ranking.scope(.all).position(of: "")
                _ = ranking.storeIndex()
                await ranking.scope(.all).prepareFilters()
                return ranking
            }
            state.pending[key] = running
            return .running(running)
        }
        let task: Task<StoreRanking, any Error>
        switch found {
        case .kept(let kept): return kept
        case .running(let running): task = running
        }
        do {
            let ranking = try await task.value
            keep(ranking, key: key)
            return ranking
        } catch {
            state.update { state in state.pending[key] = nil }
            throw error
        }
    }

    /// The ranking kept for exactly these rules, matrix, date and ingest, if one is, without
    /// evaluating anything: a run made from it reads it here instead of a second copy from the store.
    func kept(rules: String, matrix: String, asOf: Day, ingest: Int64) -> StoreRanking? {
        state.get().rankings[Key(rules: rules, matrix: ExactText(matrix), asOf: asOf)].flatMap {
            $0.ingest == ingest ? $0 : nil
        }
    }

    /// Drops every ranking kept (the rules changed, say, and old ones will not be asked for).
    func removeAll() { state.update { $0.rankings = [:]; $0.order = [] } }

    private func keep(_ ranking: StoreRanking, key: Key) {
        state.update { state in
            state.pending[key] = nil
            if let kept = state.rankings[key], kept.ingest > ranking.ingest { return }
            state.rankings[key] = ranking
            state.order.removeAll { $0 == key }
            state.order.append(key)
            while state.order.count > limit {
                state.rankings[state.order.removeFirst()] = nil
            }
        }
    }

    /// Scores what changed since `old` when that is a small share of the store and the forms it
    /// replaced are still few; else everyone.
    private static func evaluate(_ evaluator: RankingEvaluator, old: StoreRanking?,
                                 metrics: Metrics?) async throws -> StoreRanking {
        if let old {
            let changes = try await evaluator.store.changes(since: old.ingest)
            let count = max(old.layout.count, 1)
            if changes.changed <= count / 10, old.rescored + changes.changed <= count / 4 {
                metrics?.count("ppod_evaluations_total", labels: [("kind", "changes")])
                return try await evaluator.updated(old)
            }
        }
        metrics?.count("ppod_evaluations_total", labels: [("kind", "full")])
        return try await evaluator.full()
    }
}
