/// A calendar date with no time of day: the number of days since 1970-01-01.
///
/// Conversions use the proleptic Gregorian calendar (Howard Hinnant's civil algorithms), so date
/// arithmetic is exact and independent of time zones.
public struct Day: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let ordinal: Int32

    public init(ordinal: Int32) { self.ordinal = ordinal }

    /// A date from its parts; `nil` for an impossible date such as 2025-02-29.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              day >= 1, day <= Day.daysIn(year: year, month: month) else { return nil }
        self.ordinal = Int32(Day.daysFromCivil(year: year, month: month, day: day))
    }

    /// Parses exactly `YYYY-MM-DD`; `nil` when malformed or impossible.
    public init?(iso text: Substring) {
        let bytes = Array(text.utf8)
        // Scoped borrow of a local array; `Day(isoBytes:)` reads at most `count` bytes.
        guard let day = bytes.withUnsafeBufferPointer({ Day(isoBytes: $0) }) else { return nil }
        self = day
    }

    public init?(iso text: String) { self.init(iso: text[...]) }

    public static func < (a: Day, b: Day) -> Bool { a.ordinal < b.ordinal }

    public var parts: (year: Int, month: Int, day: Int) { Day.civil(from: Int(ordinal)) }

    /// 0 = Monday … 6 = Sunday.
    public var weekday: Int {
        // 1970-01-01 was a Thursday (3).
        let w = (Int(ordinal) + 3) % 7
        return w < 0 ? w + 7 : w
    }

    public func adding(days: Int) -> Day { Day(ordinal: Int32(clamping: Int(ordinal) + days)) }

    /// Calendar month arithmetic that clamps the day: 31 March minus 1 month is 28 or 29 February.
    public func adding(months: Int) -> Day {
        let p = parts
        // Clamp to years 1…9999 first so huge durations can neither overflow nor give a negative month.
        let (sum, overflow) = (p.year * 12 + (p.month - 1)).addingReportingOverflow(months)
        let total = overflow ? (months < 0 ? 12 : 9999 * 12 + 11) : min(max(sum, 12), 9999 * 12 + 11)
        let year = total / 12
        let month = total % 12 + 1
        let day = min(p.day, Day.daysIn(year: year, month: month))
        return Day(ordinal: Int32(Day.daysFromCivil(year: year, month: month, day: day)))
    }

    /// Whole days from `self` to `other` (positive when `other` is later).
    public func days(to other: Day) -> Int { Int(other.ordinal) - Int(ordinal) }

    public var description: String {
        let p = parts
        func pad(_ v: Int, _ width: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return "\(pad(p.year, 4))-\(pad(p.month, 2))-\(pad(p.day, 2))"
    }

    public static func isLeap(_ year: Int) -> Bool { (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 }

    public static func daysIn(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    static func civil(from days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (m <= 2 ? y + 1 : y, m, d)
    }
}

extension Day {
    /// Parses exactly `YYYY-MM-DD` from UTF-8 bytes; `nil` when malformed or impossible.
    // Reads only indices below `b.count` (checked to be exactly 10 first); keeps no pointer.
    init?(isoBytes b: UnsafeBufferPointer<UInt8>) {
        guard b.count == 10, let p = b.baseAddress, p[4] == UInt8(ascii: "-"), p[7] == UInt8(ascii: "-") else {
            return nil
        }
        // Digits as values; a byte that is not a digit wraps to 10 or more.
        let y0 = p[0] &- 48, y1 = p[1] &- 48, y2 = p[2] &- 48, y3 = p[3] &- 48
        let m0 = p[5] &- 48, m1 = p[6] &- 48, d0 = p[8] &- 48, d1 = p[9] &- 48
        guard y0 < 10, y1 < 10, y2 < 10, y3 < 10, m0 < 10, m1 < 10, d0 < 10, d1 < 10 else { return nil }
        let year = Int(y0) * 1000 + Int(y1) * 100 + Int(y2) * 10 + Int(y3)
        let month = Int(m0) * 10 + Int(m1), day = Int(d0) * 10 + Int(d1)
        // Records are full of recent dates: those come from a table of month starts.
        if let known = MonthTable.shared.day(year: year, month: month, day: day) {
            self = known
            return
        }
        self.init(year: year, month: month, day: day)
    }
}

/// The first day and length of every month from 1900 to 2099, so reading a date in that range is a
/// lookup rather than the civil-calendar arithmetic (records carry some forty dates each).
private struct MonthTable: Sendable {
    static let shared = MonthTable()
    static let firstYear = 1900, years = 200

    private let starts: [Int32]
    private let lengths: [UInt8]

    private init() {
        var starts: [Int32] = [], lengths: [UInt8] = []
        for year in Self.firstYear..<(Self.firstYear + Self.years) {
            for month in 1...12 {
                starts.append(Int32(Day.daysFromCivil(year: year, month: month, day: 1)))
                lengths.append(UInt8(Day.daysIn(year: year, month: month)))
            }
        }
        self.starts = starts
        self.lengths = lengths
    }

    /// The date, when the year is in the table; `nil` otherwise, or when the date is impossible
    /// (the caller then answers as `Day(year:month:day:)` does).
    @inline(__always)
    func day(year: Int, month: Int, day: Int) -> Day? {
        let index = (year - Self.firstYear) * 12 + month - 1
        guard month >= 1, month <= 12, index >= 0, index < starts.count,
              day >= 1, day <= Int(lengths[index]) else { return nil }
        return Day(ordinal: starts[index] + Int32(day - 1))
    }
}
