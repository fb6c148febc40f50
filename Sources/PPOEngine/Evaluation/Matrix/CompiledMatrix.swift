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
    /// `factors` again, unretained, for the scoring loop.
    private let factorRefs: [Unmanaged<CompiledFactor>]
    let weighting: CompiledWeighting?
    let tiers: [CheckedMatrix.Tier]
    /// Evidence weight per `EvidenceLevel` case, in `allCases` order.
    let levelWeights: [ExactDecimal]
    /// For `on each category`: the weight of each category and the row that gives it.
    let eachWeights: [(weight: ExactDecimal, row: String)]
    /// For `on main category`: per weighting row, its weight and the matrix rows of its categories.
    private let mainRows: [(weight: ExactDecimal, rows: [Int])]
    /// Each row's detail parts after the count, eight per row by part key (series bit, then
    /// evidence level + 1 when weighted): ` × 5 (series)`, ` × 4 × 0.5 (suspected)`. Written
    /// once here, so a form's detail is counts and copies.
    private let partTexts: [UInt8]
    private let partTextRanges: [Range<Int>]
    /// What an offence scores, by category, evidence level and series flag (see `scoringKey`):
    /// worked out once here, so scoring an offence is one lookup.
    private let scorings: [OffenceScoring]

    /// An offence's matrix row (or `OffenceTables.noRow`, `.noEvidence`), its detail part and points.
    private struct OffenceScoring {
        let row: Int32
        let part: UInt8
        /// `nil` when the row's points times the evidence weight do not fit: scoring it overflows.
        let points: ExactDecimal?
    }

    /// The index into `scorings`: eight entries per category, by evidence level (none, then each
    /// level) and series flag.
    private static func scoringKey(category: Int, level: EvidenceLevel?, series: Bool) -> Int {
        category &* 8 &+ (level.map { $0.index + 1 } ?? 0) &* 2 &+ (series ? 1 : 0)
    }

    /// The table `scorings` holds, for categories `0..<categoryCount`.
    private static func scorings(categoryCount: Int, rows: [CheckedMatrix.Row], rowOfCategory: [Int?],
                                 levelWeights: [ExactDecimal]) -> [OffenceScoring] {
        var table: [OffenceScoring] = []
        table.reserveCapacity(categoryCount * 8)
        for category in 0..<categoryCount {
            for code in 0..<8 {
                let levelCode = code >> 1, series = code & 1 == 1
                guard rowOfCategory.indices.contains(category), let r = rowOfCategory[category], rows.indices.contains(r) else {
                    table.append(OffenceScoring(row: OffenceTables.noRow, part: 0, points: .zero))
                    continue
                }
                guard levelCode > 0, levelWeights.indices.contains(levelCode - 1) else {
                    table.append(OffenceScoring(row: OffenceTables.noEvidence, part: 0, points: .zero))
                    continue
                }
                let levelIndex = levelCode - 1
                let useSeries = series && rows[r].series != nil
                let points = useSeries ? (rows[r].series ?? rows[r].points) : rows[r].points
                let weight = levelWeights[levelIndex]
                // Parts with the same text share a count: weight-1 levels all read as plain points.
                let part = UInt8(useSeries ? 1 : 0) | (weight == .one ? 0 : UInt8(levelIndex + 1) << 1)
                table.append(OffenceScoring(row: Int32(truncatingIfNeeded: r), part: part,
                                            points: points.multiplied(by: weight)))
            }
        }
        return table
    }

    /// The checked matrix this was planned from, so each scoring thread can plan its own copy.
    let checked: CheckedMatrix?
    /// Whether scoring reads the offenders' case files (true when unknown).
    var readsCases: Bool { checked?.readsCases ?? true }

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
        factorRefs = factors.map { Unmanaged.passUnretained($0) }
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

    /// The text of one detail part after its count: ` × 4`, ` × 5 (series)`, ` × 4 × 0.5 (suspected)`.
    private static func appendPartText(key: UInt8, points: ExactDecimal, series: ExactDecimal?, levelWeights: [ExactDecimal],
                                       to out: inout ByteBuffer) {
        out.append(" × ")
        let useSeries = key & 1 != 0
        (useSeries ? (series ?? points) : points).appendDescription(to: &out)
        if useSeries { out.append(" (series)") }
        let level = Int(key >> 1)
        if level > 0, levelWeights.indices.contains(level - 1), EvidenceLevel.allCases.indices.contains(level - 1) {
            out.append(" × ")
            levelWeights[level - 1].appendDescription(to: &out)
            out.append(" (")
            out.append(utf8: EvidenceLevel.allCases[level - 1].rawValue)
            out.append(UInt8(ascii: ")"))
        }
    }

    /// The same matrix planned afresh: closures and tables of its own, shared with no other thread.
    ///
    /// Swift counts references atomically, so two threads running the same closures fight over
    /// the same reference counts; a copy per thread keeps each core to its own cache lines.
    func planned() -> CompiledMatrix {
        guard let checked else { return self }
        return MatrixPlanner.plan(checked, categories: categories.copied())
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
            return .scored(form.bytes.withUnsafeBytes { decodeForm($0, at: 0) })
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
        withUnsafePointer(to: offender) { scoreForm(at: $0, asOf: asOf, into: &form, scratch: &scratch) }
    }

    /// `scoreForm` for the offender at `address` (valid and unchanged for the call): scoring reads
    /// offenders where they are, as copying one retains each of its strings and collections.
    func scoreForm(at address: UnsafePointer<Offender>, asOf: Day, into form: inout FormWriter,
                   scratch: inout ScoringScratch) -> FormOutcome {
        // The frame of the offender before, rebound: its buffers are reused and nothing is set up
        // or torn down per offender.
        scratch.frame.rebind(to: address, asOf: asOf)
        scratch.frame.view.refill(at: address, asOf: asOf, windowStart: windowStart?.start(asOf: asOf))
        return scoreForm(at: address, frame: &scratch.frame, into: &form, scratch: &scratch.buffers)
    }

    private func scoreForm(at address: UnsafePointer<Offender>, frame: inout EvaluationFrame, into form: inout FormWriter,
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
            return .ineligible(ineligibleReason(address.pointee, frame.asOf))
        }

        // The totals are filled in once the lines are written: the lines go straight into the form.
        let formStart = form.bytes.count
        let totalsAt = FormHeader.start(id: address.pointee.id, name: address.pointee.name, in: &form)
        var sum = ExactDecimal.zero
        // The label of the first line whose arithmetic overflowed: the offender is then not scored.
        var overflow: String? = nil
        // The one collection read here, taken once: passing `address.pointee` on would copy the offender.
        let offences = address.pointee.offences
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
            // Without a reference count per factor per offender: `factors` keeps them alive.
            let points = factorRefs[f]._withUnsafeGuaranteedRef { $0.compute(&frame, detail: &form.bytes) }
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

    /// Offence lines: one per category row with offences in the window, then unscored categories.
    /// Adds their points to `sum` in line order and leaves each row's subtotal in `scratch` for the
    /// main-category weighting. Returns how many lines it wrote.
    ///
    /// One pass over the visible offences finds each one's row and part, sums the rows and chains
    /// each row's offences in order; the lines are then written row by row along those chains, so
    /// no row looks at another row's offences.
    private func offenceLines(_ offences: [Offence], _ view: OffenderView, into lines: inout FormWriter,
                              scratch: inout ScoringBuffers, sum: inout ExactDecimal, overflow: inout String?) -> Int {
        scratch.tables.reset(rows: rows.count, offences: view.offences.count, records: offences.count)
        // Fields read in place through the buffer: copying an offence would retain its strings and lists.
        return offences.withUnsafeBufferPointer { offs in
            for (position, index) in view.offences.enumerated() {
                let o = Int(index)
                guard offs.indices.contains(o) else {
                    scratch.tables.noteUnscored(position, reason: 0)
                    continue
                }
                let key = Self.scoringKey(category: offs[o].category, level: offs[o].evidence, series: offs[o].series)
                guard scorings.indices.contains(key) else {
                    scratch.tables.noteUnscored(position, reason: 0)
                    continue
                }
                let scoring = scorings[key]
                if scoring.row >= 0 {
                    let r = Int(scoring.row)
                    if let points = scoring.points {
                        scratch.tables.noteScored(position, row: r, part: scoring.part, points: points)
                    } else {
                        scratch.tables.noteScored(position, row: r, part: scoring.part, points: .zero)
                        if overflow == nil { overflow = rows.indices.contains(r) ? rows[r].label : "offences" }
                    }
                } else {
                    scratch.tables.noteUnscored(position, reason: scoring.row == OffenceTables.noRow ? 0 : 1)
                }
            }

            var written = 0
            for r in 0..<rows.count where scratch.tables.offenceCount(row: r) > 0 {
                var points: ExactDecimal? = scratch.tables.overflowed ? nil : scratch.tables.subtotal(row: r)
                let category = rows[r].category
                let each = eachWeights.indices.contains(category) ? eachWeights[category] : nil
                if let each, each.weight != .one { points = points?.multiplied(by: each.weight) }
                let shown = points.flatMap { Decimal6(rounding: $0) }
                if let points, let shown, let total = sum.adding(points) {
                    sum = total
                } else if overflow == nil {
                    overflow = rows[r].label
                }
                lines.byte(FormSection.offences)
                lines.count(r)
                let at = lines.beginText()
                appendDetail(row: r, each: each, scratch: scratch, into: &lines)
                lines.endText(at)
                lines.signed(shown?.raw ?? 0)
                lines.count(scratch.tables.offenceCount(row: r))
                var position = scratch.tables.first(ofRow: r)
                while position >= 0 {
                    let o = Int(view.offences[position])
                    if offs.indices.contains(o) {
                        scratch.tables.noteID(ofOffence: o, at: lines.bytes.count)
                        lines.text(offs[o].id)
                    }
                    position = scratch.tables.next(after: position)
                }
                written += 1
            }
            // Unscored offences, one line per category and reason, in order of first appearance.
            for (first, index) in view.offences.enumerated() where scratch.tables.row(at: first) < -1 {
                let key = scratch.tables.row(at: first)
                guard offs.indices.contains(Int(index)) else { continue }
                let category = offs[Int(index)].category
                func isSame(_ position: Int, _ other: Int32) -> Bool {
                    scratch.tables.row(at: position) == key && offs.indices.contains(Int(other)) && offs[Int(other)].category == category
                }
                var count = 0
                for (position, other) in view.offences.enumerated() where isSame(position, other) { count += 1 }
                lines.byte(FormSection.unscored)
                lines.count(category)
                lines.text(key == OffenceTables.noRow ? "no row in the matrix" : "no evidence level recorded")
                lines.signed(0)
                lines.count(count)
                for (position, other) in view.offences.enumerated() where isSame(position, other) {
                    scratch.tables.noteID(ofOffence: Int(other), at: lines.bytes.count)
                    lines.text(offs[Int(other)].id)
                    scratch.tables.markUnscoredWritten(position)
                }
                written += 1
            }
            return written
        }
    }

    /// An offence line's detail: `2 × 4 + 1 × 5 (series) + 1 × 4 × 0.5 (suspected)`, each part once,
    /// in the order its first offence comes; in brackets and times the weight when weighted `on each
    /// category`.
    private func appendDetail(row r: Int, each: (weight: ExactDecimal, row: String)?,
                              scratch: borrowing ScoringBuffers, into lines: inout FormWriter) {
        let weighted = each.map { $0.weight != .one } ?? false
        if weighted { lines.bytes.append(UInt8(ascii: "(")) }
        var written: UInt16 = 0
        var position = scratch.tables.first(ofRow: r)
        while position >= 0 {
            let key = scratch.tables.part(at: position)
            position = scratch.tables.next(after: position)
            guard written & (1 << key) == 0 else { continue }
            if written != 0 { lines.bytes.append(" + ") }
            written |= 1 << key
            Decimal6.appendDigits(UInt64(scratch.tables.partCount(row: r, part: key)), to: &lines.bytes)
            let text = r * 8 + Int(key)
            guard partTextRanges.indices.contains(text) else { continue }
            partTexts.withUnsafeBufferPointer {
                lines.bytes.append(UnsafeBufferPointer(rebasing: $0[partTextRanges[text]]))
            }
        }
        if let each, weighted {
            lines.bytes.append(") × ")
            each.weight.appendDescription(to: &lines.bytes)
            lines.bytes.append(" (")
            lines.bytes.append(utf8: weighting?.label ?? "")
            lines.bytes.append(": ")
            lines.bytes.append(utf8: each.row)
            lines.bytes.append(UInt8(ascii: ")"))
        }
    }

    /// The main category's weighting row: the largest subtotal, ties to the larger weight, then the
    /// earlier row; `nil` when no row has a positive subtotal (the weight is then 1).
    private func mainRow(_ weighting: CompiledWeighting, _ scratch: borrowing ScoringBuffers) -> Int? {
        var best: (row: Int, subtotal: ExactDecimal, weight: ExactDecimal)? = nil
        for w in mainRows.indices {
            var subtotal = ExactDecimal.zero
            // A row that scored nothing has a zero subtotal, so every category's row can be added.
            for r in mainRows[w].rows {
                // An overflowing subtotal leaves the form unscored, so whichever row wins is moot.
                subtotal = subtotal.adding(scratch.tables.subtotal(row: r)) ?? subtotal
            }
            guard subtotal > .zero else { continue }
            let weight = mainRows[w].weight
            if let current = best {
                if subtotal < current.subtotal { continue }
                if subtotal == current.subtotal && weight <= current.weight { continue }
            }
            best = (w, subtotal, weight)
        }
        return best?.row
    }

    /// Unpacks a form written by `scoreForm` into the `ScoredOffender` the renderers take.
    func decodeForm(_ bytes: UnsafeRawBufferPointer, at offset: Int) -> ScoredOffender {
        var reader = FormReader(bytes, at: offset)
        let header = FormHeader.read(&reader)
        var lines: [ScoreLine] = []
        lines.reserveCapacity(header.lineCount)
        for _ in 0..<header.lineCount {
            let section = reader.byte()
            let index = reader.count()
            let detail = reader.text()
            let points = Decimal6(raw: reader.signed())
            var evidence: [String] = []
            let count = reader.count()
            evidence.reserveCapacity(count)
            for _ in 0..<count { evidence.append(reader.text()) }
            lines.append(ScoreLine(section: FormSection.section(section), label: label(section: section, index: index),
                                   points: points, evidence: evidence, detail: detail))
        }
        return ScoredOffender(id: header.id, name: header.name, rank: 0, score: header.score,
                              tier: tierName(header.tier), recommended: false, tieAtCapacity: false, lines: lines,
                              mainWeighting: mainWeighting(header.main), latestOffence: header.latestOffence)
    }

    /// Unpacks only a form's header: a `ScoredOffender` without lines, for the table and CSV.
    func decodeHeader(_ bytes: UnsafeRawBufferPointer, at offset: Int) -> ScoredOffender {
        var reader = FormReader(bytes, at: offset)
        let header = FormHeader.read(&reader)
        return ScoredOffender(id: header.id, name: header.name, rank: 0, score: header.score,
                              tier: tierName(header.tier), recommended: false, tieAtCapacity: false, lines: [],
                              mainWeighting: mainWeighting(header.main), latestOffence: header.latestOffence)
    }

    /// The label a form line shows: its row's label, its category's name, or its factor's label.
    func label(section: UInt8, index: Int) -> String {
        switch section {
        case FormSection.offences: return rows.indices.contains(index) ? rows[index].label : "?"
        case FormSection.unscored: return categories.names.indices.contains(index) ? categories.names[index] : "unknown"
        default: return factors.indices.contains(index) ? factors[index].label : "?"
        }
    }

    func tierName(_ index: Int?) -> String? {
        index.flatMap { tiers.indices.contains($0) ? tiers[$0].name : nil }
    }

    func mainWeighting(_ choice: FormHeader.MainChoice) -> MainWeighting? {
        guard let weighting else { return nil }
        switch choice {
        case .none: return nil
        case .noRow: return MainWeighting(label: weighting.label, row: nil, weight: .one)
        case .row(let r):
            guard weighting.rows.indices.contains(r) else { return nil }
            return MainWeighting(label: weighting.label, row: weighting.rows[r].name, weight: weighting.rows[r].weight)
        }
    }
}

