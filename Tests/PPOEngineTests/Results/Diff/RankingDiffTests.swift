import Testing
@testable import PPOEngine

/// `ppo diff`'s comparison (docs/workbench.md): who enters and leaves the recommended list, tier and
/// tie changes and rank moves, each with the lines whose points changed.
@Suite struct RankingDiffTests {
    static func matrix(name: String, burglary: Int) -> String {
        """
        matrix "\(name)"
          offences
            shoplifting 1
            burglary_dwelling \(burglary)
          end
          tiers
            "High" >= 4
            "Low" otherwise
          end
          capacity 2
        end
        """
    }

    @Test func aHeavierRowMovesOffendersAcrossTheLine() throws {
        let rules = Fixture.rules(Self.matrix(name: "Old", burglary: 1) + "\n" + Self.matrix(name: "New", burglary: 3))
        try #require(!rules.hasErrors, "\(rules.diagnostics.map(\.message))")
        // A: 3 shoplifting. B: 2 shoplifting. C: 1 burglary. D: 1 shoplifting.
        let records = [("A", "shoplifting", 3), ("B", "shoplifting", 2), ("C", "burglary_dwelling", 1), ("D", "shoplifting", 1)]
        let data = records.map { id, category, n in
            let offences = (1...n).map { #"{"id": "\#(id)\#($0)", "category": "\#(category)", "date": "2026-01-0\#($0)", "evidence": "convicted"}"# }
            return #"{"id": "\#(id)", "offences": [\#(offences.joined(separator: ", "))]}"#
        }.joined(separator: "\n") + "\n"
        let day = try #require(Day(iso: "2026-03-02"))
        func rank(_ name: String) throws -> PackedRanking {
            ParallelRanker(matrix: try #require(rules.matrix(named: name)), categories: rules.categories, asOf: day, threads: 1)
                .rank(bytes: Array(data.utf8), path: "data.jsonl", rulesDigest: rules.digest)
        }
        let diff = RankingDiff(old: try rank("Old"), new: try rank("New"))
        // Old: A 3, B 2, C 1, D 1 (C before D by id). New: A 3, C 3 (A's offence is later), B 2, D 1.
        // No tie straddles the capacity line of 2 under either version.
        #expect(diff.entering.map(\.id) == ["C"])
        #expect(diff.leaving.map(\.id) == ["B"])
        #expect(diff.tierChanges.isEmpty)
        #expect(diff.tiesAppearing.isEmpty && diff.tiesVanishing.isEmpty)
        #expect(diff.scoresChanged == 1)
        let c = try #require(diff.entering.first)
        #expect(c.lines.map { "\($0.label): \($0.old ?? "-") -> \($0.new ?? "-")" } == ["burglary_dwelling: 1 -> 3"])
        #expect(c.old?.rank == 3 && c.new?.rank == 2)
        #expect(diff.largestMoves.first?.id == "C")
    }
}
