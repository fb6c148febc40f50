import Foundation
import Testing
@testable import PPOEngine

/// A ranking read back from its archive renders the bytes it rendered; a damaged archive is an error.
@Suite struct PackedRankingArchiveTests {
    static func archived(_ ranking: PackedRanking, pieceSize: Int) -> [[UInt8]] {
        var pieces: [[UInt8]] = []
        ranking.archive(pieceSize: pieceSize) { pieces.append($0) }
        return pieces
    }

    static func read(_ pieces: [[UInt8]], matrix: CompiledMatrix) throws -> PackedRanking {
        var index = 0
        return try PackedRanking(archive: {
            guard index < pieces.count else { return nil }
            defer { index += 1 }
            return pieces[index]
        }, matrix: matrix)
    }

    @Test(arguments: [1 << 10, 1 << 20])
    func anArchiveReadsBackToTheSameRanking(pieceSize: Int) throws {
        let ranking = try PackedRankingScopesTests.rank(ParallelRankerTests.data)
        #expect(!ranking.rejected.isEmpty && !ranking.ineligible.isEmpty)
        let back = try Self.read(Self.archived(ranking, pieceSize: pieceSize), matrix: try PackedRankingScopesTests.matrix)
        #expect(RankingJSONStreamer().render(back) == RankingJSONStreamer().render(ranking))
        #expect(back.rejected == ranking.rejected)
        #expect(RankingCSVRenderer().render(back.ranking(withLines: false)) == RankingCSVRenderer().render(ranking.ranking(withLines: false)))
    }

    @Test func aDamagedArchiveIsAnErrorNotATrap() throws {
        let ranking = try PackedRankingScopesTests.rank(SyntheticPopulation(seed: 21).records(0..<60))
        let whole = Self.archived(ranking, pieceSize: 1 << 30).flatMap { $0 }
        let matrix = try PackedRankingScopesTests.matrix
        // Cut short anywhere.
        for cut in stride(from: 0, to: whole.count, by: max(1, whole.count / 97)) {
            #expect(throws: ArchiveError.self) { _ = try Self.read([Array(whole[..<cut])], matrix: matrix) }
        }
        #expect(throws: ArchiveError.self) { _ = try Self.read([whole + [0]], matrix: matrix) }
        // Any byte changed: the digest catches it, even where every length still fits.
        var random = SplitMix64(seed: 4)
        for _ in 0..<300 {
            var damaged = whole
            let at = Int(random.next() % UInt64(damaged.count))
            damaged[at] ^= UInt8(truncatingIfNeeded: random.next() | 1)
            #expect(throws: ArchiveError.self) { _ = try Self.read([damaged], matrix: matrix) }
        }
    }
}
