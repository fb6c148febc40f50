import Hummingbird

/// Answers from a stored run (`?run=ID`): the bytes computed then, whatever has changed since.
enum StoredOutputs {
    static func answer(daemon: Daemon, kind: String, name: String, run text: String, scope: DataScope,
                       format: OutputFormat, context: PPODContext) async throws -> Response {
        guard let id = Int64(text), let run = try await daemon.runs.run(id: id) else {
            throw APIError.notFound("unknown-run", "no run '\(text)'")
        }
        return try await answer(daemon: daemon, kind: kind, name: name, run: run, scope: scope, format: format,
                                context: context)
    }

    static func answer(daemon: Daemon, kind: String, name: String, run: RunRecord, scope: DataScope,
                       format: OutputFormat, context: PPODContext) async throws -> Response {
        guard let output = try await daemon.runs.output(run: run.id, kind: kind, name: name, scope: scope) else {
            let what = kind == "alerts" ? "alerts" : "\(kind) '\(name)'"
            throw APIError.notFound("not-found", "run \(run.id) holds no \(what) for area '\(scope)'")
        }
        context.disclosed(output.offenders)
        return Answer.document(RenderedDocument(json: output.json, csv: output.csv), format: format,
                               headers: DigestHeaders.make(rules: run.rulesDigest, run: run.id))
    }
}
