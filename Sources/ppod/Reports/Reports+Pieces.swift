import PPOEngine

/// The checklists' and alerts' answers computed on a scope read in pieces (`ScopePieces`): each
/// offender is evaluated as it is read and only its results are kept, never the records. The
/// reports are those of the in-memory forms on the scope's snapshot, digests and rejects included.
extension Reports {
    /// `breaches(checklist:data:asOf:)`, streamed.
    func breaches(checklist name: String, pieces: ScopePieces, asOf: Day) throws -> BreachReport {
        guard ExactText.list(rules.checklistNames, contains: name),
              let report = try rules.breaches(checklist: name, pieces: pieces.current, asOf: asOf) else {
            throw unknown("checklist", name, among: rules.checklistNames)
        }
        return report
    }

    /// `alerts(block:data:previous:asOf:)`, streamed; the previous snapshot is read once to index it,
    /// and a record read back only when an alert that calls `changed()` covers its offender.
    func alerts(block: String?, pieces: ScopePieces, asOf: Day) throws -> AlertReport {
        if let block, !ExactText.list(rules.alertsNames, contains: block) {
            throw unknown("alerts", block, among: rules.alertsNames)
        }
        if rules.alertsNames.isEmpty {
            throw APIError.notFound("unknown-alerts", "no alerts block is loaded")
        }
        do {
            return try rules.alerts(blocks: block.map { [$0] }, pieces: pieces.current, previous: pieces.previous,
                                    asOf: asOf).report
        } catch {
            switch error {
            case .data(let failure), .previous(let failure): throw failure
            }
        }
    }
}

/// A run's checklists and alerts for one scope.
struct ScopeReports: Sendable {
    /// Each checklist's report, in the order the rules list them.
    let checklists: [BreachReport]
    /// All alerts; nil when no alerts block is loaded.
    let alerts: AlertReport?

    /// The report of the checklist at `index` in the rules' list; nil past its end.
    func checklist(_ index: Int) -> BreachReport? { checklists.indices.contains(index) ? checklists[index] : nil }
}

/// A run's checklists and alerts for the whole store and every area, evaluated in one read
/// transaction so that every scope's answer is of the same data (`generation`).
struct RunReports: Sendable {
    let generation: DataGeneration
    let scopes: [DataScope: ScopeReports]

    /// Evaluates every checklist and the alerts for each of `scopes` in turn; only the reports are
    /// kept.
    static func evaluate(store: OffenderStore, reports: Reports, scopes: [DataScope], asOf: Day) async throws -> RunReports {
        try await store.withPieces(scopes) { pieces in
            var evaluated: [DataScope: ScopeReports] = [:]
            for scope in pieces {
                let checklists = try reports.rules.checklistNames.map { name in
                    try reports.breaches(checklist: name, pieces: scope, asOf: asOf)
                }
                let alerts = reports.rules.alertsNames.isEmpty ? nil
                    : try reports.alerts(block: nil, pieces: scope, asOf: asOf)
                evaluated[scope.scope] = ScopeReports(checklists: checklists, alerts: alerts)
            }
            return RunReports(generation: pieces.first?.generation ?? DataGeneration(ingest: 0, run: 0), scopes: evaluated)
        }
    }
}
