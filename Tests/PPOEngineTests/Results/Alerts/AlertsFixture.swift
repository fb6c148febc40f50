@testable import PPOEngine

/// Hand-built alert lists: every severity, several offenders under one alert, an alert with no one to
/// notify, long, hostile, formula-like and missing names, a message that wraps, and a rejected record.
enum AlertsFixture {
    static let asOf = Day(year: 2026, month: 11, day: 23) ?? Day(ordinal: 0)
    static let release = "Release from prison within 28 days"
    static let longName = "Bartholomew Fitzwilliam-Montgomery Smythe-Carrington of Lower Northtown Estate"

    static func alert(_ name: String, _ offender: String, _ person: String?, _ severity: CheckedAlerts.Severity,
                      notify: String?, _ message: String, evidence: [String],
                      block: String = "Daily tasking") -> AlertResult {
        AlertResult(block: block, alert: name, offender: offender, name: person, severity: severity,
                    notify: notify, message: message, evidence: evidence)
    }

    static let results: [AlertResult] = [
        alert(release, "NT-0001", "Alan Example", .high, notify: "offender_manager",
              "Alan Example: release from HMP Northtown on 2026-12-01", evidence: ["CU-0001-1"]),
        alert(release, "NT-0002", longName, .high, notify: "offender_manager",
              "\(longName): release from HMP Long Establishment Name With Many Words on 2026-12-19",
              evidence: ["CU-0002-1"]),
        alert("Failed to appear", "NT-0003", "=HYPERLINK(\"http://example.invalid\",\"click\")", .high,
              notify: "officer_in_case", "failed to appear at Northtown Magistrates on 2026-11-20",
              evidence: ["CT-0003-2"]),
        alert("Prison details changed since last run", "NT-0001", "Alan Example", .medium, notify: nil,
              "Prison details changed since last run", evidence: ["CU-0001-1"]),
        alert("Convicted this month", "NT-0004", nil, .low, notify: "tasking_group",
              "-convicted 2026-11-03 of burglary_dwelling", evidence: ["OF-0004-1", "OF-0004-2"]),
        alert("Convicted this month", "NT-0005", "O'Brien, \"Mac\"\nSecond line", .low, notify: "tasking_group",
              "O'Brien, \"Mac\"\nSecond line: convicted 2026-11-10", evidence: ["OF-0005-3"]),
    ]

    static let report = AlertReport(
        blocks: ["Daily tasking"], asOf: asOf,
        rulesDigest: "3f2a9c0d1b7e5a4c3f2a9c0d1b7e5a4c3f2a9c0d1b7e5a4c3f2a9c0d1b7e5a4c",
        dataDigest: "9c1d0e2f3a4b5c6d9c1d0e2f3a4b5c6d9c1d0e2f3a4b5c6d9c1d0e2f3a4b5c6d",
        previousDigest: "1a2b3c4d5e6f7a8b1a2b3c4d5e6f7a8b1a2b3c4d5e6f7a8b1a2b3c4d5e6f7a8b",
        results: results,
        rejected: [RejectedRecord(file: "samples/northtown.jsonl", line: 4, reason: "not valid JSON: unexpected end of line",
                                  text: "{\"id\": \"NT-0011\", \"name\": \"Cut Off")])

    static let empty = AlertReport(blocks: ["Daily tasking", "Weekend tasking"], asOf: asOf, rulesDigest: "",
                                   dataDigest: "abc", previousDigest: nil, results: [], rejected: [])

    /// Two blocks raising alerts of the same name: each heading says which block it is from.
    static let twoBlocks = AlertReport(
        blocks: ["Daily tasking", "Weekend tasking"], asOf: asOf, rulesDigest: "r", dataDigest: "d",
        previousDigest: nil,
        results: [
            alert(release, "NT-0001", "Alan Example", .high, notify: nil, "soon", evidence: []),
            alert(release, "NT-0001", "Alan Example", .high, notify: nil, "soon", evidence: [],
                  block: "Weekend tasking"),
        ],
        rejected: [])
}
