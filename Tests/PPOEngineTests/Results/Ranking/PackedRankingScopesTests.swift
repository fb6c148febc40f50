import Foundation
import Testing
@testable import PPOEngine

/// A ranking read a piece at a time (pages, one form, a part of the data) says exactly what the
/// whole ranking, or ranking that part alone, says.
@Suite struct PackedRankingScopesTests {
    static let rules = ParallelRankerTests.rules
    static let asOf = ParallelRankerTests.asOf
    static var matrix: CompiledMatrix { get throws { try #require(rules.matrix(named: "Prolific Offender Prioritisation")) } }

    static func rank(_ bytes: [UInt8], path: String = "mixed.jsonl") throws -> PackedRanking {
        ParallelRanker(matrix: try matrix, categories: rules.categories, asOf: asOf)
            .rank(bytes: bytes, path: path, rulesDigest: "rules")
    }

    @Test(arguments: [1, 7, 100_000])
    func piecesOfAnySizeRankAsTheBytesDo(size: Int) throws {
        let data = ParallelRankerTests.data
        var start = 0
        let ranked = try ParallelRanker(matrix: try Self.matrix, categories: Self.rules.categories, asOf: Self.asOf)
            .rank(pieces: {
                guard start < data.count else { return nil }
                defer { start += size }
                return Array(data[start..<min(data.count, start + size)])
            }, path: "mixed.jsonl", rulesDigest: "rules")
        #expect(RankingJSONStreamer().render(ranked) == RankingJSONStreamer().render(try Self.rank(data)))
    }

    @Test func aFailingSourceStopsTheRankingWithItsError() throws {
        struct Gone: Error {}
        var calls = 0
        #expect(throws: Gone.self) {
            _ = try ParallelRanker(matrix: try Self.matrix, categories: Self.rules.categories, asOf: Self.asOf)
                .rank(pieces: {
                    calls += 1
                    if calls > 2 { throw Gone() }
                    return SyntheticPopulation(seed: 5).records((calls * 10)..<(calls * 10 + 10))
                }, path: "x", rulesDigest: "rules")
        }
    }

    /// Every form in explanation JSON, and every page of the list, against the renderers.
    @Test func explanationsAndPagesAreTheWholeRankingsBytes() throws {
        let packed = try Self.rank(ParallelRankerTests.data)
        let whole = packed.ranking()
        let writer = ExplanationJSONWriter(packed)
        for position in 0..<packed.count {
            let expected = Array(ExplanationRenderer().json(whole.offenders[position], in: whole).utf8)
            #expect(writer.json(at: position) == expected, "position \(position)")
            #expect(packed.explanationJSON(at: position) == expected, "position \(position)")
        }
        #expect(writer.json(at: packed.count) == nil)
        #expect(writer.json(at: -1) == nil)

        let document = try #require(try JSONSerialization.jsonObject(with: Data(RankingJSONStreamer().render(packed))) as? [String: Any])
        let offenders = try #require(document["offenders"] as? [Any])
        var joined: [Any] = []
        for offset in stride(from: 0, to: packed.count, by: 37) {
            let positions = Array(offset..<min(packed.count, offset + 37))
            let page = try #require(try JSONSerialization.jsonObject(
                with: Data(RankingJSONStreamer().page(packed, positions: positions, offset: offset, limit: 37, total: packed.count))) as? [String: Any])
            #expect(page["total"] as? Int == packed.count)
            #expect(page["data_digest"] as? String == packed.dataDigest)
            joined += page["offenders"] as? [Any] ?? []
        }
        #expect((joined as NSArray).isEqual(to: offenders))
    }

    /// Split by a part of the data, each part's ranking is that part ranked alone.
    @Test func aPartOfTheRankingIsThatPartRankedAlone() throws {
        let lines: [[UInt8]] = SyntheticPopulation(seed: 9).records(0..<500).split(separator: 0x0A).map { Array($0) }
        let data: [UInt8] = lines.flatMap { $0 + [0x0A] }
        let whole = try Self.rank(data, path: "store")
        let evens: [UInt8] = lines.enumerated().filter { $0.offset % 2 == 0 }.flatMap { $0.element + [0x0A] }
        let alone = try Self.rank(evens, path: "store")
        let evenIDs = Set(lines.enumerated().filter { $0.offset % 2 == 0 }.compactMap { line -> String? in
            (try? JSONSerialization.jsonObject(with: Data(line.element)) as? [String: Any])?["id"] as? String
        })
        let parts = whole.split(into: 2, by: { evenIDs.contains($0) ? 0 : 1 }) { part in
            part == 0 ? (alone.dataDigest, alone.ineligible, alone.rejected) : ("", [], [])
        }
        #expect(RankingJSONStreamer().render(parts[0]) == RankingJSONStreamer().render(alone))
        let subset = whole.subset(keeping: { evenIDs.contains($0) }, dataDigest: alone.dataDigest,
                                  ineligible: alone.ineligible, rejected: alone.rejected)
        #expect(RankingJSONStreamer().render(subset) == RankingJSONStreamer().render(alone))
    }

    /// Offenders replaced by a re-scored version rank as scoring everyone again would.
    @Test func replacingChangedOffendersIsRankingAgain() throws {
        let before = SyntheticPopulation(seed: 11).records(0..<400)
        var lines: [[UInt8]] = before.split(separator: 0x0A).map { Array($0) }
        let changed = [3, 50, 51, 200, 399]
        let other: [[UInt8]] = SyntheticPopulation(seed: 12).records(0..<400).split(separator: 0x0A).map { Array($0) }
        for index in changed { lines[index] = other[index] }
        let after: [UInt8] = lines.flatMap { $0 + [0x0A] }
        let full = try Self.rank(after, path: "store")
        let changedLines: [UInt8] = changed.flatMap { lines[$0] + [0x0A] }
        let update = try Self.rank(changedLines, path: "store")
        let ids = Set(changed.map { ExactText(SyntheticPopulation.id($0)) })
        let merged = try Self.rank(before, path: "store").replacing(ids, with: update, dataDigest: full.dataDigest,
                                                                     ineligible: full.ineligible, rejected: full.rejected)
        #expect(RankingJSONStreamer().render(merged) == RankingJSONStreamer().render(full))
    }
}
