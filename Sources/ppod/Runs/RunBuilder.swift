import Foundation
import PPOEngine

/// Computes a run: for every area and for all areas, every matrix's ranking, every checklist's
/// results and all alerts, stored together so that everyone reading the run reads the same answers.
struct RunBuilder: Sendable {
    let daemon: Daemon

    /// Computes and stores the run with `audit`, its audit entry, naming every offender it read (in
    /// the same transaction; `audit` gets the saved run). Returns the run with those ids.
    func run(asOf: Day, trigger: String, requestedBy: String,
             audit: @escaping @Sendable (RunRecord) -> AuditEntry) async throws -> (run: RunRecord, offenders: [String]) {
        let reports = daemon.reports
        let rules = reports.rules
        let areas = try await daemon.store.areas()
        var outputs: [RunOutput] = []
        var whole: ScopeData?
        var wholeDigests = (data: "", previous: "")
        var wholeRejected: [RejectedRecord]?
        var areaOffenders: [Int] = []
        // Every scope's checklists and alerts, read in pieces in one transaction: results, not records.
        let streamed = try await RunReports.evaluate(store: daemon.store, reports: reports,
                                                     scopes: [DataScope.all] + areas.map(DataScope.area), asOf: asOf)
        for scope in [DataScope.all] + areas.map(DataScope.area) {
            let data = try await daemon.store.snapshot(scope)
            if scope == .all { whole = data } else { areaOffenders.append(data.ids.count) }
            for name in rules.matrixNames {
                // The store's ranking, evaluated once for every scope, when it read the same records.
                let stored = try await daemon.rankings.ranking(store: daemon.store, rules: rules,
                                                               matrix: try reports.matrix(name), asOf: asOf,
                                                               metrics: daemon.metrics)
                let ranking = stored.ingest == data.lastIngest ? stored.scope(scope).ranking
                    : try reports.ranking(matrix: name, data: data.current, asOf: asOf)
                if scope == .all {
                    wholeDigests.data = ranking.dataDigest
                    wholeRejected = wholeRejected ?? ranking.rejected
                }
                outputs.append(output("ranking", name, scope, reports.rendered(ranking), data.ids))
            }
            // The streamed reports when they read the same data as the rest of this scope's outputs.
            let evaluated = streamed.generation == data.generation ? streamed.scopes[scope] : nil
            for (index, name) in rules.checklistNames.enumerated() {
                let report = try evaluated?.checklist(index)
                    ?? reports.breaches(checklist: name, data: data.current, asOf: asOf)
                if scope == .all { wholeRejected = wholeRejected ?? report.rejected }
                let document = RenderedDocument(json: Reports.document(report, .json), csv: Reports.document(report, .csv))
                outputs.append(output("checklist", name, scope, document, report.results.map(\.offender)))
            }
            if !rules.alertsNames.isEmpty {
                let report = try evaluated?.alerts
                    ?? reports.alerts(block: nil, data: data.current, previous: data.previous, asOf: asOf)
                let document = RenderedDocument(json: Reports.document(report, .json), csv: Reports.document(report, .csv))
                if scope == .all {
                    wholeDigests = (report.dataDigest, report.previousDigest ?? "")
                    wholeRejected = wholeRejected ?? report.rejected
                }
                outputs.append(output("alerts", "*", scope, document, report.results.map(\.offender)))
            }
        }
        if wholeDigests.data.isEmpty, let whole {
            wholeDigests = (SHA256.hex(of: whole.current), SHA256.hex(of: whole.previous))
        }
        let record = RunRecord(asOf: asOf.description, trigger: trigger, requestedBy: requestedBy,
                               createdAt: Date.now.ISO8601Format(), rulesDigest: rules.digest,
                               dataDigest: wholeDigests.data, previousDigest: wholeDigests.previous,
                               lastIngest: whole?.lastIngest ?? 0, offenders: whole?.ids.count ?? 0, areas: areas,
                               rejected: (wholeRejected ?? []).map { RunReject(line: $0.line, reason: $0.reason) },
                               areaOffenders: areaOffenders)
        let read = whole?.ids ?? []
        let saved = try await daemon.runs.save(record, outputs: outputs) { saved in
            var entry = audit(saved)
            entry.offenders = read
            return entry
        }
        daemon.metrics.count("ppod_runs_total", labels: [("trigger", trigger)])
        return (saved, read)
    }

    private func output(_ kind: String, _ name: String, _ scope: DataScope, _ document: RenderedDocument,
                        _ offenders: [String]) -> RunOutput {
        RunOutput(kind: kind, name: name, scope: scope, json: document.json, csv: document.csv,
                  offenders: Distinct.ids(offenders))
    }
}
