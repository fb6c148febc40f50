/// A file a streamed alerts run could not read: the data or the previous snapshot.
public enum AlertsReadError: Error, Sendable {
    /// The `--data` file.
    case data(ReadError)
    /// The `--previous` snapshot.
    case previous(ReadError)
}

/// What a streamed alerts run gives: the report, and the records rejected in the previous snapshot
/// (reported apart, as `ppo alerts` prefixes them).
public struct StreamedAlerts: Sendable {
    /// The day's alerts, with the rejects of the data file.
    public let report: AlertReport
    /// The records of the previous snapshot that could not be used (empty without one).
    public let previousRejected: [RejectedRecord]
}

extension RuleSet {
    /// `alerts(blocks:offenders:previous:…)` over the JSON Lines file at `path`, streamed: each
    /// offender is evaluated on a worker thread as its block is decoded and only the alerts it raises
    /// are kept, so memory grows with the alerts, not the file.
    ///
    /// The previous snapshot (`previousPath`) is indexed in one pass (`PreviousSnapshot`) and an
    /// offender's previous record read back only when an alert that calls `changed()` covers them.
    /// Scores, tiers and next due duties are worked out per offender; a matrix whose
    /// `recommended("…")` is read is first ranked by a pass that keeps only the sort keys. The
    /// report, and each file's rejects, are those of reading both files with `RecordReader` and
    /// calling the in-memory form. Throws when either file cannot be opened or read.
    public func alerts(blocks names: [String]?, path: String, previousPath: String?,
                       asOf: Day) throws(AlertsReadError) -> StreamedAlerts {
        // The data file is the one read first, as `ppo alerts` read it before the snapshot: when
        // neither can be read, the data is the one named.
        do {
            if let failure = try LineFile(path: path).readFailure() { throw ReadError(path: path, reason: failure) }
        } catch {
            throw .data(Self.readError(error, path))
        }
        return try alerts(blocks: names, source: .file(path: path), previous: previousPath.map { .file(path: $0) }, asOf: asOf,
                   pass: RecordPass(categories: categories))
    }

    /// `alerts(blocks:path:previousPath:asOf:)` over records pulled in pieces (the daemon's store),
    /// with the previous snapshot in pieces read back by id (`RecordPieces(previousPath:…)`): the
    /// report is that of the files the pieces make. Throws what reading either throws.
    public func alerts(blocks names: [String]?, pieces: RecordPieces, previous: RecordPieces?,
                       asOf: Day) throws(AlertsReadError) -> StreamedAlerts {
        try alerts(blocks: names, source: .pieces(pieces), previous: previous.map { .pieces($0) }, asOf: asOf,
                   pass: RecordPass(categories: categories))
    }

    /// The streamed run over `source` and `previous` (files, or bytes in tests) with `pass`'s threads
    /// and block size.
    func alerts(blocks names: [String]?, source: RecordInput, previous: RecordInput?, asOf: Day,
                pass: RecordPass) throws(AlertsReadError) -> StreamedAlerts {
        let blocks = alertBlocks(named: names)
        var references = ExpressionReferences()
        for block in blocks { references.formUnion(block.references) }
        var snapshot: PreviousSnapshot? = nil
        if let previous {
            do {
                snapshot = try PreviousSnapshot(previous, categories: categories, indexing: references.readsChanged, pass: pass)
            } catch {
                throw .previous(Self.readError(error, previous.path))
            }
        }
        do {
            return try alerts(blocks, references: references, source: source, snapshot: snapshot, asOf: asOf, pass: pass)
        } catch {
            throw .data(Self.readError(error, source.path))
        }
    }

    private static func readError(_ error: any Error, _ path: String) -> ReadError {
        error as? ReadError ?? ReadError(path: path, reason: "\(error)")
    }

