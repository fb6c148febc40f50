/// A selection matrix compiled once, ready to score any number of offenders (SPEC §5.2).
public struct CompiledMatrix: Sendable {
    public let name: String
    public let version: String?
    public let capacity: Int?
    let window: PPODuration?
    /// The window's start, remembered for the run's `as_of`.
    private let windowStart: WindowStart?
    let categories: CategoryTable
    let evidenceWeights: [EvidenceLevel: ExactDecimal]
    let rows: [CheckedMatrix.Row]
    /// Row index per category index (`nil`: the category has no row).
    let rowOfCategory: [Int?]
    let intelligence: Condition?
    /// The same condition as a test of the item where it is, when it only compares the item's
    /// fields with constants (`source in [1, 2] and assessment in [A, B, C]`): no binding per item.
    let intelligenceTest: RecordTest?
    let eligible: Condition?
    let eligibleText: String?
    let factors: [CompiledFactor]
    /// `factors` again, called without a reference count per factor per offender.
    private let factorRefs: UnretainedObjects<CompiledFactor>
    let weighting: CompiledWeighting?
    let tiers: [CheckedMatrix.Tier]
    /// Evidence weight per `EvidenceLevel` case, in `allCases` order.
    let levelWeights: [ExactDecimal]
    /// For `on each category`: the weight of each category and the row that gives it.
    let eachWeights: [(weight: ExactDecimal, row: String)]
    /// For `on main category`: per weighting row, its weight and the matrix rows of its categories.
    let mainRows: [(weight: ExactDecimal, rows: [Int])]
    /// Each row's detail parts after the count, eight per row by part key (series bit, then
    /// evidence level + 1 when weighted): ` × 5 (series)`, ` × 4 × 0.5 (suspected)`. Written
    /// once here, so a form's detail is counts and copies.
    let partTexts: [UInt8]
    let partTextRanges: [Range<Int>]
    /// What an offence scores, by category, evidence level and series flag (see `scoringKey`):
    /// worked out once here, so scoring an offence is one lookup.
    let scorings: [OffenceScoring]

    /// The checked matrix this was planned from, so each scoring thread can plan its own copy.
    let checked: CheckedMatrix?
    /// Whether scoring reads the offenders' case files (true when unknown).
    var readsCases: Bool { checked?.readsCases ?? true }
    /// The panel's decisions, when loaded (`RuleSet.with(decisions:)`): what `is_ppo` and the
    /// `cohort.*` fields read.
    var decisions: DecisionBook? = nil
    /// Whether the matrix reads `is_ppo` or a `cohort.*` field, so that its ranking depends on the
    /// panel's decisions (true when unknown): ppod then ranks again when a decision is recorded.
    public var readsDecisions: Bool { checked?.readsDecisions ?? true }

    init(name: String, version: String?, capacity: Int?, window: PPODuration?, categories: CategoryTable,
         evidenceWeights: [EvidenceLevel: ExactDecimal], rows: [CheckedMatrix.Row], rowOfCategory: [Int?],
         intelligence: Condition?, intelligenceTest: RecordTest? = nil, eligible: Condition?, eligibleText: String?, factors: [CompiledFactor],
         weighting: CompiledWeighting?, tiers: [CheckedMatrix.Tier], checked: CheckedMatrix? = nil) {
        self.checked = checked
        self.name = name; self.version = version; self.capacity = capacity; self.window = window
        self.categories = categories; self.evidenceWeights = evidenceWeights; self.rows = rows
        self.rowOfCategory = rowOfCategory; self.intelligence = intelligence; self.intelligenceTest = intelligenceTest
        self.eligible = eligible
        self.eligibleText = eligibleText; self.factors = factors; self.weighting = weighting; self.tiers = tiers
        factorRefs = UnretainedObjects(factors)
        windowStart = window.map(WindowStart.init)
        levelWeights = EvidenceLevel.allCases.map { evidenceWeights[$0] ?? .one }
        scorings = Self.scorings(categoryCount: max(categories.names.count, rowOfCategory.count), rows: rows,
                                 rowOfCategory: rowOfCategory, levelWeights: levelWeights)
        if let weighting, weighting.mode == .each {
            eachWeights = categories.names.indices.map { weighting.weight(ofCategory: $0) }
        } else {
            eachWeights = []
        }
        mainRows = (weighting?.rows ?? []).map { row in
            (row.weight, row.categories.compactMap { rowOfCategory.indices.contains($0) ? rowOfCategory[$0] : nil })
        }
        var texts = ByteBuffer()
        var ranges: [Range<Int>] = []
        for row in rows {
            for key in UInt8(0)..<8 {
                let start = texts.count
                Self.appendPartText(key: key, points: row.points, series: row.series, levelWeights: levelWeights, to: &texts)
                ranges.append(start..<texts.count)
            }
        }
        partTexts = texts.array()
        partTextRanges = ranges
    }

