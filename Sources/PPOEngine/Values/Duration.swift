/// A span of time as written in rules: `12 months`, `28 days`, `5 working days`.
public struct PPODuration: Sendable, Hashable, CustomStringConvertible {
    public enum Unit: String, Sendable, Hashable {
        case day, week, month, year, workingDay = "working day"
    }
    public let count: Int
    public let unit: Unit

    public init(count: Int, unit: Unit) { self.count = count; self.unit = unit }

    /// `date + self` in calendar arithmetic. Working days need a calendar and are not handled here.
    public func added(to date: Day) -> Day {
        switch unit {
        case .day, .workingDay: return date.adding(days: count)
        case .week: return date.adding(days: count * 7)
        case .month: return date.adding(months: count)
        case .year: return date.adding(months: count * 12)
        }
    }

    /// `date - self` in calendar arithmetic.
    public func subtracted(from date: Day) -> Day {
        PPODuration(count: -count, unit: unit).added(to: date)
    }

    public var description: String {
        let name = unit.rawValue
        return "\(count) \(name)\(count == 1 ? "" : "s")"
    }
}
