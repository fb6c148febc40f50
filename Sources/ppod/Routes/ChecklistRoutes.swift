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
            let entry = try await daemon.answer(kind: "checklist", name: name, scope: scope, asOf: asOf, detail: nil,
                                                reports: reports, context: context) { pieces in
                let report = try reports.breaches(checklist: name, pieces: pieces, asOf: asOf)
                return AnswerCache.Entry(result: .breaches(report), offenders: report.results.map(\.offender))
            }
            guard case .breaches(let whole) = entry.result else {
                throw APIError(.internalServerError, "internal", "the answer cache held the wrong kind of answer")
            }
            let report = try Reports.only(owner: query["owner"], in: whole)
            context.disclosed(report.results.map(\.offender))
            return Answer.formatted(try Reports.document(report, format), format: format,
                                    headers: DigestHeaders.make(rules: report.rulesDigest, data: report.dataDigest))
        }
    }
}
