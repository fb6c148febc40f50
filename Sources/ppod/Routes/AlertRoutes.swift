import Hummingbird

/// The day's alerts: from the stored run of that date when there is one, so that everyone pulling
/// the day's list gets the same list; else computed from the stored records.
enum AlertRoutes {
    static func add(to router: Router<PPODContext>, daemon: Daemon) {
        router.route(.get, "/v1/alerts", .tasking, action: "alerts") { request, context, caller in
            let query = RequestQuery(request)
            let format = try query.format(request)
            let scope = try caller.scope(requested: query["area"])
            let date = try query.day("date", default: daemon.calendar.today)
            let block = query["alerts"]
            if let run = query["run"] {
                if block != nil {
                    throw APIError.badRequest("bad-parameter", "alerts cannot be combined with run: a run stores all alerts")
                }
                return try await StoredOutputs.answer(daemon: daemon, kind: "alerts", name: "*", run: run,
                                                      scope: scope, format: format, context: context)
            }
            if block == nil, try !query.flag("live"),
               let run = try await daemon.runs.latest(asOf: date.description),
               try await daemon.runs.hasOutput(run: run.id, kind: "alerts", name: "*", scope: scope) {
                return try await StoredOutputs.answer(daemon: daemon, kind: "alerts", name: "*", run: run,
                                                      scope: scope, format: format, context: context)
            }
            let report = try await daemon.alertReport(block: block, scope: scope, asOf: date, reports: try await daemon.reports(),
                                                      context: context)
            return Answer.formatted(try Reports.document(report, format), format: format,
                                    headers: DigestHeaders.make(rules: report.rulesDigest, data: report.dataDigest))
        }
    }
}