    /// The same matrix planned afresh: closures and tables of its own, shared with no other thread.
    ///
    /// Swift counts references atomically, so two threads running the same closures fight over
    /// the same reference counts; a copy per thread keeps each core to its own cache lines.
    func planned() -> CompiledMatrix {
        guard let checked else { return self }
        var copy = MatrixPlanner.plan(checked, categories: categories.copied())
        copy.decisions = decisions
        return copy
    }

    /// The form of one offender, or why the matrix does not rank them.
    public enum Outcome: Sendable {
        case scored(ScoredOffender)
        case ineligible(IneligibleOffender)
    }

    /// Scores one offender at `as_of`; the rank fields are filled in by `rank`.
    public func score(_ offender: Offender, asOf: Day) -> Outcome {
        var scratch = ScoringScratch(for: self)
        var form = FormWriter()
        switch scoreForm(offender, asOf: asOf, into: &form, scratch: &scratch) {
        case .ineligible(let reason):
            return .ineligible(IneligibleOffender(id: offender.id, name: offender.name, reason: reason))
        case .scored:
            return .scored(form.bytes.readForm(at: 0) { decodeForm($0) })
        }
    }

    /// What `scoreForm` found: the sort keys of a scored form, or the reason the offender is not eligible.
    enum FormOutcome {
        case scored(score: Decimal6, latestOffence: Day?)
        case ineligible(String)
    }

    /// Scores one offender at `as_of`, appending the packed form (see `FormWriter`) when eligible.
    /// `scratch` carries buffers from one offender to the next, so a run allocates little per offender.
    func scoreForm(_ offender: Offender, asOf: Day, into form: inout FormWriter,
                   scratch: inout ScoringScratch) -> FormOutcome {
        OffenderAddress.with(offender) { scoreForm(at: $0, asOf: asOf, into: &form, scratch: &scratch) }
    }

    /// `scoreForm` for the offender at `address`: scoring reads offenders where they are, as
    /// copying one retains each of its strings and collections.
    func scoreForm(at address: OffenderAddress, asOf: Day, into form: inout FormWriter,
                   scratch: inout ScoringScratch) -> FormOutcome {
        // The frame of the offender before, rebound: its buffers are reused and nothing is set up
        // or torn down per offender.
        scratch.frame.rebind(to: address, asOf: asOf)
        if let decisions { scratch.frame.cohort = decisions.standing(of: address.offender.id, asOf: asOf) }
        scratch.frame.view.refill(at: address, asOf: asOf, windowStart: windowStart?.start(asOf: asOf))
        return scoreForm(at: address, frame: &scratch.frame, into: &form, scratch: &scratch.buffers)
    }

