import Hummingbird
import PPOEngine

/// Answers from a stored run (`?run=ID`): the bytes computed then, whatever has changed since.
enum StoredOutputs {
    static func answer(daemon: Daemon, kind: String, name: String, run text: String, scope: DataScope,
                       format: OutputFormat, page: RankingPageQuery? = nil,
                       context: PPODContext) async throws -> Response {
        guard let id = Int64(text), let run = try await daemon.runs.run(id: id) else {
            throw APIError.notFound("unknown-run", "no run '\(text)'")
        }
        return try await answer(daemon: daemon, kind: kind, name: name, run: run, scope: scope, format: format,
                                page: page, context: context)
    }

    static func answer(daemon: Daemon, kind: String, name: String, run: RunRecord, scope: DataScope,
                       format: OutputFormat, page: RankingPageQuery? = nil,
                       context: PPODContext) async throws -> Response {
        if kind == "ranking", let kept = try await daemon.runs.storeRanking(run: run, matrix: name, current: daemon.rules.current,
                                                                                 live: daemon.rankings) {
            return try await ranking(kept, run: run, scope: scope, format: format, page: page, context: context)
        }
        guard let output = try await daemon.runs.output(run: run.id, kind: kind, name: name, scope: scope,
                                                        format: format) else {
            let what = kind == "alerts" ? "alerts" : "\(kind) '\(name)'"
            throw APIError.notFound("not-found", "run \(run.id) holds no \(what) for area '\(scope)'")
        }
        // Stored distinct (`RunBuilder` makes every output's list with `Distinct.ids`).
        context.disclosed(distinct: output.offenders)
        return Answer.document(RenderedDocument(json: output.json, csv: output.csv), format: format,
                               headers: DigestHeaders.make(rules: run.rulesDigest, run: run.id))
    }

    /// A scope's list cut from the run's kept ranking: the whole list, or a page of it.
    private static func ranking(_ kept: StoreRanking, run: RunRecord, scope: DataScope, format: OutputFormat,
                                page: RankingPageQuery?, context: PPODContext) async throws -> Response {
        if case .area(let area) = scope, !run.areas.contains(where: { ExactText.same($0, area) }) {
            throw APIError.notFound("not-found", "run \(run.id) holds no ranking '\(kept.matrix)' for area '\(scope)'")
        }
        let ranked = kept.scope(scope)
        let headers = DigestHeaders.make(rules: run.rulesDigest, run: run.id)
        if let page {
            return try await MatrixRoutes.page(page, of: ranked, format: format, headers: headers, context: context)
        }
        context.disclosed(ranked.ids)
        return Answer.ranking(ranked.ranking, format: format, headers: headers)
    }
}
