import Testing
@testable import PPOEngine

/// The change in equality figures that `ppo diff` reports (docs/workbench.md): each side suppressed
/// as `ppo equality` suppresses it, ratios compared, a crossing of 0.80–1.25 flagged.
@Suite struct EqualityDiffTests {
    static func matrix(burglary: Int) -> String {
        """
        matrix "M"
          offences
            shoplifting 1
            burglary_dwelling \(burglary)
          end
          capacity 15
        end
        """
    }

    /// `count` records of `gender`, each with `shoplifting` and `burglary` offences.
    static func records(_ groups: [(gender: String?, count: Int, shoplifting: Int, burglary: Int)]) -> String {
        var lines: [String] = []
        var n = 0
        for group in groups {
            for _ in 0..<group.count {
                n += 1
                var offences: [String] = []
                for (category, k) in [("shoplifting", group.shoplifting), ("burglary_dwelling", group.burglary)] where k > 0 {
                    for i in 1...k {
                        offences.append(#"{"id": "O\#(n)-\#(category)-\#(i)", "category": "\#(category)", "date": "2026-01-01", "evidence": "convicted"}"#)
                    }
                }
                let gender = group.gender.map { #", "gender": "\#($0)""# } ?? ""
                lines.append(#"{"id": "P\#(n < 10 ? "0" : "")\#(n)", "dob": "1990-06-01"\#(gender), "offences": [\#(offences.joined(separator: ", "))]}"#)
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// 20 women, 20 men, 20 not recorded. Old (burglary 1): the 15 scoring 3 or more are 5 of each.
    /// New (burglary 3): 5 men score 9, 2 men 6, 3 women and 5 not recorded 4: 3 women, 7 men, 5 not
    /// recorded; the next score is 3, so no tie straddles the line.
    static let data = records([
        ("female", 3, 4, 0), ("female", 2, 3, 0), ("female", 15, 1, 0),
        ("male", 5, 0, 3), ("male", 2, 0, 2), ("male", 13, 1, 0),
        (nil, 5, 4, 0), (nil, 15, 1, 0),
    ])

    static func report(burglary: Int) throws -> EqualityReport {
        let rules = Fixture.rules(matrix(burglary: burglary))
        try #require(!rules.hasErrors, "\(rules.diagnostics.map(\.message))")
        let day = try #require(Day(iso: "2026-03-02"))
        let ranking = ParallelRanker(matrix: try #require(rules.matrix(named: "M")), categories: rules.categories, asOf: day, threads: 1)
            .rank(bytes: Array(data.utf8), path: "d.jsonl", rulesDigest: "")
        return EqualityReport(ranking: ranking, records: MonitoringRecord.read(bytes: Array(data.utf8)),
                              adopted: { _ in false }, adoptedFrom: "test")
    }

    @Test func ratesAndRatiosChangeAndAMoveOutOfTheBandIsFlagged() throws {
        let diff = EqualityDiff(old: try Self.report(burglary: 1), new: try Self.report(burglary: 3))
        let gender = try #require(diff.dimensions.first { $0.name == "gender" })
        let female = try #require(gender.groups.first { $0.name == "female" })
        let male = try #require(gender.groups.first { $0.name == "male" })
        let unknown = try #require(gender.groups.first { $0.name == "not recorded" })
        // Old: 5 of 20 in each group, 25.0%, and 5/20 over 10/40: 1.00 for each.
        for group in [female, male, unknown] {
            #expect(group.old?.recommended == .count(5))
            #expect(group.old?.rate == 0.25)
            #expect(group.old?.ratio == 1.0)
        }
        // New: the women's 3 is hidden; the next smallest, the 5 not recorded, hides with it.
        #expect(female.new?.recommended == .suppressed && unknown.new?.recommended == .suppressed)
        #expect(female.new?.rate == nil && female.new?.ratio == nil)
        #expect(unknown.new?.rate == nil && unknown.new?.ratio == nil)
        // Men: 7/20 = 35.0%, over (15 − 7)/(60 − 20) = 20%: 1.75, out of the band it was in.
        #expect(male.new?.recommended == .count(7))
        #expect(male.new?.rate == 0.35)
        #expect(male.new?.ratio.map { ($0 * 100).rounded() } == 175)
        #expect(male.crossesBand)
        // A ratio that is hidden on one side is not said to cross.
        #expect(!female.crossesBand && !unknown.crossesBand)
        #expect(diff.crossing == 1)

        let lines = EqualityDiffRenderer(diff: diff).lines(onlyChanged: true)
        #expect(lines.contains("  male          20   20        5 → 7        25.0% → 35.0%  1.00 → 1.75  *"), "\(lines.joined(separator: "\n"))")
        #expect(lines.contains("  female        20   20        5 → <5       25.0% → —      1.00 → —"), "\(lines.joined(separator: "\n"))")
        let csv = EqualityDiffRenderer(diff: diff).csv()
        #expect(csv.contains("male") && csv.contains("0.2500") && csv.contains("0.3500") && csv.contains("1.75"), "\(csv)")
    }

    @Test func theSameMatrixChangesNothing() throws {
        let diff = EqualityDiff(old: try Self.report(burglary: 1), new: try Self.report(burglary: 1))
        #expect(diff.changedGroups == 0 && diff.crossing == 0)
    }
}
