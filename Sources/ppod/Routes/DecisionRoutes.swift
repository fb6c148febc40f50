import Foundation
import Hummingbird
import PPOEngine

/// `POST /v1/decisions` (record), `GET /v1/decisions` (export, JSON Lines) and `GET /v1/cohort`
/// (docs/ppod.md, "Decisions and the cohort"; docs/cohort.md).
enum DecisionRoutes {
    static func add(to router: Router<PPODContext>, daemon: Daemon) {
        router.route(.post, "/v1/decisions", .decide, action: "decide") { request, context, caller in
            var body: [UInt8] = []
            try await BodyReader.stream(request, limit: daemon.maxRequestBytes) { body += $0 }
            body = try await PanelEvidence.stamp(body, daemon: daemon, context: context)
            // The rankings read for `saw` are not what this request discloses: its entry names the
            // offenders decided about.
            context.note.update { $0.offenders = [] }
            let audit = AuditEntry(request: request, context: context, status: 201, action: "decide", offenders: [])
            let outcome = try await daemon.decisions.record(body, rules: daemon.rules.current, caller: caller, audit: audit)
            switch outcome {
            case .stored(let decisions, let lines):
                context.note.update { $0.audited = true }
                let stored = lines.compactMap { line -> JSONValue? in
                    if case .success(let value) = JSONParser.parse(line) { return value }
                    return nil
                }
                return Answer.json(Answer.object([("decisions", .array(stored)),
                                                  ("offenders", Answer.strings(decisions.map(\.offender)))]),
                                   status: .created)
            case .rejected(let rejected):
                throw APIError(.badRequest, "bad-decision",
                               rejected.map(\.rendered).joined(separator: "; "))
            case .unknownOffender(let id):
                throw APIError.notFound("unknown-offender", "no offender '\(SafeText.escaped(id))' is held in this token's areas")
            }
        }

        router.route(.get, "/v1/decisions", .cohort, action: "decisions") { request, context, caller in
            let query = RequestQuery(request)
            let found = try await daemon.decisions.lines(seenBy: caller.areaCheck, offender: query["offender"])
            context.disclosed(found.offenders)
            return Answer.bytes(found.bytes, type: "application/x-ndjson")
        }

        router.route(.get, "/v1/cohort", .cohort, action: "cohort") { request, context, caller in
            let query = RequestQuery(request)
            let asOf = try query.day("as_of", default: daemon.calendar.today)
            let from = try query["from"].map { _ in try query.day("from", default: asOf) }
            let cohort = try await Self.cohort(query: query, asOf: asOf, caller: caller, daemon: daemon)
            context.disclosed(cohort.members.map(\.offender))
            return Answer.json(CohortRenderer(cohort: cohort, from: from).value)
        }

        router.route(.get, "/v1/panel", .scores, action: "panel") { request, context, caller in
            let query = RequestQuery(request)
            let format = try query.format(request)
            let asOf = try query.day("as_of", default: daemon.calendar.today)
            let cohort = try await Self.cohort(query: query, asOf: asOf, caller: caller, daemon: daemon)
            guard let matrix = cohort.scheme.matrix else {
                throw APIError.badRequest("bad-parameter", "scheme '\(SafeText.escaped(cohort.scheme.name))' names no matrix")
            }
            let scope = try caller.scope(requested: query["area"])
            let reports = try await daemon.reports()
            let ranking = try await daemon.ranking(matrix: matrix, scope: scope, asOf: asOf, reports: reports, context: context)
            let renderer = PanelPackRenderer(pack: PanelPack(cohort: cohort, ranking: ranking))
            let headers = DigestHeaders.make(rules: ranking.rulesDigest, data: ranking.dataDigest)
            switch format {
            case .csv: return Answer.bytes(Array(renderer.csv().utf8), type: "text/csv; charset=utf-8", headers: headers)
            default: return Answer.json(renderer.value, headers: headers)
            }
        }
    }

    /// The cohort of the scheme named by `scheme=` (or the only one loaded) over the decisions the
    /// caller may read.
    static func cohort(query: RequestQuery, asOf: Day, caller: Caller, daemon: Daemon) async throws -> Cohort {
        let rules = daemon.rules.current
        guard let name = query["scheme"] ?? (rules.schemeNames.count == 1 ? rules.schemeNames.first : nil) else {
            throw APIError.badRequest("bad-parameter", "name the scheme: scheme=NAME (" + rules.schemeNames.joined(separator: ", ") + ")")
        }
        guard let scheme = rules.scheme(named: name) else {
            throw APIError.notFound("unknown-scheme", "no scheme is called '\(SafeText.escaped(name))'")
        }
        let found = try await daemon.decisions.lines(seenBy: caller.areaCheck)
        let read = rules.decisions(bytes: found.bytes, path: "decisions")
        return Cohort(scheme: scheme, decisions: read.decisions, asOf: asOf)
    }
}
