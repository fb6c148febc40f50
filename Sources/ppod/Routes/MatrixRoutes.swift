import Hummingbird
import PPOEngine

/// A matrix's ranking of the stored records, and `POST /v1/evaluate` of posted ones.
enum MatrixRoutes {
    static func add(to router: Router<PPODContext>, daemon: Daemon) {
        router.route(.get, "/v1/matrices/{name}/ranking", .scores, action: "ranking") { request, context, caller in
            let name = try context.pathParameter("name")
            let query = RequestQuery(request)
            let format = try query.format(request)
            let scope = try caller.scope(requested: query["area"])
            if let run = query["run"] {
                return try await StoredOutputs.answer(daemon: daemon, kind: "ranking", name: name, run: run,
                                                      scope: scope, format: format, context: context)
            }
            let reports = daemon.reports
            _ = try reports.matrix(name)
            let asOf = try query.day("as_of", default: daemon.calendar.today)
            let entry = try await daemon.answer(kind: "ranking", name: name, scope: scope, asOf: asOf, detail: nil,
                                                reports: reports, context: context) { data in
                let ranking = try reports.ranking(matrix: name, data: data.current, asOf: asOf)
                return AnswerCache.Entry(document: reports.rendered(ranking), offenders: data.ids,
                                         dataDigest: ranking.dataDigest)
            }
            return Answer.document(entry.document, format: format,
                                   headers: DigestHeaders.make(rules: reports.rules.digest, data: entry.dataDigest))
        }

        router.route(.post, "/v1/evaluate", .scores, action: "evaluate") { request, context, _ in
            let query = RequestQuery(request)
            let format = try query.format(request)
            let reports = daemon.reports
            let name = try query["matrix"] ?? reports.onlyMatrix()
            _ = try reports.matrix(name)
            let asOf = try query.day("as_of", default: daemon.calendar.today)
            let body = try await BodyReader.collect(request, limit: daemon.maxRequestBytes)
            let ranking = try reports.ranking(matrix: name, data: body, asOf: asOf, label: query["source"] ?? "request")
            let unpacked = ranking.ranking(withLines: false)
            context.disclosed(unpacked.offenders.map(\.id) + unpacked.ineligible.map(\.id))
            return answer(ranking, format: format, reports: reports)
        }
    }

    private static func answer(_ ranking: PackedRanking, format: OutputFormat, reports: Reports) -> Response {
        let headers = DigestHeaders.make(rules: ranking.rulesDigest, data: ranking.dataDigest)
        switch format {
        case .json:
            return Answer.bytes(RankingJSONStreamer().render(ranking), type: "application/json; charset=utf-8",
                                headers: headers)
        case .csv:
            return Answer.bytes(Array(RankingCSVRenderer().render(ranking.ranking(withLines: false)).utf8),
                                type: "text/csv; charset=utf-8", headers: headers)
        }
    }
}
