import Foundation
import Testing
@testable import PPOEngine

@Suite struct DayTests {
    @Test(arguments: ["2026-11-22", "2024-02-29", "2000-02-29", "1970-01-01", "1969-12-31", "0001-01-01"])
    func roundTrips(text: String) {
        #expect(Day(iso: text)?.description == text)
    }

    @Test(arguments: ["2025-02-29", "1900-02-29", "2026-13-01", "2026-04-31", "2026-1-01", "26-11-22", "2026/11/22", ""])
    func rejectsImpossibleOrMalformed(text: String) {
        #expect(Day(iso: text) == nil)
    }

    @Test(arguments: [
        ("2026-03-31", -1, "2026-02-28"),
        ("2024-03-31", -1, "2024-02-29"),
        ("2026-01-31", 1, "2026-02-28"),
        ("2024-02-29", 12, "2025-02-28"),
        ("2026-11-22", -36, "2023-11-22"),
        ("2026-12-15", 1, "2027-01-15"),
    ])
    func monthArithmeticClampsTheDay(start: String, months: Int, expected: String) {
        #expect(Day(iso: start)?.adding(months: months).description == expected)
    }

    @Test func hugeMonthSpansClampInsteadOfTrapping() {
        let day = Day(iso: "2026-11-22")!
        #expect(day.adding(months: -1_000_000_000).description == "0001-01-22")
        #expect(day.adding(months: Int.max).description == "9999-12-22")
        #expect(day.adding(months: Int.min).description == "0001-01-22")
    }

    @Test func weekdays() {
        #expect(Day(iso: "2026-12-24")?.weekday == 3)   // Thursday
        #expect(Day(iso: "2026-11-22")?.weekday == 6)   // Sunday
    }

    /// Dates from 1900 to 2099 are read through a table of month starts; every text in and around
    /// that range, possible or not, must read exactly as the calendar arithmetic reads it.
    @Test func tableReadsEveryDateAsTheArithmeticDoes() {
        for year in [1, 1899, 1900, 1901, 1970, 2000, 2024, 2026, 2098, 2099, 2100, 9999] {
            for month in 0...13 {
                for day in 0...32 {
                    let text = String(format: "%04d-%02d-%02d", year, month, day)
                    let read = Array(text.utf8).withUnsafeBufferPointer { Day(isoBytes: $0) }
                    #expect(read == Day(year: year, month: month, day: day), "\(text)")
                }
            }
        }
    }
}
