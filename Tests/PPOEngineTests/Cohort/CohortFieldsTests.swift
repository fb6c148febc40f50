import Testing
@testable import PPOEngine

/// What the rules read of the panel's decisions (docs/cohort.md, "Where `is_ppo` comes from";
/// docs/language.md, "The panel's decisions: `cohort`"): `is_ppo`, the `ppo` scope, the `cohort.*`
/// fields and `days_on_scheme`, as of a date, across adopt → review → de-select → re-adopt.
@Suite struct CohortFieldsTests {
    /// Each expression as an alert of its own whose message shows its value; `in ppo scope` is an
    /// alert `for ppo` that is raised for everyone the scope covers.
    static let expressions = ["is_ppo", "cohort.status", "cohort.strand", "cohort.since", "cohort.review_due",
                              "days_on_scheme", "cohort.last_decision", "cohort.last_reason", "cohort.last_decided",
                              "cohort.scheme", "cohort.review_due < today"]

    static let rules: String = {
        var text = CohortTests.scheme + """

        scheme "T"
          strands only
          reasons adopt meets_criteria
          reasons decline below_threshold
          reasons defer more_information
          reasons review still_meets_criteria
          reasons deselect order_completed
        end
        alerts "Fields"

        """
        for (index, expression) in expressions.enumerated() {
            text += "  alert \"\(index)\"\n    for all\n    when true\n    message \"{\(expression)}\"\n  end\n"
        }
        text += "  alert \"in ppo scope\"\n    for ppo\n    when true\n  end\nend\n"
        return text
    }()

    /// Offender A's record says adopted, B's candidate: where no decision is in effect, they stand.
    static let data = """
    {"id": "A", "name": "Ann", "ppo": {"status": "adopted", "since": "2024-01-01"}}
    {"id": "B", "name": "Bob", "ppo": {"status": "candidate"}}
    {"id": "C", "name": "Cas"}

    """

    static let history = [
        "D1 A adopt 2026-01-05 fixed", "D2 A review 2026-03-30 flex reason=strand_change",
        "D3 A deselect 2026-06-01 reason=moved_area", "D4 A adopt 2026-09-07 free", "D5 A review 2027-01-04",
    ]

    struct Case: Sendable, CustomStringConvertible {
        let note: String
        let decisions: [String]
        let asOf: String
        let offender: String
        /// The value of each of `expressions`, in order (`-` for missing), then `ppo` when the
        /// `ppo` scope covers the offender, else `-`.
        let values: String
        var description: String { note }
    }

    static let cases: [Case] = [
        Case(note: "before any decision the record stands (adopted)", decisions: history, asOf: "2026-01-04", offender: "A",
             values: "yes none - - - - - - - - no ppo"),
        Case(note: "adopted on the day it takes effect", decisions: history, asOf: "2026-01-05", offender: "A",
             values: "yes adopted fixed 2026-01-05 2026-03-30 0 adopt meets_criteria 2026-01-05 S no ppo"),
        Case(note: "a review moves the strand and the review date, not the spell", decisions: history, asOf: "2026-04-01",
             offender: "A", values: "yes adopted flex 2026-01-05 2026-06-22 86 review strand_change 2026-03-30 S no ppo"),
        Case(note: "between reviews", decisions: history, asOf: "2026-05-31", offender: "A",
             values: "yes adopted flex 2026-01-05 2026-06-22 146 review strand_change 2026-03-30 S no ppo"),
        Case(note: "overdue the day after the review date", decisions: ["D1 B adopt 2026-01-05 flex"], asOf: "2026-03-31",
             offender: "B", values: "yes adopted flex 2026-01-05 2026-03-30 85 adopt meets_criteria 2026-01-05 S yes ppo"),
        Case(note: "de-selected: not a PPO, whatever the record says", decisions: history, asOf: "2026-06-01", offender: "A",
             values: "no deselected - - - - deselect moved_area 2026-06-01 S no -"),
        Case(note: "re-adopted: a new spell", decisions: history, asOf: "2026-09-30", offender: "A",
             values: "yes adopted free 2026-09-07 2026-11-30 23 adopt meets_criteria 2026-09-07 S no ppo"),
        Case(note: "a review effective after as_of is invisible", decisions: history, asOf: "2026-12-31", offender: "A",
             values: "yes adopted free 2026-09-07 2026-11-30 115 adopt meets_criteria 2026-09-07 S yes ppo"),
        Case(note: "and counts from its day", decisions: history, asOf: "2027-01-04", offender: "A",
             values: "yes adopted free 2026-09-07 2027-03-29 119 review still_meets_criteria 2027-01-04 S no ppo"),
        Case(note: "no decision about B: the record (candidate) stands", decisions: history, asOf: "2026-04-01",
             offender: "B", values: "no none - - - - - - - - no -"),
        Case(note: "adopted by the panel though the record says candidate", decisions: ["D1 B adopt 2026-01-05 flex"],
             asOf: "2026-02-01", offender: "B",
             values: "yes adopted flex 2026-01-05 2026-03-30 27 adopt meets_criteria 2026-01-05 S no ppo"),
        Case(note: "deferred: back at the panel on its date", decisions: ["D1 C defer 2026-01-05 next_review=2026-02-02"],
             asOf: "2026-02-03", offender: "C",
             values: "no deferred - - 2026-02-02 - defer more_information 2026-01-05 S yes -"),
        Case(note: "declined", decisions: ["D1 C decline 2026-01-05"], asOf: "2026-02-03", offender: "C",
             values: "no declined - - - - decline below_threshold 2026-01-05 S no -"),
        Case(note: "a correction: the strand recorded in error never shows",
             decisions: ["D1 C adopt 2026-01-05 fixed", "D2 C adopt 2026-01-05 flex supersedes=D1"], asOf: "2026-01-06",
             offender: "C", values: "yes adopted flex 2026-01-05 2026-03-30 1 adopt meets_criteria 2026-01-05 S no ppo"),
        Case(note: "two schemes: on the scheme of T, declined by S's panel after",
             decisions: ["D1 C decline 2026-05-01", "T1 C adopt 2026-03-01 only scheme=T"], asOf: "2026-06-01", offender: "C",
             values: "yes adopted only 2026-03-01 2026-05-24 92 adopt meets_criteria 2026-03-01 T yes ppo"),
        Case(note: "two schemes, on neither: the panel that decided last",
             decisions: ["D1 C decline 2026-05-01", "T1 C defer 2026-06-01 scheme=T"], asOf: "2026-06-02", offender: "C",
             values: "no deferred - - - - defer more_information 2026-06-01 T no -"),
    ]

