import Foundation
import GRDB
import PPOEngine

/// One request as the audit log records it: who, when, what, and which offenders it touched.
struct AuditEntry: Sendable {
    var seq: Int64 = 0
    var at: String
    var token: String
    var role: String
    var method: String
    var path: String
    var status: Int
    /// What the request did: `ranking`, `explain`, `ingest`, `refused`…
    var action: String
    var offenders: [String]
    /// The client's address; nil for ppod's own work (the daily run, `--ingest`) and older entries.
    var client: String? = nil
    /// The digest of the stored id list when the disclosure is kept once, apart from the entry.
    var disclosure: String? = nil
    var hash: String = ""

    /// The longest path (with query) an entry keeps, in bytes after escaping.
    static let pathLimit = 512

    /// `raw` as an entry keeps it: bytes outside printable ASCII percent-escaped, and cut to
    /// `pathLimit` bytes with the length of what was cut said, so a request cannot write more than
    /// that into the log however long its URL.
    static func loggedPath(_ raw: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var escaped: [UInt8] = []
        let bytes = Array(raw.utf8)
        var consumed = 0
        for byte in bytes {
            let piece: [UInt8] = (0x21...0x7E).contains(byte)
                ? [byte] : [0x25, hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
            if escaped.count + piece.count > pathLimit { break }
            escaped += piece
            consumed += 1
        }
        let text = String(decoding: escaped, as: UTF8.self)
        return consumed == bytes.count ? text : text + "...(+\(bytes.count - consumed) bytes)"
    }
}

/// Whether the chain holds, from the first entry or from the last checkpoint, and up to which entry.
struct AuditVerification: Sendable, Equatable {
    var intact: Bool
    /// The last entry verified (0 when the log is empty).
    var seq: Int64
    var hash: String
    /// Entries hashed by this verification (those after the checkpoint).
    var checked: Int
}

/// The append-only log of every request that read or changed offender data (DPA 2018 s.62).
///
/// SQLite triggers refuse UPDATE and DELETE on the table, and each entry's hash covers the previous
/// entry's hash, so an entry altered behind ppod's back breaks the chain. The head (the last entry's
/// seq and hash) is kept in `audit_head`, written in the same transaction as each entry, so removing
/// the newest entries is seen too. A disclosure of more than `inlineLimit` ids keeps its id list once
/// in `audit_disclosure`, by digest, and the entry refers to it.
struct AuditLog: Sendable {
    let pool: DatabasePool
    /// Which refusals get an entry (the rest are only counted).
    var refusals = RefusalLimiter(perMinute: 60)
    /// Entries of requests answered at once, written in one transaction.
    let batch = AuditBatch()

    /// Lists of up to this many ids are kept in the entry itself.
    static let inlineLimit = 32

    /// Appends `entry`, in a transaction shared with the entries of other requests answered at the
    /// same time (`AuditBatch`). Returns once it is on disk.
    func append(_ entry: AuditEntry) async throws {
        try await batch.append(entry, to: pool)
    }

    /// Appends `entry`, chained to the head, inside the caller's transaction: a change and the entry
    /// that records it are committed together or not at all.
    static func append(_ entry: AuditEntry, in db: Database) throws {
        let previous = try String.fetchOne(db, sql: "SELECT hash FROM audit_head WHERE id = 1")
            ?? String.fetchOne(db, sql: "SELECT hash FROM audit ORDER BY seq DESC LIMIT 1") ?? ""
        var stored = entry
        var offenders = StringList.encode(entry.offenders)
        if entry.offenders.count > inlineLimit {
            let digest = SHA256.hex(of: Array(offenders.utf8))
            try db.execute(sql: "INSERT OR IGNORE INTO audit_disclosure (digest, count, ids) VALUES (?, ?, ?)",
                           arguments: [digest, entry.offenders.count, offenders])
            stored.disclosure = digest
            offenders = "[]"
        }
        let hash = Self.hash(previous: previous, entry: stored, offenders: offenders, count: entry.offenders.count,
                             format: 2)
        try db.execute(sql: """
            INSERT INTO audit (at, token, role, method, path, status, action, offenders, hash,
                               format, client, disclosure, offender_count)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 2, ?, ?, ?)
            """, arguments: [stored.at, stored.token, stored.role, stored.method, stored.path, stored.status,
                             stored.action, offenders, hash, stored.client, stored.disclosure, entry.offenders.count])
        try db.execute(sql: "INSERT OR REPLACE INTO audit_head (id, seq, hash) VALUES (1, ?, ?)",
                       arguments: [db.lastInsertedRowID, hash])
    }

    /// Entries oldest first, optionally only those naming `offender`: the first `limit` after `since`
    /// (paging forward), or without `since` the latest `limit`. Reads only the entries it returns
    /// (and, with `offender` or `showing`, those it passes over), never the whole log. `showing`, for
    /// a token limited to some areas, gives the offenders of an entry it may see, or nil to leave the
    /// entry out.
    func entries(since: Int64?, offender: String?, limit: Int,
                 showing: (@Sendable ([String]) -> [String]?)? = nil) async throws -> [AuditEntry] {
        try await pool.read { db in
            try Self.entries(db, since: since, offender: offender, limit: limit, showing: showing)
        }
    }

