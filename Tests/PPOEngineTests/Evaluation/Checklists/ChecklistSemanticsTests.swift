import Testing
@testable import PPOEngine

/// Table-driven cases for SPEC §5.4: one case per row, checked as of Monday 2026-11-23.
@Suite struct ChecklistSemanticsTests {
    static let rules = Fixture.rules("""
    calendar ew
      weekend saturday, sunday
      holiday 2026-12-25 "Christmas Day"
      holiday 2026-12-28 "Boxing Day (substitute day)"
      holiday 2027-01-01 "New Year's Day"
    end
    checklist "PS"
      for all
      calendar ew
      events advice, charged, mg6, review, trial, reduced, reason, remanded
      limit mg6_days = 5 working days   # local agreement
      rule "Advice"
        owner police
        require advice before charged
      end
      rule "MG6"
        owner police
        require mg6 within mg6_days after charged
      end
      rule "Review"
        owner cps
        require review at least 14 days before trial
      end
      rule "Review (working days)"
        owner cps
        require review at least 2 working days before trial
      end
      rule "Reduction"
        owner cps
        forbid reduced unless reason
      end
      rule "Remand only"
        owner courts
        when any(events where type = remanded) and offender.area = "Northtown"
        require mg6 within 10 days after charged
      end
    end
    """)

    struct Row: CustomTestStringConvertible, Sendable {
        let note: String
        let rule: String
        let events: String
        /// `status due days_late`, `-` for absent; one per result, joined by `; `.
        let expected: String
        var testDescription: String { note }
    }

    static func event(_ id: String, _ type: String, _ date: String, scheduled: Bool = false) -> String {
        #"{"id":"\#(id)","type":"\#(type)","date":"\#(date)"\#(scheduled ? #","scheduled":true"# : "")}"#
    }

