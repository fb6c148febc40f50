extension RuleSet {
    /// The day's alerts (SPEC §5.5) of the named blocks (`nil`: every loaded alerts block).
    ///
    /// Each matrix and checklist the alerts read is evaluated once for the whole data set before any
    /// alert runs, so `recommended("…")` sees the full ranking and no matrix is scored per alert.
    /// `previous` is the snapshot `changed()` compares with; `nil` means none, so nothing has changed.
    public func alerts(blocks names: [String]?, offenders: [Offender], previous: [Offender]?, asOf: Day,
                       dataDigest: String, previousDigest: String?, rejected: [RejectedRecord]) -> AlertReport {
        let blocks = alertBlocks(named: names)
        var references = ExpressionReferences()
        for block in blocks { references.formUnion(block.references) }
        let standings = self.standings(offenders, references: references, asOf: asOf)
        // The previous snapshot of the same offender: the same id, byte for byte.
        var before: [ExactText: Offender] = [:]
        for offender in previous ?? [] { before[ExactText(offender.id)] = offender }

        var raised: [(alert: Int, offender: Int, result: AlertResult)] = []
        for (index, offender) in offenders.enumerated() {
            let standing = standings[ExactText(offender.id)] ?? OffenderStanding()
            var alertIndex = 0
            for block in blocks {
                let results = block.raise(for: offender, previous: before[ExactText(offender.id)], standing: standing, asOf: asOf)
                for (position, result) in results {
                    raised.append((alert: alertIndex + position, offender: index, result: result))
                }
                alertIndex += block.alerts.count
            }
        }
        let severityRank: [CheckedAlerts.Severity: Int] = [.high: 0, .medium: 1, .low: 2]
        let results = raised.sorted { a, b in
            let x = severityRank[a.result.severity] ?? 3, y = severityRank[b.result.severity] ?? 3
            if x != y { return x < y }
            return a.alert != b.alert ? a.alert < b.alert : a.offender < b.offender
        }.map(\.result)
        return AlertReport(blocks: blocks.map(\.name), asOf: asOf, rulesDigest: digest, dataDigest: dataDigest,
                           previousDigest: previousDigest, results: results, rejected: rejected)
    }

    /// The alerts blocks called `names` (`nil`: every loaded one), in load order.
    func alertBlocks(named names: [String]?) -> [CompiledAlerts] {
        names.map { wanted in alertBlocks.filter { ExactText.list(wanted, contains: $0.name) } } ?? alertBlocks
    }

    /// Every referenced matrix ranked once and every referenced checklist checked once, by offender.
    func standings(_ offenders: [Offender], references: ExpressionReferences, asOf: Day) -> [ExactText: OffenderStanding] {
        var standings: [ExactText: OffenderStanding] = [:]
        for name in references.matrices.sorted() {
            guard let matrix = matrix(named: name) else { continue }
            let ranking = matrix.rank(offenders, asOf: asOf, rulesDigest: digest, dataDigest: "", rejected: [])
            for scored in ranking.offenders {
                standings[ExactText(scored.id), default: OffenderStanding()].matrices[name] =
                    .init(score: scored.score, tier: scored.tier, recommended: scored.recommended)
            }
            for ineligible in ranking.ineligible {
                standings[ExactText(ineligible.id), default: OffenderStanding()].matrices[name] =
                    .init(score: nil, tier: nil, recommended: false)
            }
        }
        for name in references.checklists.sorted() {
            guard let checklist = checklist(named: name) else { continue }
            for offender in offenders {
                guard let due = checklist.nextDue(offender, asOf: asOf) else { continue }
                standings[ExactText(offender.id), default: OffenderStanding()].dues[name] = due
            }
        }
        return standings
    }
}

extension CompiledChecklist {
    /// The offender's earliest pending duty with a due date, as `days_to_due` and `next_due` read it;
    /// `nil` when none is pending.
    func nextDue(_ offender: Offender, asOf: Day) -> OffenderStanding.DueStanding? {
        let pending = check(offender, asOf: asOf).filter { $0.status == .pending }
        guard let next = pending.compactMap({ result in result.due.map { (due: $0, result: result) } })
            .min(by: { $0.due < $1.due }) else { return nil }
        let days = calendar.workingDays(after: asOf, through: next.due)
        return .init(nextDue: next.due, daysToDue: days, evidence: next.result.trigger.map { [$0] } ?? [])
    }
}
