extension RuleSet {
    /// Checks every offender against the checklist called `checklist` (SPEC §5.4) and summarises per
    /// owner; `nil` when no checklist has that name. `dataPath` names the data in warnings.
    ///
    /// The in-memory reference; `breaches(checklist:path:asOf:)` streams a file to the same report.
    public func breaches(checklist: String, offenders: [Offender], asOf: Day, dataPath: String,
                         dataDigest: String, rejected: [RejectedRecord]) -> BreachReport? {
        guard let compiled = self.checklist(named: checklist) else { return nil }
        let checked = compiled.checkNotingCalendar(offenders, asOf: asOf)
        let warnings = eventWarnings(offenders, dataPath: dataPath)
            + Self.calendarWarnings(checked.shortfalls, calendar: compiled.calendar, dataPath: dataPath)
        return BreachReport(checklist: compiled.name, asOf: asOf, rulesDigest: digest, dataDigest: dataDigest,
                            results: checked.results, owners: compiled.owners,
                            warnings: warnings.sorted { $0.line < $1.line }, rejected: rejected)
    }

    /// One warning per year that working days were counted in without the calendar listing its
    /// holidays, at the first record that needed it, with the number of duties (case and rule) that did.
    static func calendarWarnings(_ shortfalls: [CompiledChecklist.CalendarShortfall], calendar: WorkingCalendar,
                                 dataPath: String) -> [DataWarning] {
        var tally = CalendarShortfallTally()
        tally.add(shortfalls)
        return tally.warnings(calendar: calendar, dataPath: dataPath)
    }

    /// Case events the checklists cannot use: types no loaded checklist declares (one warning per
    /// type, at its first record, with the count), and events without a type or a date.
    public func eventWarnings(_ offenders: [Offender], dataPath: String) -> [DataWarning] {
        let vocabulary = EventVocabulary(checklists)
        var tally = EventWarningTally(vocabulary: vocabulary, dataPath: dataPath)
        for offender in offenders {
            tally.add(vocabulary.notes(for: offender, dataPath: dataPath), line: offender.line)
        }
        return tally.warnings()
    }
}