/// The section byte of a packed form line.
enum FormSection {
    static let offences: UInt8 = 0
    static let unscored: UInt8 = 1
    static let factor: UInt8 = 2

    static func section(_ byte: UInt8) -> ScoreLine.Section {
        switch byte {
        case offences: return .offences
        case unscored: return .unscored
        default: return .factor
        }
    }
}

extension EvidenceLevel {
    /// Position in `allCases`.
    var index: Int {
        switch self {
        case .convicted: return 0
        case .admitted: return 1
        case .suspected: return 2
        }
    }
}

/// What scoring reuses from one offender to the next: a frame and buffers, so that a run allocates
/// nothing per offender once warmed up. One scratch serves the one matrix that made it.
struct ScoringScratch: ~Copyable {
    /// The frame, rebound to each offender (see `EvaluationFrame.reusable`).
    var frame: EvaluationFrame
    var buffers = ScoringBuffers()

    init(for matrix: CompiledMatrix) {
        frame = EvaluationFrame.reusable(at: Self.nobody, asOf: Day(ordinal: 0), categories: matrix.categories)
    }

    /// What the frame points at before its first offender; never read.
    // Made once and never changed or freed, so any thread may hold it.
    nonisolated(unsafe) private static let nobody: UnsafePointer<Offender> = {
        let placeholder = UnsafeMutablePointer<Offender>.allocate(capacity: 1)
        placeholder.initialize(to: Offender(id: "", line: 0))
        return UnsafePointer(placeholder)
    }()
}

/// The buffers a form is worked out in.
struct ScoringBuffers: ~Copyable {
    /// The offence lines' tables.
    var tables = OffenceTables()
    /// The intelligence the matrix counts.
    var kept = IndexList()
}
