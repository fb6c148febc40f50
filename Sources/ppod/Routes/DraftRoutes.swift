import Foundation
import Hummingbird
import PPOEngine

/// Drafts of rule files (docs/ppod.md, "Drafts"): upload and edit (`POST /v1/drafts`,
/// `PUT /v1/drafts/{id}`), read with diagnostics (`GET`), compare with the live rules on the live
/// data (`GET …/diff`), submit (the author) and publish (a manager or admin) into the rules folder.
enum DraftRoutes {
    static func add(to router: Router<PPODContext>, daemon: Daemon) {
        router.route(.get, "/v1/drafts", .drafts, action: nil) { _, _, _ in
            let drafts = try await daemon.drafts.all()
            return Answer.json(Answer.object([("drafts", .array(drafts.map { Self.summary($0) }))]))
        }

        router.route(.post, "/v1/drafts", .drafts, action: "draft-create") { request, context, caller in
            let upload = try await Self.upload(request, daemon: daemon)
            let audit = AuditEntry(request: request, context: context, status: 201, action: "draft-create", offenders: [])
            let draft = try await daemon.drafts.create(file: upload.file, text: upload.text,
                                                       baseDigest: DraftFile.digest(ofFileAt: upload.file),
                                                       caller: caller, audit: audit)
            context.note.update { $0.audited = true }
            return Answer.json(Self.document(draft, daemon: daemon), status: .created)
        }

        router.route(.put, "/v1/drafts/{id}", .drafts, action: "draft-edit") { request, context, caller in
            let id = try Self.id(context)
            let upload = try await Self.upload(request, daemon: daemon)
            guard let existing = try await daemon.drafts.draft(id) else { throw Self.unknown(id) }
            guard ExactText.same(existing.file, upload.file) else {
                throw APIError.badRequest("bad-draft", "a draft keeps its file ('\(SafeText.escaped(existing.file))'); make a new draft for another")
            }
            let audit = AuditEntry(request: request, context: context, status: 200, action: "draft-edit", offenders: [])
            let draft = try await Self.refusing(id) {
                try await daemon.drafts.edit(id, text: upload.text, baseDigest: DraftFile.digest(ofFileAt: upload.file),
                                             caller: caller, audit: audit)
            }
            context.note.update { $0.audited = true }
            return Answer.json(Self.document(draft, daemon: daemon))
        }

        router.route(.get, "/v1/drafts/{id}", .drafts, action: nil) { _, context, _ in
            let id = try Self.id(context)
            guard let draft = try await daemon.drafts.draft(id) else { throw Self.unknown(id) }
            return Answer.json(Self.document(draft, daemon: daemon))
        }

        router.route(.get, "/v1/drafts/{id}/diff", .drafts, action: "draft-diff") { request, context, caller in
            let id = try Self.id(context)
            let query = RequestQuery(request)
            _ = try query.format(request, csvAvailable: false)
            let scope = try caller.scope(requested: query["area"])
            let asOf = try query.day("as_of", default: daemon.calendar.today)
            let moves = try query.integer("moves", default: 10, in: 0...10_000)
            guard let draft = try await daemon.drafts.draft(id) else { throw Self.unknown(id) }
            let live = daemon.rules.current
            let check = DraftCheck(file: draft.file, text: draft.text, live: live, folders: daemon.rules.paths)
            guard check.errors == 0 else {
                throw APIError(.conflict, "draft-has-errors",
                               "draft \(id) has \(check.errors) error(s): see its diagnostics (GET /v1/drafts/\(id))")
            }
            let comparison = try await DraftComparison.make(
                DraftComparison.Request(live: live, draft: check.rules, blocks: check.blocks(file: draft.file, live: live),
                                        scope: scope, asOf: asOf, equality: Permission.equality.allows(caller.role),
                                        tasking: Permission.tasking.allows(caller.role), moves: moves),
                daemon: daemon)
            context.disclosed(comparison.offenders)
            let value = JSONValue.fields([("draft", Answer.number(draft.id)), ("file", .string(draft.file)),
                                          ("digest", .string(draft.digest))] + Self.members(comparison.value))
            return Answer.json(value, headers: DigestHeaders.make(rules: check.rules.digest))
        }

        router.route(.post, "/v1/drafts/{id}/submit", .drafts, action: "draft-submit") { request, context, caller in
            let id = try Self.id(context)
            let audit = AuditEntry(request: request, context: context, status: 200, action: "draft-submit", offenders: [])
            let draft = try await Self.refusing(id) { try await daemon.drafts.submit(id, caller: caller, audit: audit) }
            context.note.update { $0.audited = true }
            return Answer.json(Self.document(draft, daemon: daemon))
        }

        router.route(.post, "/v1/drafts/{id}/publish", .publish, action: "draft-publish") { request, context, caller in
            let id = try Self.id(context)
            let audit = AuditEntry(request: request, context: context, status: 200, action: "draft-publish", offenders: [])
            let rules = daemon.rules
            let draft = try await Self.refusing(id) {
                try await daemon.drafts.publish(id, caller: caller, audit: audit, check: { draft in
                    try Self.checkPublishable(draft, rules: rules)
                }, write: { draft in
                    // A failure is ppod's (permissions, disk): a 500 whose detail, a path, is logged only.
                    try RuleFileWriter.write(draft.text, to: draft.file)
                })
            }
            context.note.update { $0.audited = true }
            // The watcher would pick the file up within --watch-interval; reloading now lets the
            // answer say what is live.
            var fields = Self.members(Self.document(draft, daemon: daemon))
            switch daemon.rules.reload() {
            case .swapped(let digest):
                daemon.metrics.count("ppod_rules_reloads_total")
                context.logger.info("rules reloaded: draft \(id) published", metadata: ["digest": "\(digest)"])
            case .refused(let digest, let reason):
                daemon.metrics.count("ppod_rules_reload_failures_total")
                context.logger.error("rules edit refused: \(reason); the last good rules keep serving",
                                     metadata: ["digest": "\(digest)"])
                fields.append(("reload_refused", .string(reason)))
            case .unchanged:
                break
            }
            fields.append(("rules_digest", .string(daemon.rules.current.digest)))
            return Answer.json(.fields(fields))
        }
    }

