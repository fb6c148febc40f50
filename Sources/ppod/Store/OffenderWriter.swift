import Foundation
import GRDB
import PPOEngine

/// A valid record of an ingest, ready to store: its id, area and line number, the SHA-256 of its
/// line, and where the line lies in the block of bytes that holds it.
struct StagedRecord: Sendable {
    let id: String
    let area: String?
    /// The line number in the body.
    let line: Int
    /// The line's exact bytes (what a reject carries).
    let text: Range<Int>
    /// What is stored: the line without a carriage return (or a byte order mark on line 1).
    let content: Range<Int>
    let digest: SHA256Digest
}

/// Valid records of one stretch of an ingest's body, with the bytes they lie in.
struct StagedBlock: Sendable {
    let bytes: [UInt8]
    var records: [StagedRecord] = []

    /// Bytes held, for bounding what waits in memory.
    var size: Int { bytes.count }
}

/// A record the store did not take because its id is held for an area the token does not see.
struct RefusedRecord: Sendable {
    let line: Int
    let bytes: [UInt8]
}

/// The writes of one ingest, inside its transaction (docs/ppod.md, "Previous versions").
///
/// Each record is looked up by id in a map of the ids held with the SHA-256 of their lines, read
/// once at the start from two indexes (never the bodies); an unchanged record costs that look-up and
/// nothing else, a new one an INSERT, a changed one an UPDATE that keeps the previous version in the
/// same statement. Rows are bound from the blocks' bytes in place (`RawStatement`).
final class OffenderWriter {
    let ingest: Int64
    private let db: Database
    private let baseline: Int64
    private let sees: (@Sendable (String?) -> Bool)?
    /// Whether an id may come twice (a list of records made by hand; a body's duplicates are
    /// rejected before): the map then learns the records stored, so the second is an update.
    private let idsMayRepeat: Bool
    private var nextSeq: Int64
    private var held: [ExactText: HeldRecord] = [:]
    private let insert: RawStatement
    private let update: RawStatement
    private let areaOf: RawStatement
    private(set) var inserted = 0
    private(set) var updated = 0
    private(set) var unchanged = 0
    private(set) var refused: [RefusedRecord] = []
    /// The ids stored (inserted, updated or unchanged), in order, for the audit entry.
    private(set) var stored: [String] = []

    private struct HeldRecord {
        let seq: Int64
        let digest: SHA256Digest
    }

    /// Starts the ingest in the open transaction of `db`: its `ingest` row, and the map of held ids.
    /// `sees` is the token's area check (nil: every area).
    init(_ db: Database, token: String, sees: (@Sendable (String?) -> Bool)?, idsMayRepeat: Bool = false) throws {
        self.db = db
        self.sees = sees
        self.idsMayRepeat = idsMayRepeat
        try db.execute(sql: """
            INSERT INTO ingest (at, token, received, inserted, updated, unchanged, rejected)
            VALUES (?, ?, 0, 0, 0, 0, 0)
            """, arguments: [Date.now.ISO8601Format(), token])
        ingest = db.lastInsertedRowID
        baseline = try OffenderStore.baseline(db, ingesting: ingest)
        nextSeq = (try Int64.fetchOne(db, sql: "SELECT MAX(seq) FROM offender") ?? 0) + 1
        insert = try RawStatement(db, """
            INSERT INTO offender (seq, id, area, body, previous, changed_ingest, body_sha256)
            VALUES (?1, ?2, ?3, ?4, NULL, ?5, ?6)
            """)
        // Already changed since the last run: the version of the last run stays the previous one;
        // else the version replaced becomes it. (SET expressions read the row as it was.)
        update = try RawStatement(db, """
            UPDATE offender SET previous = CASE WHEN changed_ingest > ?1 THEN previous ELSE body END,
                body = ?2, area = ?3, changed_ingest = ?4, body_sha256 = ?5
            WHERE seq = ?6
            """)
        areaOf = try RawStatement(db, "SELECT area FROM offender WHERE seq = ?1")
        if nextSeq > 1 { try loadHeld() }
    }

