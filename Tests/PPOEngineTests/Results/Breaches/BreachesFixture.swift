@testable import PPOEngine

/// A hand-built checklist report with every status and every shape of result the renderers meet:
/// late in working days and in calendar days, one day late, a `forbid` breach with no due date, a
/// `before` breach with no days late, pending due today, tomorrow and later, an owner with nothing to
/// check, long, hostile and missing names, a formula-like case id, a data warning and a rejected record.
enum BreachesFixture {
    static func day(_ month: Int, _ dayOfMonth: Int) -> Day {
        Day(year: 2026, month: month, day: dayOfMonth) ?? Day(ordinal: 0)
    }

    static let asOf = day(11, 23)
    static let mg6 = "MG6 case file in all PPO cases"
    static let advice = "Police seek CPS advice pre-charge"
    static let readiness = "Trial readiness reviewed"
    static let reduction = "Charge reduction only in exceptional circumstances"
    static let longName = "Bartholomew Fitzwilliam-Montgomery Smythe-Carrington of Lower Northtown Estate"

    static func result(_ offender: String, _ name: String?, line: Int, case caseID: String, _ rule: String,
                       _ owner: String, _ status: DutyStatus, trigger: String?, due: Day?, late: Int? = nil,
                       working: Bool = false, evidence: [String]) -> DutyResult {
        DutyResult(offender: offender, offenderName: name, line: line, caseID: caseID, rule: rule, owner: owner,
                   status: status, trigger: trigger, due: due, daysLate: late, workingDays: working,
                   evidence: evidence)
    }

    static let results: [DutyResult] = [
        result("NT-0001", "Alan Example", line: 1, case: "C-0001-1", advice, "police", .met,
               trigger: "EV-0001-02", due: day(10, 20), evidence: ["EV-0001-02", "EV-0001-01"]),
        result("NT-0001", "Alan Example", line: 1, case: "C-0001-1", mg6, "police", .breached,
               trigger: "EV-0001-02", due: day(10, 27), late: 3, working: true, evidence: ["EV-0001-02", "EV-0001-05"]),
        result("NT-0001", "Alan Example", line: 1, case: "C-0001-1", reduction, "cps", .notApplicable,
               trigger: nil, due: nil, evidence: []),
        result("NT-0002", longName, line: 2, case: "C-0002-1", mg6, "police", .pending,
               trigger: "EV-0002-01", due: day(11, 27), working: true, evidence: ["EV-0002-01"]),
        result("NT-0002", longName, line: 2, case: "C-0002-1", readiness, "cps", .breached,
               trigger: "EV-0002-03", due: day(11, 9), late: 14, evidence: ["EV-0002-03"]),
        result("NT-0003", "=HYPERLINK(\"http://example.invalid\",\"click\")", line: 3, case: "@C-0003-1", reduction,
               "cps", .breached, trigger: "EV-0003-04", due: nil, evidence: ["EV-0003-04"]),
        result("NT-0004", nil, line: 5, case: "C-0004-1", advice, "police", .breached,
               trigger: "EV-0004-01", due: day(10, 1), evidence: ["EV-0004-01"]),
        result("NT-0004", nil, line: 5, case: "C-0004-1", mg6, "police", .pending,
               trigger: "EV-0004-01", due: asOf, working: true, evidence: ["EV-0004-01"]),
        result("NT-0005", "O'Brien, \"Mac\"\nSecond line", line: 6, case: "C-0005-1", mg6, "police", .met,
               trigger: "EV-0005-01", due: day(11, 12), working: true, evidence: ["EV-0005-01", "EV-0005-02"]),
        result("NT-0005", "O'Brien, \"Mac\"\nSecond line", line: 6, case: "C-0005-1", readiness, "cps", .pending,
               trigger: "EV-0005-03", due: day(11, 24), evidence: ["EV-0005-03"]),
        result("NT-0005", "O'Brien, \"Mac\"\nSecond line", line: 6, case: "C-0005-2", mg6, "police", .breached,
               trigger: "EV-0005-07", due: day(11, 20), late: 1, working: true, evidence: ["EV-0005-07"]),
    ]

    static let report = BreachReport(
        checklist: "CJS Premium Service", asOf: asOf,
        rulesDigest: "3f2a9c0d1b7e5a4c3f2a9c0d1b7e5a4c3f2a9c0d1b7e5a4c3f2a9c0d1b7e5a4c",
        dataDigest: "9c1d0e2f3a4b5c6d9c1d0e2f3a4b5c6d9c1d0e2f3a4b5c6d9c1d0e2f3a4b5c6d",
        results: results, owners: ["police", "cps", "probation"],
        warnings: [DataWarning(file: "samples/northtown.jsonl", line: 3,
                               message: "event type 'mg6_send' is not declared by any checklist (case C-0003-1)")],
        rejected: [RejectedRecord(file: "samples/northtown.jsonl", line: 4, reason: "not valid JSON: unexpected end of line",
                                  text: "{\"id\": \"NT-0011\", \"name\": \"Cut Off")])

    static let empty = BreachReport(
        checklist: "A checklist whose name is far too long to fit on one line of a terminal eighty columns wide",
        asOf: asOf, rulesDigest: "", dataDigest: "abc", results: [], owners: ["police"], warnings: [], rejected: [])
}
