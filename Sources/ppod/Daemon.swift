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
    /// Each matrix's ranking of the whole store, kept and brought up to date (`RankingCache`).
    let rankings: RankingCache
    /// The web interface's sessions (`Web/`).
    var sessions = WebSessions()
    /// The list page's power searches, kept for the latest ingest.
    var powerSearches = PowerSearchCache()
    /// Served over TLS: the web interface's cookies are `Secure`.
    var tls = false

    /// The selection panel's decisions, in the same store.
    var decisions: DecisionStore { DecisionStore(pool: store.pool) }

    /// Drafts of rule files, in the same store.
    var drafts: DraftStore { DraftStore(pool: store.pool) }

    /// The stored decisions as the engine reads them, re-read when one is recorded.
    var panel = PanelDecisions()

    /// The engine answers for the rules in force now, evaluated with the panel's decisions as
    /// stored now (one value for the whole request): a decision recorded a moment ago already
    /// decides `is_ppo` and shows in every ranking's status column.
    func reports() async throws -> Reports {
        let current = rules.current
        let (book, generation) = try await panel.book(store: decisions, rules: current)
        return Reports(rules: current.with(decisions: book), decisionsGeneration: book == nil ? 0 : generation)
    }

    /// The cached evaluation, or `compute` run on the scope's records read in pieces (never held
    /// whole) and cached under the generation it read. Either way the answer's offenders are noted
    /// for the audit log.
    func answer(kind: String, name: String, scope: DataScope, asOf: Day, detail: String?, reports: Reports,
                context: PPODContext,
                compute: @escaping @Sendable (ScopePieces) throws -> AnswerCache.Entry) async throws -> AnswerCache.Entry {
        let generation = try await store.generation()
        let key = { (generation: DataGeneration) in
            AnswerCache.Key(rules: reports.cacheKey, generation: generation, scope: scope, kind: kind, name: name,
                            asOf: asOf, detail: detail)
        }
        if let hit = cache.get(key(generation)) {
            context.disclosed(hit.offenders)
            return hit
        }
        let (read, entry) = try await store.withPieces(scope) { pieces in (pieces.generation, try compute(pieces)) }
        cache.put(key(read), entry)
        context.disclosed(entry.offenders)
        return entry
    }

    /// A matrix's ranking of a scope's records: from the store's ranking, evaluated once for the
    /// rules, date and latest ingest, never per request. Every record of the scope is noted for the
    /// audit log, as a whole answer rests on them all.
    func ranking(matrix name: String, scope: DataScope, asOf: Day, reports: Reports,
                 context: PPODContext) async throws -> PackedRanking {
        let ranked = try await scopeRanking(matrix: name, scope: scope, asOf: asOf, reports: reports)
        context.disclosed(ranked.ids)
        return ranked.ranking
    }

    /// The scope's ranking with its lookups (an offender's place, pages): nothing is noted for the
    /// audit log, the caller notes what it shows.
    func scopeRanking(matrix name: String, scope: DataScope, asOf: Day, reports: Reports) async throws -> ScopeRanking {
        try await storeRanking(matrix: name, asOf: asOf, reports: reports).scope(scope)
    }

    /// A matrix's ranking of the whole store, as of the latest ingest.
    func storeRanking(matrix name: String, asOf: Day, reports: Reports) async throws -> StoreRanking {
        try await rankings.ranking(store: store, rules: reports.rules, matrix: try reports.matrix(name), asOf: asOf,
                                   decisionsGeneration: reports.decisionsGeneration, metrics: metrics)
    }
}
