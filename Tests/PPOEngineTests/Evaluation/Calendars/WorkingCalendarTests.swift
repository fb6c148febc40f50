import Testing
@testable import PPOEngine

/// Working-day arithmetic (SPEC §5.3) over weekends and England & Wales bank holidays.
@Suite struct WorkingCalendarTests {
    static let calendar: WorkingCalendar = {
        let rules = Fixture.rules("""
        calendar england_and_wales
          weekend saturday, sunday
          holiday 2026-08-31 "Summer bank holiday"
          holiday 2026-12-25 "Christmas Day"
          holiday 2026-12-28 "Boxing Day (substitute day)"
          holiday 2027-01-01 "New Year's Day"
        end
        """)
        return WorkingCalendar(rules.program.calendars[0])
    }()

    static func day(_ text: String) -> Day { Day(iso: text) ?? Day(ordinal: 0) }

    @Test(arguments: [
        // (from, working days, expected, why)
        ("2026-12-24", 5, "2027-01-05", "Thursday 24 December: Christmas, the weekend, Boxing Day substitute and New Year are skipped"),
        ("2026-12-24", 1, "2026-12-29", "the first working day after Christmas Eve"),
        ("2026-11-20", 1, "2026-11-23", "Friday plus one is Monday"),
        ("2026-11-21", 1, "2026-11-23", "from a Saturday, the next working day"),
        ("2026-11-23", 5, "2026-11-30", "a plain week"),
        ("2026-08-28", 1, "2026-09-01", "Friday before a bank holiday Monday"),
        ("2026-11-23", 0, "2026-11-23", "zero working days is the day itself, even a working day"),
        ("2026-11-22", 0, "2026-11-22", "zero working days from a Sunday is the Sunday"),
        ("2027-01-05", -5, "2026-12-24", "backwards over the same holidays"),
        ("2026-11-23", -1, "2026-11-20", "Monday minus one is Friday"),
    ])
    func adding(from: String, count: Int, expected: String, why: String) {
        #expect(Self.calendar.adding(workingDays: count, to: Self.day(from)).description == expected, "\(why)")
    }

    @Test(arguments: [
        ("2026-12-24", "2027-01-05", 5, "the deadline example counted back"),
        ("2026-11-20", "2026-11-23", 1, "Friday to Monday is one working day late"),
        ("2026-11-20", "2026-11-22", 0, "Friday to Sunday: no working day has passed"),
        ("2026-11-23", "2026-11-23", 0, "the same day"),
        ("2026-11-23", "2026-11-20", 0, "an end before the start"),
        ("2026-11-02", "2026-11-30", 20, "four whole weeks"),
        ("2026-12-21", "2027-01-08", 11, "three weeks over Christmas lose three holidays"),
    ])
    func counting(start: String, end: String, expected: Int, why: String) {
        #expect(Self.calendar.workingDays(after: Self.day(start), through: Self.day(end)) == expected, "\(why)")
    }

    @Test func countingAgreesWithStepping() {
        // Every span of up to 40 days over the holiday season, counted both ways.
        let start = Self.day("2026-12-01")
        for offset in 0..<30 {
            let from = start.adding(days: offset)
            for n in 0..<20 {
                let to = Self.calendar.adding(workingDays: n, to: from)
                let counted = Self.calendar.workingDays(after: from, through: to)
                #expect(counted == n, "from \(from) plus \(n) working days is \(to), counted back as \(counted)")
            }
        }
    }

    @Test func aWeekWithNoWorkingDayIsRefusedAtLoad() {
        let rules = Fixture.rules("""
        calendar never
          weekend monday, tuesday, wednesday, thursday, friday, saturday, sunday
        end
        """)
        #expect(rules.diagnostics.map(\.message).contains("every day of the week is a weekend day, so no day could ever be a working day"))
    }
}
