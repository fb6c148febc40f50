import Testing
@testable import PPOEngine

/// Large rankings are sorted in two halves on two threads and merged; the order must be exactly the
/// single sort's, ties on score and on latest offence included.
@Suite struct PackedRankingOrderTests {
    @Test(arguments: [50_000, 50_001, 120_000])
    func twoThreadSortGivesTheSingleSortsOrder(count: Int) {
        var generator = PPOEngine.SplitMix64(seed: UInt64(count))
        let entries = (0..<count).map { n -> PackedEntry in
            // Few distinct scores and dates, so most comparisons fall through to the id.
            let score = Decimal6(Int.random(in: 0...40, using: &generator)) ?? .zero
            let latest: Day? = Bool.random(using: &generator)
                ? nil : Day(ordinal: Int32.random(in: 20_000...20_010, using: &generator))
            return PackedEntry(id: "P-\(Int.random(in: 0...9_999_999, using: &generator))-\(n)", score: score,
                               latestOffence: latest, buffer: 0, offset: n)
        }
        let single = PackedEntry.ranked(entries, threads: 1)
        let parallel = PackedEntry.ranked(entries, threads: 2)
        #expect(single.map(\.id) == parallel.map(\.id))
        #expect(zip(single, single.dropFirst()).allSatisfy { !PackedEntry.precedes($1, $0) })
    }
}