    private func scoreForm(at address: OffenderAddress, frame: inout EvaluationFrame, into form: inout FormWriter,
                           scratch: inout ScoringBuffers) -> FormOutcome {
        if let intelligenceTest {
            // `intelligence counts when …` decides which graded items the matrix may see at all.
            scratch.kept.removeAll()
            for index in frame.view.intelligence
            where intelligenceTest(address, RecordRef(kind: .intelligence, index: index), frame.asOf) {
                scratch.kept.append(index)
            }
            swap(&frame.view.intelligence, &scratch.kept)
        } else if let intelligence {
            // The general condition, with each item bound in turn. It is evaluated against the
            // unfiltered view; the filtered list replaces it after.
            scratch.kept.removeAll()
            for index in frame.view.intelligence {
                frame.bound.removeAll()
                frame.bound.append(RecordRef(kind: .intelligence, index: index))
                if intelligence(&frame) { scratch.kept.append(index) }
            }
            frame.bound.removeAll()
            swap(&frame.view.intelligence, &scratch.kept)
        }
        if let eligible, !eligible(&frame) {
            return .ineligible(ineligibleReason(address.offender, frame.asOf))
        }

        // The totals are filled in once the lines are written: the lines go straight into the form.
        let formStart = form.bytes.count
        let totalsAt = FormHeader.start(id: address.offender.id, name: address.offender.name, in: &form)
        var sum = ExactDecimal.zero
        // The label of the first line whose arithmetic overflowed: the offender is then not scored.
        var overflow: String? = nil
        // The one collection read here, taken once: binding `address.offender` would copy the offender.
        let offences = address.offender.offences
        var lineCount = offenceLines(offences, frame.view, into: &form, scratch: &scratch, sum: &sum, overflow: &overflow)
        var latestOffence: Day? = nil
        for index in frame.view.offences {
            if let date = offences[Int(index)].date, latestOffence.map({ date > $0 }) ?? true {
                latestOffence = date
            }
        }
        for f in factors.indices {
            frame.evidence.removeAll()
            frame.overflowed = false
            form.byte(FormSection.factor)
            form.count(f)
            // The detail goes straight into the form, ahead of the points it explains.
            let detailAt = form.beginText()
            let points = factorRefs.withObject(at: f) { $0.compute(&frame, detail: &form.bytes) }
            form.endText(detailAt)
            let shown = Decimal6(rounding: points)
            if let total = sum.adding(points), let shown, !frame.overflowed {
                sum = total
                form.signed(shown.raw)
            } else {
                if overflow == nil { overflow = factors[f].label }
                form.signed(0)
            }
            // Lines that score nothing carry no evidence: every id on the form backs a point.
            if points.isZero {
                form.count(0)
            } else {
                form.count(frame.evidence.count)
                for position in 0..<frame.evidence.count {
                    // An offence's id is on its offence line already: refer back to it.
                    if let o = frame.evidence.offenceIndex(at: position), let at = scratch.tables.idOffset(ofOffence: o) {
                        form.textReference(to: at)
                    } else {
                        form.text(frame.evidence.id(at: position, of: address))
                    }
                }
            }
            lineCount += 1
        }

        // The exact total, rounded once, here: no line or subtotal before it was rounded.
        var total = sum
        var main = FormHeader.MainChoice.none
        if let weighting, weighting.mode == .main {
            let chosen = mainRow(weighting, scratch)
            main = chosen.map(FormHeader.MainChoice.row) ?? .noRow
            let weight = chosen.map { weighting.rows[$0].weight } ?? .one
            if let weighted = sum.multiplied(by: weight) {
                total = weighted
            } else if overflow == nil {
                overflow = weighting.label
            }
        }
        guard overflow == nil, let score = Decimal6(rounding: total) else {
            form.bytes.truncate(to: formStart)
            return .ineligible(overflow.map { "not scored: the points of '\($0)' go beyond the range of exact arithmetic" }
                ?? "not scored: the total goes beyond the largest score ppo reports (9223372036854.775807)")
        }
        // Tiers take the score as reported, so a score shown as 150 is never below a 150 threshold.
        let reported = ExactDecimal(score)
        let tier = tiers.firstIndex { $0.threshold.map { reported >= $0 } ?? true }
        FormTotals(score: score, latestOffence: latestOffence, tierCode: tier.map { $0 + 1 } ?? 0, mainCode: main.code,
                   lineCount: lineCount).write(at: totalsAt, in: &form)
        return .scored(score: score, latestOffence: latestOffence)
    }

    private func ineligibleReason(_ offender: Offender, _ asOf: Day) -> String {
        let condition = eligibleText ?? "the eligibility condition"
        if offender.dob == nil, condition.contains("age") || condition.contains("juvenile") {
            return "not eligible: \(condition) (no date of birth, so age is unknown)"
        }
        if let age = FieldReader.age(offender, asOf), condition.contains("age") {
            return "not eligible: \(condition) (age \(age) at \(asOf))"
        }
        return "not eligible: \(condition)"
    }
}

