import Foundation
import GRDB
import Testing
@testable import ppod

/// The store waits for another connection's lock instead of failing at once with "database is locked".
@Suite struct StoreDatabaseTests {
    @Test func aWriteWaitsForAnotherWriterInsteadOfFailing() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ppod-busy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("store.sqlite").path
        let pool = try StoreDatabase.open(path: path)
        guard case .timeout(let seconds) = pool.configuration.busyMode else {
            Issue.record("the store fails at once on a locked database")
            return
        }
        #expect(seconds == StoreDatabase.busyTimeout)

        // Another process's write transaction, held for a moment.
        let other = try DatabaseQueue(path: path)
        let holding = Task.detached {
            try other.inDatabase { db in
                try db.execute(sql: "BEGIN IMMEDIATE")
                Thread.sleep(forTimeInterval: 0.5)
                try db.execute(sql: "COMMIT")
            }
        }
        try await Task.sleep(for: .milliseconds(100))
        try await pool.write { db in
            try db.execute(sql: "INSERT INTO ingest (at, token, received, inserted, updated, unchanged, rejected) VALUES ('now', 't', 0, 0, 0, 0, 0)")
        }
        try await holding.value
        #expect(try await pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM ingest") } == 1)
    }
}
