import Testing
@testable import PPOEngine

/// A decision that cannot be used is rejected with its reason (docs/cohort.md, "The decisions file").
@Suite struct DecisionReaderTests {
    static let base = #""offender": "A", "scheme": "S", "effective": "2026-01-05""#

    static let cases: [(note: String, line: String, reason: String?)] = [
        ("a good adoption", #"{"id": "D1", \#(base), "decision": "adopt", "strand": "fixed", "reason": "meets_criteria"}"#, nil),
        ("unknown scheme", #"{"id": "D1", "offender": "A", "scheme": "Other", "effective": "2026-01-05", "decision": "adopt", "strand": "fixed", "reason": "meets_criteria"}"#,
         #"unknown scheme "Other""#),
        ("misspelt scheme", #"{"id": "D1", "offender": "A", "scheme": "SS", "effective": "2026-01-05", "decision": "adopt", "strand": "fixed", "reason": "meets_criteria"}"#,
         #"unknown scheme "SS" (did you mean "S"?)"#),
        ("unknown decision", #"{"id": "D1", \#(base), "decision": "adpot", "strand": "fixed", "reason": "meets_criteria"}"#,
         #"decision: unknown value "adpot" (did you mean "adopt"?)"#),
        ("reason of another decision", #"{"id": "D1", \#(base), "decision": "adopt", "strand": "fixed", "reason": "order_completed"}"#,
         #"reason 'order_completed' is not one of scheme "S"'s reasons for adopt: meets_criteria"#),
        ("misspelt reason", #"{"id": "D1", \#(base), "decision": "deselect", "reason": "order_complete"}"#,
         #"reason 'order_complete' is not one of scheme "S"'s reasons for deselect (did you mean 'order_completed'?): order_completed, moved_area"#),
        ("adoption without a strand", #"{"id": "D1", \#(base), "decision": "adopt", "reason": "meets_criteria"}"#,
         "an adoption names its strand: fixed, flex, free"),
        ("unknown strand", #"{"id": "D1", \#(base), "decision": "adopt", "strand": "fixd", "reason": "meets_criteria"}"#,
         #"strand 'fixd' is not one of scheme "S"'s strands (did you mean 'fixed'?): fixed, flex, free"#),
        ("strand on a de-selection", #"{"id": "D1", \#(base), "decision": "deselect", "strand": "fixed", "reason": "moved_area"}"#,
         #""strand" is given only with adopt or review, not with deselect"#),
        ("no effective date", #"{"id": "D1", "offender": "A", "scheme": "S", "decision": "deselect", "reason": "moved_area"}"#,
         #""effective" is required: the date from which the decision holds"#),
        ("review not after effective", #"{"id": "D1", \#(base), "decision": "defer", "reason": "more_information", "next_review": "2026-01-05"}"#,
         "next_review 2026-01-05 is not after the effective date 2026-01-05"),
        ("supersedes nothing", #"{"id": "D1", \#(base), "decision": "deselect", "reason": "moved_area", "supersedes": "D0"}"#,
         #"supersedes "D0", which no earlier decision in the file is"#),
        ("offender with a bidi control", #"{"id": "D1", "offender": "\u202eA", "scheme": "S", "effective": "2026-01-05", "decision": "deselect", "reason": "moved_area"}"#,
         #""offender" must not hold an invisible formatting character (U+202E)"#),
        ("not JSON", #"{"id": "D1""#, "not valid JSON: expected ',' or '}' after object member at column 12"),
    ]

    @Test(arguments: cases.indices)
    func decisionIsReadOrRejected(index: Int) throws {
        let (note, line, reason) = Self.cases[index]
        let rules = try CohortTests.rules()
        let read = rules.decisions(bytes: Array((line + "\n").utf8), path: "d.jsonl")
        #expect(read.decisions.count == (reason == nil ? 1 : 0), "\(note)")
        #expect(read.rejected.map(\.reason) == (reason.map { [$0] } ?? []), "\(note)")
    }

    /// A decision can be superseded once, by a later line about the same offender and scheme.
    @Test func supersessionRules() throws {
        let rules = try CohortTests.rules()
        let lines = [
            #"{"id": "D1", \#(Self.base), "decision": "adopt", "strand": "fixed", "reason": "meets_criteria"}"#,
            #"{"id": "D2", \#(Self.base), "decision": "adopt", "strand": "flex", "reason": "meets_criteria", "supersedes": "D1"}"#,
            #"{"id": "D3", \#(Self.base), "decision": "adopt", "strand": "free", "reason": "meets_criteria", "supersedes": "D1"}"#,
            #"{"id": "D4", "offender": "B", "scheme": "S", "effective": "2026-01-05", "decision": "deselect", "reason": "moved_area", "supersedes": "D2"}"#,
            #"{"id": "D2", \#(Self.base), "decision": "deselect", "reason": "moved_area"}"#,
        ]
        let read = rules.decisions(bytes: Array(lines.joined(separator: "\n").utf8), path: "d.jsonl")
        #expect(read.decisions.map(\.id) == ["D1", "D2"])
        #expect(read.rejected.map(\.rendered) == [
            #"d.jsonl:3: supersedes "D1", already superseded on line 2; correct the correction instead"#,
            #"d.jsonl:4: supersedes "D2", a decision about another offender or scheme"#,
            #"d.jsonl:5: duplicate decision id "D2" (first seen on line 2)"#,
        ])
    }
}
