import Foundation
import PPOEngine
import Testing
@testable import ppod

/// The store's ranking, evaluated in full or from the changes of an ingest, is exactly `ppo score`
/// on the store's export, for the whole store and for each area.
@Suite struct RankingEvaluatorTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let rules = Engine.load(paths: [root.appendingPathComponent("matrices").path,
                                           root.appendingPathComponent("rules").path])
    static let matrixName = "Prolific Offender Prioritisation"
    static let asOf = Day(iso: "2026-11-22")!

    final class Scratch {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ppod-scores-\(UUID().uuidString)")
        let store: OffenderStore

        init() throws {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            store = OffenderStore(pool: try StoreDatabase.open(path: directory.appendingPathComponent("store.sqlite").path))
        }

        deinit { try? FileManager.default.removeItem(at: directory) }

        /// Stores `lines` as they are (no reading: a line the ranker rejects is stored too).
        func ingest(_ lines: [[UInt8]]) async throws {
            let incoming = lines.map { line -> IncomingRecord in
                let object = (try? JSONSerialization.jsonObject(with: Data(line))) as? [String: Any]
                return IncomingRecord(id: object?["id"] as? String ?? "?", area: object?["area"] as? String, line: line)
            }
            _ = try await store.ingest(incoming, received: incoming.count, rejected: 0, token: "test",
                                       audit: AuditLogTests.entry("test", incoming.map(\.id)))
        }

        var evaluator: RankingEvaluator {
            get throws {
                RankingEvaluator(store: store, rules: RankingEvaluatorTests.rules,
                                 matrix: try #require(RankingEvaluatorTests.rules.matrix(named: RankingEvaluatorTests.matrixName)),
                                 asOf: RankingEvaluatorTests.asOf)
            }
        }
    }

    /// Generated records `range`, one line each, from population `seed` (same index, same id).
    static func records(_ range: Range<Int>, seed: UInt64) -> [[UInt8]] {
        SyntheticPopulation(seed: seed).records(range).split(separator: 0x0A).map(Array.init)
    }

    /// A stored record the reader rejects (ppod's own reader would refuse it at ingest; rules
    /// reloaded since can make a stored record unreadable the same way).
    static let broken = Array(#"{"id":"BROKEN-1","area":"Southmere","dob":"1990-13-45"}"#.utf8)

    /// `ppo score` on bytes: the reference every answer is held to.
    static func reference(_ bytes: [UInt8]) throws -> [UInt8] {
        let matrix = try #require(rules.matrix(named: matrixName))
        let ranking = ParallelRanker(matrix: matrix, categories: rules.categories, asOf: asOf)
            .rank(bytes: bytes, path: Reports.dataLabel, rulesDigest: rules.digest)
        return RankingJSONStreamer().render(ranking)
    }

    /// Every scope of `ranking` against the reference on the store's export of that scope.
    static func expectMatchesExport(_ ranking: StoreRanking, store: OffenderStore) async throws {
        let whole = try await store.snapshot(.all)
        #expect(RankingJSONStreamer().render(ranking.scope(.all).ranking) == (try reference(whole.current)), "whole store")
        for area in try await store.areas() {
            let data = try await store.snapshot(.area(area))
            let answer = RankingJSONStreamer().render(ranking.scope(.area(area)).ranking)
            #expect(answer == (try reference(data.current)), "area \(area)")
            #expect(ranking.scope(.area(area)).ids == data.ids, "area \(area) ids")
        }
        let nowhere = RankingJSONStreamer().render(ranking.scope(.area("Nowhere")).ranking)
        #expect(nowhere == (try reference([])))
    }

    @Test func aFullEvaluationIsPPOOnTheExportOfEveryScope() async throws {
        let scratch = try Scratch()
        try await scratch.ingest(Self.records(0..<400, seed: 3) + [Self.broken])
        let ranking = try await scratch.evaluator.full()
        #expect(ranking.whole.rejected.count == 1)
        try await Self.expectMatchesExport(ranking, store: scratch.store)
    }

    /// Random deltas: changed records, new ones, records moved to another area, records that stop
    /// or start being rejected. Scoring only the changes gives what scoring everyone gives.
    @Test(arguments: [1, 2, 3] as [UInt64])
    func scoringTheChangesEqualsScoringEveryone(seed: UInt64) async throws {
        var random = SplitMix64(seed: seed)
        let scratch = try Scratch()
        let count = 300
        try await scratch.ingest(Self.records(0..<count, seed: 7) + [Self.broken])
        var ranking = try await scratch.evaluator.full()
        var added = count
        for round in 0..<4 {
            var delta: [[UInt8]] = []
            for _ in 0..<(5 + Int(random.next() % 20)) {
                let index = Int(random.next() % UInt64(count))
                var line = Self.records(index..<(index + 1), seed: 100 + seed * 10 + UInt64(round))[0]
                if random.next() % 4 == 0 {
                    // Moved to another area.
                    line = Array(String(decoding: line, as: UTF8.self)
                        .replacingOccurrences(of: #""area":""#, with: #""area":"Moved "#).utf8)
                }
                delta.append(line)
            }
            delta += Self.records(added..<(added + 3), seed: 7)
            added += 3
            if round == 1 {
                // A record that cannot be read, and the broken one mended.
                let victim = String(decoding: Self.records(5..<6, seed: 7)[0], as: UTF8.self)
                delta.append(Array(victim.replacingOccurrences(of: #""dob":""#, with: #""dob":"1990-13-45","was":""#).utf8))
                delta.append(Array(#"{"id":"BROKEN-1","area":"Southmere","name":"Mended Record","dob":"1990-01-01","offences":[]}"#.utf8))
            }
            try await scratch.ingest(delta)
            let updated = try await scratch.evaluator.updated(ranking)
            let full = try await scratch.evaluator.full()
            #expect(updated.ingest == full.ingest)
            #expect(RankingJSONStreamer().render(updated.whole) == RankingJSONStreamer().render(full.whole), "round \(round)")
            #expect(updated.ineligibleOrdinals == full.ineligibleOrdinals, "round \(round)")
            if round <= 1 {
                // The broken record in round 0; in round 1 it is mended and another breaks.
                #expect(full.whole.rejected.count == 1, "round \(round)")
                #expect(full.whole.rejected.first.map { String(decoding: $0.bytes, as: UTF8.self).contains(round == 0 ? "BROKEN-1" : "1990-13-45") } == true)
            }
            try await Self.expectMatchesExport(updated, store: scratch.store)
            ranking = updated
        }
        #expect(ranking.rescored > 0)
    }
}
