import Foundation
import GRDB
import PPOEngine

/// One scope's records and previous snapshot as a streamed evaluation reads them: pulled from the
/// store in store order, a piece at a time, inside one read transaction, never held whole. The
/// bytes are exactly those `OffenderStore.snapshot` joins, so an evaluation gives the same answer.
struct ScopePieces {
    let scope: DataScope
    /// The latest ingest and run when they were read.
    let generation: DataGeneration
    /// The scope's records (each reading runs a query of its own in the same transaction).
    let current: RecordPieces
    /// The previous snapshot (`changed()`), with its records read back by id.
    let previous: RecordPieces
}

extension OffenderStore {
    /// Pieces are about this many bytes.
    static let pieceSize = 1 << 20

    /// Runs `body` with the pieces of each of `scopes`, all read in one read transaction, so that
    /// they agree with each other and with the generation they carry. Memory is what `body` keeps.
    func withPieces<T: Sendable>(_ scopes: [DataScope],
                                 _ body: @escaping @Sendable ([ScopePieces]) throws -> T) async throws -> T {
        try await pool.read { db in
            let generation = try Self.generation(db)
            let baseline = try Self.baseline(db, ingesting: nil)
            let pieces = scopes.map { scope in
                ScopePieces(scope: scope, generation: generation, current: Self.current(db, scope),
                            previous: Self.previous(db, scope, baseline: baseline))
            }
            return try body(pieces)
        }
    }

    /// `withPieces` for one scope.
    func withPieces<T: Sendable>(_ scope: DataScope, _ body: @escaping @Sendable (ScopePieces) throws -> T) async throws -> T {
        try await withPieces([scope]) { pieces in
            guard let only = pieces.first else { throw DatabaseError(resultCode: .SQLITE_INTERNAL, message: "no scope read") }
            return try body(only)
        }
    }

    /// The scope's current records, as `snapshot` joins them.
    private static func current(_ db: Database, _ scope: DataScope) -> RecordPieces {
        RecordPieces(path: Reports.dataLabel) {
            let rows = try Row.fetchCursor(db, sql: "SELECT body FROM offender \(filter(scope)) ORDER BY seq",
                                           arguments: arguments(scope))
            return {
                try piece { out in
                    guard let row = try rows.next() else { return false }
                    try row.withUnsafeData(atIndex: 0) { data in
                        if let data { out.append(contentsOf: data) }
                    }
                    out.append(0x0A)
                    return true
                }
            }
        }
    }

    /// The scope's previous snapshot, as `snapshot` joins it: each record's version at the baseline.
    /// The versions of the records changed since the baseline are kept as they are read (they are
    /// what a run has not seen yet), so that an evaluation can read them back by id; every other
    /// record's previous version is its current one.
    private static func previous(_ db: Database, _ scope: DataScope, baseline: Int64) -> RecordPieces {
        let changed = Locked<[ExactText: [UInt8]]>([:])
        let open = {
            let rows = try Row.fetchCursor(
                db, sql: "SELECT id, body, previous, changed_ingest FROM offender \(filter(scope)) ORDER BY seq",
                arguments: arguments(scope))
            return {
                try piece { out in
                    guard let row = try rows.next() else { return false }
                    let changedIngest: Int64 = row["changed_ingest"]
                    guard changedIngest > baseline else {
                        try row.withUnsafeData(atIndex: 1) { data in
                            if let data { out.append(contentsOf: data) }
                        }
                        out.append(0x0A)
                        return true
                    }
                    // New since the baseline: no previous version.
                    guard let version: Data = row["previous"] else { return true }
                    // A record an every-area admin moved here from another area is new to this area.
                    if case .area(let name) = scope {
                        guard let area = area(ofLine: version), ExactText.same(area, name) else { return true }
                    }
                    let line = [UInt8](version)
                    changed.update { $0[ExactText(StoredText.read(row, "id"))] = line }
                    out.append(contentsOf: line)
                    out.append(0x0A)
                    return true
                }
            }
        }
        return RecordPieces(previousPath: Reports.dataLabel + " (previous)", open: open) { id in
            changed.get()[ExactText(id)]
        }
    }

    /// The next piece: lines added by `add` (false when the rows are done) until it holds about
    /// `pieceSize` bytes; nil at the end.
    private static func piece(_ add: (inout [UInt8]) throws -> Bool) throws -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(pieceSize + (64 << 10))
        while out.count < pieceSize {
            if try !add(&out) { break }
        }
        return out.isEmpty ? nil : out
    }
}