    static let rows: [Row] = [
        // require A before B
        Row(note: "advice the day before charge is met", rule: "Advice",
            events: [event("e1", "advice", "2026-11-01"), event("e2", "charged", "2026-11-02")].joined(separator: ","),
            expected: "met 2026-11-02 -"),
        Row(note: "advice on the day of charge is met", rule: "Advice",
            events: [event("e1", "charged", "2026-11-02"), event("e2", "advice", "2026-11-02")].joined(separator: ","),
            expected: "met 2026-11-02 -"),
        Row(note: "advice only after charge is breached", rule: "Advice",
            events: [event("e1", "charged", "2026-11-02"), event("e2", "advice", "2026-11-03")].joined(separator: ","),
            expected: "breached 2026-11-02 -"),
        Row(note: "no charge: not applicable", rule: "Advice",
            events: event("e1", "advice", "2026-11-02"), expected: "not_applicable - -"),
        Row(note: "each charge is checked on its own", rule: "Advice",
            events: [event("e1", "advice", "2026-10-01"), event("e2", "charged", "2026-10-02"),
                     event("e3", "charged", "2026-09-01")].joined(separator: ","),
            expected: "breached 2026-09-01 -; met 2026-10-02 -"),
        Row(note: "a listed future trigger without A yet is pending", rule: "Advice",
            events: event("e1", "charged", "2026-12-01", scheduled: true), expected: "pending 2026-12-01 -"),
        Row(note: "an unscheduled event after as_of does not exist", rule: "Advice",
            events: event("e1", "charged", "2026-12-01"), expected: "not_applicable - -"),
        Row(note: "an undated trigger is ignored", rule: "Advice",
            events: #"{"id":"e1","type":"charged"}"#, expected: "not_applicable - -"),
        // require A within D after B (working days)
        Row(note: "MG6 on the fifth working day is met", rule: "MG6",
            events: [event("e1", "charged", "2026-11-16"), event("e2", "mg6", "2026-11-23")].joined(separator: ","),
            expected: "met 2026-11-23 -"),
        Row(note: "MG6 a working day late", rule: "MG6",
            events: [event("e1", "charged", "2026-11-13"), event("e2", "mg6", "2026-11-23")].joined(separator: ","),
            expected: "breached 2026-11-20 1"),
        Row(note: "no MG6 and the deadline passed: overdue in working days", rule: "MG6",
            events: event("e1", "charged", "2026-11-06"), expected: "breached 2026-11-13 6"),
        Row(note: "no MG6 yet, deadline to come: pending with the due date", rule: "MG6",
            events: event("e1", "charged", "2026-11-20"), expected: "pending 2026-11-27 -"),
        Row(note: "no MG6, due today: still pending", rule: "MG6",
            events: event("e1", "charged", "2026-11-16"), expected: "pending 2026-11-23 -"),
        Row(note: "an MG6 before the charge does not count", rule: "MG6",
            events: [event("e1", "mg6", "2026-11-01"), event("e2", "charged", "2026-11-02")].joined(separator: ","),
            expected: "breached 2026-11-09 10"),
        Row(note: "an MG6 on the day of charge counts", rule: "MG6",
            events: [event("e1", "charged", "2026-11-02"), event("e2", "mg6", "2026-11-02")].joined(separator: ","),
            expected: "met 2026-11-09 -"),
        Row(note: "a scheduled future charge gives a pending duty over Christmas", rule: "MG6",
            events: event("e1", "charged", "2026-12-24", scheduled: true), expected: "pending 2027-01-05 -"),
        // require A at least D before B
        Row(note: "review 14 days before trial is met", rule: "Review",
            events: [event("e1", "review", "2026-11-10"), event("e2", "trial", "2026-11-24", scheduled: true)].joined(separator: ","),
            expected: "met 2026-11-10 -"),
        Row(note: "review only 12 days before a past trial is breached, two days late", rule: "Review",
            events: [event("e1", "review", "2026-11-08"), event("e2", "trial", "2026-11-20")].joined(separator: ","),
            expected: "breached 2026-11-06 2"),
        Row(note: "no review and the target passed: overdue to as_of", rule: "Review",
            events: event("e1", "trial", "2026-12-01", scheduled: true), expected: "breached 2026-11-17 6"),
        Row(note: "no review, trial past: overdue counted to the trial, not on forever", rule: "Review",
            events: event("e1", "trial", "2026-10-20"), expected: "breached 2026-10-06 14"),
        Row(note: "no review yet, target to come: pending", rule: "Review",
            events: event("e1", "trial", "2026-12-21", scheduled: true), expected: "pending 2026-12-07 -"),
        Row(note: "no review yet, target is today: pending", rule: "Review",
            events: event("e1", "trial", "2026-12-07", scheduled: true), expected: "pending 2026-11-23 -"),
        Row(note: "working days back over Christmas", rule: "Review (working days)",
            events: event("e1", "trial", "2026-12-29", scheduled: true), expected: "pending 2026-12-23 -"),
        Row(note: "working-day target passed: overdue in working days", rule: "Review (working days)",
            events: event("e1", "trial", "2026-11-24", scheduled: true), expected: "breached 2026-11-20 1"),
        // forbid A unless R
        Row(note: "a reduction with a recorded reason is met", rule: "Reduction",
            events: [event("e1", "reduced", "2026-11-01"), event("e2", "reason", "2026-11-01")].joined(separator: ","),
            expected: "met - -"),
        Row(note: "a reduction without a reason is breached", rule: "Reduction",
            events: event("e1", "reduced", "2026-11-01"), expected: "breached - -"),
        Row(note: "two reductions, no reason: two breaches", rule: "Reduction",
            events: [event("e1", "reduced", "2026-11-01"), event("e2", "reduced", "2026-11-05")].joined(separator: ","),
            expected: "breached - -; breached - -"),
        Row(note: "no reduction: not applicable", rule: "Reduction",
            events: event("e1", "reason", "2026-11-01"), expected: "not_applicable - -"),
        // when
        Row(note: "a when guard that holds lets the rule apply", rule: "Remand only",
            events: [event("e1", "remanded", "2026-11-01"), event("e2", "charged", "2026-11-01")].joined(separator: ","),
            expected: "breached 2026-11-11 12"),
        Row(note: "a when guard that fails makes the rule not applicable", rule: "Remand only",
            events: event("e1", "charged", "2026-11-01"), expected: "not_applicable - -"),
    ]

    static func results(_ row: Row, area: String = "Northtown") throws -> [DutyResult] {
        let record = #"{"id":"A","area":"\#(area)","ppo":{"status":"adopted"},"cases":[{"id":"C1","events":[\#(row.events)]}]}"#
        let offenders = try Fixture.offenders(record + "\n", rules: rules)
        let checklist = try #require(rules.checklist(named: "PS"))
        let asOf = try #require(Day(iso: "2026-11-23"))
        return checklist.check(offenders, asOf: asOf).filter { $0.rule == row.rule }
    }

    @Test(arguments: rows)
    func status(_ row: Row) throws {
        #expect(!Self.rules.hasErrors, "\(Self.rules.diagnostics.map(\.message))")
        let found = try Self.results(row).map { r in
            "\(r.status.rawValue) \(r.due?.description ?? "-") \(r.daysLate.map(String.init) ?? "-")"
        }.joined(separator: "; ")
        #expect(found == row.expected)
    }

    @Test func aGuardReadsTheOffenderThroughOffender() throws {
        let row = Self.rows.first { $0.note.hasPrefix("a when guard that holds") }
        let results = try Self.results(try #require(row), area: "Southtown")
        #expect(results.map(\.status) == [.notApplicable])
    }

    @Test func resultsCarryTheCaseTriggerOwnerAndEvidence() throws {
        let row = Row(note: "", rule: "MG6",
                      events: [Self.event("c", "charged", "2026-11-13"), Self.event("m", "mg6", "2026-11-23")].joined(separator: ","),
                      expected: "")
        let result = try #require(try Self.results(row).first)
        #expect(result.offender == "A")
        #expect(result.caseID == "C1")
        #expect(result.owner == "police")
        #expect(result.trigger == "c")
        #expect(result.workingDays)
        #expect(result.evidence == ["c", "m"])
    }

    @Test func scopeLimitsWhoIsChecked() throws {
        let rules = Fixture.rules("""
        checklist "P"
          events a, b
          rule "R"
            owner police
            require a before b
          end
        end
        """)
        let offenders = try Fixture.offenders("""
        {"id":"adopted","ppo":{"status":"adopted"},"cases":[{"id":"C","events":[{"id":"e","type":"b","date":"2026-01-01"}]}]}
        {"id":"candidate","ppo":{"status":"candidate"},"cases":[{"id":"C","events":[{"id":"e","type":"b","date":"2026-01-01"}]}]}
        {"id":"none","cases":[{"id":"C","events":[{"id":"e","type":"b","date":"2026-01-01"}]}]}

        """, rules: rules)
        let results = try #require(rules.checklist(named: "P")).check(offenders, asOf: try #require(Day(iso: "2026-11-23")))
        #expect(results.map(\.offender) == ["adopted"])   // `for ppo` is the default
    }

    @Test func summaryCountsPerOwnerAndCompliance() throws {
        let results = [
            DutyResult(offender: "A", offenderName: nil, line: 1, caseID: "C", rule: "R", owner: "police", status: .met,
                       trigger: "t", due: nil, daysLate: nil, workingDays: false, evidence: []),
            DutyResult(offender: "A", offenderName: nil, line: 1, caseID: "C", rule: "R", owner: "police", status: .met,
                       trigger: "t", due: nil, daysLate: nil, workingDays: false, evidence: []),
            DutyResult(offender: "A", offenderName: nil, line: 1, caseID: "C", rule: "R", owner: "police", status: .breached,
                       trigger: "t", due: nil, daysLate: 2, workingDays: false, evidence: []),
            DutyResult(offender: "A", offenderName: nil, line: 1, caseID: "C", rule: "S", owner: "cps", status: .pending,
                       trigger: "t", due: nil, daysLate: nil, workingDays: false, evidence: []),
        ]
        let asOf = try #require(Day(iso: "2026-11-23"))
        let report = BreachReport(checklist: "PS", asOf: asOf, rulesDigest: "", dataDigest: "", results: results,
                                  owners: ["police", "cps"], warnings: [], rejected: [])
        #expect(report.summary.map(\.owner) == ["police", "cps"])
        #expect(report.summary[0].compliance?.description == "0.666667")
        #expect(report.summary[1].compliance == nil)   // nothing met or breached yet
        #expect(report.filtered(owner: "cps").results.count == 1)
    }

    @Test func undeclaredAndUndatedEventsAreWarnings() throws {
        let offenders = try Fixture.offenders("""
        {"id":"A","cases":[{"id":"C1","events":[{"id":"e1","type":"charge","date":"2026-01-01"},{"id":"e2","type":"charged"}]}]}
        {"id":"B","cases":[{"id":"C2","events":[{"id":"e3","type":"charge","date":"2026-01-01"},{"id":"e4","date":"2026-01-01"}]}]}

        """, rules: Self.rules)
        let warnings = Self.rules.eventWarnings(offenders, dataPath: "data.jsonl").map(\.rendered)
        #expect(warnings == [
            "data.jsonl:1: warning: case C1: event e2 (charged) has no date; checklists ignore it",
            "data.jsonl:1: warning: event type 'charge' is not declared by any checklist (2 events, first here); did you mean 'charged'?",
            "data.jsonl:2: warning: case C2: event e4 has no type; checklists ignore it",
        ])
    }
}
