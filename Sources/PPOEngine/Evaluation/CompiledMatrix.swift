/// A selection matrix compiled once, ready to score any number of offenders (SPEC §5.2).
public struct CompiledMatrix: Sendable {
    public let name: String
    public let version: String?
    public let capacity: Int?
    let window: PPODuration?
    let categories: CategoryTable
    let evidenceWeights: [EvidenceLevel: Decimal6]
    let rows: [CheckedMatrix.Row]
    /// Row index per category index (`nil`: the category has no row).
    let rowOfCategory: [Int?]
    let intelligence: Condition?
    let eligible: Condition?
    let eligibleText: String?
    let factors: [CompiledFactor]
    /// `factors` again, unretained, for the scoring loop.
    private let factorRefs: [Unmanaged<CompiledFactor>]
    let weighting: CompiledWeighting?
    let tiers: [CheckedMatrix.Tier]
    /// Evidence weight per `EvidenceLevel` case, in `allCases` order.
    let levelWeights: [Decimal6]
    /// For `on each category`: the weight of each category and the row that gives it.
    let eachWeights: [(weight: Decimal6, row: String)]
    /// Each row's detail parts after the count, eight per row by part key (series bit, then
    /// evidence level + 1 when weighted): ` × 5 (series)`, ` × 4 × 0.5 (suspected)`. Written
    /// once here, so a form's detail is counts and copies.
    private let partTexts: [UInt8]
    private let partTextRanges: [Range<Int>]
    /// The checked matrix this was planned from, so each scoring thread can plan its own copy.
    let checked: CheckedMatrix?
    /// Whether scoring reads the offenders' case files (true when unknown).
    var readsCases: Bool { checked?.readsCases ?? true }

