import Foundation
import GRDB
import PPOEngine
import Testing
@testable import ppod

/// The ingest read on several threads and written while the body arrives (issue 15) stores what the
/// one-record-at-a-time ingest stored: the same rejects, the same rows, the same previous versions,
/// and nothing at all when it fails.
@Suite struct IngestPipelineTests {
    static let rules = Engine.load(paths: ["matrices", "rules"].map { Binaries.packageRoot.appendingPathComponent($0).path })

    static func sample(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: Binaries.packageRoot.appendingPathComponent("samples/\(name)")))
    }

    /// Limits that start the transaction after the first few records and hand it one small block at a
    /// time: the path a body of gigabytes takes.
    static let streaming = IngestLimits(startAfter: 2_000, queueLimit: 4_000, blockSize: 1_500, threads: 3)

    static let admin = Caller(name: "test-admin", role: .admin, areas: nil)

    // MARK: Reading

    @Test(arguments: [(64, 1), (64, 3), (4096, 2), (1 << 20, 2)])
    func blocksReadAsTheStreamDoes(blockSize: Int, threads: Int) throws {
        var bytes = try Self.sample("rejects.jsonl")
        bytes += SyntheticPopulation(seed: 7).records(0..<200)
        bytes += Array("\r\n  \n{\"id\": \"NT-0001\", \"name\": \"Late Duplicate\"}\nlast line without a line feed".utf8)
        var stream = RecordStream(categories: Self.rules.categories, path: "body.jsonl", digest: false)
        var expected: [String] = []
        func note(_ outcome: RecordOutcome, _ line: RecordLine) {
            switch outcome {
            case .offender(let offender): expected.append("\(offender.line) \(offender.id) \(Array(line.content).count)")
            case .rejected(let record): expected.append("\(record.rendered) \(record.bytes)")
            }
        }
        stream.feed(bytes[...], note)
        _ = stream.finish(note)

        let blocks = BodyBlocks(categories: Self.rules.categories, path: "body.jsonl", blockSize: blockSize, threads: threads)
        var found: [String] = []
        func take(_ block: MergedBlock) {
            for line in block.lines {
                switch line {
                case .offender(let offender):
                    found.append("\(offender.line) \(offender.id) \(offender.content.count)")
                    #expect(offender.digest == SHA256Digester().digest(Array(block.bytes[offender.content])))
                case .rejected(let record): found.append("\(record.rendered) \(record.bytes)")
                }
            }
        }
        var rng = SplitMix64(seed: UInt64(blockSize + threads))
        var start = 0
        while start < bytes.count {
            let end = min(bytes.count, start + 1 + rng.below(3000))
            blocks.feed(bytes[start..<end], take)
            start = end
        }
        blocks.finish(take)
        #expect(found == expected)
    }

    // MARK: Storing

    /// A record as `id=version`, in `area` (generated lines are real records, so they decode).
    static func line(_ id: String, _ version: Int, area: String = "Northtown") -> String {
        #"{"id": "\#(id)", "name": "Version \#(version)", "dob": "1990-01-01", "area": "\#(area)"}"#
    }

    /// Ingests `lines` through `Ingestion`, with `limits`.
    static func ingest(_ lines: [String], into scratch: OffenderStoreTests.Scratch, limits: IngestLimits,
                       caller: Caller = admin) async throws -> (IngestOutcome, [RejectedRecord]) {
        var ingestion = Ingestion(rules: rules, caller: caller, source: "body", held: try await scratch.store.areas(),
                                  store: scratch.store, limits: limits)
        let bytes = Array(lines.joined(separator: "\n").utf8) + [0x0A]
        var start = 0
        while start < bytes.count {
            let end = min(bytes.count, start + 700)
            ingestion.feed(bytes[start..<end])
            start = end
        }
        let outcome = try await ingestion.commit(to: scratch.store, metrics: Metrics(),
                                                 audit: AuditLogTests.entry("test-admin", []))
        return (outcome, ingestion.rejected)
    }

    /// Each record's version as stored, current and previous, by id.
    static func versions(_ scratch: OffenderStoreTests.Scratch) async throws -> (current: [String], previous: [String]) {
        let data = try await scratch.store.snapshot(.all)
        func names(_ bytes: [UInt8]) -> [String] {
            String(decoding: bytes, as: UTF8.self).split(separator: "\n").compactMap { line in
                guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                      let id = object["id"] as? String, let name = object["name"] as? String else { return nil }
                return "\(id)=\(name.split(separator: " ").last ?? "")"
            }
        }
        return (names(data.current), names(data.previous))
    }

    /// docs/ppod.md, "Previous versions", the obvious way: what the one-record-at-a-time ingest
    /// (a look-up, then an INSERT or an UPDATE, per record) stored, kept in arrays.
    struct Reference {
        struct Row { let id: String; var body: String; var previous: String?; var changed: Int }
        var rows: [Row] = []
        var ingests: [Bool] = []   // whether each ingest changed anything
        var lastRunIngest: Int?

        mutating func ingest(_ lines: [String]) -> (inserted: Int, updated: Int, unchanged: Int) {
            ingests.append(false)
            let number = ingests.count
            let baseline = lastRunIngest ?? number - 1
            var counts = (inserted: 0, updated: 0, unchanged: 0)
            for line in lines {
                guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                      object["name"] != nil, let id = object["id"] as? String else { continue }
                if let index = rows.firstIndex(where: { $0.id == id }) {
                    if rows[index].body == line { counts.unchanged += 1; continue }
                    if rows[index].changed <= baseline { rows[index].previous = rows[index].body }
                    rows[index].body = line
                    rows[index].changed = number
                    counts.updated += 1
                } else {
                    rows.append(Row(id: id, body: line, previous: nil, changed: number))
                    counts.inserted += 1
                }
            }
            ingests[number - 1] = counts.inserted + counts.updated > 0
            return counts
        }

        mutating func run() { lastRunIngest = ingests.count }

        var current: [String] { rows.map(\.body) }
        var previous: [String] {
            let latest = ingests.lastIndex(of: true).map { $0 + 1 } ?? 0
            let baseline = lastRunIngest ?? max(latest - 1, 0)
            return rows.compactMap { $0.changed > baseline ? $0.previous : $0.body }
        }
    }

    /// The store's current and previous lines.
    static func lines(_ scratch: OffenderStoreTests.Scratch) async throws -> (current: [String], previous: [String]) {
        let data = try await scratch.store.snapshot(.all)
        func split(_ bytes: [UInt8]) -> [String] { String(decoding: bytes, as: UTF8.self).split(separator: "\n").map(String.init) }
        return (split(data.current), split(data.previous))
    }

    @Test(arguments: [false, true])
    func aMixedIngestStoresWhatTheOneRecordAtATimeIngestStored(streamed: Bool) async throws {
        let limits = streamed ? Self.streaming : IngestLimits(threads: 2)
        let first = (0..<40).map { Self.line("NT-\($0)", 1) }
        // Unchanged, changed and new records, and a reject among them, in one body.
        var second = (0..<40).map { Self.line("NT-\($0)", $0 % 3 == 0 ? 2 : 1) }
        second.insert("{\"id\": \"NT-BAD\", \"dob\": \"1990-99-99\"}", at: 17)
        second += (40..<55).map { Self.line("NT-\($0)", 1) }
        let third = (0..<55).map { Self.line("NT-\($0)", $0 % 5 == 0 ? 3 : ($0 % 3 == 0 && $0 < 40 ? 2 : 1)) }
        let history: [[String]?] = [first, second, nil, third, third, nil, second]

        let scratch = try OffenderStoreTests.Scratch()
        var reference = Reference()
        for (step, lines) in history.enumerated() {
            guard let lines else {
                try await scratch.run()
                reference.run()
                continue
            }
            let (outcome, rejected) = try await Self.ingest(lines, into: scratch, limits: limits)
            let expected = reference.ingest(lines)
            #expect((outcome.inserted, outcome.updated, outcome.unchanged) == expected, "step \(step)")
            #expect(outcome.offenders == reference.rows.count)
            #expect(rejected.map(\.line) == (lines.count == 56 ? [18] : []), "step \(step)")
            let stored = try await Self.lines(scratch)
            #expect(stored.current == reference.current, "step \(step)")
            #expect(stored.previous == reference.previous, "step \(step)")
        }
        #expect(reference.rows.count == 55 && reference.rows.contains { $0.previous != nil })
    }

    @Test func previousVersionsHoldAcrossTwoStreamedIngestsAndARun() async throws {
        let scratch = try OffenderStoreTests.Scratch()
        _ = try await Self.ingest((0..<30).map { Self.line("A-\($0)", 1) }, into: scratch, limits: Self.streaming)
        let (changed, _) = try await Self.ingest((0..<30).map { Self.line("A-\($0)", $0 < 10 ? 2 : 1) }, into: scratch,
                                                 limits: Self.streaming)
        #expect((changed.inserted, changed.updated, changed.unchanged) == (0, 10, 20))
        // Before any run: compared with the ingest before.
        var versions = try await Self.versions(scratch)
        #expect(versions.previous.filter { $0.hasSuffix("=1") }.count == 30)
        try await scratch.run()
        // A retried feed changes nothing; a change after the run compares with the run's version.
        let (retried, _) = try await Self.ingest((0..<30).map { Self.line("A-\($0)", $0 < 10 ? 2 : 1) }, into: scratch,
                                                 limits: Self.streaming)
        #expect(retried.unchanged == 30)
        _ = try await Self.ingest((0..<30).map { Self.line("A-\($0)", $0 < 10 ? 3 : 1) }, into: scratch, limits: Self.streaming)
        _ = try await Self.ingest((0..<30).map { Self.line("A-\($0)", $0 < 10 ? 4 : 1) }, into: scratch, limits: Self.streaming)
        versions = try await Self.versions(scratch)
        #expect(versions.current.filter { $0.hasSuffix("=4") }.count == 10)
        #expect(versions.previous.filter { $0.hasSuffix("=2") }.count == 10, "\(versions.previous)")
        #expect(versions.previous.filter { $0.hasSuffix("=3") }.isEmpty)
    }

    /// Rows of every table an ingest writes.
    static func counts(_ scratch: OffenderStoreTests.Scratch) async throws -> [Int] {
        try await scratch.store.pool.read { db in
            try ["offender", "ingest", "audit", "audit_disclosure"].map { try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \($0)") ?? -1 }
        }
    }

    @Test func anAbandonedBodyLeavesNothingBehind() async throws {
        let scratch = try OffenderStoreTests.Scratch()
        _ = try await Self.ingest((0..<5).map { Self.line("K-\($0)", 1) }, into: scratch, limits: Self.streaming)
        let before = try await Self.counts(scratch)
        let snapshot = try await scratch.store.snapshot(.all)
        do {
            // The request fails half way (too large, too slow, the client gone): the route throws and
            // its ingestion is dropped with the transaction open.
            // One thread: each block is merged as it is cut, so the transaction is open by the end.
            let ingestion = Ingestion(rules: Self.rules, caller: Self.admin, source: "body", store: scratch.store,
                                      limits: IngestLimits(startAfter: 2_000, queueLimit: 4_000, blockSize: 1_500, threads: 1))
            let bytes = Array((0..<60).map { Self.line("K-\($0)", 2) }.joined(separator: "\n").utf8)
            var copy = ingestion
            copy.feed(bytes[...])
        }
        // The next write waits for the rollback (one writer at a time), then sees nothing of it.
        try await scratch.store.pool.write { _ in }
        #expect(try await Self.counts(scratch) == before)
        #expect(try await scratch.store.snapshot(.all).current == snapshot.current)
        let (again, _) = try await Self.ingest((0..<5).map { Self.line("K-\($0)", 1) }, into: scratch, limits: Self.streaming)
        #expect(again.unchanged == 5)
    }

    @Test(arguments: [false, true])
    func aFailedTransactionLeavesNothingBehind(streamed: Bool) async throws {
        let scratch = try OffenderStoreTests.Scratch()
        _ = try await Self.ingest((0..<5).map { Self.line("F-\($0)", 1) }, into: scratch, limits: Self.streaming)
        let before = try await Self.counts(scratch)
        // A write that fails late in the body (a full disk, say): here a trigger refuses one record.
        try await scratch.store.pool.write { db in
            try db.execute(sql: """
                CREATE TEMP TRIGGER refuse BEFORE INSERT ON offender WHEN NEW.id = CAST('F-50' AS BLOB)
                BEGIN SELECT RAISE(ABORT, 'refused by the test'); END
                """)
        }
        await #expect(throws: (any Error).self) {
            _ = try await Self.ingest((0..<60).map { Self.line("F-\($0)", 2) }, into: scratch,
                                      limits: streamed ? Self.streaming : IngestLimits(threads: 2))
        }
        #expect(try await Self.counts(scratch) == before)
        let versions = try await Self.versions(scratch)
        #expect(versions.current == (0..<5).map { "F-\($0)=1" })
    }

    @Test func aTokenLimitedToAnAreaIsRefusedAnotherAreasIdsWhileStreaming() async throws {
        let scratch = try OffenderStoreTests.Scratch()
        _ = try await Self.ingest((0..<20).map { Self.line("S-\($0)", 1, area: "Southvale") }, into: scratch, limits: Self.streaming)
        let northtown = Caller(name: "nt-admin", role: .admin, areas: ["Northtown"])
        let lines = (0..<30).map { Self.line("S-\($0)", 2, area: "Northtown") }
        let (outcome, rejected) = try await Self.ingest(lines, into: scratch, limits: Self.streaming, caller: northtown)
        #expect((outcome.inserted, outcome.updated, outcome.unchanged) == (10, 0, 0))
        #expect(rejected.map(\.line) == Array(1...20))
        #expect(rejected.allSatisfy { $0.reason == "id is held for an area outside this token's areas" })
        #expect(rejected.first.map { String(decoding: $0.bytes, as: UTF8.self) } == lines.first)
        #expect(outcome.offenders == 10)
    }

    // MARK: The store

    @Test func theWriterCommitsWithSynchronousFull() async throws {
        let scratch = try OffenderStoreTests.Scratch()
        let level = try await scratch.store.pool.writeWithoutTransaction { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") }
        #expect(level == 2, "2 is FULL: a commit survives a power cut")
    }

    @Test func aStoreOfTheSixthVersionIsMigratedWithItsRecordsAndVersions() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ppod-v6-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("store.sqlite").path
        // A store as the previous release left it, with a changed record (previous version) in it.
        do {
            let pool = try DatabasePool(path: path)
            try StoreDatabase.migrator.migrate(pool, upTo: "v6-decisions")
            try await pool.write { db in
                try db.execute(sql: "INSERT INTO ingest (at, token, received, inserted, updated, unchanged, rejected) VALUES ('-', 't', 3, 3, 0, 0, 0)")
                try db.execute(sql: "INSERT INTO ingest (at, token, received, inserted, updated, unchanged, rejected) VALUES ('-', 't', 1, 0, 1, 0, 0)")
                for (seq, id, version, previous) in [(1, "B-1", 1, 0), (2, "A-2", 2, 1), (3, "C-3", 1, 0)] {
                    try db.execute(sql: """
                        INSERT INTO offender (id, seq, area, body, previous, changed_ingest) VALUES (?, ?, ?, ?, ?, ?)
                        """, arguments: [Data(id.utf8), seq, Data("Northtown".utf8), Data(Self.line(id, version).utf8),
                                         previous == 0 ? nil : Data(Self.line(id, previous).utf8), previous == 0 ? 1 : 2])
                }
            }
        }
        let pool = try StoreDatabase.open(path: path)
        let scratchStore = OffenderStore(pool: pool)
        let data = try await scratchStore.snapshot(.all)
        #expect(String(decoding: data.current, as: UTF8.self)
                == [Self.line("B-1", 1), Self.line("A-2", 2), Self.line("C-3", 1)].joined(separator: "\n") + "\n")
        #expect(String(decoding: data.previous, as: UTF8.self)
                == [Self.line("B-1", 1), Self.line("A-2", 1), Self.line("C-3", 1)].joined(separator: "\n") + "\n")
        try await pool.read { db in
            for row in try Row.fetchAll(db, sql: "SELECT body, body_sha256 FROM offender") {
                let body: Data = row["body"], digest: Data = row["body_sha256"]
                #expect(Array(digest) == SHA256Digester().digest(Array(body)).bytes)
            }
        }
        // Compared by digest from now on: the same lines again change nothing, a new one is added last.
        let records = [("A-2", 2), ("B-1", 1), ("C-3", 1), ("D-4", 1)].map {
            IncomingRecord(id: $0.0, area: "Northtown", line: Array(Self.line($0.0, $0.1).utf8))
        }
        let outcome = try await scratchStore.ingest(records, received: 4, rejected: 0, token: "test",
                                                    audit: AuditLogTests.entry("test", []))
        #expect((outcome.inserted, outcome.updated, outcome.unchanged) == (1, 0, 3))
        #expect(try await scratchStore.snapshot(.area("Northtown")).ids == ["B-1", "A-2", "C-3", "D-4"])
    }
}
