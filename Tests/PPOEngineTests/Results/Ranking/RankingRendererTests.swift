import Foundation
import Testing
@testable import PPOEngine

@Suite struct RankingRendererTests {
    @Test func tableGolden() {
        Golden.check(RankingTableRenderer().render(RankingFixture.ranking), "ranking-table.txt")
    }

    @Test func emptyTableGolden() {
        Golden.check(RankingTableRenderer().render(RankingFixture.empty), "ranking-empty-table.txt")
    }

    @Test(arguments: [RankingFixture.ranking, RankingFixture.empty], [80, 60])
    func tableLinesFitTheWidth(ranking: Ranking, width: Int) {
        for line in RankingTableRenderer(width: width).render(ranking).split(separator: "\n") {
            #expect(TextLayout.width(line) <= width, "\(line)")
            #expect(line.last != " ")
        }
    }

    @Test func tableMarksTiesAndRecommendations() {
        let lines = RankingTableRenderer().render(RankingFixture.ranking).split(separator: "\n")
        #expect(lines.contains { $0.contains("NT-0001") && $0.hasSuffix("yes") })
        #expect(lines.contains { $0.contains("NT-0002") && $0.hasSuffix("tie") })
        #expect(lines.contains { $0.contains("NT-0004") && $0.hasSuffix("Low") })
    }

    @Test func csvGolden() {
        Golden.check(RankingCSVRenderer().render(RankingFixture.ranking), "ranking.csv")
    }

    @Test func csvIsSafeAndWellFormed() {
        let csv = RankingCSVRenderer().render(RankingFixture.ranking)
        #expect(csv.hasPrefix("\u{FEFF}rank,id,name,score,tier,recommended,tie_at_capacity,main_category,weight\r\n"))
        #expect(csv.contains("\"'=HYPERLINK(\"\"http://example.invalid\"\",\"\"click\"\")\""))
        #expect(csv.contains(",'@NT-0005,\"O'Brien, \"\"Mac\"\"\nSecond line\","))
        #expect(csv.contains(",-2.25,"))
        #expect(csv.hasSuffix("\r\n"))
    }

    @Test func jsonGolden() {
        Golden.check(RankingJSONRenderer().render(RankingFixture.ranking), "ranking.json")
    }

    @Test func jsonHasTheSpecShapeWithExactNumbers() throws {
        let text = RankingJSONRenderer().render(RankingFixture.ranking)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["matrix", "version", "as_of", "rules_digest", "data_digest", "offenders",
                                     "ineligible", "rejected"])
        let offenders = try #require(object["offenders"] as? [[String: Any]])
        #expect(offenders.count == 5)
        #expect(Set(offenders[0].keys) == ["id", "name", "rank", "score", "tier", "recommended", "tie_at_capacity",
                                           "main_category", "lines"])
        #expect(offenders[1]["name"] as? String == RankingFixture.bartholomew.name)
        #expect(offenders[3]["name"] is NSNull)
        #expect(text.contains("\"score\": 75.5,"))
        #expect(text.contains("\"score\": 0.333333,"))
        #expect(text.contains("\"name\": \"O'Brien, \\\"Mac\\\"\\nSecond line\""))
        let rejected = try #require(object["rejected"] as? [[String: Any]])
        #expect(rejected.first?["line"] as? Int == 4)
        #expect(Set(rejected[0].keys) == ["line", "reason"])
        let compact = RankingJSONRenderer(pretty: false).render(RankingFixture.empty)
        #expect(!compact.contains("\n"))
        #expect(compact.hasPrefix("{\"matrix\":"))
    }
}
