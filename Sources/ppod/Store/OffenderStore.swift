import Foundation
import GRDB
import PPOEngine

/// A valid record of an ingest, ready to store: its id, area and its line exactly as received.
struct IncomingRecord: Sendable {
    let id: String
    let area: String?
    let line: [UInt8]
    /// The line number in the body and the line's exact bytes, for a reject the store decides on.
    var number: Int = 0
    var bytes: [UInt8] = []
}

/// One scope's records as evaluations read them.
struct ScopeData: Sendable {
    let scope: DataScope
    /// The latest ingest and run when they were read.
    let generation: DataGeneration
    var lastIngest: Int64 { generation.ingest }
    /// JSON Lines of the current records.
    var current: [UInt8] = []
    /// JSON Lines of the previous snapshot (`changed()`).
    var previous: [UInt8] = []
    /// The ids held, in store order.
    var ids: [String] = []
}

/// The latest ingest and run: a scope's records and previous snapshot change with nothing else.
struct DataGeneration: Sendable, Hashable {
    let ingest: Int64
    let run: Int64
}

/// What one ingest changed in the store.
struct IngestOutcome: Sendable {
    let ingest: Int64
    let inserted: Int
    let updated: Int
    let unchanged: Int
    /// Offenders in the store afterwards, in the areas the ingesting token sees.
    let offenders: Int
    /// The records not stored because the stored offender with that id is held for an area the
    /// token does not see (indices into the records given).
    var refused: [Int] = []
}

/// The offender records ppod holds, each with the version `changed()` compares it with.
///
/// Records are kept as the lines they arrived as, in the order they first arrived: an evaluation
/// reads the lines of its scope joined by newlines, exactly the bytes `GET /v1/offenders` exports,
/// so `ppo` run on an export reproduces any answer, digests included.
struct OffenderStore: Sendable {
    let pool: DatabasePool
    /// The latest ingest this store wrote (`latestIngest()`).
    let clock = IngestClock()

    /// Upserts `records` in one transaction (see docs/ppod.md, "Previous versions"), with `audit`,
    /// the entry that records it: both are stored, or neither. Returns once the transaction is on disk.
    /// `sees` is the token's area check (nil: every area): a record whose id is stored for an area it
    /// does not see is refused, never moved (docs/ppod.md, "Areas"), and the audit entry names only
    /// the records stored.
    func ingest(_ records: [IncomingRecord], received: Int, rejected: Int, token: String,
                sees: (@Sendable (String?) -> Bool)? = nil, audit: AuditEntry) async throws -> IngestOutcome {
        let outcome = try await pool.write { db in
            try db.execute(sql: """
                INSERT INTO ingest (at, token, received, inserted, updated, unchanged, rejected)
                VALUES (?, ?, ?, 0, 0, 0, ?)
                """, arguments: [Date.now.ISO8601Format(), token, received, rejected])
            let ingest = db.lastInsertedRowID
            let baseline = try Self.baseline(db, ingesting: ingest)
            var nextSeq = (try Int64.fetchOne(db, sql: "SELECT MAX(seq) FROM offender") ?? 0) + 1
            // Ids and areas are bound as their exact bytes (`StoredText`): never cut at a NUL.
            let id = StoredText.parameter, area = StoredText.optionalParameter
            let find = try db.cachedStatement(sql: "SELECT body, area, changed_ingest FROM offender WHERE id = \(id)")
            let insert = try db.cachedStatement(sql: """
                INSERT INTO offender (id, seq, area, body, previous, changed_ingest) VALUES (\(id), ?, \(area), ?, NULL, ?)
                """)
            // Already changed since the last run: the version of the last run stays the previous one.
            let replace = try db.cachedStatement(sql: """
                UPDATE offender SET body = ?, area = \(area), changed_ingest = ? WHERE id = \(id)
                """)
            let replaceKeeping = try db.cachedStatement(sql: """
                UPDATE offender SET previous = body, body = ?, area = \(area), changed_ingest = ? WHERE id = \(id)
                """)
            var inserted = 0, updated = 0, unchanged = 0
            var refused: [Int] = []
            for (index, record) in records.enumerated() {
                let line = Data(record.line)
                let id = StoredText.argument(record.id), area = StoredText.arguments(record.area)
                if let row = try Row.fetchOne(find, arguments: [id]) {
                    // Checked inside the transaction, so no other ingest can move the id in between.
                    if let sees, !sees(StoredText.readOptional(row, "area")) { refused.append(index); continue }
                    let body: Data = row["body"]
                    if body == line { unchanged += 1; continue }
                    let changedIngest: Int64 = row["changed_ingest"]
                    let statement = changedIngest > baseline ? replace : replaceKeeping
                    try statement.execute(arguments: StatementArguments([line] as [(any DatabaseValueConvertible)?] + area + [ingest, id]))
                    updated += 1
                } else {
                    try insert.execute(arguments: StatementArguments([id, nextSeq] as [(any DatabaseValueConvertible)?] + area + [line, ingest]))
                    nextSeq += 1
                    inserted += 1
                }
            }
            try db.execute(sql: "UPDATE ingest SET inserted = ?, updated = ?, unchanged = ?, rejected = ? WHERE id = ?",
                           arguments: [inserted, updated, unchanged, rejected + refused.count, ingest])
            let total = try Self.count(db, seenBy: sees)
            var audit = audit
            let refusedIndexes = Set(refused)
            audit.offenders = Distinct.ids(records.indices.filter { !refusedIndexes.contains($0) }.map { records[$0].id })
            try AuditLog.append(audit, in: db)
            return IngestOutcome(ingest: ingest, inserted: inserted, updated: updated, unchanged: unchanged,
                                 offenders: total, refused: refused)
        }
        clock.advance(to: outcome.ingest)
        return outcome
    }

