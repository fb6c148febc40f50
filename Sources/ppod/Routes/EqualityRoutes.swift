import Hummingbird
import PPOEngine

/// `GET /v1/equality?matrix=&as_of=&area=`: `ppo equality` for the token's scope (docs/ppod.md,
/// "Equality monitoring"), for managers and admins only.
enum EqualityRoutes {
    static func add(to router: Router<PPODContext>, daemon: Daemon) {
        router.route(.get, "/v1/equality", .equality, action: "equality") { request, context, caller in
            let query = RequestQuery(request)
            let format = try query.format(request)
            let scope = try caller.scope(requested: query["area"])
            let reports = try await daemon.reports()
            let name = try query["matrix"] ?? reports.onlyMatrix()
            _ = try reports.matrix(name)
            let asOf = try query.day("as_of", default: daemon.calendar.today)
            let report = try await Self.report(matrix: name, scope: scope, asOf: asOf, reports: reports, daemon: daemon,
                                               context: context)
            let renderer = EqualityRenderer(report: report.equality)
            let headers = DigestHeaders.make(rules: report.ranking.rulesDigest, data: report.ranking.dataDigest)
            switch format {
            case .json: return Answer.bytes(Array(renderer.json().utf8), type: "application/json; charset=utf-8", headers: headers)
            case .csv: return Answer.bytes(Array(renderer.csv().utf8), type: "text/csv; charset=utf-8", headers: headers)
            }
        }
    }

    /// The scope's ranking and its equality report. Every offender of the scope is noted for the
    /// audit log: the figures rest on each one's monitoring fields.
    static func report(matrix name: String, scope: DataScope, asOf: Day, reports: Reports, daemon: Daemon,
                       context: PPODContext) async throws -> (ranking: PackedRanking, equality: EqualityReport) {
        let ranking = try await daemon.ranking(matrix: name, scope: scope, asOf: asOf, reports: reports, context: context)
        let records = try await daemon.store.monitoring(scope)
        return (ranking, EqualityReport(ranking: ranking, records: records, adopted: { $0.adopted },
                                        adoptedFrom: "the records' ppo.status"))
    }
}
