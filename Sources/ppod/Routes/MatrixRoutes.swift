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
                                                      scope: scope, format: format, page: try RankingPageQuery(query),
                                                      context: context)
            }
            let reports = try await daemon.reports()
            _ = try reports.matrix(name)
            let asOf = try query.day("as_of", default: daemon.calendar.today)
            // Each offender's standing with the panel is read as the answer is written, from the
            // decisions stored now: a decision just recorded shows without ranking again.
            if var page = try RankingPageQuery(query) {
                if page.filter.status != nil { page.filter.decisions = reports.decisionsGeneration }
                let ranked = try await daemon.scopeRanking(matrix: name, scope: scope, asOf: asOf, reports: reports)
                return try await Self.page(page, of: ranked, format: format, context: context,
                                           decisions: reports.rules.decisions)
            }
            let ranking = try await daemon.ranking(matrix: name, scope: scope, asOf: asOf, reports: reports,
                                                   context: context)
            return Answer.ranking(ranking, format: format,
                                  headers: DigestHeaders.make(rules: ranking.rulesDigest, data: ranking.dataDigest),
                                  decisions: reports.rules.decisions)
        }

        router.route(.post, "/v1/evaluate", .scores, action: "evaluate") { request, context, _ in
            let query = RequestQuery(request)
            let format = try query.format(request)
            let reports = try await daemon.reports()
            let name = try query["matrix"] ?? reports.onlyMatrix()
            _ = try reports.matrix(name)
            let asOf = try query.day("as_of", default: daemon.calendar.today)
            let body = try await BodyReader.collect(request, limit: daemon.maxRequestBytes)
            let ranking = try reports.ranking(matrix: name, data: body, asOf: asOf, label: query["source"] ?? "request")
            let unpacked = ranking.ranking(withLines: false)
            context.disclosed(unpacked.offenders.map(\.id) + unpacked.ineligible.map(\.id))
            return Answer.ranking(ranking, format: format,
                                  headers: DigestHeaders.make(rules: ranking.rulesDigest, data: ranking.dataDigest))
        }
    }

    /// A page of the ranking: the offenders the filter admits, from `offset`, at most `limit`; only
    /// they are noted for the audit log.
    static func page(_ page: RankingPageQuery, of ranked: ScopeRanking, format: OutputFormat,
                     headers given: HTTPFields? = nil, context: PPODContext,
                     decisions: DecisionBook? = nil) async throws -> Response {
        let ranking = ranked.ranking
        try page.check(against: ranking)
        let positions = await ranked.positions(page.filter, decisions: decisions)
        let shown = positions.page(offset: page.offset, limit: page.limit)
        context.disclosed(shown.compactMap { ranking.id(at: $0) })
        let headers = given ?? DigestHeaders.make(rules: ranking.rulesDigest, data: ranking.dataDigest)
        switch format {
        case .json:
            return Answer.bytes(RankingJSONStreamer(decisions: decisions).page(ranking, positions: shown, offset: page.offset,
                                                          limit: page.limit, total: positions.count,
                                                          withLines: page.lines),
                                type: "application/json; charset=utf-8", headers: headers)
        case .csv:
            return Answer.formatted(ranking.csv(at: shown, decisions: decisions), format: .csv, headers: headers)
        }
    }
}
