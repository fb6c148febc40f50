import Foundation
import Testing
@testable import PPOEngine

@Suite struct ExplanationRendererTests {
    let renderer = ExplanationRenderer()
    let ranking = RankingFixture.ranking

    @Test func weightedFormGolden() {
        Golden.check(renderer.text(RankingFixture.alan, in: ranking), "explain-weighted.txt")
    }

    @Test func tiedFormGolden() {
        Golden.check(renderer.text(RankingFixture.bartholomew, in: ranking), "explain-tie.txt")
    }

    @Test func unweightedFormGolden() {
        Golden.check(renderer.text(RankingFixture.nameless, in: ranking), "explain-unweighted.txt")
    }

    @Test func ineligibleFormGolden() {
        Golden.check(renderer.text(RankingFixture.young, in: ranking), "explain-ineligible.txt")
    }

    @Test(arguments: [RankingFixture.alan, RankingFixture.bartholomew, RankingFixture.formula,
                      RankingFixture.nameless, RankingFixture.hostile])
    func formLinesFitEightyColumns(offender: ScoredOffender) {
        for line in renderer.text(offender, in: ranking).split(separator: "\n", omittingEmptySubsequences: false) {
            #expect(TextLayout.width(line) <= 80, "\(line)")
            #expect(line.last != " ")
        }
    }

    @Test func formShowsTheWeightingAndTotals() {
        let text = renderer.text(RankingFixture.alan, in: ranking)
        #expect(text.contains("  × 6 — Priority crime category: burglary_dwelling\n"))
        #expect(text.contains("Subtotal"))
        #expect(text.contains("AR-2026-1014"))
        #expect(text.contains("Tier: High  Rank: 1 of 5  Recommended: yes"))
    }

    @Test func jsonGolden() {
        Golden.check(renderer.json(RankingFixture.alan, in: ranking), "explain.json")
        Golden.check(renderer.json(RankingFixture.young, in: ranking), "explain-ineligible.json")
    }

    @Test func jsonIsTheRankingObjectPlusTheAuditFacts() throws {
        let text = renderer.json(RankingFixture.alan, in: ranking)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["matrix", "version", "as_of", "rules_digest", "data_digest", "id", "name",
                                     "rank", "score", "tier", "recommended", "tie_at_capacity", "main_category",
                                     "lines"])
        let main = try #require(object["main_category"] as? [String: Any])
        #expect(main["row"] as? String == "burglary_dwelling")
        #expect(main["weight"] as? Int == 6)
        #expect((object["lines"] as? [Any])?.count == RankingFixture.alan.lines.count)
    }

    @Test func csvGolden() {
        Golden.check(renderer.csv(RankingFixture.alan), "explain.csv")
        #expect(renderer.csv(RankingFixture.young) == "\u{FEFF}section,label,detail,points,evidence\r\n")
    }
}
