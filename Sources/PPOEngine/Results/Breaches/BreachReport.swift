/// A checklist's results over a data set: every duty on every case in scope, and the per-owner summary.
public struct BreachReport: Sendable {
    public let checklist: String
    public let asOf: Day
    public let rulesDigest: String
    public let dataDigest: String
    /// In data order: offender, then case, then rule, then trigger date.
    public let results: [DutyResult]
    /// One entry per owner, in the order the checklist's rules first name them.
    public let summary: [OwnerSummary]
    public let warnings: [DataWarning]
    public let rejected: [RejectedRecord]

    public init(checklist: String, asOf: Day, rulesDigest: String, dataDigest: String, results: [DutyResult],
                owners: [String], warnings: [DataWarning], rejected: [RejectedRecord]) {
        self.checklist = checklist; self.asOf = asOf; self.rulesDigest = rulesDigest; self.dataDigest = dataDigest
        self.results = results; self.warnings = warnings; self.rejected = rejected
        self.summary = owners.map { owner in
            var counts: [DutyStatus: Int] = [:]
            for result in results where ExactText.same(result.owner, owner) { counts[result.status, default: 0] += 1 }
            return OwnerSummary(owner: owner, met: counts[.met] ?? 0, pending: counts[.pending] ?? 0,
                                breached: counts[.breached] ?? 0, notApplicable: counts[.notApplicable] ?? 0)
        }
    }

    /// The results and summary of one owning agency only (`--owner`), matched by its exact bytes.
    public func filtered(owner: String) -> BreachReport {
        BreachReport(checklist: checklist, asOf: asOf, rulesDigest: rulesDigest, dataDigest: dataDigest,
                     results: results.filter { ExactText.same($0.owner, owner) },
                     owners: summary.map(\.owner).filter { ExactText.same($0, owner) }, warnings: warnings,
                     rejected: rejected)
    }
}
