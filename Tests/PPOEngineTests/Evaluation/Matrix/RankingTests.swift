import Foundation
import Testing
@testable import PPOEngine

/// Ranking order, its tie-breaks, capacity and tie_at_capacity (SPEC §5.2 step 5).
@Suite struct RankingTests {
    static let text = """
    matrix "R"
      window 3 years
      offences
        assault 3
        shoplifting 2
        drugs_possession 0
      end
      capacity 2
    end
    """

    static func offender(_ id: String, _ offences: [(String, String)]) -> String {
        let list = offences.enumerated().map { i, o in
            #"{"id":"\#(id)-\#(i)","category":"\#(o.0)","date":"\#(o.1)","evidence":"convicted"}"#
        }.joined(separator: ",")
        return #"{"id":"\#(id)","offences":[\#(list)]}"#
    }

    static let data = [
        offender("C", [("assault", "2026-01-01")]),                              // 3, latest 2026-01-01
        offender("B", [("assault", "2026-03-01")]),                              // 3, latest 2026-03-01
        offender("A", [("assault", "2026-01-01")]),                              // 3, same date as C: id decides
        offender("D", [("assault", "2026-01-01"), ("shoplifting", "2026-02-01")]), // 5
        offender("E", [("shoplifting", "2026-01-01"), ("drugs_possession", "2026-06-01")]), // 2; unscored offence still dates it
        offender("F", [("shoplifting", "2026-01-01")]),                          // 2
        offender("G", []),                                                        // 0, no offences: sorts last
        offender("H", []),                                                        // 0
    ]

    func rank(_ lines: [String], capacity: Int? = nil) throws -> Ranking {
        var text = Self.text
        if let capacity { text = text.replacingOccurrences(of: "capacity 2", with: "capacity \(capacity)") }
        let matrix = try Fixture.matrix(text)
        let offenders = try Fixture.offenders(lines.joined(separator: "\n") + "\n")
        return matrix.rank(offenders, asOf: Day(iso: "2026-11-22")!, rulesDigest: "r", dataDigest: "d", rejected: [])
    }

    @Test func ordersByTotalThenLatestOffenceThenId() throws {
        let ranking = try rank(Self.data)
        #expect(ranking.offenders.map(\.id) == ["D", "B", "A", "C", "E", "F", "G", "H"])
        #expect(ranking.offenders.map(\.rank) == Array(1...8))
    }

    @Test func capacityRecommendsTheFirstN() throws {
        let ranking = try rank(Self.data, capacity: 1)
        #expect(ranking.offenders.filter(\.recommended).map(\.id) == ["D"])
        #expect(ranking.offenders.allSatisfy { !$0.tieAtCapacity })
    }

    @Test func aTieAcrossTheCapacityLineFlagsEveryTiedOffender() throws {
        let ranking = try rank(Self.data, capacity: 3)
        #expect(ranking.offenders.filter(\.recommended).map(\.id) == ["D", "B", "A"])
        #expect(ranking.offenders.filter(\.tieAtCapacity).map(\.id) == ["B", "A", "C"])
    }

    @Test func aTieBelowTheLineIsNotFlagged() throws {
        let ranking = try rank(Self.data, capacity: 4)
        #expect(ranking.offenders.allSatisfy { !$0.tieAtCapacity })
    }

    @Test(arguments: 0..<20)
    func shufflingTheInputNeverChangesTheRanking(seed: Int) throws {
        var generator = SplitMix(seed: UInt64(seed))
        let shuffled = Self.data.shuffled(using: &generator)
        let expected = try rank(Self.data, capacity: 3)
        let actual = try rank(shuffled, capacity: 3)
        #expect(actual.offenders == expected.offenders)
    }
}

/// A seeded generator so shuffles are reproducible.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E3779B97F4A7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
        z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
        return z ^ (z >> 31)
    }
}
