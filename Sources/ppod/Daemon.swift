import PPOEngine


/// Everything a route needs: the live rules, the store, the run archive, the audit log, metrics,
/// and the settings of this daemon.
struct Daemon: Sendable {
    let rules: LiveRules
    let tokens: TokenRegistry
    let store: OffenderStore
    let runs: RunArchive
    let audit: AuditLog
    let metrics: Metrics
    let calendar: LocalCalendar
    let maxRequestBytes: Int
    let cache: AnswerCache

    /// The selection panel's decisions, in the same store.
    var decisions: DecisionStore { DecisionStore(pool: store.pool) }

    /// The engine answers for the rules in force now (one value for the whole request).
    var reports: Reports { Reports(rules: rules.current) }

    /// The cached evaluation, or `compute` run on the scope's records and cached. Either way the
    /// answer's offenders are noted for the audit log.
    func answer(kind: String, name: String, scope: DataScope, asOf: Day, detail: String?, reports: Reports,
                context: PPODContext,
                compute: (ScopeData) throws -> AnswerCache.Entry) async throws -> AnswerCache.Entry {
        let generation = try await store.generation()
        let key = { (generation: DataGeneration) in
            AnswerCache.Key(rules: reports.rules.digest, generation: generation, scope: scope, kind: kind, name: name,
                            asOf: asOf, detail: detail)
        }
        if let hit = cache.get(key(generation)) {
            context.disclosed(hit.offenders)
            return hit
        }
        let data = try await store.snapshot(scope)
        let entry = try compute(data)
        cache.put(key(data.generation), entry)
        context.disclosed(entry.offenders)
        return entry
    }

    /// A matrix's ranking of a scope's records, from the cache when it holds it.
    func ranking(matrix name: String, scope: DataScope, asOf: Day, reports: Reports,
                 context: PPODContext) async throws -> PackedRanking {
        let entry = try await answer(kind: "ranking", name: name, scope: scope, asOf: asOf, detail: nil,
                                     reports: reports, context: context) { data in
            let ranking = try reports.ranking(matrix: name, data: data.current, asOf: asOf)
            return AnswerCache.Entry(result: .ranking(ranking), offenders: data.ids)
        }
        guard case .ranking(let ranking) = entry.result else {
            throw APIError(.internalServerError, "internal", "the answer cache held the wrong kind of answer")
        }
        return ranking
    }
}
