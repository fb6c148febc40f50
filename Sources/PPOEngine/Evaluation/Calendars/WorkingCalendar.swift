/// Working-day arithmetic over a `calendar` block (SPEC §5.3): a day is a working day when it is
/// neither a weekend day nor a holiday.
///
/// A calendar knows the holidays of the years from its first holiday's year to its last's
/// (`holidayYears`); in any other year it cannot tell a bank holiday from a working day. The
/// arithmetic still answers there (as if the year had no holidays), and `uncoveredYears` says which
/// years a count reached, so that the caller can warn.
public struct WorkingCalendar: Sendable {
    public let name: String
    /// Indexed by `Day.weekday` (0 = Monday).
    private let isWeekend: [Bool]
    private let holidays: Set<Day>
    /// The years whose holidays the calendar lists: its first holiday's year through its last's.
    /// `nil` when it lists none (weekends alone never run out) and for plain calendar days.
    public let holidayYears: ClosedRange<Int>?

    public init(_ calendar: CheckedCalendar) {
        name = calendar.name
        isWeekend = (0..<7).map { calendar.weekend.contains($0) }
        holidays = Set(calendar.holidays.keys)
        holidayYears = calendar.holidayYears
    }

    /// A calendar where every day is a working day: what "days" mean when a checklist names none.
    init(everyDay name: String) {
        self.name = name
        isWeekend = Array(repeating: false, count: 7)
        holidays = []
        holidayYears = nil
    }

    /// The years of the days from `first` through `last` whose holidays this calendar does not list,
    /// in order: empty when it lists them all, when `last` is before `first`, or when the calendar
    /// has no holidays to run out of.
    public func uncoveredYears(from first: Day, through last: Day) -> [Int] {
        guard let covered = holidayYears, first <= last else { return [] }
        let start = first.parts.year, end = last.parts.year
        if covered.lowerBound <= start && end <= covered.upperBound { return [] }
        return (start...end).filter { !covered.contains($0) }
    }

    /// `uncoveredYears` of the days a count of working days from `day` steps over: those after it
    /// up to `result` (before it, down to `result`, for a count backwards).
    func uncoveredYears(steppingFrom day: Day, to result: Day) -> [Int] {
        day < result ? uncoveredYears(from: day.adding(days: 1), through: result)
            : uncoveredYears(from: result, through: day.adding(days: -1))
    }

    /// Whether any day of the week is a working day; the checker refuses calendars where none is,
    /// and this guards the loops below against one that slipped through.
    private var hasWorkingDays: Bool { isWeekend.contains(false) }

    public func isWorkingDay(_ day: Day) -> Bool {
        !isWeekend[day.weekday] && !holidays.contains(day)
    }

    /// The `count`-th working day after `day` (before it, for a negative count); `day` itself for 0.
    public func adding(workingDays count: Int, to day: Day) -> Day {
        guard count != 0, hasWorkingDays else { return day }
        let step = count > 0 ? 1 : -1
        var remaining = abs(count)
        var current = day
        while remaining > 0 {
            let next = current.adding(days: step)
            // Day arithmetic clamps at the ends of its range; stop rather than spin there.
            if next == current { break }
            current = next
            if isWorkingDay(current) { remaining -= 1 }
        }
        return current
    }

    /// How many working days fall after `start` up to and including `end`: the days late when a
    /// duty due on `start` was done (or is still not done) on `end`. 0 when `end` is not after `start`.
    public func workingDays(after start: Day, through end: Day) -> Int {
        guard start < end else { return 0 }
        let span = start.days(to: end)
        let weeks = span / 7
        var count = weeks * isWeekend.filter { !$0 }.count
        var day = start.adding(days: weeks * 7)
        while day < end {
            day = day.adding(days: 1)
            if !isWeekend[day.weekday] { count += 1 }
        }
        for holiday in holidays where start < holiday && holiday <= end && !isWeekend[holiday.weekday] {
            count -= 1
        }
        return count
    }
}
