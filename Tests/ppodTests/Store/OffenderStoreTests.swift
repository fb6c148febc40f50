import Foundation
import Testing
@testable import ppod

/// What `changed()` compares with, through ingests and runs (docs/ppod.md, "Previous versions").
@Suite struct OffenderStoreTests {
    /// A store in a fresh temporary file.
    final class Scratch {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ppod-store-\(UUID().uuidString)")
        let store: OffenderStore
        let runs: RunArchive

        init() throws {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let pool = try StoreDatabase.open(path: directory.appendingPathComponent("store.sqlite").path)
            store = OffenderStore(pool: pool)
            runs = RunArchive(pool: pool)
        }

        deinit { try? FileManager.default.removeItem(at: directory) }

        /// Ingests records given as `id=version`, e.g. `["A=1", "B=1"]`.
        @discardableResult
        func ingest(_ records: [String]) async throws -> IngestOutcome {
            let incoming = records.map { text -> IncomingRecord in
                let parts = text.split(separator: "=").map(String.init)
                let area = parts[0].hasPrefix("S") ? "Southvale" : "Northtown"
                return IncomingRecord(id: parts[0], area: area,
                                      line: Array("{\"id\":\"\(parts[0])\",\"area\":\"\(area)\",\"v\":\(parts[1])}".utf8))
            }
            return try await store.ingest(incoming, received: incoming.count, rejected: 0, token: "test",
                                          audit: AuditLogTests.entry("test", incoming.map(\.id)))
        }

        func run() async throws {
            let state = try await store.state()
            _ = try await runs.save(RunRecord(asOf: "2026-11-23", trigger: "on_demand", requestedBy: "test", createdAt: "-",
                                              rulesDigest: "-", dataDigest: "-", previousDigest: "-",
                                              lastIngest: state.lastIngest, offenders: state.offenders, areas: [], rejected: []),
                                    outputs: []) { _ in AuditLogTests.entry("test", []) }
        }

        /// The store's lines as `id=version`.
        func lines(_ scope: DataScope = .all) async throws -> (current: [String], previous: [String]) {
            let data = try await store.snapshot(scope)
            return (Self.versions(data.current), Self.versions(data.previous))
        }

        static func versions(_ bytes: [UInt8]) -> [String] {
            String(decoding: bytes, as: UTF8.self).split(separator: "\n").compactMap { line in
                guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                      let id = object["id"] as? String, let version = object["v"] as? Int else { return nil }
                return "\(id)=\(version)"
            }
        }
    }

    @Test func theFirstIngestHasNoPreviousVersions() async throws {
        let scratch = try Scratch()
        let outcome = try await scratch.ingest(["A=1", "B=1"])
        #expect((outcome.inserted, outcome.updated, outcome.unchanged, outcome.offenders) == (2, 0, 0, 2))
        let lines = try await scratch.lines()
        #expect(lines.current == ["A=1", "B=1"])
        #expect(lines.previous == [])
    }

    @Test func beforeAnyRunAChangeComparesWithTheIngestBefore() async throws {
        let scratch = try Scratch()
        try await scratch.ingest(["A=1", "B=1"])
        let outcome = try await scratch.ingest(["B=1", "A=2", "C=1"])
        #expect((outcome.inserted, outcome.updated, outcome.unchanged) == (1, 1, 1))
        let lines = try await scratch.lines()
        // Store order is first arrival; C is new, so it has no previous version.
        #expect(lines.current == ["A=2", "B=1", "C=1"])
        #expect(lines.previous == ["A=1", "B=1"])
    }

    @Test func aRetriedFeedDoesNotHideTheChangeBeforeIt() async throws {
        let scratch = try Scratch()
        try await scratch.ingest(["A=1"])
        try await scratch.ingest(["A=2"])
        let retry = try await scratch.ingest(["A=2"])
        #expect(retry.unchanged == 1)
        #expect(try await scratch.lines().previous == ["A=1"])
    }

    @Test func afterARunChangesAreCountedFromTheRun() async throws {
        let scratch = try Scratch()
        try await scratch.ingest(["A=1", "B=1"])
        try await scratch.ingest(["A=2"])
        try await scratch.run()
        // Right after the run nothing has changed since it.
        #expect(try await scratch.lines().previous == ["A=2", "B=1"])
        // Two changes of A since the run: compared with A as the run saw it.
        try await scratch.ingest(["A=3"])
        try await scratch.ingest(["A=4", "B=2", "N=1"])
        let lines = try await scratch.lines()
        #expect(lines.current == ["A=4", "B=2", "N=1"])
        #expect(lines.previous == ["A=2", "B=1"])
    }

    @Test func aScopeHoldsItsAreaOnly() async throws {
        let scratch = try Scratch()
        try await scratch.ingest(["A=1", "S1=1", "B=1"])
        #expect(try await scratch.lines(.area("Southvale")).current == ["S1=1"])
        #expect(try await scratch.lines(.area("Northtown")).current == ["A=1", "B=1"])
        #expect(try await scratch.store.areas() == ["Northtown", "Southvale"])
    }
}
