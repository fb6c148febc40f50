import Foundation
import Hummingbird
import PPOEngine

/// `GET /healthz`, `GET /metrics` and `GET /v1/rules`: the service itself, no offender data.
enum ServiceRoutes {
    static func add(to router: Router<PPODContext>, daemon: Daemon) {
        router.route(.get, "/healthz", .service, action: nil) { _, _, caller in
            // A token limited to some areas is told the counts and runs of its areas only.
            let offenders = try await daemon.store.count(seenBy: caller.areaCheck)
            let last = try await RunRoutes.visibleRuns(limit: 1, to: caller, daemon: daemon).first
            return Answer.json(Answer.object([
                ("status", .string("ok")),
                ("rules_digest", .string(daemon.rules.current.digest)),
                ("offenders", Answer.number(offenders)),
                ("last_run", last.map { Answer.number($0.id) } ?? .null),
            ]))
        }

        router.route(.get, "/metrics", .service, action: nil) { _, _, caller in
            // The figures cover every area (offenders stored, records ingested and rejected).
            guard caller.role == .admin, caller.areas == nil else {
                throw APIError.forbidden("forbidden-role", "the metrics are for an administrator holding every area")
            }
            let state = try await daemon.store.state()
            let loaded = ISO8601DateFormatter().date(from: daemon.rules.snapshot.loadedAt)?.timeIntervalSince1970 ?? 0
            let text = daemon.metrics.render(gauges: [("ppod_offenders", Double(state.offenders)),
                                                      ("ppod_rules_loaded_timestamp_seconds", loaded)])
            return Answer.bytes(Array(text.utf8), type: "text/plain; version=0.0.4; charset=utf-8")
        }

        router.route(.get, "/v1/rules", .service, action: nil) { _, _, _ in
            let state = daemon.rules.snapshot
            let rules = state.rules
            let renderer = DiagnosticRenderer(sources: rules.sources)
            var rejected = JSONValue.null
            if let edit = state.rejected {
                let editRenderer = DiagnosticRenderer(sources: edit.sources)
                rejected = Answer.object([
                    ("at", .string(edit.at)),
                    ("digest", .string(edit.digest)),
                    ("reason", .string(edit.reason)),
                    ("diagnostics", .array(edit.diagnostics.map(editRenderer.jsonValue))),
                    ("text", .string(editRenderer.text(edit.diagnostics))),
                ])
            }
            return Answer.json(Answer.object([
                ("digest", .string(rules.digest)),
                ("loaded_at", .string(state.loadedAt)),
                ("files", Answer.strings(rules.sources.files.map(\.path))),
                ("matrices", Answer.strings(rules.matrixNames)),
                ("checklists", Answer.strings(rules.checklistNames)),
                ("alerts", Answer.strings(rules.alertsNames)),
                ("diagnostics", .array(rules.diagnostics.map(renderer.jsonValue))),
                ("rejected_edit", rejected),
            ]))
        }
    }
}
