import Hummingbird

/// A Premium Service checklist's results for the stored records.
enum ChecklistRoutes {
    static func add(to router: Router<PPODContext>, daemon: Daemon) {
        router.route(.get, "/v1/checklists/{name}/results", .tasking, action: "checklist-results") { request, context, caller in
            let name = try context.pathParameter("name")
            let query = RequestQuery(request)
            let format = try query.format(request)
            let scope = try caller.scope(requested: query["area"])
            if let run = query["run"] {
                if query["owner"] != nil {
                    throw APIError.badRequest("bad-parameter",
                                              "owner cannot be combined with run: a run stores every owner's results")
                }
                return try await StoredOutputs.answer(daemon: daemon, kind: "checklist", name: name, run: run,
                                                      scope: scope, format: format, context: context)
            }
            let reports = try await daemon.reports()
            let asOf = try query.day("as_of", default: daemon.calendar.today)
            let whole = try await daemon.breachReport(checklist: name, scope: scope, asOf: asOf, reports: reports,
                                                      context: context)
            let report = try Reports.only(owner: query["owner"], in: whole)
            context.disclosed(report.results.map(\.offender))
            return Answer.formatted(try Reports.document(report, format), format: format,
                                    headers: DigestHeaders.make(rules: report.rulesDigest, data: report.dataDigest))
        }
    }
}
