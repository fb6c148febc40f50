import Foundation
import PPOEngine

/// "Today" and the time of day in the daemon's time zone (Europe/London by default): the default
/// `as_of`, and when the daily run is due.
struct LocalCalendar: Sendable {
    let timeZone: TimeZone

    init?(identifier: String) {
        guard let zone = TimeZone(identifier: identifier) else { return nil }
        timeZone = zone
    }

    private var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }

    func day(of date: Date) -> Day {
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return Day(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1) ?? Day(ordinal: 0)
    }

    var today: Day { day(of: Date.now) }

    /// The next moment, after `date`, when the local clock reads `time`.
    func next(_ time: TimeOfDay, after date: Date) -> Date {
        calendar.nextDate(after: date, matching: DateComponents(hour: time.hour, minute: time.minute, second: 0),
                          matchingPolicy: .nextTime) ?? date.addingTimeInterval(86_400)
    }

    /// Whether the local clock has passed `time` today.
    func hasPassed(_ time: TimeOfDay, at date: Date) -> Bool {
        let parts = calendar.dateComponents([.hour, .minute], from: date)
        return ((parts.hour ?? 0), (parts.minute ?? 0)) >= (time.hour, time.minute)
    }
}

/// A time of day, `HH:MM`.
struct TimeOfDay: Sendable, Equatable {
    let hour: Int
    let minute: Int

    init?(_ text: String) {
        let parts = text.split(separator: ":")
        guard parts.count == 2, parts[0].count == 2, parts[1].count == 2,
              let hour = Int(parts[0]), let minute = Int(parts[1]),
              (0..<24).contains(hour), (0..<60).contains(minute) else { return nil }
        self.hour = hour
        self.minute = minute
    }
}
