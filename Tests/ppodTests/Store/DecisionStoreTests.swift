import Foundation
import GRDB
import Testing
@testable import ppod

/// Decisions are append-only in the store itself, not only for want of a route.
@Suite struct DecisionStoreTests {
    @Test func theStoreRefusesToAlterOrDeleteADecision() async throws {
        let scratch = try StoredTextTests.Scratch()
        let pool = try StoreDatabase.open(path: scratch.path)
        try await pool.write { db in
            try db.execute(sql: "INSERT INTO decision (id, offender, scheme, line) VALUES (X'44', X'41', X'53', X'7B7D')")
        }
        await #expect(throws: DatabaseError.self) {
            try await pool.write { db in try db.execute(sql: "UPDATE decision SET line = X'00'") }
        }
        await #expect(throws: DatabaseError.self) {
            try await pool.write { db in try db.execute(sql: "DELETE FROM decision") }
        }
        let count = try await pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM decision") }
        #expect(count == 1)
    }
}
