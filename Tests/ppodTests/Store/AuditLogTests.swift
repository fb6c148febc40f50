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
        #expect(all.map(\.token) == ["a", "b", "c"])
        #expect(all.map(\.seq) == [1, 2, 3])
        #expect(try await log.verify().intact)
        #expect(try await log.entries(since: 0, offender: "NT-0001", limit: 10).map(\.token) == ["a", "c"])
        #expect(try await log.entries(since: 1, offender: nil, limit: 1).map(\.token) == ["b"])
        // Without `since`: the latest entries, oldest first.
        #expect(try await log.entries(since: nil, offender: nil, limit: 2).map(\.token) == ["b", "c"])
        #expect(try await log.entries(since: nil, offender: "NT-0001", limit: 1).map(\.token) == ["c"])
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
        #expect(try await log.entries(since: 0, offender: nil, limit: 10).map(\.token) == ["a"])
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
        #expect(try await log.verify().intact == false)
    }

    /// A disclosure of many ids keeps its list once, apart from the entry, and "who saw X" still
    /// finds every entry that disclosed X.
    @Test func aLargeDisclosureIsKeptOnceAndStillAnswersWhoSawAnOffender() async throws {
        let (log, pool, directory) = try Self.openLog()
        defer { try? FileManager.default.removeItem(at: directory) }
        let ids = (1...20_000).map { "NT-\($0)" }
        try await log.append(Self.entry("a", ids))
        try await log.append(Self.entry("b", ids))
        try await log.append(Self.entry("c", ["NT-1"]))
        try await log.append(Self.entry("d", Array(ids.dropFirst())))
        let sizes = try await pool.read { db in
            try Int.fetchAll(db, sql: "SELECT length(offenders) + length(path) + length(hash) FROM audit ORDER BY seq")
        }
        #expect(sizes.allSatisfy { $0 < 300 }, "entries hold their ids: \(sizes)")
        let lists = try await pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM audit_disclosure") }
        #expect(lists == 2, "the same list is kept once")
        #expect(try await log.entries(since: 0, offender: "NT-1", limit: 10).map(\.token) == ["a", "b", "c"])
        #expect(try await log.entries(since: 0, offender: "NT-20000", limit: 10).map(\.token) == ["a", "b", "d"])
        let all = try await log.entries(since: 0, offender: nil, limit: 10)
        #expect(all.first?.offenders == ids)
        #expect(all.first?.disclosure != nil && all[2].disclosure == nil)
        #expect(try await log.verify().intact)
    }

    @Test func aDisclosedListEditedBehindPpodsBackBreaksTheChain() async throws {
        let (log, pool, directory) = try Self.openLog()
        defer { try? FileManager.default.removeItem(at: directory) }
        try await log.append(Self.entry("a", (1...100).map { "NT-\($0)" }))
        try await pool.write { db in
            try db.execute(sql: "DROP TRIGGER audit_disclosure_no_update")
            try db.execute(sql: #"UPDATE audit_disclosure SET ids = '["NT-1"]'"#)
        }
        #expect(try await log.verify().intact == false)
    }

    /// Verification hashes only the entries after the checkpoint it leaves behind.
    @Test func verificationIsIncremental() async throws {
        let (log, _, directory) = try Self.openLog()
        defer { try? FileManager.default.removeItem(at: directory) }
        for index in 0..<500 { try await log.append(Self.entry("t\(index)", ["NT-\(index)"])) }
        let first = try await log.verify()
        #expect(first.intact && first.checked == 500 && first.seq == 500)
        for index in 0..<3 { try await log.append(Self.entry("u\(index)", [])) }
        let second = try await log.verify()
        #expect(second.intact && second.checked == 3 && second.seq == 503)
        #expect(try await log.verify().checked == 0)
        let full = try await log.verify(full: true)
        #expect(full.intact && full.checked == 503)
    }

    /// Removing the newest entries leaves an intact chain behind; the anchor (the head written with
    /// each entry) shows they are gone, before and after a checkpoint.
    @Test(arguments: [false, true])
    func aDeletedTailIsDetected(checkpointFirst: Bool) async throws {
        let (log, pool, directory) = try Self.openLog()
        defer { try? FileManager.default.removeItem(at: directory) }
        for index in 0..<10 { try await log.append(Self.entry("t\(index)", ["NT-\(index)"])) }
        if checkpointFirst { #expect(try await log.verify().seq == 10) }
        try await pool.write { db in
            try db.execute(sql: "DROP TRIGGER audit_no_delete")
            try db.execute(sql: "DELETE FROM audit WHERE seq > 7")
        }
        #expect(try await log.verify().intact == false)
        #expect(try await log.verify(full: true).intact == false)
        // Entries appended afterwards do not hide the gap.
        try await log.append(Self.entry("later", []))
        #expect(try await log.verify().intact == false)
    }

    @Test func pathsAreEscapedAndBounded() {
        #expect(AuditEntry.loggedPath("/v1/audit?limit=7") == "/v1/audit?limit=7")
        #expect(AuditEntry.loggedPath("/a b\u{1}é") == "/a%20b%01%C3%A9")
        let long = AuditEntry.loggedPath("/" + String(repeating: "x", count: 100_000))
        #expect(long.utf8.count < AuditEntry.pathLimit + 30 && long.hasSuffix("...(+99489 bytes)"), "\(long.suffix(40))")
        let escapedLong = AuditEntry.loggedPath(String(repeating: "\u{7F}", count: 1000))
        #expect(escapedLong.utf8.count < AuditEntry.pathLimit + 30, "\(escapedLong.suffix(40))")
    }

    @Test func refusalsAreLimitedPerClientAndMinute() {
        let limiter = RefusalLimiter(perMinute: 3)
        let start = ContinuousClock.now
        #expect((0..<10).map { _ in limiter.admit("10.0.0.1", now: start) } == [true, true, true] + Array(repeating: false, count: 7))
        #expect(limiter.admit("10.0.0.2", now: start))
        #expect(limiter.admit("10.0.0.1", now: start + .seconds(61)))
    }
}