    /// Verifies the entries after the checkpoint (all of them when `full`), that the checkpointed
    /// entry is unchanged, and that the last entry is the head written with it; then moves the
    /// checkpoint up to the last entry when the chain held.
    func verify(full: Bool = false) async throws -> AuditVerification {
        let verification = try await pool.read { db in try Self.verify(db, full: full) }
        if verification.intact && verification.checked > 0 {
            try await pool.write { db in
                try db.execute(sql: """
                    INSERT INTO audit_checkpoint (id, seq, hash) VALUES (1, ?, ?)
                    ON CONFLICT(id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash WHERE excluded.seq > seq
                    """, arguments: [verification.seq, verification.hash])
            }
        }
        return verification
    }

    private static func verify(_ db: Database, full: Bool) throws -> AuditVerification {
        var result = AuditVerification(intact: true, seq: 0, hash: "", checked: 0)
        if !full, let checkpoint = try Row.fetchOne(db, sql: "SELECT seq, hash FROM audit_checkpoint WHERE id = 1") {
            result.seq = checkpoint["seq"]
            result.hash = checkpoint["hash"]
            let stored = try String.fetchOne(db, sql: "SELECT hash FROM audit WHERE seq = ?", arguments: [result.seq])
            if result.seq > 0 && stored != result.hash { result.intact = false }
        }
        var disclosures: Set<String> = []
        let rows = try Row.fetchCursor(db, sql: "SELECT * FROM audit WHERE seq > ? ORDER BY seq", arguments: [result.seq])
        while let row = try rows.next() {
            let entry = Self.entry(row)
            let offenders: String = row["offenders"]
            // seq is AUTOINCREMENT and nothing is ever deleted: a gap is a removed entry.
            if entry.seq != result.seq + 1 { result.intact = false }
            let count: Int = row["offender_count"], format: Int = row["format"]
            if Self.hash(previous: result.hash, entry: entry, offenders: offenders, count: count, format: format) != entry.hash {
                result.intact = false
            }
            if let digest = entry.disclosure, disclosures.insert(digest).inserted {
                let text = try String.fetchOne(db, sql: "SELECT ids FROM audit_disclosure WHERE digest = ?",
                                               arguments: [digest])
                if text.map({ SHA256.hex(of: Array($0.utf8)) }) != digest { result.intact = false }
            }
            result.seq = entry.seq
            result.hash = entry.hash
            result.checked += 1
        }
        // The anchor: the head written with the last entry must still be the last entry.
        let head = try Row.fetchOne(db, sql: "SELECT seq, hash FROM audit_head WHERE id = 1")
        let headSeq: Int64 = head?["seq"] ?? 0, headHash: String = head?["hash"] ?? ""
        if headSeq != result.seq || headHash != result.hash { result.intact = false }
        return result
    }

    private static func entries(_ db: Database, since: Int64?, offender: String?, limit: Int,
                                showing: (@Sendable ([String]) -> [String]?)?) throws -> [AuditEntry] {
        let sql = since == nil ? "SELECT * FROM audit ORDER BY seq DESC" : "SELECT * FROM audit WHERE seq > ? ORDER BY seq"
        let arguments: StatementArguments = since.map { [$0] } ?? []
        var lists: [String: [String]] = [:]
        func ids(_ digest: String) throws -> [String] {
            if let known = lists[digest] { return known }
            let text = try String.fetchOne(db, sql: "SELECT ids FROM audit_disclosure WHERE digest = ?", arguments: [digest])
            let decoded = text.map(StringList.decode) ?? []
            lists[digest] = decoded
            return decoded
        }
        var memberships: [String: Bool] = [:]
        var found: [AuditEntry] = []
        let rows = try Row.fetchCursor(db, sql: sql, arguments: arguments)
        while found.count < limit, let row = try rows.next() {
            var entry = Self.entry(row)
            if let digest = entry.disclosure {
                if let offender {
                    let named = try memberships[digest] ?? ExactText.list(ids(digest), contains: offender)
                    memberships[digest] = named
                    if !named { continue }
                }
                entry.offenders = try ids(digest)
            } else if let offender, !ExactText.list(entry.offenders, contains: offender) {
                continue
            }
            if let showing {
                guard let shown = showing(entry.offenders) else { continue }
                entry.offenders = shown
            }
            found.append(entry)
        }
        return since == nil ? Array(found.reversed()) : found
    }

    private static func entry(_ row: Row) -> AuditEntry {
        let offenders: String = row["offenders"]
        return AuditEntry(seq: row["seq"], at: row["at"], token: row["token"], role: row["role"], method: row["method"],
                          path: row["path"], status: row["status"], action: row["action"],
                          offenders: StringList.decode(offenders), client: row["client"],
                          disclosure: row["disclosure"], hash: row["hash"])
    }

    /// Format 1 (before v2) chains the fields as they were; format 2 adds the client, the digest of
    /// a disclosure kept apart and the number of ids disclosed.
    private static func hash(previous: String, entry: AuditEntry, offenders: String, count: Int, format: Int) -> String {
        var fields = [previous, entry.at, entry.token, entry.role, entry.method, entry.path, String(entry.status),
                      entry.action, offenders]
        if format >= 2 {
            fields += [entry.client ?? "", entry.disclosure ?? "", String(count)]
        }
        return SHA256.hex(of: Array(fields.joined(separator: "\u{1F}").utf8))
    }
}
