import Foundation
import GRDB

/// The stored records read in store order, one at a time, as an evaluation reads them.
struct StoreCursor {
    fileprivate let rows: RowCursor

    /// Hands `body` the next record: its `seq`, id, area, the ingest that last changed it, and its
    /// line (borrowed for the call). False at the end.
    mutating func next(_ body: (Int64, String, String?, Int64, UnsafeBufferPointer<UInt8>) throws -> Void) throws -> Bool {
        guard let row = try rows.next() else { return false }
        let seq: Int64 = row[0], changed: Int64 = row[4]
        let id = StoredText.read(row, "id"), area = StoredText.readOptional(row, "area")
        try row.withUnsafeData(atIndex: 3) { data in
            guard let data else { return try body(seq, id, area, changed, UnsafeBufferPointer(start: nil, count: 0)) }
            try data.withUnsafeBytes { raw in
                try body(seq, id, area, changed, raw.bindMemory(to: UInt8.self))
            }
        }
        return true
    }
}

/// The latest ingest as this process last wrote or read it: ppod is the store's only writer, so an
/// answer need not ask SQLite on every request whether the data changed.
final class IngestClock: Sendable {
    private let latest = Locked<Int64?>(nil)

    func get() -> Int64? { latest.get() }

    /// Moves the clock to `ingest` (never back).
    func advance(to ingest: Int64) {
        latest.update { latest in latest = max(latest ?? 0, ingest) }
    }
}

extension OffenderStore {
    /// The latest ingest: from the clock once known, else read (and remembered).
    func latestIngest() async throws -> Int64 {
        if let known = clock.get() { return known }
        let read = try await pool.read { db in try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM ingest") ?? 0 }
        clock.advance(to: read)
        return read
    }

    /// Reads every record in store order inside one read transaction: `body` gets the latest ingest
    /// then and the cursor. Memory is what `body` keeps, not the store.
    func scan<T: Sendable>(_ body: @escaping @Sendable (Int64, inout StoreCursor) throws -> T) async throws -> T {
        try await pool.read { db in
            let ingest = try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM ingest") ?? 0
            var cursor = StoreCursor(rows: try Row.fetchCursor(
                db, sql: "SELECT seq, id, area, body, changed_ingest FROM offender ORDER BY seq"))
            return try body(ingest, &cursor)
        }
    }

    /// The latest ingest, and how many records it and the ingests after `since` changed or added:
    /// what decides between scoring the changes and scoring everyone again.
    func changes(since ingest: Int64) async throws -> (ingest: Int64, changed: Int) {
        try await pool.read { db in
            let latest = try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM ingest") ?? 0
            let changed = try Int.fetchOne(db, sql: """
                SELECT COALESCE(SUM(inserted + updated), 0) FROM ingest WHERE id > ?
                """, arguments: [ingest]) ?? 0
            return (latest, changed)
        }
    }
}

/// Who the store holds, read in one transaction: what a run records of its data besides the
/// evaluations.
struct StoreCensus: Sendable {
    let generation: DataGeneration
    /// Every id, in store order.
    let ids: [String]
    /// The areas named by records, each once by its exact bytes, in byte order (as `areas()`).
    let areas: [String]
    /// The offenders of each of `areas`, in the same order.
    let areaCounts: [Int]
}

extension OffenderStore {
    /// The ids, areas and counts held, without reading a record's body.
    func census() async throws -> StoreCensus {
        try await pool.read { db in
            let generation = try Self.generation(db)
            var ids: [String] = []
            let rows = try Row.fetchCursor(db, sql: "SELECT id FROM offender ORDER BY seq")
            while let row = try rows.next() { ids.append(StoredText.read(row, "id")) }
            var areas: [String] = [], counts: [Int] = []
            let grouped = try Row.fetchCursor(db, sql: """
                SELECT area, COUNT(*) AS n FROM offender WHERE area IS NOT NULL GROUP BY area ORDER BY area
                """)
            while let row = try grouped.next() {
                let area: Data = row["area"], n: Int = row["n"]
                areas.append(String(decoding: area, as: UTF8.self))
                counts.append(n)
            }
            return StoreCensus(generation: generation, ids: ids, areas: areas, areaCounts: counts)
        }
    }
}
