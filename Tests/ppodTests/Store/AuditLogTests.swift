import Foundation
import GRDB
import Testing
@testable import ppod

@Suite struct AuditLogTests {
    static func entry(_ token: String, _ offenders: [String]) -> AuditEntry {
        AuditEntry(at: "2026-11-23T07:00:00Z", token: token, role: "analyst", method: "GET",
                   path: "/v1/matrices/M/ranking", status: 200, action: "ranking", offenders: offenders)
    }

    static func openLog() throws -> (AuditLog, DatabasePool, URL) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ppod-audit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let pool = try StoreDatabase.open(path: directory.appendingPathComponent("store.sqlite").path)
        return (AuditLog(pool: pool), pool, directory)
    }

    @Test func entriesComeBackInOrderAndFilterByOffender() async throws {
        let (log, _, directory) = try Self.openLog()
        defer { try? FileManager.default.removeItem(at: directory) }
        try await log.append(Self.entry("a", ["NT-0001", "NT-0002"]))
        try await log.append(Self.entry("b", ["NT-0003"]))
        try await log.append(Self.entry("c", ["NT-0001"]))
        let all = try await log.entries(since: 0, offender: nil, limit: 10)
        #expect(all.entries.map(\.token) == ["a", "b", "c"])
        #expect(all.entries.map(\.seq) == [1, 2, 3])
        #expect(all.intact)
        #expect(try await log.entries(since: 0, offender: "NT-0001", limit: 10).entries.map(\.token) == ["a", "c"])
        #expect(try await log.entries(since: 1, offender: nil, limit: 1).entries.map(\.token) == ["b"])
        // Without `since`: the latest entries, oldest first.
        #expect(try await log.entries(since: nil, offender: nil, limit: 2).entries.map(\.token) == ["b", "c"])
    }

    @Test func theTableRefusesUpdatesAndDeletes() async throws {
        let (log, pool, directory) = try Self.openLog()
        defer { try? FileManager.default.removeItem(at: directory) }
        try await log.append(Self.entry("a", ["NT-0001"]))
        for sql in ["UPDATE audit SET token = 'someone else'", "DELETE FROM audit"] {
            await #expect(throws: DatabaseError.self) {
                try await pool.write { db in try db.execute(sql: sql) }
            }
        }
        #expect(try await log.entries(since: 0, offender: nil, limit: 10).entries.map(\.token) == ["a"])
    }

    @Test func anEntryEditedBehindPpodsBackBreaksTheChain() async throws {
        let (log, pool, directory) = try Self.openLog()
        defer { try? FileManager.default.removeItem(at: directory) }
        try await log.append(Self.entry("a", ["NT-0001"]))
        try await log.append(Self.entry("b", ["NT-0002"]))
        try await pool.write { db in
            try db.execute(sql: "DROP TRIGGER audit_no_update")
            try db.execute(sql: "UPDATE audit SET offenders = '[]' WHERE seq = 1")
        }
        #expect(try await log.entries(since: 0, offender: nil, limit: 10).intact == false)
    }
}