    /// Refused unless the live file is still the one the draft was based on, and the draft checks
    /// clean with the live rules as they are now (another file may have changed since).
    static func checkPublishable(_ draft: Draft, rules: LiveRules) throws {
        let now = DraftFile.digest(ofFileAt: draft.file)
        guard now == draft.baseDigest else {
            throw APIError(.conflict, "draft-stale",
                           "the live file '\(SafeText.escaped(draft.file))' has changed since draft \(draft.id) was based on it; "
                            + "make a new draft from the live file")
        }
        let check = DraftCheck(file: draft.file, text: draft.text, live: rules.current, folders: rules.paths)
        if check.errors > 0 {
            throw APIError(.conflict, "draft-has-errors",
                           "draft \(draft.id) has \(check.errors) error(s) with the live rules; nothing was published")
        }
        if let loss = check.loss {
            throw APIError(.conflict, "draft-has-errors", "draft \(draft.id) cannot be published: \(loss)")
        }
    }

    /// A refusal of the store as the answer's error.
    static func refusing(_ id: Int64, _ body: () async throws -> Draft) async throws -> Draft {
        do {
            return try await body()
        } catch let refusal as DraftStore.Refusal {
            switch refusal {
            case .unknown: throw unknown(id)
            case .notAuthor: throw APIError.forbidden("not-author", "only the author of draft \(id) may do this")
            case .wrongStatus(let status):
                switch status {
                case .draft: throw APIError(.conflict, "draft-not-submitted", "draft \(id) has not been submitted")
                case .submitted: throw APIError(.conflict, "draft-submitted", "draft \(id) is submitted: it cannot be changed")
                case .published: throw APIError(.conflict, "draft-published", "draft \(id) is published already")
                }
            case .refused(let error): throw error
            }
        }
    }

    static func unknown(_ id: Int64) -> APIError { APIError.notFound("unknown-draft", "no draft \(id)") }

    static func id(_ context: PPODContext) throws -> Int64 {
        let text = try context.pathParameter("id")
        guard let id = Int64(text), id > 0 else {
            throw APIError.notFound("unknown-draft", "no draft '\(SafeText.escaped(text))'")
        }
        return id
    }

    /// `{"file": PATH, "text": TEXT}`, with the file resolved against the rules folders.
    static func upload(_ request: Request, daemon: Daemon) async throws -> (file: String, text: String) {
        let body = try await BodyReader.collect(request, limit: daemon.maxRequestBytes)
        guard case .success(.object(let members)) = JSONParser.parse(body[...]) else {
            throw APIError.badRequest("bad-draft", "the body must be a JSON object {\"file\": …, \"text\": …}")
        }
        func text(_ key: String) throws -> String {
            guard let member = members.first(where: { ExactText.same($0.key, key) }), case .string(let value) = member.value else {
                throw APIError.badRequest("bad-draft", "the body needs \"\(key)\" as a string")
            }
            return value
        }
        let file = try DraftFile.resolve(try text("file"), folders: daemon.rules.paths,
                                         loaded: daemon.rules.current.sources.files.map(\.path))
        return (file, try text("text"))
    }

    static func summary(_ draft: Draft) -> JSONValue {
        .fields([("id", Answer.number(draft.id)), ("file", .string(draft.file)), ("status", .string(draft.status.rawValue)),
                 ("author", .string(draft.author)), ("digest", .string(draft.digest)), ("created_at", .string(draft.createdAt))])
    }

    /// The draft with its diagnostics, checked now against the live rules.
    static func document(_ draft: Draft, daemon: Daemon) -> JSONValue {
        let live = daemon.rules.current
        let check = DraftCheck(file: draft.file, text: draft.text, live: live, folders: daemon.rules.paths)
        let renderer = DiagnosticRenderer(sources: check.rules.sources)
        let current = DraftFile.digest(ofFileAt: draft.file)
        return .fields([
            ("id", Answer.number(draft.id)), ("file", .string(draft.file)), ("status", .string(draft.status.rawValue)),
            ("author", .string(draft.author)), ("author_role", .string(draft.authorRole)),
            ("created_at", .string(draft.createdAt)), ("submitted_at", .optional(draft.submittedAt)),
            ("published_at", .optional(draft.publishedAt)), ("published_by", .optional(draft.publishedBy)),
            ("digest", .string(draft.digest)), ("base_digest", .optional(draft.baseDigest)),
            ("live_file_digest", .optional(current)),
            ("stale", .bool(draft.status != .published && current != draft.baseDigest)),
            ("errors", .int(check.errors)), ("warnings", .int(check.warnings)), ("loss", .optional(check.loss)),
            ("publishable", .bool(check.publishable)), ("draft_rules_digest", .string(check.rules.digest)),
            ("live_rules_digest", .string(live.digest)),
            ("diagnostics", .array(check.rules.diagnostics.map(renderer.jsonValue))),
            ("diagnostics_text", .string(renderer.text(check.rules.diagnostics))),
            ("text", .string(draft.text)),
        ])
    }

    static func members(_ value: JSONValue) -> [(String, JSONValue)] {
        guard case .object(let members) = value else { return [] }
        return members.map { ($0.key, $0.value) }
    }
}
