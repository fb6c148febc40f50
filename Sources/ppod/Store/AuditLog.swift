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
    var hash: String = ""
}

/// The append-only log of every request that read or changed offender data (DPA 2018 s.62).
///
/// SQLite triggers refuse UPDATE and DELETE on the table, and each entry's hash covers the previous
/// entry's hash, so an entry altered or removed behind ppod's back breaks the chain.
struct AuditLog: Sendable {
    let pool: DatabasePool

    /// Appends `entry`, chained to the last one. Returns once it is on disk.
    func append(_ entry: AuditEntry) async throws {
        try await pool.write { db in
            let previous = try String.fetchOne(db, sql: "SELECT hash FROM audit ORDER BY seq DESC LIMIT 1") ?? ""
            let offenders = StringList.encode(entry.offenders)
            let hash = Self.hash(previous: previous, entry: entry, offenders: offenders)
            try db.execute(sql: """
                INSERT INTO audit (at, token, role, method, path, status, action, offenders, hash)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [entry.at, entry.token, entry.role, entry.method, entry.path, entry.status,
                                 entry.action, offenders, hash])
        }
    }

    /// Entries oldest first, optionally only those naming `offender`: the first `limit` after `since`
    /// (paging forward), or without `since` the latest `limit`; and whether the whole chain is intact.
    /// `showing`, for a token limited to some areas, gives the offenders of an entry it may see, or nil
    /// to leave the entry out.
    func entries(since: Int64?, offender: String?, limit: Int,
                 showing: (@Sendable ([String]) -> [String]?)? = nil) async throws -> (entries: [AuditEntry], intact: Bool) {
        try await pool.read { db in
            var found: [AuditEntry] = []
            var intact = true
            var previous = ""
            let rows = try Row.fetchCursor(db, sql: "SELECT * FROM audit ORDER BY seq")
            while let row = try rows.next() {
                let offendersText: String = row["offenders"]
                var entry = AuditEntry(seq: row["seq"], at: row["at"], token: row["token"], role: row["role"],
                                       method: row["method"], path: row["path"], status: row["status"],
                                       action: row["action"], offenders: StringList.decode(offendersText), hash: row["hash"])
                if Self.hash(previous: previous, entry: entry, offenders: offendersText) != entry.hash { intact = false }
                previous = entry.hash
                guard entry.seq > since ?? 0 else { continue }
                if let offender, !ExactText.list(entry.offenders, contains: offender) { continue }
                if let showing {
                    guard let shown = showing(entry.offenders) else { continue }
                    entry.offenders = shown
                }
                if since != nil && found.count >= limit { continue }
                entry.hash = row["hash"]
                found.append(entry)
                // Without `since`, keep the latest `limit` seen so far.
                if since == nil && found.count > limit { found.removeFirst(found.count - limit) }
            }
            return (found, intact)
        }
    }

    private static func hash(previous: String, entry: AuditEntry, offenders: String) -> String {
        let fields = [previous, entry.at, entry.token, entry.role, entry.method, entry.path, String(entry.status),
                      entry.action, offenders]
        return SHA256.hex(of: Array(fields.joined(separator: "\u{1F}").utf8))
    }
}
