import Testing
@testable import PPOEngine

/// The panel pack sorts the ranking against the cohort (docs/cohort.md, "The panel pack").
@Suite struct PanelPackTests {
    @Test func eachOffenderIsInTheSectionThePanelNeeds() throws {
        let rules = Fixture.rules("""
        matrix "M"
          offences
            shoplifting 1
          end
          capacity 3
        end

        scheme "S"
          matrix "M"
          strands fixed
          review every 4 weeks
          reasons adopt meets_criteria
          reasons decline below_threshold
          reasons defer more_information
          reasons review still_meets_criteria
          reasons deselect order_completed
        end
        """)
        try #require(!rules.hasErrors, "\(rules.diagnostics)")
        // Scores: A 5, B 4, C 3, D 3 (tied at capacity 3), E 1, F 2; G not in the data.
        let counts = ["A": 5, "B": 4, "C": 3, "D": 3, "E": 1, "F": 2]
        let data = counts.sorted { $0.key < $1.key }.map { id, n in
            let offences = (1...n).map { #"{"id": "\#(id)\#($0)", "category": "shoplifting", "date": "2026-01-0\#($0)", "evidence": "convicted"}"# }
            return #"{"id": "\#(id)", "offences": [\#(offences.joined(separator: ", "))]}"#
        }.joined(separator: "\n") + "\n"
        let decisions = [
            // A adopted long ago: review overdue. E adopted, now scores low: a de-selection prompt.
            #"{"id": "1", "offender": "A", "scheme": "S", "decision": "adopt", "strand": "fixed", "reason": "meets_criteria", "effective": "2025-06-02"}"#,
            #"{"id": "2", "offender": "E", "scheme": "S", "decision": "adopt", "strand": "fixed", "reason": "meets_criteria", "effective": "2026-02-02"}"#,
            // B deferred to a later panel: not listed. F deferred to this one: brought back.
            #"{"id": "3", "offender": "B", "scheme": "S", "decision": "defer", "reason": "more_information", "effective": "2026-02-02", "next_review": "2026-03-30"}"#,
            #"{"id": "4", "offender": "F", "scheme": "S", "decision": "defer", "reason": "more_information", "effective": "2026-02-02", "next_review": "2026-02-23"}"#,
            // G adopted but absent from the data.
            #"{"id": "5", "offender": "G", "scheme": "S", "decision": "adopt", "strand": "fixed", "reason": "meets_criteria", "effective": "2026-02-02"}"#,
        ].joined(separator: "\n")
        let read = rules.decisions(bytes: Array(decisions.utf8), path: "d.jsonl")
        #expect(read.rejected.isEmpty)
        let day = try #require(Day(iso: "2026-03-02"))
        let cohort = Cohort(scheme: try #require(rules.scheme(named: "S")), decisions: read.decisions, asOf: day)
        let matrix = try #require(rules.matrix(named: "M"))
        let ranking = ParallelRanker(matrix: matrix, categories: rules.categories, asOf: day, threads: 1)
            .rank(bytes: Array(data.utf8), path: "data.jsonl", rulesDigest: rules.digest)
        let pack = PanelPack(cohort: cohort, ranking: ranking)
        #expect(pack.newlyRecommended.map(\.offender) == [])
        #expect(pack.ties.map(\.offender) == ["C", "D"])
        // In rank order (A 1st, F 5th, E 6th), then those not ranked.
        #expect(pack.reviewsDue.map { "\($0.offender): \($0.why)" } == [
            "A: review overdue since 2025-06-30",
            "F: deferred 2026-02-02 (more_information); back at this panel",
            "E: review due 2026-03-02",
            "G: review due 2026-03-02",
        ])
        #expect(pack.deselectionPrompts.map { "\($0.offender): \($0.why)" } == [
            "E: on the scheme since 2026-02-02; ranked 6, not recommended",
            "G: on the scheme; not in the data",
        ])
    }
}
