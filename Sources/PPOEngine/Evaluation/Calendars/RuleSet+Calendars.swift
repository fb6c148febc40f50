extension RuleSet {
    /// The load's diagnostics, with a `calendar-ending` warning for each calendar whose holidays run
    /// out no more than a year after `today` (or have run out already): what `ppo check` prints.
    ///
    /// A calendar lists the holidays of the years from its first holiday's year to its last's; after
    /// the last, working days are counted as if there were no holidays, and every count that reaches
    /// there is a data warning. This warns while there is still time to add the next year.
    public func checkDiagnostics(today: Day) -> [Diagnostic] {
        let horizon = today.adding(months: 12)
        let ending: [Diagnostic] = program.calendars.compactMap { calendar in
            guard let years = calendar.holidayYears, let last = Day(year: years.upperBound, month: 12, day: 31),
                  last <= horizon else { return nil }
            let when = last < today ? "ran out on \(last)" : "run out on \(last)"
            return .warning(.calendarEnding,
                            "calendar '\(calendar.name)' lists holidays up to \(years.upperBound): they \(when), and "
                                + "working days after that will be counted as if there were none",
                            at: calendar.range,
                            notes: ["add the holidays of \(years.upperBound + 1) to it"])
        }
        return ending.isEmpty ? diagnostics : Engine.inSourceOrder(diagnostics + ending)
    }
}
