import Foundation
import GRDB
import PPOEngine

/// A valid record given to `OffenderStore.ingest` as a list (tests): its id, area and its line
/// exactly as received.
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
    /// token does not see, with their line numbers and exact bytes.
    var refused: [RefusedRecord] = []
}

/// The offender records ppod holds, each with the version `changed()` compares it with.
///
/// Records are kept as the lines they arrived as, in the order they first arrived: an evaluation
/// reads the lines of its scope joined by newlines, exactly the bytes `GET /v1/offenders` exports,
/// so `ppo` run on an export reproduces any answer, digests included.
struct OffenderStore: Sendable {
    let pool: DatabasePool
    /// The latest ingest this store wrote (`latestIngest()`): every committed ingest advances it.
    let clock = IngestClock()

    /// The store of the request being served, for an ingest whose body is written as it arrives
    /// (`Ingestion`): set around every request by `StoreMiddleware`.
    @TaskLocal static var serving: OffenderStore?

    /// Upserts `records` in one transaction (see docs/ppod.md, "Previous versions"), with `audit`,
    /// the entry that records it: both are stored, or neither. Returns once the transaction is on disk.
    /// `sees` is the token's area check (nil: every area): a record whose id is stored for an area it
    /// does not see is refused, never moved (docs/ppod.md, "Areas"), and the audit entry names only
    /// the records stored.
    func ingest(_ records: [IncomingRecord], received: Int, rejected: Int, token: String,
                sees: (@Sendable (String?) -> Bool)? = nil, audit: AuditEntry) async throws -> IngestOutcome {
        var bytes: [UInt8] = []
        var staged: [StagedRecord] = []
        let digester = SHA256Digester()
        for record in records {
            let content = bytes.count..<(bytes.count + record.line.count)
            bytes += record.line
            var text = content
            if !record.bytes.isEmpty {
                text = bytes.count..<(bytes.count + record.bytes.count)
                bytes += record.bytes
            }
            staged.append(StagedRecord(id: record.id, area: record.area, line: record.number, text: text,
                                       content: content, digest: digester.digest(record.line)))
        }
        let block = StagedBlock(bytes: bytes, records: staged)
        let outcome = try await pool.writeWithoutTransaction { db in
            try Self.bulkWrite(db) { db in
                let writer = try OffenderWriter(db, token: token, sees: sees, idsMayRepeat: true)
                try writer.store(block)
                return try writer.finish(received: received, rejected: rejected, audit: audit)
            }
        }
        clock.advance(to: outcome.ingest)
        return outcome
    }

    /// Stores the blocks of a body read whole (see `Ingestion`) in one transaction, as `ingest`.
    func ingest(_ blocks: [StagedBlock], received: Int, rejected: Int, token: String,
                sees: (@Sendable (String?) -> Bool)?, audit: AuditEntry) async throws -> IngestOutcome {
        let outcome = try await pool.writeWithoutTransaction { db in
            try Self.bulkWrite(db) { db in
                let writer = try OffenderWriter(db, token: token, sees: sees)
                for block in blocks { try writer.store(block) }
                return try writer.finish(received: received, rejected: rejected, audit: audit)
            }
        }
        clock.advance(to: outcome.ingest)
        return outcome
    }

    /// `bulkWrite` on the pool's writer, from a thread that may wait (`IngestTransaction`).
    static func write<T>(_ pool: DatabasePool, _ body: (Database) throws -> T) throws -> T {
        try pool.writeWithoutTransaction { db in try bulkWrite(db, body) }
    }

    /// Runs `body` in one IMMEDIATE transaction, with a page cache large enough for the indexes of
    /// a million records (64 MB while it runs, SQLite's 2 MB default after).
    ///
    /// The commit is durable when it returns: the write-ahead log holds the transaction and is
    /// synced (`synchronous = FULL`). Copying the log into the database file (the checkpoint SQLite
    /// would make inside the commit, as long again as writing the log for a large ingest) happens
    /// after, on a connection of its own (`StoreDatabase.checkpointInBackground`), so the answer does
    /// not wait for it and other writes are not held up by it.
    static func bulkWrite<T>(_ db: Database, _ body: (Database) throws -> T) throws -> T {
        try db.execute(sql: "PRAGMA cache_size = -65536")
        try db.execute(sql: "PRAGMA wal_autocheckpoint = 0")
        defer {
            try? db.execute(sql: "PRAGMA cache_size = -2000")
            try? db.execute(sql: "PRAGMA wal_autocheckpoint = 1000")
        }
        var value: T?
        try db.inTransaction(.immediate) {
            value = try body(db)
            return .commit
        }
        guard let value else { throw DatabaseError(resultCode: .SQLITE_INTERNAL, message: "the ingest returned nothing") }
        StoreDatabase.checkpointInBackground(of: db)
        return value
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

    /// One stored offender's record (its JSON line) and area, by the id's exact bytes; nil when it is
    /// not stored.
    func record(id: String) async throws -> (body: [UInt8], area: String?)? {
        try await pool.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT body, area FROM offender WHERE id = \(StoredText.parameter)",
                                             arguments: [StoredText.argument(id)]) else {
                return nil
            }
            let body: Data = row["body"]
            return (Array(body), StoredText.readOptional(row, "area"))
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
    static func area(ofLine line: Data) -> String? {
        guard let object = (try? JSONSerialization.jsonObject(with: line)) as? [String: Any] else { return nil }
        return object["area"] as? String
    }

    static func filter(_ scope: DataScope) -> String {
        switch scope {
        case .all: return ""
        case .area: return "WHERE area = \(StoredText.parameter)"
        }
    }

    static func arguments(_ scope: DataScope) -> StatementArguments {
        switch scope {
        case .all: return []
        case .area(let name): return [StoredText.argument(name)]
        }
    }
}
