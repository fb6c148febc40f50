extension RuleSet {
    /// Checks every offender against the checklist called `checklist` (SPEC §5.4) and summarises per
    /// owner; `nil` when no checklist has that name. `dataPath` names the data in warnings.
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
        guard let listed = calendar.holidayYears else { return [] }
        var firstLine: [Int: Int] = [:]
        var counts: [Int: Int] = [:]
        for shortfall in shortfalls {
            for year in shortfall.years {
                if firstLine[year] == nil { firstLine[year] = shortfall.line }
                counts[year, default: 0] += 1
            }
        }
        let span = listed.lowerBound == listed.upperBound ? "only \(listed.lowerBound)" : "\(listed.lowerBound) to \(listed.upperBound)"
        return counts.keys.sorted().map { year in
            let count = counts[year] ?? 0
            let message = "calendar \(calendar.name) lists no holidays for \(year) (it covers \(span)): "
                + "working days in \(year) were counted as if there were none "
                + "(\(count) dut\(count == 1 ? "y" : "ies"), first here)"
            return DataWarning(file: dataPath, line: firstLine[year] ?? 0, message: message)
        }
    }

    /// Case events the checklists cannot use: types no loaded checklist declares (one warning per
    /// type, at its first record, with the count), and events without a type or a date.
    public func eventWarnings(_ offenders: [Offender], dataPath: String) -> [DataWarning] {
        // Types match by their exact bytes: a type that differs from a declared one only in Unicode
        // normalisation is another type, which no checklist reads.
        let declared = Set(checklists.flatMap(\.events).map(ExactText.init))
        var firstLine: [ExactText: Int] = [:]
        var counts: [ExactText: Int] = [:]
        var order: [String] = []
        var warnings: [DataWarning] = []
        for offender in offenders {
            for kase in offender.cases {
                for event in kase.events {
                    guard let type = event.type else {
                        warnings.append(DataWarning(file: dataPath, line: offender.line,
                                                    message: "case \(SafeText.escaped(kase.id)): event \(SafeText.escaped(event.id)) has no type; checklists ignore it"))
                        continue
                    }
                    let key = ExactText(type)
                    if !declared.contains(key) {
                        if firstLine[key] == nil { firstLine[key] = offender.line; order.append(type) }
                        counts[key, default: 0] += 1
                    } else if event.date == nil {
                        warnings.append(DataWarning(file: dataPath, line: offender.line,
                                                    message: "case \(SafeText.escaped(kase.id)): event \(SafeText.escaped(event.id)) (\(SafeText.escaped(type))) has no date; checklists ignore it"))
                    }
                }
            }
        }
        let known = declared.sorted().map(\.text)
        for type in order {
            let count = counts[ExactText(type)] ?? 0
            var message = "event type '\(SafeText.escaped(type))' is not declared by any checklist (\(count) event\(count == 1 ? "" : "s"), first here)"
            if let closest = Suggestion.closest(to: type, in: known) { message += "; did you mean '\(closest)'?" }
            warnings.append(DataWarning(file: dataPath, line: firstLine[ExactText(type)] ?? 0, message: message))
        }
        return warnings.sorted { $0.line < $1.line }
    }
}