    init(name: String, version: String?, capacity: Int?, window: PPODuration?, categories: CategoryTable,
         evidenceWeights: [EvidenceLevel: Decimal6], rows: [CheckedMatrix.Row], rowOfCategory: [Int?],
         intelligence: Condition?, eligible: Condition?, eligibleText: String?, factors: [CompiledFactor],
         weighting: CompiledWeighting?, tiers: [CheckedMatrix.Tier], checked: CheckedMatrix? = nil) {
        self.checked = checked
        self.name = name; self.version = version; self.capacity = capacity; self.window = window
        self.categories = categories; self.evidenceWeights = evidenceWeights; self.rows = rows
        self.rowOfCategory = rowOfCategory; self.intelligence = intelligence; self.eligible = eligible
        self.eligibleText = eligibleText; self.factors = factors; self.weighting = weighting; self.tiers = tiers
        factorRefs = factors.map { Unmanaged.passUnretained($0) }
        levelWeights = EvidenceLevel.allCases.map { evidenceWeights[$0] ?? .one }
        if let weighting, weighting.mode == .each {
            eachWeights = categories.names.indices.map { weighting.weight(ofCategory: $0) }
        } else {
            eachWeights = []
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
    private static func appendPartText(key: UInt8, points: Decimal6, series: Decimal6?, levelWeights: [Decimal6],
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
        var scratch = ScoringScratch()
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
        let windowStart = window.map { $0.subtracted(from: asOf) }
        var view = scratch.takeView()
        view.refill(at: address, asOf: asOf, windowStart: windowStart)
        defer { scratch.returnView(&view) }
        return EvaluationFrame.with(at: address, view: &view, asOf: asOf, categories: categories) { frame in
            scoreForm(at: address, frame: &frame, into: &form, scratch: &scratch)
        }
    }

    private func scoreForm(at address: UnsafePointer<Offender>, frame: inout EvaluationFrame, into form: inout FormWriter,
                           scratch: inout ScoringScratch) -> FormOutcome {
        // The evidence and selection buffers of the previous offender's frame, emptied: a new
        // frame would allocate both afresh for every offender.
        swap(&frame.evidence, &scratch.frameEvidence)
        swap(&frame.selection, &scratch.frameSelection)
        frame.evidence.removeAll()
        frame.selection.removeAll(keepingCapacity: true)
        defer {
            swap(&frame.evidence, &scratch.frameEvidence)
            swap(&frame.selection, &scratch.frameSelection)
        }
        if let intelligence {
            // `intelligence counts when …` decides which graded items the matrix may see at all. The
            // condition is evaluated against the unfiltered view; the filtered list replaces it after.
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

        scratch.lines.bytes.removeAll()
        var sum = Decimal6.zero
        // The one collection read here, taken once: passing `address.pointee` on would copy the offender.
        let offences = address.pointee.offences
        var lineCount = offenceLines(offences, frame.view, into: &scratch, sum: &sum)
        var latestOffence: Day? = nil
        for index in frame.view.offences {
            if let date = offences[Int(index)].date, latestOffence.map({ date > $0 }) ?? true {
                latestOffence = date
            }
        }
        for f in factors.indices {
            frame.evidence.removeAll()
            scratch.detail.removeAll()
            // Without a reference count per factor per offender: `factors` keeps them alive.
            let points = factorRefs[f]._withUnsafeGuaranteedRef { $0.compute(&frame, detail: &scratch.detail) }
            sum = sum.adding(points) ?? sum
            scratch.lines.byte(FormSection.factor)
            scratch.lines.count(f)
            scratch.lines.signed(points.raw)
            // Lines that score nothing carry no evidence: every id on the form backs a point.
            if points == .zero {
                scratch.lines.count(0)
            } else {
                scratch.lines.count(frame.evidence.count)
                for position in 0..<frame.evidence.count {
                    scratch.lines.text(frame.evidence.id(at: position, of: address))
                }
            }
            scratch.lines.count(scratch.detail.count)
            scratch.lines.bytes.append(scratch.detail)
            lineCount += 1
        }

        var total = sum
        var main = FormHeader.MainChoice.none
        if let weighting, weighting.mode == .main {
            let chosen = mainRow(weighting, scratch)
            main = chosen.map(FormHeader.MainChoice.row) ?? .noRow
            let weight = chosen.map { weighting.rows[$0].weight } ?? .one
            total = sum.multiplied(by: weight) ?? sum
        }
        let tier = tiers.firstIndex { $0.threshold.map { total >= $0 } ?? true }
        FormHeader(id: address.pointee.id, name: address.pointee.name, score: total, latestOffence: latestOffence, tier: tier,
                   main: main, lineCount: lineCount).write(to: &form)
        form.bytes.append(scratch.lines.bytes)
        return .scored(score: total, latestOffence: latestOffence)
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
    /// Two passes over the visible offences, with flat per-row tables: the first finds each
    /// offence's row and part and sums the rows; the second writes the lines in row order, each
    /// row's evidence and detail parts in offence order.
    private func offenceLines(_ offences: [Offence], _ view: OffenderView, into scratch: inout ScoringScratch,
                              sum: inout Decimal6) -> Int {
        scratch.reset(rows: rows.count, offences: view.offences.count)
        for (position, index) in view.offences.enumerated() {
            // Fields read in place: copying the offence would retain its strings and lists.
            let o = Int(index)
            let category = offences[o].category
            guard rowOfCategory.indices.contains(category), let r = rowOfCategory[category] else {
                scratch.noteUnscored(position, reason: 0)
                continue
            }
            guard let level = offences[o].evidence else {
                scratch.noteUnscored(position, reason: 1)
                continue
            }
            let series = rows[r].series
            let useSeries = offences[o].series && series != nil
            let points = useSeries ? (series ?? rows[r].points) : rows[r].points
            let levelIndex = level.index
            let weight = levelWeights[levelIndex]
            let scored = points.multiplied(by: weight) ?? .zero
            // Parts with the same text share a count: weight-1 levels all read as plain points.
            let part = UInt8(useSeries ? 1 : 0) | (weight == .one ? 0 : UInt8(levelIndex + 1) << 1)
            scratch.noteScored(position, row: r, part: part, points: scored)
        }

        var written = 0
        for r in 0..<rows.count where scratch.offenceCount(row: r) > 0 {
            var points = scratch.subtotal(row: r)
            let category = rows[r].category
            let each = eachWeights.indices.contains(category) ? eachWeights[category] : nil
            if let each, each.weight != .one { points = points.multiplied(by: each.weight) ?? points }
            sum = sum.adding(points) ?? sum
            scratch.lines.byte(FormSection.offences)
            scratch.lines.count(r)
            scratch.lines.signed(points.raw)
            scratch.lines.count(scratch.offenceCount(row: r))
            for (position, index) in view.offences.enumerated() where scratch.row(at: position) == r {
                scratch.lines.text(offences[Int(index)].id)
            }
            let at = scratch.lines.beginText()
            appendDetail(row: r, view: view, each: each, scratch: &scratch)
            scratch.lines.endText(at)
            written += 1
        }
        // Unscored offences, one line per category and reason, in order of first appearance.
        for (first, index) in view.offences.enumerated() where scratch.row(at: first) < -1 {
            let key = scratch.row(at: first)
            let category = offences[Int(index)].category
            var count = 0
            for (position, other) in view.offences.enumerated()
            where scratch.row(at: position) == key && offences[Int(other)].category == category {
                count += 1
            }
            scratch.lines.byte(FormSection.unscored)
            scratch.lines.count(category)
            scratch.lines.signed(0)
            scratch.lines.count(count)
            for (position, other) in view.offences.enumerated()
            where scratch.row(at: position) == key && offences[Int(other)].category == category {
                scratch.lines.text(offences[Int(other)].id)
                scratch.markUnscoredWritten(position)
            }
            scratch.lines.text(key == ScoringScratch.noRow ? "no row in the matrix" : "no evidence level recorded")
            written += 1
        }
        return written
    }

    /// An offence line's detail: `2 × 4 + 1 × 5 (series) + 1 × 4 × 0.5 (suspected)`, each part once,
    /// in the order its first offence comes; in brackets and times the weight when weighted `on each
    /// category`.
    private func appendDetail(row r: Int, view: OffenderView, each: (weight: Decimal6, row: String)?,
                              scratch: inout ScoringScratch) {
        let weighted = each.map { $0.weight != .one } ?? false
        if weighted { scratch.lines.bytes.append(UInt8(ascii: "(")) }
        var written: UInt16 = 0
        for position in view.offences.indices where scratch.row(at: position) == r {
            let key = scratch.part(at: position)
            guard written & (1 << key) == 0 else { continue }
            if written != 0 { scratch.lines.bytes.append(" + ") }
            written |= 1 << key
            Decimal6.appendDigits(UInt64(scratch.partCount(row: r, part: key)), to: &scratch.lines.bytes)
            let text = r * 8 + Int(key)
            guard partTextRanges.indices.contains(text) else { continue }
            partTexts.withUnsafeBufferPointer {
                scratch.lines.bytes.append(UnsafeBufferPointer(rebasing: $0[partTextRanges[text]]))
            }
        }
        if let each, weighted {
            scratch.lines.bytes.append(") × ")
            each.weight.appendDescription(to: &scratch.lines.bytes)
            scratch.lines.bytes.append(" (")
            scratch.lines.bytes.append(utf8: weighting?.label ?? "")
            scratch.lines.bytes.append(": ")
            scratch.lines.bytes.append(utf8: each.row)
            scratch.lines.bytes.append(UInt8(ascii: ")"))
        }
    }

    /// The main category's weighting row: the largest subtotal, ties to the larger weight, then the
    /// earlier row; `nil` when no row has a positive subtotal (the weight is then 1).
    private func mainRow(_ weighting: CompiledWeighting, _ scratch: borrowing ScoringScratch) -> Int? {
        var best: (row: Int, subtotal: Decimal6)? = nil
        for (w, row) in weighting.rows.enumerated() {
            var subtotal = Decimal6.zero
            for category in row.categories {
                // A row that scored nothing has a zero subtotal, so every category can be added.
                if rowOfCategory.indices.contains(category), let r = rowOfCategory[category] {
                    subtotal = subtotal.adding(scratch.subtotal(row: r)) ?? subtotal
                }
            }
            guard subtotal > .zero else { continue }
            if let current = best {
                if subtotal < current.subtotal { continue }
                if subtotal == current.subtotal && row.weight <= weighting.rows[current.row].weight { continue }
            }
            best = (w, subtotal)
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
            let points = Decimal6(raw: reader.signed())
            var evidence: [String] = []
            let count = reader.count()
            evidence.reserveCapacity(count)
            for _ in 0..<count { evidence.append(reader.text()) }
            let detail = reader.text()
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

/// Buffers reused from one offender to the next while scoring, so the offence lines of a form cost
/// no allocations once a run has warmed up.
struct ScoringScratch: ~Copyable {
    /// The lines of the form being written (the header goes first, so lines wait here).
    var lines = FormWriter()
    /// A factor line's detail while it is worked out.
    var detail = ByteBuffer()
    /// Per visible offence (by position in the view): its matrix row, or `noRow`/`noEvidence`,
    /// or `written` once an unscored offence's line is out.
    private var rowAt: [Int32] = []
    /// Per visible offence: its detail part (series bit, then evidence level + 1 when weighted).
    private var partAt: [UInt8] = []
    /// Per row: the subtotal of its offences and how many there are.
    private var subtotals: [Decimal6] = []
    private var counts: [Int32] = []
    /// Per row and part (8 per row): how many offences have that part.
    private var partCounts: [Int32] = []
    /// The view's arrays between offenders, and the intelligence the matrix counts.
    private var view = OffenderView()
    var kept = IndexList()
    /// A frame's evidence and selection buffers between offenders.
    var frameEvidence = EvidenceList()
    var frameSelection: [RecordRef] = []

    static let noRow: Int32 = -2
    static let noEvidence: Int32 = -3
    private static let written: Int32 = -1

    mutating func takeView() -> OffenderView {
        var taken = OffenderView()
        swap(&taken, &view)
        return taken
    }

    mutating func returnView(_ used: inout OffenderView) {
        swap(&view, &used)
    }

    /// Empties the tables for an offender with `offences` visible offences and a matrix of `rows` rows.
    mutating func reset(rows: Int, offences: Int) {
        if subtotals.count != rows {
            subtotals = Array(repeating: .zero, count: rows)
            counts = Array(repeating: 0, count: rows)
            partCounts = Array(repeating: 0, count: rows * 8)
        } else {
            // Only rows the previous offender touched hold anything.
            for r in 0..<rows where counts[r] != 0 {
                subtotals[r] = .zero
                counts[r] = 0
                for p in (r * 8)..<(r * 8 + 8) { partCounts[p] = 0 }
            }
        }
        if rowAt.count < offences {
            rowAt = Array(repeating: 0, count: offences)
            partAt = Array(repeating: 0, count: offences)
        }
    }

    mutating func noteScored(_ position: Int, row r: Int, part: UInt8, points: Decimal6) {
        rowAt[position] = Int32(truncatingIfNeeded: r)
        partAt[position] = part
        subtotals[r] = subtotals[r].adding(points) ?? subtotals[r]
        counts[r] += 1
        partCounts[r * 8 + Int(part & 7)] += 1
    }

    mutating func noteUnscored(_ position: Int, reason: UInt8) {
        rowAt[position] = reason == 0 ? Self.noRow : Self.noEvidence
        partAt[position] = 0
    }

    mutating func markUnscoredWritten(_ position: Int) { rowAt[position] = Self.written }

    func row(at position: Int) -> Int32 { rowAt[position] }
    func part(at position: Int) -> UInt8 { partAt[position] & 7 }
    func offenceCount(row r: Int) -> Int { Int(counts[r]) }
    func partCount(row r: Int, part: UInt8) -> Int32 { partCounts[r * 8 + Int(part & 7)] }

    /// The subtotal of a row's offences (zero when it scored none), for the main-category weighting.
    func subtotal(row r: Int) -> Decimal6 { subtotals.indices.contains(r) ? subtotals[r] : .zero }
}
