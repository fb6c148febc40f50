@testable import PPOEngine

/// Hand-built rankings that exercise every corner the renderers have: weighting, ties at capacity,
/// long and hostile names, missing names and tiers, negative and fractional scores, ineligible
/// offenders and rejected records.
enum RankingFixture {
    static func decimal(_ text: String) -> Decimal6 { Decimal6(parsing: text[...]) ?? .zero }
    static let asOf = Day(year: 2026, month: 11, day: 22) ?? Day(ordinal: 0)

    static let alan = ScoredOffender(
        id: "NT-0001", name: "Alan Example", rank: 1, score: decimal("198"), tier: "High",
        recommended: true, tieAtCapacity: false,
        lines: [
            ScoreLine(section: .offences, label: "burglary_dwelling", points: decimal("13"),
                      evidence: ["OF-1", "OF-2", "OF-3"], detail: "2 × 4 + 1 × 5 (series)"),
            ScoreLine(section: .offences, label: "shoplifting", points: decimal("3"),
                      evidence: ["OF-4", "OF-5"], detail: "1 × 2 + 1 × 2 × 0.5 (suspected)"),
            ScoreLine(section: .unscored, label: "criminal_damage", points: .zero,
                      evidence: ["OF-9"], detail: "no row"),
            ScoreLine(section: .factor, label: "Current intelligence", points: decimal("5"),
                      evidence: ["IN-4"], detail: "12 days since the latest graded item (<= 28)"),
            ScoreLine(section: .factor, label: "Serial offender", points: decimal("3"),
                      evidence: ["OF-1", "OF-2", "OF-3", "OF-4", "OF-5", "OF-9"], detail: "6 offences (>= 2)"),
            ScoreLine(section: .factor, label: "Arrests in previous 12 months", points: decimal("9"),
                      evidence: (1...14).map { "AR-2026-\(String(1000 + $0))" },
                      detail: "3 × 3 arrests in the 12 months to 2026-11-22, counting only those with a charge code"),
            ScoreLine(section: .factor, label: "Drug dependant (MDT)", points: .zero, evidence: [], detail: "no data"),
        ],
        mainWeighting: MainWeighting(label: "Priority crime category", row: "burglary_dwelling", weight: ExactDecimal(6)),
        latestOffence: Day(year: 2026, month: 10, day: 1))

    static let bartholomew = ScoredOffender(
        id: "NT-0002", name: "Bartholomew Fitzwilliam-Montgomery Smythe-Carrington of Lower Northtown Estate",
        rank: 2, score: decimal("75.5"), tier: "Medium", recommended: true, tieAtCapacity: true,
        lines: [
            ScoreLine(section: .offences, label: "theft_from_vehicle", points: decimal("75.5"),
                      evidence: ["OF-21"], detail: "1 × 75.5"),
        ],
        mainWeighting: MainWeighting(label: "Priority crime category", row: nil, weight: .one),
        latestOffence: Day(year: 2026, month: 9, day: 1))

    static let formula = ScoredOffender(
        id: "NT-0003", name: "=HYPERLINK(\"http://example.invalid\",\"click\")", rank: 3, score: decimal("75.5"),
        tier: "Medium", recommended: false, tieAtCapacity: true, lines: [], mainWeighting: nil,
        latestOffence: nil)

    static let nameless = ScoredOffender(
        id: "NT-0004", name: nil, rank: 4, score: decimal("-2.25"), tier: "Low", recommended: false,
        tieAtCapacity: false,
        lines: [ScoreLine(section: .factor, label: "Settled: employed", points: decimal("-2.25"),
                          evidence: [], detail: "-2.25 when \"employed\" in flags")],
        mainWeighting: nil, latestOffence: nil)

    static let hostile = ScoredOffender(
        id: "@NT-0005", name: "O'Brien, \"Mac\"\nSecond line", rank: 5, score: decimal("0.333333"), tier: nil,
        recommended: false, tieAtCapacity: false, lines: [], mainWeighting: nil, latestOffence: nil)

    static let young = IneligibleOffender(
        id: "NT-0009", name: "Young Person",
        reason: "eligible when age >= 10 is false (age 9 at 2026-11-22, from dob 2017-01-05)")
    static let undated = IneligibleOffender(id: "NT-0010", name: nil, reason: "age is missing (no dob)")

    static let ranking = Ranking(
        matrix: "Prolific Offender Prioritisation", version: "2026-11", asOf: asOf,
        rulesDigest: "3f2a9c0d1b7e5a4c3f2a9c0d1b7e5a4c3f2a9c0d1b7e5a4c3f2a9c0d1b7e5a4c",
        dataDigest: "9c1d0e2f3a4b5c6d9c1d0e2f3a4b5c6d9c1d0e2f3a4b5c6d9c1d0e2f3a4b5c6d",
        capacity: 2, offenders: [alan, bartholomew, formula, nameless, hostile], ineligible: [young, undated],
        rejected: [
            RejectedRecord(file: "samples/northtown.jsonl", line: 4, reason: "not valid JSON: unexpected end of line",
                           text: "{\"id\": \"NT-0011\", \"name\": \"Cut Off"),
            RejectedRecord(file: "samples/northtown.jsonl", line: 7, reason: "repeats the id 'NT-0001' of line 1",
                           text: "{\"id\": \"NT-0001\"}"),
        ])

    static let empty = Ranking(
        matrix: "A matrix whose name is far too long to fit on one line of a terminal eighty columns wide",
        version: nil, asOf: asOf, rulesDigest: "", dataDigest: "abc", capacity: nil, offenders: [],
        ineligible: [], rejected: [RejectedRecord(file: "d.jsonl", line: 1, reason: "missing id", text: "{}")])
}
