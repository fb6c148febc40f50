import Hummingbird
import PPOEngine

/// `PUT /v1/offenders` (ingest), `GET /v1/offenders` (export) and an offender's explanation.
enum OffenderRoutes {
    static func add(to router: Router<PPODContext>, daemon: Daemon) {
        router.route(.put, "/v1/offenders", .administration, action: "ingest") { request, context, caller in
            let query = RequestQuery(request)
            var ingestion = Ingestion(rules: daemon.rules.current, caller: caller, source: query["source"] ?? "request",
                                      held: try await daemon.store.areas())
            try await BodyReader.stream(request, limit: daemon.maxRequestBytes) { ingestion.feed($0) }
            let audit = AuditEntry(request: request, context: context, status: 200, action: "ingest", offenders: [])
            let outcome = try await ingestion.commit(to: daemon.store, metrics: daemon.metrics, audit: audit)
            context.note.update { $0.audited = true }
            return Answer.json(ingestion.answer(outcome))
        }

        router.route(.get, "/v1/offenders", .administration, action: "export") { request, context, caller in
            let query = RequestQuery(request)
            let scope = try caller.scope(requested: query["area"])
            let data = try await daemon.store.snapshot(scope)
            let bytes: [UInt8]
            switch query["snapshot"] {
            case nil, "current"?: bytes = data.current
            case "previous"?: bytes = data.previous
            case let other?: throw APIError.badRequest("bad-parameter", "snapshot '\(other)' must be current or previous")
            }
            context.disclosed(data.ids)
            return Answer.bytes(bytes, type: "application/x-ndjson",
                                headers: DigestHeaders.make(rules: daemon.rules.current.digest, data: SHA256.hex(of: bytes)))
        }

        router.route(.get, "/v1/offenders/{id}/explain", .scores, action: "explain") { request, context, caller in
            let id = try context.pathParameter("id")
            let query = RequestQuery(request)
            _ = try query.format(request, csvAvailable: false)
            let scope = try caller.scope(requested: query["area"])
            let reports = try await daemon.reports()
            let matrix = try query["matrix"] ?? reports.onlyMatrix()
            _ = try reports.matrix(matrix)
            let asOf = try query.day("as_of", default: daemon.calendar.today)
            // The offender's form and place as the last evaluation left them: lookups, no ranking.
            let stored = try await daemon.storeRanking(matrix: matrix, asOf: asOf, reports: reports)
            let area = stored.area(of: id)
            guard let area, caller.sees(area), scope == .all || scope == .area(area ?? "") else {
                throw APIError.notFound("unknown-offender", "no offender '\(id)' in the records this token sees")
            }
            let ranked = stored.scope(scope)
            let packed = ranked.ranking
            context.disclosed([id])
            let json: [UInt8]
            if let position = ranked.position(of: id), let form = ranked.explanation(at: position) {
                json = form
            } else if let offender = packed.ineligible.first(where: { ExactText.same($0.id, id) }) {
                json = packed.explanationJSON(of: offender)
            } else {
                // The reject naming this id, found by its bytes as the store matched it.
                let quoted = Array("\"\(id)\"".utf8)
                let reason = packed.rejected.first { Self.contains($0.bytes, quoted) }?.reason ?? "the record cannot be read"
                throw APIError.notFound("unknown-offender", "offender '\(id)' has no form: its record is rejected (\(reason))")
            }
            return Answer.bytes(json, type: "application/json; charset=utf-8",
                                headers: DigestHeaders.make(rules: packed.rulesDigest, data: packed.dataDigest))
        }
    }

    /// Whether `needle` occurs in `bytes` (a rejected line's exact bytes, which need not be UTF-8).
    static func contains(_ bytes: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, needle.count <= bytes.count else { return needle.isEmpty }
        return (0...(bytes.count - needle.count)).contains { start in bytes[start..<(start + needle.count)].elementsEqual(needle) }
    }
}