    /// The scope's records as JSON Lines, in store order (what every evaluation reads), and its
    /// previous snapshot: each record's version at the last run when it has changed since (none when
    /// it is new since), else its current version. Read in one transaction, so the two agree.
    func snapshot(_ scope: DataScope) async throws -> ScopeData {
        try await pool.read { db in
            let generation = try Self.generation(db)
            let baseline = try Self.baseline(db, ingesting: nil)
            var data = ScopeData(scope: scope, generation: generation)
            let rows = try Row.fetchCursor(
                db, sql: "SELECT id, body, previous, changed_ingest FROM offender \(Self.filter(scope)) ORDER BY seq",
                arguments: Self.arguments(scope))
            while let row = try rows.next() {
                let body: Data = row["body"]
                data.current.append(contentsOf: body)
                data.current.append(0x0A)
                data.ids.append(StoredText.read(row, "id"))
                let changedIngest: Int64 = row["changed_ingest"]
                let previous: Data? = row["previous"]
                let version = changedIngest > baseline ? previous : body
                guard let version else { continue }
                // A record an every-area admin moved here from another area is new to this area:
                // its version from the other area is that area's data, not this one's.
                if changedIngest > baseline, case .area(let name) = scope {
                    guard let area = Self.area(ofLine: version), ExactText.same(area, name) else { continue }
                }
                data.previous.append(contentsOf: version)
                data.previous.append(0x0A)
            }
            return data
        }
    }

    /// Offenders held, and the latest ingest (which changes whenever the data may have).
    func state() async throws -> (offenders: Int, lastIngest: Int64, generation: DataGeneration) {
        try await pool.read { db in
            let count = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM offender") ?? 0
            let generation = try Self.generation(db)
            return (count, generation.ingest, generation)
        }
    }

    /// Offenders held in the areas `sees` admits (nil: every offender), so that a token limited to
    /// some areas never learns how many the others hold.
    func count(seenBy sees: (@Sendable (String?) -> Bool)?) async throws -> Int {
        try await pool.read { db in try Self.count(db, seenBy: sees) }
    }

    static func count(_ db: Database, seenBy sees: (@Sendable (String?) -> Bool)?) throws -> Int {
        guard let sees else { return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM offender") ?? 0 }
        var total = 0
        let rows = try Row.fetchCursor(db, sql: "SELECT area, COUNT(*) AS n FROM offender GROUP BY area")
        while let row = try rows.next() {
            guard sees(StoredText.readOptional(row, "area")) else { continue }
            let n: Int = row["n"]
            total += n
        }
        return total
    }

    /// The ids held in the areas `sees` admits, for filtering what an area-limited token may read.
    func ids(seenBy sees: @escaping @Sendable (String?) -> Bool) async throws -> Set<ExactText> {
        try await pool.read { db in
            var found: Set<ExactText> = []
            let rows = try Row.fetchCursor(db, sql: "SELECT id, area FROM offender")
            while let row = try rows.next() {
                guard sees(StoredText.readOptional(row, "area")) else { continue }
                found.insert(ExactText(StoredText.read(row, "id")))
            }
            return found
        }
    }

    /// The latest ingest and run, read on its own (two index lookups) for the answer cache's key.
    func generation() async throws -> DataGeneration {
        try await pool.read { db in try Self.generation(db) }
    }

    /// The latest ingest and run: what `snapshot` returns changes only when one of them does.
    static func generation(_ db: Database) throws -> DataGeneration {
        DataGeneration(ingest: try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM ingest") ?? 0,
                       run: try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM run") ?? 0)
    }

    /// The areas named by stored records, each once by its exact bytes, in byte order.
    func areas() async throws -> [String] {
        try await pool.read { db in
            try Data.fetchAll(db, sql: "SELECT DISTINCT area FROM offender WHERE area IS NOT NULL ORDER BY area")
                .map { String(decoding: $0, as: UTF8.self) }
        }
    }

    /// The area of a stored offender: nil when it is not stored, `.some(nil)` when it names none.
    func area(of id: String) async throws -> String?? {
        try await pool.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT area FROM offender WHERE id = \(StoredText.parameter)",
                                             arguments: [StoredText.argument(id)]) else {
                return nil
            }
            return .some(StoredText.readOptional(row, "area"))
        }
    }

    /// The ingest `changed()` compares with: records changed by a later ingest are compared with
    /// their previous version. It is the last ingest the latest run saw, so that alerts report what
    /// changed since the last run. Before the first run, it is the one before the latest ingest that
    /// changed anything (`ingesting`, while that ingest is being written), so a retried feed that
    /// changes nothing does not hide the changes of the one before.
    static func baseline(_ db: Database, ingesting: Int64?) throws -> Int64 {
        if let run = try Int64.fetchOne(db, sql: "SELECT last_ingest FROM run ORDER BY id DESC LIMIT 1") {
            return run
        }
        if let ingesting { return ingesting - 1 }
        let latest = try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM ingest WHERE inserted + updated > 0") ?? 0
        return max(latest - 1, 0)
    }

    /// The `area` a stored line names; nil when it names none or cannot be read.
    private static func area(ofLine line: Data) -> String? {
        guard let object = (try? JSONSerialization.jsonObject(with: line)) as? [String: Any] else { return nil }
        return object["area"] as? String
    }

    private static func filter(_ scope: DataScope) -> String {
        switch scope {
        case .all: return ""
        case .area: return "WHERE area = \(StoredText.parameter)"
        }
    }

    private static func arguments(_ scope: DataScope) -> StatementArguments {
        switch scope {
        case .all: return []
        case .area(let name): return [StoredText.argument(name)]
        }
    }
}
