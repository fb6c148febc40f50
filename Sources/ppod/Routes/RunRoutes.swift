import Hummingbird
import PPOEngine

/// `POST /v1/runs` makes a run on demand; `GET /v1/runs` and `GET /v1/runs/{id}` describe them.
enum RunRoutes {
    static func add(to router: Router<PPODContext>, daemon: Daemon) {
        router.route(.post, "/v1/runs", .runs, action: "run") { request, context, caller in
            let query = RequestQuery(request)
            let asOf = try query.day("as_of", default: daemon.calendar.today)
            let audit = AuditEntry(request: request, context: context, status: 201, action: "run", offenders: [])
            let (run, _) = try await RunBuilder(daemon: daemon).run(asOf: asOf, trigger: "on_demand",
                                                                  requestedBy: caller.name) { _ in audit }
            context.note.update { $0.audited = true }
            let outputs = try await daemon.runs.outputs(of: run.id)
            return Answer.json(value(run, outputs: visible(outputs, to: caller)), status: .created)
        }

        router.route(.get, "/v1/runs", .service, action: nil) { request, _, _ in
            let limit = try RequestQuery(request).integer("limit", default: 100, in: 1...10_000)
            let runs = try await daemon.runs.list(limit: limit)
            return Answer.json(Answer.object([("runs", .array(runs.map { value($0, outputs: nil) }))]))
        }

        router.route(.get, "/v1/runs/{id}", .service, action: nil) { _, context, caller in
            let text = try context.pathParameter("id")
            guard let id = Int64(text), let run = try await daemon.runs.run(id: id) else {
                throw APIError.notFound("unknown-run", "no run '\(text)'")
            }
            let outputs = try await daemon.runs.outputs(of: id)
            return Answer.json(value(run, outputs: visible(outputs, to: caller)))
        }
    }

    /// The outputs of scopes the caller may read.
    private static func visible(_ outputs: [(kind: String, name: String, area: String)],
                                to caller: Caller) -> [(kind: String, name: String, area: String)] {
        outputs.filter { caller.areas == nil || ($0.area != "*" && caller.sees($0.area)) }
    }

    static func value(_ run: RunRecord, outputs: [(kind: String, name: String, area: String)]?) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("id", Answer.number(run.id)),
            ("as_of", .string(run.asOf)),
            ("trigger", .string(run.trigger)),
            ("requested_by", .string(run.requestedBy)),
            ("created_at", .string(run.createdAt)),
            ("rules_digest", .string(run.rulesDigest)),
            ("data_digest", .string(run.dataDigest)),
            ("previous_digest", .string(run.previousDigest)),
            ("offenders", Answer.number(run.offenders)),
            ("areas", Answer.strings(run.areas)),
            ("rejected", .array(run.rejected.map { reject in
                Answer.object([("line", Answer.number(reject.line)), ("reason", .string(reject.reason))])
            })),
        ]
        if let outputs {
            members.append(("outputs", .array(outputs.map {
                Answer.object([("kind", .string($0.kind)), ("name", .string($0.name)), ("area", .string($0.area))])
            })))
        }
        return Answer.object(members)
    }
}
