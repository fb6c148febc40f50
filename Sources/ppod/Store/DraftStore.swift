import Foundation
import GRDB
import PPOEngine

/// A draft of one rule file (docs/ppod.md, "Drafts"): its text, the SHA-256 it is audited and
/// published under, and the digest of the live file it was based on.
struct Draft: Sendable {
    enum Status: String, Sendable {
        case draft, submitted, published
    }

    let id: Int64
    /// The path ppod loads the file from: one of the live files, or a new one in a rules folder.
    let file: String
    let text: String
    /// SHA-256 of the text's UTF-8 bytes, lower-case hex.
    let digest: String
    /// SHA-256 of the live file when the draft was made or last edited; nil when the file was new.
    let baseDigest: String?
    let author: String
    let authorRole: String
    let createdAt: String
    let status: Status
    let submittedAt: String?
    let publishedAt: String?
    let publishedBy: String?

    /// The SHA-256 of `text` as a draft records it.
    static func digest(of text: String) -> String { SHA256.hex(of: Array(text.utf8)) }

    /// What the audit log records of a change to this draft: `ACTION draft=ID sha256=DIGEST`.
    func auditAction(_ action: String) -> String { "\(action) draft=\(id) sha256=\(digest)" }
}

/// The drafts of rule files, in the same store as the records: kept, never deleted (SQLite triggers
/// refuse DELETE, a change to a submitted draft's text, and a status moving backwards). Every change
/// is written with its audit entry in one transaction.
struct DraftStore: Sendable {
    let pool: DatabasePool

    /// Why a change was refused, for a 409 or 403.
    enum Refusal: Error, Sendable {
        case unknown
        case notAuthor
        case wrongStatus(Draft.Status)
        /// The check that `publish` runs inside its transaction failed (stale base, errors).
        case refused(APIError)
    }

    /// Stores a new draft, with `audit` (its action completed with the draft's id and digest).
    func create(file: String, text: String, baseDigest: String?, caller: Caller, audit: AuditEntry) async throws -> Draft {
        let now = Date.now.ISO8601Format()
        return try await pool.write { db in
            try db.execute(sql: """
                INSERT INTO draft (file, text, digest, base_digest, author, author_role, created_at, updated_at, status)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'draft')
                """, arguments: [file, Data(text.utf8), Draft.digest(of: text), baseDigest, caller.name,
                                 caller.role.rawValue, now, now])
            guard let draft = try Self.fetch(db, id: db.lastInsertedRowID) else {
                throw DatabaseError(resultCode: .SQLITE_INTERNAL, message: "the draft just stored cannot be read back")
            }
            var entry = audit
            entry.action = draft.auditAction(audit.action)
            try AuditLog.append(entry, in: db)
            return draft
        }
    }

    func draft(_ id: Int64) async throws -> Draft? {
        try await pool.read { db in try Self.fetch(db, id: id) }
    }

    /// Every draft, newest first.
    func all() async throws -> [Draft] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM draft ORDER BY id DESC").map(Self.draft)
        }
    }

    /// Replaces the text of a draft not yet submitted; only its author may.
    func edit(_ id: Int64, text: String, baseDigest: String?, caller: Caller, audit: AuditEntry) async throws -> Draft {
        try await change(id, caller: caller, audit: audit, authorOnly: true, from: .draft) { db, _ in
            try db.execute(sql: "UPDATE draft SET text = ?, digest = ?, base_digest = ?, updated_at = ? WHERE id = ?",
                           arguments: [Data(text.utf8), Draft.digest(of: text), baseDigest, Date.now.ISO8601Format(), id])
        }
    }

    /// Marks a draft submitted; only its author may. From then on its text is fixed.
    func submit(_ id: Int64, caller: Caller, audit: AuditEntry) async throws -> Draft {
        try await change(id, caller: caller, audit: audit, authorOnly: true, from: .draft) { db, _ in
            try db.execute(sql: "UPDATE draft SET status = 'submitted', submitted_at = ? WHERE id = ?",
                           arguments: [Date.now.ISO8601Format(), id])
        }
    }

    /// Marks a submitted draft published and, last in the same transaction, runs `write` (the file
    /// written into the rules folder): when the write fails nothing is recorded, and the entry and
    /// the status are committed with the file in place. `check` runs first, inside the transaction,
    /// so two publications cannot both pass it.
    func publish(_ id: Int64, caller: Caller, audit: AuditEntry, check: @escaping @Sendable (Draft) throws -> Void,
                 write: @escaping @Sendable (Draft) throws -> Void) async throws -> Draft {
        try await change(id, caller: caller, audit: audit, authorOnly: false, from: .submitted, before: check) { db, draft in
            try db.execute(sql: "UPDATE draft SET status = 'published', published_at = ?, published_by = ? WHERE id = ?",
                           arguments: [Date.now.ISO8601Format(), caller.name, id])
            try write(draft)
        }
    }

    /// Loads the draft in a write transaction, checks who may change it and its status, runs
    /// `before`, then `body`, then writes the audit entry (action completed with id and digest).
    private func change(_ id: Int64, caller: Caller, audit: AuditEntry, authorOnly: Bool, from status: Draft.Status,
                        before: (@Sendable (Draft) throws -> Void)? = nil,
                        _ body: @escaping @Sendable (Database, Draft) throws -> Void) async throws -> Draft {
        let outcome: Result<Draft, Refusal> = try await pool.write { db in
            guard let draft = try Self.fetch(db, id: id) else { return .failure(.unknown) }
            if authorOnly && !ExactText.same(draft.author, caller.name) { return .failure(.notAuthor) }
            guard draft.status == status else { return .failure(.wrongStatus(draft.status)) }
            do { try before?(draft) } catch let error as APIError { return .failure(.refused(error)) }
            try body(db, draft)
            let changed = try Self.fetch(db, id: id) ?? draft
            var entry = audit
            entry.action = changed.auditAction(audit.action)
            try AuditLog.append(entry, in: db)
            return .success(changed)
        }
        return try outcome.get()
    }

    static func fetch(_ db: Database, id: Int64) throws -> Draft? {
        try Row.fetchOne(db, sql: "SELECT * FROM draft WHERE id = ?", arguments: [id]).map(draft)
    }

    static func draft(_ row: Row) -> Draft {
        let text: Data = row["text"]
        return Draft(id: row["id"], file: row["file"], text: String(decoding: text, as: UTF8.self), digest: row["digest"],
                     baseDigest: row["base_digest"], author: row["author"], authorRole: row["author_role"],
                     createdAt: row["created_at"], status: Draft.Status(rawValue: row["status"]) ?? .draft,
                     submittedAt: row["submitted_at"], publishedAt: row["published_at"], publishedBy: row["published_by"])
    }
}
