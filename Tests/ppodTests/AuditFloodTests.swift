import Foundation
import GRDB
import Testing

/// What a request without a token can make the daemon write is bounded; the chain is verified from
/// a checkpoint and anchored, so a removed tail shows.
@Suite
struct AuditFloodTests {
    static func metric(_ text: String, _ series: String) -> Double? {
        text.split(separator: "\n").first { $0.hasPrefix(series + " ") }.flatMap { $0.split(separator: " ").last }
            .flatMap { Double($0) }
    }

    @Test func refusalsAreCountedByClientAndLoggedAtMostNPerMinute() async throws {
        let daemon = try await DaemonProcess.start(["--audit-refusals-per-minute", "5"])
        defer { daemon.stop() }
        let longQuery = String(repeating: "a", count: 6000)
        let started = Date()
        for index in 0..<60 {
            let response = try await daemon.request("GET", "/v1/offenders?flood=\(index)&junk=\(longQuery)",
                                                    token: index % 2 == 0 ? nil : IssuedTokens.randomHex(32))
            #expect(response.status == 401)
        }
        let audit = try await daemon.get("/v1/audit?limit=100000")
        let entries = try audit.object()["entries"] as? [[String: Any]] ?? []
        let refusals = entries.filter { $0["status"] as? Int == 401 }
        // Five a minute: one minute's worth, unless a busy suite stretched the 60 requests over more.
        let minutes = Int(Date().timeIntervalSince(started) / 60) + 1
        #expect(refusals.count >= 5 && refusals.count <= 5 * minutes, "\(refusals.count) refusals logged in \(minutes) minute(s)")
        #expect(refusals.allSatisfy { ($0["path"] as? String)?.utf8.count ?? .max <= 560 && $0["client"] as? String == "127.0.0.1" },
                "\(refusals.first ?? [:])")
        #expect(try audit.object()["chain_intact"] as? Bool == true)

        let metrics = try await daemon.get("/metrics").text
        #expect(Self.metric(metrics, #"ppod_refusals_total{client="127.0.0.1"}"#) == 60, "\(metrics)")
        #expect(Self.metric(metrics, #"ppod_refusals_unaudited_total{client="127.0.0.1"}"#) == Double(60 - refusals.count),
                "\(metrics)")
    }

    /// A ranking's audit entry keeps a reference to its id list, kept once however often it is read.
    @Test func rankingsReadAgainAddNoIdList() async throws {
        let daemon = try await DaemonProcess.start()
        defer { daemon.stop() }
        let generated = try daemon.ppo("generate", "--offenders", "3000", "--seed", "11", "--output", "generated.jsonl")
        try #require(generated.status == 0, "\(generated)")
        try await daemon.requireIngest("generated.jsonl")
        let path = Paths.ranking("as_of=2026-11-22")
        let first = try await daemon.get(path)
        try #require(first.status == 200)
        let ids = JSONLines.rankingIDs(try first.object())
        let size = { () async throws -> Int in
            try await DatabaseQueue(path: daemon.directory.appendingPathComponent("ppod.sqlite").path).read { db in
                try Int.fetchOne(db, sql: """
                    SELECT (SELECT SUM(length(offenders) + length(path)) FROM audit)
                         + (SELECT SUM(length(ids)) FROM audit_disclosure)
                    """) ?? 0
            }
        }
        let before = try await size()
        for _ in 0..<20 { _ = try await daemon.get(path) }
        let after = try await size()
        #expect(after - before < 20 * 200, "20 rankings of \(ids.count) ids wrote \(after - before) bytes of audit")
        let who = try await daemon.get("/v1/audit?offender=\(Paths.encoded(ids.last ?? ""))&limit=100000")
        let naming = try who.object()["entries"] as? [[String: Any]] ?? []
        #expect(naming.filter { $0["action"] as? String == "ranking" }.count == 21, "\(naming.count) entries name \(ids.last ?? "")")
        #expect(naming.contains { $0["action"] as? String == "ingest" })
    }

    /// The newest entries removed with sqlite while ppod is down: verification says so.
    @Test func aTailDeletedWithSQLiteIsReported() async throws {
        let daemon = try await DaemonProcess.start(["--ingest", "samples/offenders.jsonl"])
        defer { daemon.stop() }
        for day in 10...15 { _ = try await daemon.get(Paths.ranking("as_of=2026-11-\(day)")) }
        let before = try await daemon.get("/v1/audit")
        #expect(try before.object()["chain_intact"] as? Bool == true, "\(before)")
        daemon.stop()
        let queue = try DatabaseQueue(path: daemon.directory.appendingPathComponent("ppod.sqlite").path)
        try await queue.write { db in
            try db.execute(sql: "DROP TRIGGER audit_no_delete")
            try db.execute(sql: "DELETE FROM audit WHERE seq > (SELECT MAX(seq) - 3 FROM audit)")
        }
        try await daemon.restart()
        let after = try await daemon.get("/v1/audit")
        #expect(try after.object()["chain_intact"] as? Bool == false, "\(after)")
    }
}
