import Foundation
import Testing

@Suite(.tags(.engine)) struct ExplainCommandTests {
    func explain(_ id: String, _ extra: String...) throws -> PPOResult {
        try PPORunner.run(["explain", id, "--matrix", "Northtown PPO", "--data", "data.jsonl", "--as-of", "2026-11-22"]
                          + extra, in: Fixtures.project())
    }

    @Test func theFormLineByLine() throws {
        let result = try explain("A1", "--format", "table")
        #expect(result.status == 0, "\(result)")
        let text = result.stdout
        #expect(text.contains("A1  Ann Example"))
        #expect(text.contains("evidence: O1, O2"), "\(result)")
        #expect(text.contains("R1"))
        #expect(text.contains("× 2 — Priority crime category: burglary"), "\(result)")
        #expect(text.contains("Tier: High  Rank: 1 of 3  Recommended: yes"), "\(result)")
        for line in text.split(separator: "\n") { #expect(line.count <= 80, "\(line)") }
    }

    @Test func jsonIsTheOffenderWithTheAuditFacts() throws {
        let result = try explain("A1", "--format", "json")
        #expect(result.status == 0, "\(result)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["matrix"] as? String == "Northtown PPO")
        #expect(object["as_of"] as? String == "2026-11-22")
        #expect(object["id"] as? String == "A1")
        #expect(object["score"] as? Int == 20)
        #expect((object["lines"] as? [Any])?.isEmpty == false)
    }

    @Test func csvHasOneRowPerLine() throws {
        let result = try explain("A2", "--format", "csv")
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.hasPrefix("\u{FEFF}section,label,detail,points,evidence\r\n"), "\(result)")
        #expect(result.stdout.contains("O4 O5"), "\(result)")
    }

    @Test func anIneligibleOffenderGivesTheReason() throws {
        let result = try explain("A3", "--format", "table")
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("Not eligible: "), "\(result)")
    }

    @Test func anUnknownIdSuggestsTheClosest() throws {
        let result = try explain("A1X")
        #expect(result.status == 2, "\(result)")
        #expect(result.stderr.contains("no offender 'A1X'"), "\(result)")
        #expect(result.stderr.contains("did you mean 'A1'?"), "\(result)")
        #expect(result.stdout.isEmpty)
    }
}
