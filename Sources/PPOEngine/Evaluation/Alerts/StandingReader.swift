/// One offender's standing worked out from the offender alone, as a streamed alerts run needs it on
/// each worker thread: what `RuleSet.standings` finds for them from the whole data set.
///
/// A score, a tier and the next due duty depend on the offender only; `recommended` depends on the
/// rank, so it comes from the recommended ids a first pass found (`recommended`). One reader per
/// thread: each holds its own planned copy of every matrix (see `CompiledMatrix.planned`).
final class StandingReader {
    private let scorers: [(name: String, scorer: MatrixScorer)]
    private let checklists: [(name: String, checklist: CompiledChecklist)]
    /// Per matrix whose `recommended` is read, the ids it recommends, by their exact bytes.
    private let recommended: [String: Set<ExactText>]

    init(matrices: [(name: String, matrix: CompiledMatrix)], checklists: [(name: String, checklist: CompiledChecklist)],
         recommended: [String: Set<ExactText>]) {
        scorers = matrices.map { ($0.name, MatrixScorer($0.matrix)) }
        self.checklists = checklists.map { ($0.name, $0.checklist.planned()) }
        self.recommended = recommended
    }

    /// The offender's standing in the matrices and checklists `reading` names (those the alerts
    /// that cover the offender read: no other part of the standing is looked at).
    func standing(of offender: Offender, asOf: Day, reading: ExpressionReferences) -> OffenderStanding {
        var standing = OffenderStanding()
        for (name, scorer) in scorers where reading.matrices.contains(name) {
            if let scored = scorer.score(offender, asOf: asOf) {
                let chosen = recommended[name]?.contains(ExactText(offender.id)) ?? false
                standing.matrices[name] = .init(score: scored.score, tier: scored.tier, recommended: chosen)
            } else {
                standing.matrices[name] = .init(score: nil, tier: nil, recommended: false)
            }
        }
        for (name, checklist) in checklists where reading.checklists.contains(name) {
            if let due = checklist.nextDue(offender, asOf: asOf) { standing.dues[name] = due }
        }
        return standing
    }
}

/// One matrix planned for one thread, with its scratch: scores offenders one at a time and keeps no form.
final class MatrixScorer {
    let matrix: CompiledMatrix
    private var scratch: ScoringScratch

    init(_ matrix: CompiledMatrix) {
        self.matrix = matrix.planned()
        scratch = ScoringScratch(for: self.matrix)
    }

    /// The offender's score and tier as the form reports them and the latest visible offence (the
    /// rank's tie-break); `nil` when the matrix does not rank them.
    func score(_ offender: Offender, asOf: Day) -> (score: Decimal6, tier: String?, latestOffence: Day?)? {
        var form = FormWriter()
        switch matrix.scoreForm(offender, asOf: asOf, into: &form, scratch: &scratch) {
        case .ineligible: return nil
        case .scored(_, let latest):
            let header = form.bytes.readForm(at: 0) { matrix.decodeHeader($0) }
            return (header.score, header.tier, latest)
        }
    }
}
