import Testing
@testable import PPOEngine

/// Equality monitoring (docs/workbench.md): counts per group and stage, small cells suppressed with
/// a second cell where one would show through, ratios against everyone else, flags outside 0.8–1.25.
@Suite struct EqualityReportTests {
    /// `count` records of `gender` with `offences` shoplifting offences each (capacity 20 picks the top).
    static func records(_ groups: [(gender: String?, count: Int, offences: Int)]) -> String {
        var lines: [String] = []
        var n = 0
        for group in groups {
            for _ in 0..<group.count {
                n += 1
                let offences = (1...group.offences).map { #"{"id": "O\#(n)-\#($0)", "category": "shoplifting", "date": "2026-01-01", "evidence": "convicted"}"# }
                let gender = group.gender.map { #", "gender": "\#($0)""# } ?? ""
                lines.append(#"{"id": "P\#(n)", "dob": "1990-06-01"\#(gender), "offences": [\#(offences.joined(separator: ", "))]}"#)
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func report(_ data: String) throws -> EqualityReport {
        let rules = Fixture.rules("""
        matrix "M"
          offences
            shoplifting 1
          end
          capacity 20
        end
        """)
        try #require(!rules.hasErrors)
        let day = try #require(Day(iso: "2026-03-02"))
        let ranking = ParallelRanker(matrix: try #require(rules.matrix(named: "M")), categories: rules.categories, asOf: day, threads: 1)
            .rank(bytes: Array(data.utf8), path: "d.jsonl", rulesDigest: "")
        return EqualityReport(ranking: ranking, records: MonitoringRecord.read(bytes: Array(data.utf8)),
                              adopted: { _ in false }, adoptedFrom: "test")
    }

    @Test func ratiosAndFlags() throws {
        // Recommended (top 20): all 10 women (3 offences), all 8 "other" and 2 of 20 men (2 offences).
        let data = Self.records([("female", 10, 3), ("other", 8, 2), ("male", 2, 2), ("male", 18, 1)])
        let gender = try #require(try Self.report(data).dimensions.first { $0.name == "gender" })
        let female = try #require(gender.groups.first { $0.name == "female" })
        let male = try #require(gender.groups.first { $0.name == "male" })
        let other = try #require(gender.groups.first { $0.name == "other" })
        #expect(female.shown[.all] == .count(10) && female.shown[.recommended] == .count(10))
        // The men's 2 is suppressed, and the next smallest (8 "other") with it.
        #expect(male.shown[.recommended] == .suppressed && other.shown[.recommended] == .suppressed)
        // Women 10/10 against everyone else's (20 − 10)/(38 − 10): 2.80, flagged.
        #expect(female.recommendedRatio.map { ($0 * 100).rounded() } == 280)
        #expect(female.flagged)
        #expect(male.recommendedRatio == nil && other.recommendedRatio == nil)
    }

    @Test func oneSmallCellHidesASecondAndMissingIsNotRecorded() throws {
        let data = Self.records([("female", 3, 1), ("male", 12, 1), (nil, 20, 1)])
        let gender = try #require(try Self.report(data).dimensions.first { $0.name == "gender" })
        #expect(gender.groups.map(\.name) == ["female", "male", "not recorded"])
        // 3 women is primary-suppressed; the next smallest (12 men) hides too, so 35 − 20 cannot show 3.
        #expect(gender.groups.map { $0.shown[.all]?.description } == ["<5", "<5", "20"])
    }
}
