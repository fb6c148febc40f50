import Testing
@testable import PPOEngine

/// The shipped England and Wales calendar (rules/calendar-england-wales.ppo) holds exactly the bank
/// holidays of 2024–2028: the ones the statutory rules give, and the ones GOV.UK publishes.
@Suite struct BankHolidayCalendarTests {
    static let path = ProjectFiles.root.appendingPathComponent("rules/calendar-england-wales.ppo").path
    static let years = 2024...2028

    /// The calendar as the engine loads it from the shipped file.
    static func shippedCalendar() throws -> CheckedCalendar {
        let rules = Engine.load(paths: [path])
        let errors = rules.diagnostics.filter { $0.severity == .error }.map(\.message)
        guard errors.isEmpty else { throw FixtureError(message: "the calendar did not load: \(errors)") }
        guard let calendar = rules.program.calendars.first(where: { $0.name == "england_and_wales" }) else {
            throw FixtureError(message: "no calendar england_and_wales in \(path)")
        }
        return calendar
    }

    static func date(_ year: Int, _ month: Int, _ day: Int) -> Day {
        // Every date built here is a real one; a slip would fail the comparison, not crash.
        Day(year: year, month: month, day: day) ?? Day(ordinal: 0)
    }

    /// Easter Sunday by the anonymous Gregorian computus (Meeus/Jones/Butcher).
    static func easterSunday(_ year: Int) -> Day {
        let a = year % 19, b = year / 100, c = year % 100
        let d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3
        let h = (19 * a + b - d - g + 15) % 30
        let i = c / 4, k = c % 4
        let l = (32 + 2 * e + 2 * i - h - k) % 7
        let m = (a + 11 * h + 22 * l) / 451
        let month = (h + l - 7 * m + 114) / 31
        let day = (h + l - 7 * m + 114) % 31 + 1
        return date(year, month, day)
    }

    static func firstMonday(_ year: Int, _ month: Int) -> Day {
        let first = date(year, month, 1)
        return first.adding(days: (7 - first.weekday) % 7)
    }

    static func lastMonday(_ year: Int, _ month: Int) -> Day {
        let last = date(year, month + 1, 1).adding(days: -1)
        return last.adding(days: -last.weekday)
    }

    static func isWeekend(_ day: Day) -> Bool { day.weekday >= 5 }

    /// The bank holidays of one year from the statutory rules: fixed dates that fall on a weekend
    /// move to the next weekday not already taken (so Boxing Day can land on the Tuesday).
    static func statutoryHolidays(_ year: Int) -> [Day: String] {
        let easter = easterSunday(year)
        var holidays: [Day: String] = [
            easter.adding(days: -2): "Good Friday",
            easter.adding(days: 1): "Easter Monday",
            firstMonday(year, 5): "Early May bank holiday",
            lastMonday(year, 5): "Spring bank holiday",
            lastMonday(year, 8): "Summer bank holiday",
        ]
        for (month, day, name) in [(1, 1, "New Year's Day"), (12, 25, "Christmas Day"), (12, 26, "Boxing Day")] {
            let actual = date(year, month, day)
            if !isWeekend(actual) {
                holidays[actual] = name
                continue
            }
            var substitute = actual.adding(days: 1)
            while isWeekend(substitute) || holidays[substitute] != nil { substitute = substitute.adding(days: 1) }
            holidays[substitute] = "\(name) (substitute day)"
        }
        return holidays
    }

    /// The England and Wales bank holidays as GOV.UK publishes them.
    static let published: [(String, String)] = [
        ("2024-01-01", "New Year's Day"), ("2024-03-29", "Good Friday"), ("2024-04-01", "Easter Monday"),
        ("2024-05-06", "Early May bank holiday"), ("2024-05-27", "Spring bank holiday"),
        ("2024-08-26", "Summer bank holiday"), ("2024-12-25", "Christmas Day"), ("2024-12-26", "Boxing Day"),
        ("2025-01-01", "New Year's Day"), ("2025-04-18", "Good Friday"), ("2025-04-21", "Easter Monday"),
        ("2025-05-05", "Early May bank holiday"), ("2025-05-26", "Spring bank holiday"),
        ("2025-08-25", "Summer bank holiday"), ("2025-12-25", "Christmas Day"), ("2025-12-26", "Boxing Day"),
        ("2026-01-01", "New Year's Day"), ("2026-04-03", "Good Friday"), ("2026-04-06", "Easter Monday"),
        ("2026-05-04", "Early May bank holiday"), ("2026-05-25", "Spring bank holiday"),
        ("2026-08-31", "Summer bank holiday"), ("2026-12-25", "Christmas Day"),
        ("2026-12-28", "Boxing Day (substitute day)"),
        ("2027-01-01", "New Year's Day"), ("2027-03-26", "Good Friday"), ("2027-03-29", "Easter Monday"),
        ("2027-05-03", "Early May bank holiday"), ("2027-05-31", "Spring bank holiday"),
        ("2027-08-30", "Summer bank holiday"), ("2027-12-27", "Christmas Day (substitute day)"),
        ("2027-12-28", "Boxing Day (substitute day)"),
        ("2028-01-03", "New Year's Day (substitute day)"), ("2028-04-14", "Good Friday"),
        ("2028-04-17", "Easter Monday"), ("2028-05-01", "Early May bank holiday"),
        ("2028-05-29", "Spring bank holiday"), ("2028-08-28", "Summer bank holiday"),
        ("2028-12-25", "Christmas Day"), ("2028-12-26", "Boxing Day"),
    ]

    static func rendered(_ holidays: [Day: String]) -> [String] {
        holidays.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
    }

    @Test func theWeekendIsSaturdayAndSunday() throws {
        #expect(try Self.shippedCalendar().weekend == [5, 6])
    }

    @Test func theHolidaysAreTheStatutoryOnes() throws {
        var expected: [Day: String] = [:]
        for year in Self.years { expected.merge(Self.statutoryHolidays(year)) { a, _ in a } }
        #expect(Self.rendered(try Self.shippedCalendar().holidays) == Self.rendered(expected))
    }

    @Test func theHolidaysAreThePublishedOnes() throws {
        let published = Self.published.map { "\($0.0) \($0.1)" }
        #expect(Self.rendered(try Self.shippedCalendar().holidays) == published)
    }

    @Test(arguments: [(2024, "2024-03-31"), (2025, "2025-04-20"), (2026, "2026-04-05"),
                      (2027, "2027-03-28"), (2028, "2028-04-16"), (2019, "2019-04-21"), (2038, "2038-04-25")])
    func theComputusGivesEasterSunday(year: Int, expected: String) {
        #expect(Self.easterSunday(year).description == expected)
    }

    @Test func everyHolidayIsAWeekday() throws {
        for (day, name) in try Self.shippedCalendar().holidays {
            #expect(!Self.isWeekend(day), "\(day) \(name) falls on a weekend")
        }
    }
}
