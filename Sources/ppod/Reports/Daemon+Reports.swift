import PPOEngine

extension Daemon {
    /// The alerts of `block` (every block when nil) for a scope's stored records as of a date,
    /// evaluated once per rules, data and date (`answer`); the answer's offenders are noted for the
    /// audit log.
    func alertReport(block: String?, scope: DataScope, asOf: Day, reports: Reports,
                     context: PPODContext) async throws -> AlertReport {
        let entry = try await answer(kind: "alerts", name: "*", scope: scope, asOf: asOf, detail: block,
                                     reports: reports, context: context) { pieces in
            let report = try reports.alerts(block: block, pieces: pieces, asOf: asOf)
            return AnswerCache.Entry(result: .alerts(report), offenders: report.results.map(\.offender))
        }
        guard case .alerts(let report) = entry.result else {
            throw APIError(.internalServerError, "internal", "the answer cache held the wrong kind of answer")
        }
        return report
    }

    /// A checklist's results for a scope's stored records as of a date, as `alertReport`.
    func breachReport(checklist name: String, scope: DataScope, asOf: Day, reports: Reports,
                      context: PPODContext) async throws -> BreachReport {
        let entry = try await answer(kind: "checklist", name: name, scope: scope, asOf: asOf, detail: nil,
                                     reports: reports, context: context) { pieces in
            let report = try reports.breaches(checklist: name, pieces: pieces, asOf: asOf)
            return AnswerCache.Entry(result: .breaches(report), offenders: report.results.map(\.offender))
        }
        guard case .breaches(let report) = entry.result else {
            throw APIError(.internalServerError, "internal", "the answer cache held the wrong kind of answer")
        }
        return report
    }
}
