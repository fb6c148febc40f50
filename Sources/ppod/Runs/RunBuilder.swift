import Foundation
import Logging
import PPOEngine

/// Computes a run: for every area and for all areas, every matrix's ranking, every checklist's
/// results and all alerts, stored together so that everyone reading the run reads the same answers.
/// Rankings are kept as the whole store's evaluation, from which each area's list is cut on demand
/// (`RunRankings`); checklists and alerts are kept rendered.
struct RunBuilder: Sendable {
    let daemon: Daemon

    /// Computes and stores the run with `audit`, its audit entry, naming every offender it read (in
    /// the same transaction; `audit` gets the saved run). Returns the run with those ids.
    func run(asOf: Day, trigger: String, requestedBy: String,
             audit: @escaping @Sendable (RunRecord) -> AuditEntry) async throws -> (run: RunRecord, offenders: [String]) {
        let reports = try await daemon.reports()
        let rules = reports.rules
        // Rankings, then checklists and alerts, then who is held: each read in its own transaction,
        // so all must have read the same generation of the store. An ingest in between is rare
        // (runs are daily): the run is made again once, then refused.
        var attempt = 0
        var made: (census: StoreCensus, rankings: [(name: String, ranking: StoreRanking)], streamed: RunReports)
        let clock = ContinuousClock()
        var took = (rankings: Duration.zero, reports: Duration.zero)
        while true {
            let started = clock.now
            let rankings = try await storeRankings(asOf: asOf, reports: reports)
            let ranked = clock.now
            let census = try await daemon.store.census()
            let streamed = try await RunReports.evaluate(store: daemon.store, reports: reports,
                                                         scopes: [DataScope.all] + census.areas.map(DataScope.area), asOf: asOf)
            took = (ranked - started, clock.now - ranked)
            made = (census, rankings, streamed)
            if streamed.generation == census.generation,
               rankings.allSatisfy({ $0.ranking.ingest == census.generation.ingest }) { break }
            attempt += 1
            guard attempt < 2 else {
                throw APIError(.serviceUnavailable, "store-changed", "records were ingested while the run was being made: make it again")
            }
        }
        let (census, rankings, streamed) = made
        let areas = census.areas
        // Rendered one at a time as they are written (`RunArchive.save(_:making:…)`).
        var outputs: [@Sendable () throws -> RunOutput] = []
        var wholeDigests = (data: "", previous: "")
        var wholeRejected: [RejectedRecord]?
        if let first = rankings.first?.ranking.whole {
            wholeDigests.data = first.dataDigest
            wholeRejected = first.rejected
        }
        for scope in [DataScope.all] + areas.map(DataScope.area) {
            guard let evaluated = streamed.scopes[scope] else {
                throw APIError(.internalServerError, "run-incomplete", "the run's checklists and alerts miss area '\(scope)'")
            }
            for (index, name) in rules.checklistNames.enumerated() {
                guard let report = evaluated.checklist(index) else {
                    throw APIError(.internalServerError, "run-incomplete", "the run misses checklist '\(name)'")
                }
                if scope == .all { wholeRejected = wholeRejected ?? report.rejected }
                outputs.append { try output("checklist", name, scope, report) }
            }
            if let report = evaluated.alerts {
                if scope == .all {
                    wholeDigests = (report.dataDigest, report.previousDigest ?? "")
                    wholeRejected = wholeRejected ?? report.rejected
                }
                outputs.append { try output("alerts", "*", scope, report) }
            }
        }
        if wholeDigests.data.isEmpty {
            // Neither a matrix nor alerts gave the digests (checklists only): the data is read for them.
            let whole = try await daemon.store.snapshot(.all)
            if whole.generation == census.generation {
                wholeDigests = (SHA256.hex(of: whole.current), SHA256.hex(of: whole.previous))
            }
        }
        let record = RunRecord(asOf: asOf.description, trigger: trigger, requestedBy: requestedBy,
                               createdAt: Date.now.ISO8601Format(), rulesDigest: rules.digest,
                               dataDigest: wholeDigests.data, previousDigest: wholeDigests.previous,
                               lastIngest: census.generation.ingest, offenders: census.ids.count, areas: areas,
                               rejected: (wholeRejected ?? []).map { RunReject(line: $0.line, reason: $0.reason) },
                               areaOffenders: census.areaCounts)
        let read = census.ids
        let saving = clock.now
        let saved = try await daemon.runs.save(record, making: outputs, rankings: rankings, rules: rules) { saved in
            var entry = audit(saved)
            entry.offenders = read
            return entry
        }
        // Where a run's time goes, for whoever sizes the daily run (docs/ppod.md, "Runs").
        Logger(label: "ppod").info("run made", metadata: [
            "run": "\(saved.id)", "offenders": "\(census.ids.count)", "areas": "\(areas.count)",
            "rankings_s": "\(Self.seconds(took.rankings))", "checklists_alerts_s": "\(Self.seconds(took.reports))",
            "rendered_stored_s": "\(Self.seconds(clock.now - saving))",
        ])
        daemon.metrics.count("ppod_runs_total", labels: [("trigger", trigger)])
        return (saved, read)
    }

    private static func seconds(_ duration: Duration) -> String {
        String(format: "%.2f", Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18)
    }

    /// Each matrix's ranking of the whole store as of the latest ingest, kept whole in the run: every
    /// scope's list is cut from it when asked for (`RunRankings`).
    private func storeRankings(asOf: Day, reports: Reports) async throws -> [(name: String, ranking: StoreRanking)] {
        var rankings: [(name: String, ranking: StoreRanking)] = []
        for name in reports.rules.matrixNames {
            rankings.append((name, try await daemon.rankings.ranking(store: daemon.store, rules: reports.rules,
                                                                     matrix: try reports.matrix(name), asOf: asOf,
                                                                     decisionsGeneration: reports.decisionsGeneration,
                                                                     metrics: daemon.metrics)))
        }
        return rankings
    }

    private func output(_ kind: String, _ name: String, _ scope: DataScope, _ report: BreachReport) throws -> RunOutput {
        RunOutput(kind: kind, name: name, scope: scope, json: try Reports.document(report, .json),
                  csv: try Reports.document(report, .csv), offenders: Distinct.ids(report.results.map(\.offender)))
    }

    private func output(_ kind: String, _ name: String, _ scope: DataScope, _ report: AlertReport) throws -> RunOutput {
        RunOutput(kind: kind, name: name, scope: scope, json: try Reports.document(report, .json),
                  csv: try Reports.document(report, .csv), offenders: Distinct.ids(report.results.map(\.offender)))
    }
}
