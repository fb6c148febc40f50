import Foundation
import Hummingbird
import PPOEngine

/// The Rules page (the live files, each matrix's points, a refused edit's diagnostics), the Runs
/// page, and the Audit page (administrators).
enum ServicePages {
    struct RulesModel {
        struct File {
            let path: String
            let anchor: String
            let text: String
        }
        struct PointsRow {
            let label: String
            let points: String
            let series: String
        }
        struct Matrix {
            let name: String
            let version: String
            let window: String
            let capacity: String
            let evidence: String
            let rows: [PointsRow]
            let factors: [String]
            let weighting: String
            let tiers: String
        }
        let digest: String
        let loadedAt: String
        let files: [File]
        let matrices: [Matrix]
        let checklists: [String]
        let alerts: [String]
        let diagnostics: String?
        let rejected: String?
        let rejectedAt: String?
    }

    struct RunsModel {
        struct Run {
            let id: Int64
            let asOf: String
            let trigger: String
            let requestedBy: String
            let createdAt: String
            let offenders: Int
            let rulesDigest: String
            let dataDigest: String
        }
        let runs: [Run]
    }

    struct AuditModel {
        struct Entry {
            let seq: Int64
            let at: String
            let token: String
            let role: String
            let request: String
            let status: Int
            let action: String
            let offenders: String
        }
        let entries: [Entry]
        let intact: Bool
        let verifiedThrough: Int64
        let offender: String
        let earlier: String?
    }

    static func add(to router: Router<PPODContext>, daemon: Daemon) {
        router.route(.get, "/ui/rules", .service, action: nil) { _, context, _ in
            let state = daemon.rules.snapshot
            let rules = state.rules
            let files = rules.sources.files.enumerated().map { index, file in
                RulesModel.File(path: file.path, anchor: "file-\(index + 1)", text: file.text)
            }
            let matrices = rules.program.matrices.map { matrix in
                let evidence = EvidenceLevel.allCases.compactMap { level in
                    matrix.evidenceWeights[level].map { "\(level.rawValue) × \($0.description)" }
                }.joined(separator: ", ")
                return RulesModel.Matrix(
                    name: matrix.name, version: matrix.version ?? "", window: matrix.window.map { "\($0)" } ?? "none",
                    capacity: matrix.capacity.map(String.init) ?? "none", evidence: evidence,
                    rows: matrix.rows.map { RulesModel.PointsRow(label: $0.label, points: $0.points.description,
                                                                 series: $0.series?.description ?? "") },
                    factors: matrix.factors.map(\.label),
                    weighting: matrix.weighting.map { weighting in
                        weighting.label + ": " + weighting.rows.map { "\($0.name) × \($0.weight.description)" }.joined(separator: ", ")
                    } ?? "none",
                    tiers: matrix.tiers.map { "\($0.name)" + ($0.threshold.map { " from \($0.description)" } ?? " otherwise") }
                        .joined(separator: ", "))
            }
            let renderer = DiagnosticRenderer(sources: rules.sources)
            let rejected = state.rejected.map { edit in
                "\(edit.reason)\n" + DiagnosticRenderer(sources: edit.sources).text(edit.diagnostics)
            }
            let model = RulesModel(digest: rules.digest, loadedAt: state.loadedAt, files: files, matrices: matrices,
                                   checklists: rules.checklistNames, alerts: rules.alertsNames,
                                   diagnostics: rules.diagnostics.isEmpty ? nil : renderer.text(rules.diagnostics),
                                   rejected: rejected, rejectedAt: state.rejected?.at)
            return try WebPage.render(model, template: "rules", title: "Rules in force", context: context)
        }

        router.route(.get, "/ui/runs", .service, action: nil) { _, context, caller in
            let runs = try await RunRoutes.visibleRuns(limit: 100, to: caller, daemon: daemon)
            let model = RunsModel(runs: runs.map {
                RunsModel.Run(id: $0.id, asOf: $0.asOf, trigger: $0.trigger, requestedBy: $0.requestedBy, createdAt: $0.createdAt,
                              offenders: $0.offenders, rulesDigest: $0.rulesDigest, dataDigest: $0.dataDigest)
            })
            return try WebPage.render(model, template: "runs", title: "Runs", context: context)
        }

        router.route(.get, "/ui/audit", .administration, action: "audit-read") { request, context, caller in
            let query = RequestQuery(request)
            let before = try query["before"].map { _ in try query.integer("before", default: 0, in: 1...Int.max) }
            let verification = try await daemon.audit.verify(full: false)
            let showing = try await AuditRoutes.showing(to: caller, daemon: daemon)
            let limit = 100
            let since = before.map { Int64(max(0, $0 - limit - 1)) }
            var entries = try await daemon.audit.entries(since: since, offender: query["offender"], limit: limit, showing: showing)
            if let before { entries = entries.filter { $0.seq < Int64(before) } }
            let earliest = entries.first?.seq
            let model = AuditModel(
                entries: entries.reversed().map {
                    AuditModel.Entry(seq: $0.seq, at: $0.at, token: $0.token, role: $0.role, request: "\($0.method) \($0.path)",
                                     status: $0.status, action: $0.action,
                                     offenders: $0.offenders.count > 12
                                        ? $0.offenders.prefix(12).joined(separator: ", ") + " and \($0.offenders.count - 12) more"
                                        : $0.offenders.joined(separator: ", "))
                },
                intact: verification.intact, verifiedThrough: verification.seq, offender: query["offender"] ?? "",
                earlier: earliest.flatMap { $0 > 1 && query["offender"] == nil ? "/ui/audit?before=\($0)" : nil })
            return try WebPage.render(model, template: "audit", title: "Audit log", context: context)
        }
    }
}
