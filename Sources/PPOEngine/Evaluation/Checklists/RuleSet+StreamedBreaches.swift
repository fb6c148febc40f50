extension RuleSet {
    /// `breaches(checklist:offenders:…)` over the JSON Lines file at `path`, streamed: each offender is
    /// checked on a worker thread as its block is decoded and only its results are kept (most
    /// offenders are not PPO cases, and have none), so memory grows with the results, not the file.
    /// The report, warnings, rejects and data digest are those of reading the file with
    /// `RecordReader` and calling the in-memory form. `nil` when no checklist has that name; throws
    /// `ReadError` only when the file cannot be opened or read.
    public func breaches(checklist: String, path: String, asOf: Day) throws -> BreachReport? {
        try breaches(checklist: checklist, source: .file(path: path), asOf: asOf, pass: RecordPass(categories: categories))
    }

    /// `breaches(checklist:path:asOf:)` over records pulled in pieces (the daemon's store): the
    /// report is that of the file the pieces make. `nil` when no checklist has that name; throws
    /// what reading the pieces throws.
    public func breaches(checklist: String, pieces: RecordPieces, asOf: Day) throws -> BreachReport? {
        try breaches(checklist: checklist, source: .pieces(pieces), asOf: asOf, pass: RecordPass(categories: categories))
    }

    /// What one offender gives a streamed checklist run.
    private struct CheckedOffender: Sendable {
        let results: [DutyResult]
        let shortfalls: [CompiledChecklist.CalendarShortfall]
        let notes: EventNotes
    }

    /// The streamed run over `source` (a file, or bytes in tests) with `pass`'s threads and block size.
    func breaches(checklist: String, source: RecordInput, asOf: Day, pass: RecordPass) throws -> BreachReport? {
        guard let compiled = self.checklist(named: checklist) else { return nil }
        let path = source.path
        let vocabulary = EventVocabulary(checklists)
        var results: [DutyResult] = []
        var shortfalls = CalendarShortfallTally()
        var events = EventWarningTally(vocabulary: vocabulary, dataPath: path)
        let outcome = try pass.run(source, makeWork: {
            let compiled = compiled.planned()
            return { offender in
                var noted: [CompiledChecklist.CalendarShortfall] = []
                let results = compiled.check(offender, asOf: asOf, shortfalls: &noted)
                return CheckedOffender(results: results, shortfalls: noted,
                                       notes: vocabulary.notes(for: offender, dataPath: path))
            }
        }) { accepted in
            results += accepted.output.results
            shortfalls.add(accepted.output.shortfalls)
            events.add(accepted.output.notes, line: accepted.line)
        }
        let warnings = events.warnings() + shortfalls.warnings(calendar: compiled.calendar, dataPath: path)
        return BreachReport(checklist: compiled.name, asOf: asOf, rulesDigest: digest, dataDigest: outcome.digest,
                            results: results, owners: compiled.owners,
                            warnings: warnings.sorted { $0.line < $1.line }, rejected: outcome.rejected)
    }
}
