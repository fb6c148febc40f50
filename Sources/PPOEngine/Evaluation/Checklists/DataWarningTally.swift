/// The case events of one offender that the checklists cannot use, noted where the offender is
/// decoded (a worker thread of a streamed run), to be gathered in data order by `EventWarningTally`.
struct EventNotes: Sendable {
    /// Events without a type, and declared events without a date: one warning each.
    var direct: [DataWarning] = []
    /// Types no checklist declares, in order of first appearance in the offender, with their counts.
    var undeclared: [(type: String, count: Int)] = []
}

/// The event vocabulary every loaded checklist declares, for noting what an offender's events lack.
struct EventVocabulary: Sendable {
    /// Types match by their exact bytes: a type that differs from a declared one only in Unicode
    /// normalisation is another type, which no checklist reads.
    let declared: Set<ExactText>

    init(_ checklists: [CompiledChecklist]) {
        declared = Set(checklists.flatMap(\.events).map(ExactText.init))
    }

    /// What the offender's case events give to the warnings, `dataPath` naming the data.
    func notes(for offender: Offender, dataPath: String) -> EventNotes {
        var notes = EventNotes()
        for kase in offender.cases {
            for event in kase.events {
                guard let type = event.type else {
                    notes.direct.append(DataWarning(file: dataPath, line: offender.line,
                                                    message: "case \(SafeText.escaped(kase.id)): event \(SafeText.escaped(event.id)) has no type; checklists ignore it"))
                    continue
                }
                let key = ExactText(type)
                if !declared.contains(key) {
                    if let at = notes.undeclared.firstIndex(where: { ExactText.same($0.type, type) }) {
                        notes.undeclared[at].count += 1
                    } else {
                        notes.undeclared.append((type, 1))
                    }
                } else if event.date == nil {
                    notes.direct.append(DataWarning(file: dataPath, line: offender.line,
                                                    message: "case \(SafeText.escaped(kase.id)): event \(SafeText.escaped(event.id)) (\(SafeText.escaped(type))) has no date; checklists ignore it"))
                }
            }
        }
        return notes
    }
}

/// Every offender's `EventNotes`, gathered in data order into the warnings of `RuleSet.eventWarnings`:
/// one per undeclared type at its first record with the count, and each direct one.
struct EventWarningTally {
    let vocabulary: EventVocabulary
    let dataPath: String
    private var firstLine: [ExactText: Int] = [:]
    private var counts: [ExactText: Int] = [:]
    private var order: [String] = []
    private var direct: [DataWarning] = []

    init(vocabulary: EventVocabulary, dataPath: String) {
        self.vocabulary = vocabulary
        self.dataPath = dataPath
    }

    /// Adds the notes of the offender on `line`; offenders must come in data order.
    mutating func add(_ notes: EventNotes, line: Int) {
        direct += notes.direct
        for (type, count) in notes.undeclared {
            let key = ExactText(type)
            if firstLine[key] == nil { firstLine[key] = line; order.append(type) }
            counts[key, default: 0] += count
        }
    }

    /// The warnings, by line.
    func warnings() -> [DataWarning] {
        var warnings = direct
        let known = vocabulary.declared.sorted().map(\.text)
        for type in order {
            let count = counts[ExactText(type)] ?? 0
            var message = "event type '\(SafeText.escaped(type))' is not declared by any checklist (\(count) event\(count == 1 ? "" : "s"), first here)"
            if let closest = Suggestion.closest(to: type, in: known) { message += "; did you mean '\(closest)'?" }
            warnings.append(DataWarning(file: dataPath, line: firstLine[ExactText(type)] ?? 0, message: message))
        }
        return warnings.sorted { $0.line < $1.line }
    }
}

/// The duties that counted working days through years their calendar lists no holidays for,
/// gathered in data order into one warning per year (`RuleSet.calendarWarnings`).
struct CalendarShortfallTally {
    private var firstLine: [Int: Int] = [:]
    private var counts: [Int: Int] = [:]

    mutating func add(_ shortfalls: [CompiledChecklist.CalendarShortfall]) {
        for shortfall in shortfalls {
            for year in shortfall.years {
                if firstLine[year] == nil { firstLine[year] = shortfall.line }
                counts[year, default: 0] += 1
            }
        }
    }

    /// One warning per year, at the first record that needed it, with the number of duties that did.
    func warnings(calendar: WorkingCalendar, dataPath: String) -> [DataWarning] {
        guard let listed = calendar.holidayYears else { return [] }
        let span = listed.lowerBound == listed.upperBound ? "only \(listed.lowerBound)" : "\(listed.lowerBound) to \(listed.upperBound)"
        return counts.keys.sorted().map { year in
            let count = counts[year] ?? 0
            let message = "calendar \(calendar.name) lists no holidays for \(year) (it covers \(span)): "
                + "working days in \(year) were counted as if there were none "
                + "(\(count) dut\(count == 1 ? "y" : "ies"), first here)"
            return DataWarning(file: dataPath, line: firstLine[year] ?? 0, message: message)
        }
    }
}