    /// Reads the ids held with their digests: the id index gives each id's seq, the area index
    /// each seq's digest, so no page of the table itself is read.
    private func loadHeld() throws {
        var digests: [Int64: SHA256Digest] = [:]
        digests.reserveCapacity(Int(nextSeq))
        try RawStatement(db, "SELECT seq, body_sha256 FROM offender INDEXED BY offender_area").forEachRow { row in
            if let digest = SHA256Digest(row.bytes(1)) { digests[row.integer(0)] = digest }
        }
        held.reserveCapacity(digests.count)
        try RawStatement(db, "SELECT id, seq FROM offender INDEXED BY offender_id").forEachRow { row in
            let seq = row.integer(1)
            // A digest that cannot be read compares unequal to every line: the record is rewritten.
            let digest = digests[seq] ?? .zero
            held[ExactText(String(decoding: row.bytes(0), as: UTF8.self))] = HeldRecord(seq: seq, digest: digest)
        }
    }

    /// Stores the records of `block`, in order.
    func store(_ block: StagedBlock) throws {
        // Scoped borrow: each record's bytes are bound in place for the `execute` that writes them.
        try block.bytes.withUnsafeBytes { bytes in
            for record in block.records {
                let content = UnsafeRawBufferPointer(rebasing: bytes[record.content.clamped(to: 0..<bytes.count)])
                let key = ExactText(record.id)
                if let existing = held[key] {
                    if existing.digest == record.digest {
                        unchanged += 1
                        stored.append(record.id)
                        continue
                    }
                    // Checked inside the transaction, so no other ingest can move the id in between.
                    if let sees, !sees(try area(ofSeq: existing.seq)) {
                        refused.append(RefusedRecord(line: record.line,
                                                     bytes: Array(bytes[record.text.clamped(to: 0..<bytes.count)])))
                        continue
                    }
                    try update.execute { bind in
                        bind.integer(1, baseline)
                        bind.bytes(2, content)
                        bind.optionalText(3, record.area)
                        bind.integer(4, ingest)
                        record.digest.withBytes { bind.copying(5, $0) }
                        bind.integer(6, existing.seq)
                    }
                    if idsMayRepeat { held[key] = HeldRecord(seq: existing.seq, digest: record.digest) }
                    updated += 1
                } else {
                    let seq = nextSeq
                    try insert.execute { bind in
                        bind.integer(1, seq)
                        bind.text(2, record.id)
                        bind.optionalText(3, record.area)
                        bind.bytes(4, content)
                        bind.integer(5, ingest)
                        record.digest.withBytes { bind.copying(6, $0) }
                    }
                    if idsMayRepeat { held[key] = HeldRecord(seq: seq, digest: record.digest) }
                    nextSeq += 1
                    inserted += 1
                }
                stored.append(record.id)
            }
        }
    }

    private func area(ofSeq seq: Int64) throws -> String? {
        var area: String?
        try areaOf.forEachRow({ $0.integer(1, seq) }) { area = $0.text(0) }
        return area
    }

    /// Ends the ingest: its counts, and `audit` naming the records stored, in the same transaction.
    func finish(received: Int, rejected: Int, audit: AuditEntry) throws -> IngestOutcome {
        try db.execute(sql: "UPDATE ingest SET received = ?, inserted = ?, updated = ?, unchanged = ?, rejected = ? WHERE id = ?",
                       arguments: [received, inserted, updated, unchanged, rejected + refused.count, ingest])
        let total = try OffenderStore.count(db, seenBy: sees)
        var audit = audit
        audit.offenders = idsMayRepeat ? Distinct.ids(stored) : stored
        try AuditLog.append(audit, in: db)
        return IngestOutcome(ingest: ingest, inserted: inserted, updated: updated, unchanged: unchanged,
                             offenders: total, refused: refused)
    }
}
