import Testing
@testable import PPOEngine

/// The cohort as of a date, folded from a panel's decisions (docs/cohort.md, "The cohort").
@Suite struct CohortTests {
    static let scheme = """
    matrix "M"
      offences
        shoplifting 2
      end
    end

    scheme "S"
      matrix "M"
      strands fixed, flex, free
      review every 12 weeks
      reasons adopt meets_criteria
      reasons decline below_threshold
      reasons defer more_information
      reasons review still_meets_criteria, strand_change
      reasons deselect order_completed, moved_area
    end
    """

    static func rules() throws -> RuleSet {
        let rules = Fixture.rules(scheme)
        try #require(!rules.hasErrors, "\(rules.diagnostics)")
        return rules
    }

    /// `id offender decision effective [strand] [reason] [key=value …]`, one decision a line.
    static func decisions(_ lines: [String]) -> String {
        lines.map { line -> String in
            let words = line.split(separator: " ").map(String.init)
            var fields = [#""id": "\#(words[0])""#, #""offender": "\#(words[1])""#, #""scheme": "S""#,
                          #""decision": "\#(words[2])""#, #""effective": "\#(words[3])""#]
            let reasons = ["adopt": "meets_criteria", "decline": "below_threshold", "defer": "more_information",
                           "review": "still_meets_criteria", "deselect": "order_completed"]
            var reason = reasons[words[2]] ?? "?"
            for word in words.dropFirst(4) {
                let parts = word.split(separator: "=", maxSplits: 1).map(String.init)
                if parts.count == 2 {
                    if parts[0] == "reason" { reason = parts[1] } else { fields.append(#""\#(parts[0])": "\#(parts[1])""#) }
                } else {
                    fields.append(#""strand": "\#(word)""#)
                }
            }
            fields.append(#""reason": "\#(reason)""#)
            return "{" + fields.joined(separator: ", ") + "}"
        }.joined(separator: "\n") + "\n"
    }

    struct Case: Sendable, CustomStringConvertible {
        let note: String
        let decisions: [String]
        let asOf: String
        /// `offender status strand since reviewDue`, `-` for none; one per member, in decision order.
        let members: [String]
        var warnings: [Int] = []
        var description: String { note }
    }

    static let cases: [Case] = [
        Case(note: "adopted, review due 12 weeks on", decisions: ["D1 A adopt 2026-01-05 fixed"], asOf: "2026-02-01",
             members: ["A adopted fixed 2026-01-05 2026-03-30"]),
        Case(note: "a decision effective after as_of is invisible", decisions: ["D1 A adopt 2026-01-05 fixed"],
             asOf: "2026-01-04", members: []),
        Case(note: "effective on as_of counts", decisions: ["D1 A adopt 2026-01-05 fixed"], asOf: "2026-01-05",
             members: ["A adopted fixed 2026-01-05 2026-03-30"]),
        Case(note: "a review keeps the spell and moves the review", decisions: [
            "D1 A adopt 2026-01-05 fixed", "D2 A review 2026-03-30 next_review=2026-05-01"], asOf: "2026-04-01",
             members: ["A adopted fixed 2026-01-05 2026-05-01"]),
        Case(note: "a review may move the strand", decisions: [
            "D1 A adopt 2026-01-05 fixed", "D2 A review 2026-03-30 flex reason=strand_change"], asOf: "2026-04-01",
             members: ["A adopted flex 2026-01-05 2026-06-22"]),
        Case(note: "adopt, review, de-select, re-adopt: a new spell", decisions: [
            "D1 A adopt 2025-01-06 fixed", "D2 A review 2025-03-31", "D3 A deselect 2025-06-02",
            "D4 A adopt 2026-02-02 free"], asOf: "2026-03-01",
             members: ["A adopted free 2026-02-02 2026-04-27"]),
        Case(note: "between the de-selection and the re-adoption", decisions: [
            "D1 A adopt 2025-01-06 fixed", "D3 A deselect 2025-06-02", "D4 A adopt 2026-02-02 free"], asOf: "2025-12-31",
             members: ["A deselected - - -"]),
        Case(note: "a correction supersedes: the strand recorded in error never counts", decisions: [
            "D1 A adopt 2026-01-05 fixed", "D2 A adopt 2026-01-05 flex supersedes=D1"], asOf: "2026-02-01",
             members: ["A adopted flex 2026-01-05 2026-03-30"]),
        Case(note: "a correction effective later leaves the original in force until then", decisions: [
            "D1 A deselect 2026-01-05", "D0 A adopt 2025-01-05 fixed"], asOf: "2026-02-01",
             members: ["A deselected - - -"]),
        Case(note: "file order within a day; decisions sorted by effective date", decisions: [
            "D2 A review 2026-03-02", "D1 A adopt 2026-01-05 fixed"], asOf: "2026-03-10",
             members: ["A adopted fixed 2026-01-05 2026-05-25"]),
        Case(note: "deferred until the next panel; declined", decisions: [
            "D1 A defer 2026-01-05 next_review=2026-02-02", "D2 B decline 2026-01-05"], asOf: "2026-01-10",
             members: ["A deferred - - 2026-02-02", "B declined - - -"]),
        Case(note: "deferred, then adopted", decisions: [
            "D1 A defer 2026-01-05 next_review=2026-02-02", "D2 A adopt 2026-02-02 free"], asOf: "2026-02-10",
             members: ["A adopted free 2026-02-02 2026-04-27"]),
        Case(note: "overlapping: adopted twice, the second is a warning and moves the strand", decisions: [
            "D1 A adopt 2026-01-05 fixed", "D2 A adopt 2026-02-02 flex"], asOf: "2026-02-10",
             members: ["A adopted flex 2026-01-05 2026-04-27"], warnings: [2]),
        Case(note: "a review of someone not on the scheme is not counted", decisions: [
            "D1 A review 2026-01-05"], asOf: "2026-02-10", members: [], warnings: [1]),
        Case(note: "a de-selection of someone not on it is not counted", decisions: [
            "D1 A decline 2026-01-05", "D2 A deselect 2026-01-06"], asOf: "2026-02-10",
             members: ["A declined - - -"], warnings: [2]),
        Case(note: "declined while on the scheme is not counted", decisions: [
            "D1 A adopt 2026-01-05 free", "D2 A decline 2026-01-06"], asOf: "2026-02-10",
             members: ["A adopted free 2026-01-05 2026-03-30"], warnings: [2]),
    ]

    @Test(arguments: cases)
    func cohortAsOfADate(_ test: Case) throws {
        let rules = try Self.rules()
        let read = rules.decisions(bytes: Array(Self.decisions(test.decisions).utf8), path: "d.jsonl")
        #expect(read.rejected.isEmpty, "\(read.rejected.map(\.rendered))")
        let scheme = try #require(rules.scheme(named: "S"))
        let cohort = Cohort(scheme: scheme, decisions: read.decisions, asOf: try #require(Day(iso: test.asOf)))
        let shown = cohort.members.map { m in
            [m.offender, m.status.rawValue, m.strand ?? "-", m.since?.description ?? "-", m.reviewDue?.description ?? "-"]
                .joined(separator: " ")
        }
        #expect(shown == test.members)
        #expect(cohort.warnings.map(\.line) == test.warnings, "\(cohort.warnings)")
    }

    @Test func entriesAndExitsCarryTheirReasons() throws {
        let rules = try Self.rules()
        let text = Self.decisions(["D1 A adopt 2025-01-06 fixed", "D2 B adopt 2025-03-03 flex",
                                   "D3 A deselect 2025-06-02 reason=moved_area", "D4 A adopt 2026-02-02 free"])
        let read = rules.decisions(bytes: Array(text.utf8), path: "d.jsonl")
        let cohort = Cohort(scheme: try #require(rules.scheme(named: "S")), decisions: read.decisions,
                            asOf: try #require(Day(iso: "2026-03-01")))
        let moves = cohort.movements.map { "\($0.day) \($0.entry ? "in" : "out") \($0.offender) \($0.decision.reason)" }
        #expect(moves == ["2025-01-06 in A meets_criteria", "2025-03-03 in B meets_criteria",
                          "2025-06-02 out A moved_area", "2026-02-02 in A meets_criteria"])
        #expect(cohort.member("A")?.daysOnScheme == 27)
        #expect(cohort.member("B")?.daysOnScheme == 363)
    }

    /// A record whose `ppo.status` contradicts the decisions is a data warning, either way round;
    /// an offender the panel never decided about keeps the record's status silently.
    @Test func aContradictingStatusIsAWarning() throws {
        let rules = try Self.rules()
        let text = Self.decisions(["D1 A adopt 2026-01-05 fixed", "D2 B adopt 2025-01-06 flex", "D3 B deselect 2025-06-02"])
        let read = rules.decisions(bytes: Array(text.utf8), path: "d.jsonl")
        let cohort = Cohort(scheme: try #require(rules.scheme(named: "S")), decisions: read.decisions,
                            asOf: try #require(Day(iso: "2026-02-01")))
        let records = """
        {"id": "A", "ppo": {"status": "candidate"}}
        {"id": "B", "ppo": {"status": "adopted"}}
        {"id": "C", "ppo": {"status": "adopted"}}
        {"id": "D"}
        """
        let batch = RecordReader(categories: rules.categories).read(bytes: Array(records.utf8), path: "data.jsonl")
        let warnings = MembershipCheck.contradictions(cohort, offenders: batch.offenders, dataPath: "data.jsonl")
        #expect(warnings.map(\.rendered) == [
            #"data.jsonl:1: warning: A: ppo.status is 'candidate' but the panel adopted them (decision D1, on the scheme since 2026-01-05); the cohort of scheme "S" follows the decisions"#,
            #"data.jsonl:2: warning: B: ppo.status is 'adopted' but the panel's last decision is deselect on 2025-06-02 (decision D3); the cohort of scheme "S" follows the decisions"#,
        ])
    }
}
