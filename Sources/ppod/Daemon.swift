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

    /// The engine answers for the rules in force now (one value for the whole request).
    var reports: Reports { Reports(rules: rules.current) }

    /// The cached answer for `key`, or `compute` run on the scope's records and cached. Either way
    /// the answer's offenders are noted for the audit log.
    func answer(kind: String, name: String, scope: DataScope, asOf: Day, detail: String?, reports: Reports,
                context: PPODContext,
                compute: (ScopeData) throws -> AnswerCache.Entry) async throws -> AnswerCache.Entry {
        let generation = try await store.state().generation
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
}
