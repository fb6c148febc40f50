import Foundation
import Testing
@testable import PPOEngine

/// A calendar lists the holidays of the years from its first holiday's year to its last's. Working
/// days counted outside them are a data warning of `ppo breaches`, and a calendar that runs out within
/// a year is a warning of `ppo check` (docs/decisions.md).
@Suite struct CalendarCoverageTests {
    static let calendarPath = "rules/calendar-england-wales.ppo"
    static let shippedText: String = {
        let url = ProjectFiles.root.appendingPathComponent(calendarPath)
        return (try? String(contentsOf: url, encoding: .utf8)) ?? ""
    }()

    static let checklist = """
        checklist "PS"
          for all
          calendar england_and_wales
          events charged, mg6
          rule "MG6"
            owner police
            require mg6 within 1 working day after charged
          end
        end
        """

    static let rules = Engine.load(files: [SourceFile(path: calendarPath, text: shippedText),
                                           SourceFile(path: "rules/ps.ppo", text: checklist)])

    static func day(_ text: String) -> Day { Day(iso: text) ?? Day(ordinal: 0) }

    static func calendar() throws -> WorkingCalendar {
        WorkingCalendar(try #require(rules.program.calendars.first { $0.name == "england_and_wales" }))
    }

    @Test func theShippedCalendarCovers2024To2028() throws {
        #expect(Self.rules.diagnostics.isEmpty)
        #expect(try Self.calendar().holidayYears == 2024...2028)
    }

    @Test(arguments: [
        // (first, last, uncovered years)
        ("2024-01-01", "2028-12-31", [Int]()),
        ("2028-12-30", "2029-01-01", [2029]),
        ("2023-12-30", "2024-01-02", [2023]),
        ("2022-06-01", "2030-06-01", [2022, 2023, 2029, 2030]),
        ("2029-01-02", "2029-01-01", []),
    ])
    func uncoveredYears(first: String, last: String, expected: [Int]) throws {
        #expect(try Self.calendar().uncoveredYears(from: Self.day(first), through: Self.day(last)) == expected)
    }

    @Test func aCalendarWithoutHolidaysNeverRunsOut() {
        let rules = Fixture.rules("calendar weekdays\n  weekend saturday, sunday\nend\n")
        let calendar = WorkingCalendar(rules.program.calendars[0])
        #expect(calendar.holidayYears == nil)
        #expect(calendar.uncoveredYears(from: Self.day("1990-01-01"), through: Self.day("2090-01-01")).isEmpty)
        #expect(rules.checkDiagnostics(today: Self.day("2026-12-03")).isEmpty)
    }

    /// The case of the issue: 2028-12-29 plus one working day is New Year's Day 2029, which the
    /// calendar cannot know is a holiday. The answer stands, with a warning that says why to doubt it.
    @Test func workingDaysPastTheCalendarAreADataWarning() throws {
        let event = { (id: String, type: String, date: String) in #"{"id":"\#(id)","type":"\#(type)","date":"\#(date)"}"# }
        let lines = [
            // Charged on Friday 2028-12-29; the MG6 is due on "Monday 2029-01-01" and has not come.
            #"{"id":"P1","cases":[{"id":"K1","events":[\#(event("E1", "charged", "2028-12-29"))]}]}"#,
            // All in 2028: nothing to warn about.
            #"{"id":"P2","cases":[{"id":"K2","events":[\#(event("E2", "charged", "2028-06-01")),\#(event("E3", "mg6", "2028-06-02"))]}]}"#,
            // Friday 2023-12-29 plus one working day steps over the last weekend of 2023.
            #"{"id":"P3","cases":[{"id":"K3","events":[\#(event("E4", "charged", "2023-12-29")),\#(event("E5", "mg6", "2024-01-02"))]}]}"#,
            // Within 2029 too.
            #"{"id":"P4","cases":[{"id":"K4","events":[\#(event("E6", "charged", "2029-01-02")),\#(event("E7", "mg6", "2029-01-03"))]}]}"#,
        ]
        let batch = RecordReader(categories: Self.rules.categories)
            .read(bytes: Array(lines.joined(separator: "\n").utf8), path: "data.jsonl")
        let report = try #require(Self.rules.breaches(checklist: "PS", offenders: batch.offenders, asOf: Self.day("2029-01-10"),
                                                      dataPath: "data.jsonl", dataDigest: "", rejected: []))
        let p1 = try #require(report.results.first { $0.offender == "P1" })
        #expect(p1.due?.description == "2029-01-01")
        #expect(report.warnings.map(\.rendered) == [
            "data.jsonl:1: warning: calendar england_and_wales lists no holidays for 2029 (it covers 2024 to 2028): "
                + "working days in 2029 were counted as if there were none (2 duties, first here)",
            "data.jsonl:3: warning: calendar england_and_wales lists no holidays for 2023 (it covers 2024 to 2028): "
                + "working days in 2023 were counted as if there were none (1 duty, first here)",
        ])
        let json = BreachesJSONRenderer().render(report)
        #expect(json.contains(#""message": "calendar england_and_wales lists no holidays for 2029"#))
    }

    @Test func daysLeftCountedPastTheCalendarWarnToo() throws {
        let line = #"{"id":"P1","cases":[{"id":"K1","events":[{"id":"E1","type":"charged","date":"2028-12-29"}]}]}"#
        let batch = RecordReader(categories: Self.rules.categories).read(bytes: Array(line.utf8), path: "d.jsonl")
        let report = try #require(Self.rules.breaches(checklist: "PS", offenders: batch.offenders, asOf: Self.day("2028-12-29"),
                                                      dataPath: "d.jsonl", dataDigest: "", rejected: []))
        #expect(report.results.map(\.status) == [.pending])
        #expect(report.warnings.map(\.line) == [1])
        #expect(report.warnings.first?.message.hasPrefix("calendar england_and_wales lists no holidays for 2029") == true)
    }

    @Test func calendarDaysNeedNoCalendar() throws {
        let rules = Fixture.rules("""
            checklist "Plain"
              events charged, mg6
              rule "MG6"
                owner police
                require mg6 within 5 days after charged
              end
            end
            """)
        let line = #"{"id":"P1","ppo":{"status":"adopted"},"cases":[{"id":"K1","events":[{"id":"E1","type":"charged","date":"2040-12-29"}]}]}"#
        let batch = RecordReader(categories: rules.categories).read(bytes: Array(line.utf8), path: "d.jsonl")
        let report = try #require(rules.breaches(checklist: "Plain", offenders: batch.offenders, asOf: Self.day("2041-02-01"),
                                                 dataPath: "d.jsonl", dataDigest: "", rejected: []))
        #expect(report.results.map(\.status) == [.breached])
        #expect(report.warnings.isEmpty)
    }

    @Test(arguments: [
        // (today, warned, why)
        ("2026-12-03", false, "two years ahead"),
        ("2027-12-30", false, "a year and a day before the end"),
        ("2027-12-31", true, "exactly a year before the end"),
        ("2028-06-01", true, "within the last year"),
        ("2029-02-01", true, "already past the end"),
    ])
    func checkWarnsWithinAYearOfTheEnd(today: String, warned: Bool, why: String) {
        let found = Self.rules.checkDiagnostics(today: Self.day(today)).filter { $0.id == .calendarEnding }
        #expect(found.count == (warned ? 1 : 0), "\(why)")
        #expect(found.allSatisfy { $0.severity == .warning })
        #expect(Self.rules.diagnostics.isEmpty, "the load itself is unchanged")
    }

    @Test func theCheckWarningRendersLikeACompiler() {
        let renderer = DiagnosticRenderer(sources: Self.rules.sources)
        Golden.check(renderer.text(Self.rules.checkDiagnostics(today: Self.day("2028-03-01"))), "calendar-ending.txt",
                     area: "Semantics")
        let past = renderer.text(Self.rules.checkDiagnostics(today: Self.day("2029-02-01")))
        #expect(past.contains("warning: calendar 'england_and_wales' lists holidays up to 2028: they ran out on 2028-12-31"))
    }
}