    @Test(arguments: cases)
    func fieldsAsOfADate(_ test: Case) throws {
        let rules = Fixture.rules(Self.rules)
        try #require(!rules.hasErrors, "\(rules.diagnostics.map(\.message))")
        let text = CohortTests.decisions(test.decisions).replacingOccurrences(of: #""scheme": "S", "#, with: "")
            .split(separator: "\n").map { line in
                line.contains(#""scheme": "T""#) ? String(line) : String(line).replacingOccurrences(of: "{", with: #"{"scheme": "S", "#)
            }.joined(separator: "\n") + "\n"
        let read = rules.decisions(bytes: Array(text.utf8), path: "d.jsonl")
        #expect(read.rejected.isEmpty, "\(read.rejected.map(\.rendered))")
        let book = DecisionBook(schemes: rules.program.schemes, decisions: read.decisions)
        let evaluated = rules.with(decisions: book)
        let offenders = try Fixture.offenders(Self.data, rules: rules)
        let asOf = try #require(Day(iso: test.asOf))
        let report = evaluated.alerts(blocks: ["Fields"], offenders: offenders, previous: nil, asOf: asOf,
                                      dataDigest: "", previousDigest: nil, rejected: [])
        let mine = report.results.filter { $0.offender == test.offender }
        var values = Self.expressions.indices.map { index in
            mine.first { $0.alert == "\(index)" }.map { $0.message == "not recorded" ? "-" : $0.message } ?? "?"
        }
        values.append(mine.contains { $0.alert == "in ppo scope" } ? "ppo" : "-")
        #expect(values.joined(separator: " ") == test.values)

        // The streamed run (several threads, small blocks) agrees with the in-memory one.
        let streamed = try evaluated.alerts(blocks: ["Fields"], source: .bytes(Array(Self.data.utf8), path: "data.jsonl"),
                                            previous: nil, asOf: asOf,
                                            pass: RecordPass(categories: rules.categories, threads: 2, blockSize: 16))
        #expect(streamed.report.results == report.results)
    }

    /// A misspelt strand, reason or status is an error with a suggestion, as every value is.
    @Test(arguments: [
        ("cohort.strand = fixd", "'fixd' is not a strand of any loaded scheme", "fixed"),
        ("cohort.last_reason = moved_aera", "'moved_aera' is not a reason code of any loaded scheme", "moved_area"),
        ("cohort.status = adopt", "'adopt' is not a cohort status; expected one of adopted, deferred, declined, deselected, none", "adopted"),
        ("cohort.last_decision = reviewed", "'reviewed' is not a panel decision; expected one of adopt, decline, defer, review, deselect", "review"),
    ])
    func misspeltValues(_ condition: String, _ message: String, _ suggestion: String) {
        let rules = Fixture.rules(CohortTests.scheme + "\nalerts \"X\"\n  alert \"A\"\n    when \(condition)\n  end\nend\n")
        let error = rules.diagnostics.first { $0.severity == .error }
        #expect(error?.message == message)
        #expect(error?.suggestion == suggestion)
    }

    @Test func aMisspeltFieldIsAnErrorWithASuggestion() {
        let rules = Fixture.rules("alerts \"X\"\n  alert \"A\"\n    when cohort.review_dew < today\n  end\nend\n")
        let error = rules.diagnostics.first { $0.severity == .error }
        #expect(error?.message == "a cohort has no field 'review_dew'", "\(rules.diagnostics.map(\.message))")
        #expect(error?.suggestion == "review_due")
    }

    /// The standing agrees with the whole cohort for every offender of the sample decisions, on
    /// every day a decision takes effect and the day before.
    @Test func standingAgreesWithTheCohort() throws {
        let rules = Fixture.rules(CohortTests.scheme)
        let text = CohortTests.decisions(Self.history + ["D6 B adopt 2026-02-02 flex", "D7 B deselect 2026-07-06",
                                                         "D8 C defer 2026-03-02 next_review=2026-04-06"])
        let read = rules.decisions(bytes: Array(text.utf8), path: "d.jsonl")
        let scheme = try #require(rules.scheme(named: "S"))
        let book = DecisionBook(schemes: rules.program.schemes, decisions: read.decisions)
        for decision in read.decisions {
            for day in [decision.effective.adding(days: -1), decision.effective] {
                let cohort = Cohort(scheme: scheme, decisions: read.decisions, asOf: day)
                for id in ["A", "B", "C"] {
                    let member = cohort.member(id), standing = book.standing(of: id, asOf: day)
                    #expect(member?.status == standing?.member.status && member?.reviewDue == standing?.member.reviewDue
                            && member?.strand == standing?.member.strand && member?.since == standing?.member.since,
                            "\(id) on \(day)")
                }
            }
        }
    }
}
