import Testing
@testable import PPOEngine

/// "Did you mean …?" stays cheap whatever the length of the names compared.
@Suite struct SuggestionTests {
    static let cases: [(name: String, candidates: [String], expected: String?)] = [
        ("shoplifitng", ["shoplifting", "theft_other"], "shoplifting"),
        ("burglary_dweling", ["burglary_dwelling", "burglary_other"], "burglary_dwelling"),
        ("robbry", ["robbery", "assault"], "robbery"),
        ("xyz", ["robbery", "assault"], nil),
        ("Robbery", ["robbery"], "robbery"),
        ("ab", ["ba", "abc"], "ba"),
    ]

    @Test(arguments: cases)
    func suggestsTheNearestLikelyTypo(_ example: (name: String, candidates: [String], expected: String?)) {
        #expect(Suggestion.closest(to: example.name, in: example.candidates) == example.expected)
    }

    /// A candidate list that counts how many names were taken from it.
    final class CountedNames: Sequence {
        let names: [String]
        private(set) var taken = 0
        init(_ names: [String]) { self.names = names }
        func makeIterator() -> AnyIterator<String> {
            var index = 0
            return AnyIterator { [self] in
                guard index < names.count else { return nil }
                defer { index += 1 }
                taken += 1
                return names[index]
            }
        }
    }

    /// Two 40,000-character names one edit apart once took seconds to compare; beyond the bound a
    /// name is not compared with anything at all.
    @Test func aLongMisspeltNameGetsNoSuggestionAndIsComparedWithNothing() {
        let long = String(repeating: "a", count: 40_000)
        let candidates = CountedNames([long + "b", "shoplifting"])
        #expect(Suggestion.closest(to: long + "c", in: candidates) == nil)
        #expect(candidates.taken == 0)
        let justInside = String(repeating: "a", count: Suggestion.longestName - 1)
        #expect(Suggestion.closest(to: justInside + "c", in: [justInside + "b"]) == justInside + "b")
        // A long candidate is skipped before any work on it.
        #expect(Suggestion.closest(to: "shoplifitng", in: [long, "shoplifting"]) == "shoplifting")
    }

    /// The distance is computed only near the diagonal and gives up beyond its limit.
    @Test func theDistanceIsBandedAndCutOff() {
        let long = Array(String(repeating: "ab", count: 20_000).unicodeScalars)
        var typo = long
        typo.swapAt(100, 101)
        #expect(Suggestion.distance(long, typo, limit: 3) == 1)
        #expect(Suggestion.distance(long, Array(long.dropLast(4)), limit: 3) == nil)
        #expect(Suggestion.distance(long, [Unicode.Scalar](repeating: "c", count: long.count), limit: 3) == nil)
        #expect(Suggestion.distance(Array("kitten".unicodeScalars), Array("sitting".unicodeScalars), limit: 3) == 3)
        #expect(Suggestion.distance(Array("kitten".unicodeScalars), Array("sitting".unicodeScalars), limit: 2) == nil)
        #expect(Suggestion.distance([], Array("ab".unicodeScalars), limit: 2) == 2)
    }
}
