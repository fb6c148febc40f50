import Hummingbird
import PPOEngine

/// `GET /v1/audit`: the audit log, for administrators.
enum AuditRoutes {
    static func add(to router: Router<PPODContext>, daemon: Daemon) {
        router.route(.get, "/v1/audit", .administration, action: "audit-read") { request, _, caller in
            let query = RequestQuery(request)
            let since = try query["since"].map { _ in try query.integer("since", default: 0, in: 0...Int.max) }
            let limit = try query.integer("limit", default: 1000, in: 1...100_000)
            let full: Bool
            switch query["verify"] {
            case nil, "incremental"?: full = false
            case "full"?: full = true
            case let other?: throw APIError.badRequest("bad-parameter", "verify '\(other)' must be incremental or full")
            }
            // Verified first, then read: the entries listed are the ones the verification covered, or newer.
            let verification = try await daemon.audit.verify(full: full)
            let entries = try await daemon.audit.entries(since: since.map(Int64.init), offender: query["offender"],
                                                         limit: limit, showing: try await Self.showing(to: caller, daemon: daemon))
            return Answer.json(Answer.object([
                ("entries", .array(entries.map { entry in
                    Answer.object([
                        ("seq", Answer.number(entry.seq)), ("at", .string(entry.at)), ("token", .string(entry.token)),
                        ("role", .string(entry.role)), ("method", .string(entry.method)), ("path", .string(entry.path)),
                        ("status", Answer.number(entry.status)), ("action", .string(entry.action)),
                        ("offenders", Answer.strings(entry.offenders)), ("client", Answer.string(entry.client)),
                        ("disclosure", Answer.string(entry.disclosure)),
                    ])
                })),
                ("chain_intact", .bool(verification.intact)),
                ("verified_through", Answer.number(verification.seq)),
            ]))
        }
    }

    /// What of an entry a caller may read: a token limited to some areas reads only the entries that
    /// name offenders of its areas, and only those offenders, since every other entry could name
    /// another area's ids (docs/ppod.md); nil for a token holding every area.
    static func showing(to caller: Caller, daemon: Daemon) async throws -> (@Sendable ([String]) -> [String]?)? {
        guard caller.areas != nil else { return nil }
        let visible = try await daemon.store.ids(seenBy: { caller.sees($0) })
        return { ids in
            let shown = ids.filter { visible.contains(ExactText($0)) }
            return shown.isEmpty ? nil : shown
        }
    }
}
