import Foundation
import GRDB
import Testing
@testable import ppod

/// The store keeps ids and areas as their exact bytes (`StoredText`): a NUL is kept, the empty
/// string stays a value, ids that differ only in Unicode normalisation are two rows, and stores
/// made before are converted.
@Suite struct StoredTextTests {
    final class Scratch {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ppod-exact-\(UUID().uuidString)")
        var path: String { directory.appendingPathComponent("store.sqlite").path }

        init() throws { try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true) }
        deinit { try? FileManager.default.removeItem(at: directory) }
    }

    static func record(_ id: String, area: String?) -> IncomingRecord {
        IncomingRecord(id: id, area: area, line: Array("{\"v\":\(id.utf8.count)}".utf8))
    }

    static func bytes(_ texts: [String]) -> [[UInt8]] { texts.map { Array($0.utf8) } }

    @Test func idsAndAreasAreKeptAsTheirBytes() async throws {
        let scratch = try Scratch()
        let pool = try StoreDatabase.open(path: scratch.path)
        let store = OffenderStore(pool: pool)
        let ids = ["Q-1\u{0}", "Q-1", "\u{E9}", "e\u{301}", "\u{0}"]
        let areas: [String?] = ["Caf\u{E9}", "Cafe\u{301}", "", nil, "A\u{0}B"]
        let records = zip(ids, areas).map { Self.record($0, area: $1) }
        let outcome = try await store.ingest(records, received: 5, rejected: 0, token: "test", audit: AuditLogTests.entry("test", []))
        #expect((outcome.inserted, outcome.offenders) == (5, 5))
        // Sent again, every record is found by its whole id.
        let again = try await store.ingest(records, received: 5, rejected: 0, token: "test", audit: AuditLogTests.entry("test", []))
        #expect((again.inserted, again.unchanged) == (0, 5))

        #expect(Self.bytes(try await store.snapshot(.all).ids) == Self.bytes(ids))
        // Areas in byte order, each once; the empty area is an area, and no area is none.
        #expect(Self.bytes(try await store.areas()) == Self.bytes(["", "A\u{0}B", "Cafe\u{301}", "Caf\u{E9}"]))
        for (id, area) in zip(ids, areas) {
            let stored = try #require(try await store.area(of: id), "no \(Array(id.utf8))")
            #expect(stored.map { Array($0.utf8) } == area.map { Array($0.utf8) })
            if let area {
                #expect(Self.bytes(try await store.snapshot(.area(area)).ids) == Self.bytes([id]))
            }
        }
        #expect(try await store.snapshot(.area("A")).ids.isEmpty)
        #expect(try await store.snapshot(.area("Caf")).ids.isEmpty)
        #expect(try await store.area(of: "Q") == nil)
    }

    @Test func runOutputsAreFoundByTheirExactAreaAndName() async throws {
        let scratch = try Scratch()
        let runs = RunArchive(pool: try StoreDatabase.open(path: scratch.path))
        let outputs = ["Caf\u{E9}", "Cafe\u{301}", "A", "A\u{0}B", ""].map { area in
            RunOutput(kind: "ranking", name: "M", scope: .area(area), json: Array(area.utf8), csv: [], offenders: [area])
        }
        let run = try await runs.save(RunRecord(asOf: "2026-11-23", trigger: "on_demand", requestedBy: "test", createdAt: "-",
                                                rulesDigest: "-", dataDigest: "-", previousDigest: "-", lastIngest: 0,
                                                offenders: 0, areas: [], rejected: []), outputs: outputs) { _ in AuditLogTests.entry("test", []) }
        for output in outputs {
            let found = try #require(try await runs.output(run: run.id, kind: "ranking", name: "M", scope: output.scope))
            #expect(found.json == Array(output.scope.description.utf8))
        }
        #expect(try await runs.output(run: run.id, kind: "ranking", name: "M\u{0}", scope: .area("A")) == nil)
        #expect(Self.bytes(try await runs.outputs(of: run.id).map(\.scope.description)) == Self.bytes(outputs.map(\.scope.description)))
    }

    /// A store made before ids were kept as bytes (TEXT columns) is converted when ppod opens it.
    @Test func aStoreOfTheFirstSchemaIsConverted() async throws {
        let scratch = try Scratch()
        do {
            let old = try DatabasePool(path: scratch.path)
            try StoreDatabase.migrator.migrate(old, upTo: "v1")
            try await old.write { db in
                try db.execute(sql: "INSERT INTO ingest (at, token, received, inserted, updated, unchanged, rejected) VALUES ('-', 't', 1, 1, 0, 0, 0)")
                try db.execute(sql: """
                    INSERT INTO offender (id, seq, area, body, previous, changed_ingest)
                    VALUES ('NT-1', 1, 'Northtown', CAST('{"v":4}' AS BLOB), NULL, 1), ('NA-1', 2, NULL, CAST('{"v":4}' AS BLOB), NULL, 1)
                    """)
                try db.execute(sql: """
                    INSERT INTO run (as_of, trigger, requested_by, created_at, rules_digest, data_digest, previous_digest,
                                     last_ingest, offenders, areas, rejected)
                    VALUES ('2026-11-23', 'daily', 'test', '-', '-', '-', '-', 1, 2, '["Northtown"]', '[]')
                    """)
                try db.execute(sql: """
                    INSERT INTO run_output (run_id, kind, name, area, json, csv, offenders)
                    VALUES (1, 'ranking', 'M', 'Northtown', CAST('{}' AS BLOB), CAST('' AS BLOB), '["NT-1"]')
                    """)
            }
        }
        let pool = try StoreDatabase.open(path: scratch.path)
        let store = OffenderStore(pool: pool)
        #expect(try await store.snapshot(.all).ids == ["NT-1", "NA-1"])
        #expect(try await store.snapshot(.area("Northtown")).ids == ["NT-1"])
        #expect(try await store.area(of: "NT-1") == .some("Northtown"))
        #expect(try await store.area(of: "NA-1") == .some(nil))
        #expect(try await store.areas() == ["Northtown"])
        let again = try await store.ingest([IncomingRecord(id: "NT-1", area: "Northtown", line: Array("{\"v\":4}".utf8))],
                                           received: 1, rejected: 0, token: "test", audit: AuditLogTests.entry("test", []))
        #expect((again.inserted, again.unchanged, again.offenders) == (0, 1, 2))
        let output = try await RunArchive(pool: pool).output(run: 1, kind: "ranking", name: "M", scope: .area("Northtown"))
        #expect(output?.offenders == ["NT-1"])
    }
}
