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
            let rules = daemon.rules.current
            guard let name = query["scheme"] ?? (rules.schemeNames.count == 1 ? rules.schemeNames.first : nil) else {
                throw APIError.badRequest("bad-parameter", "name the scheme: scheme=NAME (" + rules.schemeNames.joined(separator: ", ") + ")")
            }
            guard let scheme = rules.scheme(named: name) else {
                throw APIError.notFound("unknown-scheme", "no scheme is called '\(SafeText.escaped(name))'")
            }
            let asOf = try query.day("as_of", default: daemon.calendar.today)
            let from = try query["from"].map { _ in try query.day("from", default: asOf) }
            let found = try await daemon.decisions.lines(seenBy: caller.areaCheck)
            let read = rules.decisions(bytes: found.bytes, path: "decisions")
            let cohort = Cohort(scheme: scheme, decisions: read.decisions, asOf: asOf)
            context.disclosed(cohort.members.map(\.offender))
            return Answer.json(CohortRenderer(cohort: cohort, from: from).value)
        }
    }
}
