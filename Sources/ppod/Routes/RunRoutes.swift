import Hummingbird
import PPOEngine

/// `POST /v1/runs` makes a run on demand; `GET /v1/runs` and `GET /v1/runs/{id}` describe them.
enum RunRoutes {
    static func add(to router: Router<PPODContext>, daemon: Daemon) {
        router.route(.post, "/v1/runs", .runs, action: "run") { request, context, caller in
            // A run covers every area and moves every area's "changed since the last run" baseline,
            // so only a token holding every area may make one (docs/ppod.md, "Areas").
            guard caller.areas == nil else {
                throw APIError.forbidden("forbidden-area", "a run covers every area: only a token holding every area may make one")
            }
            let query = RequestQuery(request)
            let today = daemon.calendar.today
            let asOf = try query.day("as_of", default: today)
            // A run moves the baseline of changed() for everyone: a mistyped date must not do it.
            if abs(today.days(to: asOf)) > Self.asOfWindow, try !query.flag("force") {
                throw APIError.badRequest("bad-date", "as_of \(asOf) is more than \(Self.asOfWindow) days from today (\(today)); "
                                          + "add force=true to make a run for that date")
            }
            let audit = AuditEntry(request: request, context: context, status: 201, action: "run", offenders: [])
            let (run, _) = try await RunBuilder(daemon: daemon).run(asOf: asOf, trigger: "on_demand",
                                                                  requestedBy: caller.name) { _ in audit }
            context.note.update { $0.audited = true }
            let outputs = try await daemon.runs.outputs(of: run.id)
            return Answer.json(value(run, outputs: visible(outputs, to: caller), caller: caller), status: .created)
        }

        router.route(.get, "/v1/runs", .service, action: nil) { request, _, caller in
            let limit = try RequestQuery(request).integer("limit", default: 100, in: 1...10_000)
            let runs = try await visibleRuns(limit: limit, to: caller, daemon: daemon)
            return Answer.json(Answer.object([("runs", .array(runs.map { value($0, outputs: nil, caller: caller) }))]))
        }

        router.route(.get, "/v1/runs/{id}", .service, action: nil) { _, context, caller in
            let text = try context.pathParameter("id")
            guard let id = Int64(text), let run = try await daemon.runs.run(id: id), sees(run, caller) else {
                throw APIError.notFound("unknown-run", "no run '\(text)'")
            }
            let outputs = try await daemon.runs.outputs(of: id)
            return Answer.json(value(run, outputs: visible(outputs, to: caller), caller: caller))
        }
    }

    /// Whether `caller` may see `run` at all: a token limited to some areas sees the runs that
    /// covered one of its areas.
    static func sees(_ run: RunRecord, _ caller: Caller) -> Bool {
        caller.areas == nil || run.areas.contains { caller.sees($0) }
    }

    /// The latest `limit` runs `caller` may see, newest first.
    static func visibleRuns(limit: Int, to caller: Caller, daemon: Daemon) async throws -> [RunRecord] {
        guard caller.areas != nil else { return try await daemon.runs.list(limit: limit) }
        // Runs are few (one a day, a few on demand): the filter reads them all rather than page.
        return Array(try await daemon.runs.list(limit: Int.max).filter { sees($0, caller) }.prefix(limit))
    }

    /// How many days from today a run's `as_of` may be without `force=true`.
    static let asOfWindow = 7

    /// The outputs of scopes the caller may read.
    private static func visible(_ outputs: [(kind: String, name: String, scope: DataScope)],
                                to caller: Caller) -> [(kind: String, name: String, scope: DataScope)] {
        outputs.filter { output in
            guard case .area(let area) = output.scope else { return caller.areas == nil }
            return caller.sees(area)
        }
    }

    static func value(_ run: RunRecord, outputs: [(kind: String, name: String, scope: DataScope)]?,
                      caller: Caller) -> JSONValue {
        guard caller.areas == nil else { return scopedValue(run, outputs: outputs, caller: caller) }
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
                Answer.object([("kind", .string($0.kind)), ("name", .string($0.name)), ("area", .string($0.scope.description))])
            })))
        }
        return Answer.object(members)
    }

    /// A run as a token limited to some areas sees it: the counts of its own areas only, and nothing
    /// computed over every area (digests, rejected lines numbered in the whole data, who asked).
    private static func scopedValue(_ run: RunRecord, outputs: [(kind: String, name: String, scope: DataScope)]?,
                                    caller: Caller) -> JSONValue {
        let counted = run.areaOffenders.count == run.areas.count
        var areas: [String] = [], offenders = 0
        for (index, area) in run.areas.enumerated() where caller.sees(area) {
            areas.append(area)
            if counted { offenders += run.areaOffenders[index] }
        }
        var members: [(String, JSONValue)] = [
            ("id", Answer.number(run.id)),
            ("as_of", .string(run.asOf)),
            ("trigger", .string(run.trigger)),
            ("requested_by", run.requestedBy == caller.name ? .string(run.requestedBy) : .null),
            ("created_at", .string(run.createdAt)),
            ("rules_digest", .string(run.rulesDigest)),
            ("data_digest", .null),
            ("previous_digest", .null),
            ("offenders", counted ? Answer.number(offenders) : .null),
            ("areas", Answer.strings(areas)),
            ("rejected", .array([])),
        ]
        if let outputs {
            members.append(("outputs", .array(outputs.map {
                Answer.object([("kind", .string($0.kind)), ("name", .string($0.name)), ("area", .string($0.scope.description))])
            })))
        }
        return Answer.object(members)
    }
}
