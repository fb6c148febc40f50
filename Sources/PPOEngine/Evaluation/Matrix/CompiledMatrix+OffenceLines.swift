/// The offence lines of a form: each visible offence's row, part and points from one table
/// look-up, the rows' subtotals, and the lines with their detail (`2 × 4 + 1 × 5 (series)`).
/// The main-category weighting reads the subtotals left here.
extension CompiledMatrix {
    /// An offence's matrix row (or `OffenceTables.noRow`, `.noEvidence`), its detail part and points.
    struct OffenceScoring {
        let row: Int32
        let part: UInt8
        /// `nil` when the row's points times the evidence weight do not fit: scoring it overflows.
        let points: ExactDecimal?
    }

    /// The index into `scorings`: eight entries per category, by evidence level (none, then each
    /// level) and series flag.
    static func scoringKey(category: Int, level: EvidenceLevel?, series: Bool) -> Int {
        category &* 8 &+ (level.map { $0.index + 1 } ?? 0) &* 2 &+ (series ? 1 : 0)
    }

    /// The table `scorings` holds, for categories `0..<categoryCount`.
    static func scorings(categoryCount: Int, rows: [CheckedMatrix.Row], rowOfCategory: [Int?],
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

    /// The text of one detail part after its count: ` × 4`, ` × 5 (series)`, ` × 4 × 0.5 (suspected)`.
    static func appendPartText(key: UInt8, points: ExactDecimal, series: ExactDecimal?, levelWeights: [ExactDecimal],
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

    /// Offence lines: one per category row with offences in the window, then unscored categories.
    /// Adds their points to `sum` in line order and leaves each row's subtotal in `scratch` for the
    /// main-category weighting. Returns how many lines it wrote.
    ///
    /// One pass over the visible offences finds each one's row and part, sums the rows and chains
    /// each row's offences in order; the lines are then written row by row along those chains, so
    /// no row looks at another row's offences.
    func offenceLines(_ offences: [Offence], _ view: OffenderView, into lines: inout FormWriter,
                              scratch: inout ScoringBuffers, sum: inout ExactDecimal, overflow: inout String?) -> Int {
        scratch.tables.reset(rows: rows.count, offences: view.offences.count, records: offences.count)
        // Fields read in place: copying an offence would retain its strings and lists. Every index
        // is checked with `offs.indices.contains` before it is read.
        return ElementsInPlace.with(offences) { offs in
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
            lines.bytes.append(partTexts, in: partTextRanges[text])
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
    func mainRow(_ weighting: CompiledWeighting, _ scratch: borrowing ScoringBuffers) -> Int? {
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