    private func alerts(_ blocks: [CompiledAlerts], references: ExpressionReferences, source: RecordInput,
                        snapshot: PreviousSnapshot?, asOf: Day, pass: RecordPass) throws -> StreamedAlerts {
        let matrices = references.matrices.sorted().compactMap { name in matrix(named: name).map { (name: name, matrix: $0) } }
        let checklists = references.checklists.sorted().compactMap { name in checklist(named: name).map { (name: name, checklist: $0) } }
        let recommended = try recommendedIDs(matrices.filter { references.recommended.contains($0.name) }, source: source,
                                             asOf: asOf, pass: pass)
        // Alerts are numbered across the blocks, in order: the position of each block's first.
        let severities = blocks.flatMap { $0.alerts.map(\.severity) }
        let firstAlert = blocks.indices.map { b in blocks[..<b].reduce(0) { $0 + $1.alerts.count } }
        // Each alert's results in data order; put in the report's order below.
        var byAlert = [[AlertResult]](repeating: [], count: severities.count)
        // What the alerts covering an adopted PPO, and anyone else, read of the standings.
        let reading = [false, true].map { adopted in
            blocks.reduce(into: ExpressionReferences()) { $0.formUnion($1.references(adopted: adopted)) }
        }
        let outcome = try pass.run(source, makeWork: {
            let standings = StandingReader(matrices: matrices, checklists: checklists, recommended: recommended)
            let blocks = blocks.map { $0.planned() }
            return { offender in
                let adopted = Scope.isAdopted(offender, cohort: blocks.first?.cohort(of: offender, asOf: asOf))
                let standing = standings.standing(of: offender, asOf: asOf, reading: reading[adopted ? 1 : 0])
                let previous = blocks.contains { $0.readsPrevious(offender, adopted: adopted) }
                    ? snapshot?.offender(id: offender.id, current: offender) : nil
                var raised: [(alert: Int, result: AlertResult)] = []
                for (b, block) in blocks.enumerated() {
                    for (position, result) in block.raise(for: offender, previous: previous, standing: standing, asOf: asOf) {
                        raised.append((firstAlert[b] + position, result))
                    }
                }
                return RaisedAlerts(list: raised)
            }
        }) { accepted in
            for (alert, result) in accepted.output.list where byAlert.indices.contains(alert) {
                byAlert[alert].append(result)
            }
        }
        // High severity first, then in the order the alerts are declared, then data order: what the
        // in-memory form's sort by severity, alert and offender gives.
        let severityRank: [CheckedAlerts.Severity: Int] = [.high: 0, .medium: 1, .low: 2]
        let order = severities.indices.sorted { a, b in
            let x = severityRank[severities[a]] ?? 3, y = severityRank[severities[b]] ?? 3
            return x != y ? x < y : a < b
        }
        var results: [AlertResult] = []
        results.reserveCapacity(byAlert.reduce(0) { $0 + $1.count })
        for alert in order {
            results += byAlert[alert]
            byAlert[alert] = []   // let go as it is copied, so the two lists are never both whole
        }
        let report = AlertReport(blocks: blocks.map(\.name), asOf: asOf, rulesDigest: digest, dataDigest: outcome.digest,
                                 previousDigest: snapshot?.digest, results: results, rejected: outcome.rejected)
        return StreamedAlerts(report: report, previousRejected: snapshot?.rejected ?? [])
    }

    /// For each matrix, the ids of the offenders it recommends (the first `capacity` in rank order),
    /// from a pass over the data that keeps only each offender's sort keys.
    private func recommendedIDs(_ matrices: [(name: String, matrix: CompiledMatrix)], source: RecordInput, asOf: Day,
                                pass: RecordPass) throws -> [String: Set<ExactText>] {
        let ranked = matrices.filter { ($0.matrix.capacity ?? 0) > 0 }
        guard !ranked.isEmpty else { return [:] }
        var entries = [[PackedEntry]](repeating: [], count: ranked.count)
        _ = try pass.run(source, makeWork: {
            let scorers = ranked.map { MatrixScorer($0.matrix) }
            return { offender in
                SortKeys(list: scorers.map { scorer in
                    scorer.score(offender, asOf: asOf).map {
                        PackedEntry(id: offender.id, score: $0.score, latestOffence: $0.latestOffence, buffer: 0, offset: 0)
                    }
                })
            }
        }) { accepted in
            for (m, key) in accepted.output.list.enumerated() where entries.indices.contains(m) {
                if let key { entries[m].append(key) }
            }
        }
        var recommended: [String: Set<ExactText>] = [:]
        for (m, matrix) in ranked.enumerated() {
            let order = PackedEntry.ranked(entries[m])
            entries[m] = []
            recommended[matrix.name] = Set(order.prefix(matrix.matrix.capacity ?? 0).map { ExactText($0.id) })
        }
        return recommended
    }
}

/// The alerts one offender raised, each with its position among every alert of the run.
private struct RaisedAlerts: Sendable {
    let list: [(alert: Int, result: AlertResult)]
}

/// One offender's sort keys in each ranked matrix (`nil` where it does not rank them).
private struct SortKeys: Sendable {
    let list: [PackedEntry?]
}
