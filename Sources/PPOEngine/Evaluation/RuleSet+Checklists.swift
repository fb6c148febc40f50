extension RuleSet {
    /// Checks every offender against the checklist called `checklist` (SPEC §5.4) and summarises per
    /// owner; `nil` when no checklist has that name. `dataPath` names the data in warnings.
    public func breaches(checklist: String, offenders: [Offender], asOf: Day, dataPath: String,
                         dataDigest: String, rejected: [RejectedRecord]) -> BreachReport? {
        guard let compiled = self.checklist(named: checklist) else { return nil }
        return BreachReport(checklist: compiled.name, asOf: asOf, rulesDigest: digest, dataDigest: dataDigest,
                            results: compiled.check(offenders, asOf: asOf), owners: compiled.owners,
                            warnings: eventWarnings(offenders, dataPath: dataPath), rejected: rejected)
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
                                                    message: "case \(kase.id): event \(event.id) has no type; checklists ignore it"))
                        continue
                    }
                    let key = ExactText(type)
                    if !declared.contains(key) {
                        if firstLine[key] == nil { firstLine[key] = offender.line; order.append(type) }
                        counts[key, default: 0] += 1
                    } else if event.date == nil {
                        warnings.append(DataWarning(file: dataPath, line: offender.line,
                                                    message: "case \(kase.id): event \(event.id) (\(type)) has no date; checklists ignore it"))
                    }
                }
            }
        }
        let known = declared.sorted().map(\.text)
        for type in order {
            let count = counts[ExactText(type)] ?? 0
            var message = "event type '\(type)' is not declared by any checklist (\(count) event\(count == 1 ? "" : "s"), first here)"
            if let closest = Suggestion.closest(to: type, in: known) { message += "; did you mean '\(closest)'?" }
            warnings.append(DataWarning(file: dataPath, line: firstLine[ExactText(type)] ?? 0, message: message))
        }
        return warnings.sorted { $0.line < $1.line }
    }
}
