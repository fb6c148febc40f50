import Foundation
import Hummingbird
import PPOEngine

/// The selection panel's pages: the panel pack for a date (printable), and the form that records a
/// panel decision about one offender, with the offender's decision history.
enum PanelPages {
    static func add(to router: Router<PPODContext>, daemon: Daemon) {
        router.route(.get, "/ui/panel", .scores, action: "panel-page") { request, context, caller in
            let query = RequestQuery(request)
            let area = try WebScope(caller: caller, requested: query["area"])
            let date = try query.day("date", default: daemon.calendar.today)
            let cohort = try await DecisionRoutes.cohort(query: query, asOf: date, caller: caller, daemon: daemon)
            guard let matrix = cohort.scheme.matrix else {
                throw APIError.badRequest("bad-parameter", "the scheme '\(cohort.scheme.name)' names no matrix")
            }
            let ranked = try await daemon.scopeRanking(matrix: matrix, scope: area.scope, asOf: date, reports: try await daemon.reports())
            let pack = PanelPack(cohort: cohort, ranking: ranked.ranking)
            let decides = Permission.decide.allows(caller.role)
            let model = PanelModel(pack: pack, date: date, area: area, decides: decides)
            context.disclosed(pack.sections.flatMap { $0.items.map(\.offender) })
            return try WebPage.render(model, template: "panel", title: "Panel pack — \(cohort.scheme.name) — \(date)",
                                      context: context)
        }

        router.route(.get, "/ui/offenders/{id}/decide", .decide, action: "decision-form") { request, context, caller in
            let id = try context.pathParameter("id")
            let query = RequestQuery(request)
            try await Self.checkVisible(id, caller: caller, daemon: daemon)
            let form = try await DecisionForm(id: id, query: query, caller: caller, daemon: daemon, problem: nil, values: [:])
            context.disclosed([id])
            return try WebPage.render(form, template: "decide", title: "Record a panel decision — \(id)", context: context)
        }

        router.route(.post, "/ui/offenders/{id}/decide", .decide, action: "decide") { request, context, caller in
            let id = try context.pathParameter("id")
            let submitted = try await WebForm.read(request)
            try submitted.checkToken(expected: context.webSession?.formToken)
            try await Self.checkVisible(id, caller: caller, daemon: daemon)
            context.disclosed([id])
            var members: [(String, JSONValue)] = [("offender", .string(id))]
            for field in ["scheme", "decision", "strand", "reason", "note", "panel_date", "effective", "next_review", "supersedes"] {
                if let value = submitted[field] { members.append((field, .string(value))) }
            }
            let line = Array(JSONWriter(pretty: false).render(Answer.object(members)).utf8) + [0x0A]
            let body = try await PanelEvidence.stamp(line, daemon: daemon, context: context)
            context.disclosed([id])
            let audit = AuditEntry(request: request, context: context, status: 303, action: "decide", offenders: [id])
            let outcome = try await daemon.decisions.record(body, rules: daemon.rules.current, caller: caller, audit: audit)
            let problem: String
            switch outcome {
            case .stored(let decisions, _):
                context.note.update { $0.audited = true }
                let recorded = decisions.first?.id ?? ""
                return WebPage.redirect(to: "/ui/offenders/" + WebPage.encoded(id) + "/decide"
                                        + WebPage.query([("scheme", submitted["scheme"]), ("recorded", recorded)]))
            case .rejected(let rejected):
                problem = rejected.map(\.reason).joined(separator: "; ")
            case .unknownOffender:
                throw APIError.notFound("unknown-offender", "no offender '\(id)' in the records you see")
            }
            let query = RequestQuery(request)
            var values: [String: String] = [:]
            for field in ["decision", "strand", "reason", "note", "panel_date", "effective", "next_review", "supersedes"] {
                values[field] = submitted[field]
            }
            let form = try await DecisionForm(id: id, query: query, scheme: submitted["scheme"], caller: caller, daemon: daemon,
                                              problem: problem, values: values)
            return try WebPage.render(form, template: "decide", title: "Record a panel decision — \(id)", context: context,
                                      status: .badRequest)
        }
    }

    /// A 404 for an offender outside the caller's areas, as everywhere.
    static func checkVisible(_ id: String, caller: Caller, daemon: Daemon) async throws {
        guard let area = try await daemon.store.area(of: id), caller.sees(area) else {
            throw APIError.notFound("unknown-offender", "no offender '\(id)' in the records you see")
        }
    }
}
