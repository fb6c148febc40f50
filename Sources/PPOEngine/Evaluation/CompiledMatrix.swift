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
    let intelligence: Evaluator?
    let eligible: Evaluator?
    let eligibleText: String?
    let factors: [CompiledFactor]
    let weighting: CompiledWeighting?
    let tiers: [CheckedMatrix.Tier]

    /// The form of one offender, or why the matrix does not rank them.
    public enum Outcome: Sendable {
        case scored(ScoredOffender)
        case ineligible(IneligibleOffender)
    }

    /// Scores one offender at `as_of`; the rank fields are filled in by `rank`.
    public func score(_ offender: Offender, asOf: Day) -> Outcome {
        let windowStart = window.map { $0.subtracted(from: asOf) }
        var view = OffenderView(offender, asOf: asOf, windowStart: windowStart)
        var frame = EvaluationFrame(offender: offender, view: view, asOf: asOf, categories: categories)
        if let intelligence {
            // `intelligence counts when …` decides which graded items the matrix may see at all.
            view.intelligence = view.intelligence.filter { index in
                frame.bound = [RecordRef(kind: .intelligence, index: index)]
                return intelligence(&frame).isTrue
            }
            frame.bound = []
            frame.view = view
        }
        if let eligible, !eligible(&frame).isTrue {
            return .ineligible(IneligibleOffender(id: offender.id, name: offender.name, reason: ineligibleReason(offender, asOf)))
        }
        var (lines, subtotals) = offenceLines(offender, view)
        let latestOffence = view.offences.compactMap { offender.offences[Int($0)].date }.max()
        for factor in factors {
            frame.evidence = []
            lines.append(factor.evaluate(&frame))
        }
        var sum = Decimal6.zero
        for line in lines { sum = sum.adding(line.points) ?? sum }
        var total = sum
        var main: MainWeighting? = nil
        if let weighting, weighting.mode == .main {
            let chosen = weighting.mainRow(subtotals: subtotals)
            main = MainWeighting(label: weighting.label, row: chosen?.name, weight: chosen?.weight ?? .one)
            total = sum.multiplied(by: chosen?.weight ?? .one) ?? sum
        }
        let tier = tiers.first { $0.threshold.map { total >= $0 } ?? true }?.name
        return .scored(ScoredOffender(id: offender.id, name: offender.name, rank: 0, score: total, tier: tier,
                                      recommended: false, tieAtCapacity: false, lines: lines,
                                      mainWeighting: main, latestOffence: latestOffence))
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
    private func offenceLines(_ offender: Offender, _ view: OffenderView) -> (lines: [ScoreLine], subtotals: [Int: Decimal6]) {
        var subtotal = [Decimal6](repeating: .zero, count: rows.count)
        var evidence = [[String]](repeating: [], count: rows.count)
        var parts = [[String: Int]](repeating: [:], count: rows.count)
        var partOrder = [[String]](repeating: [], count: rows.count)
        var unscored: [(category: Int, ids: [String], reason: String)] = []

        for index in view.offences {
            let offence = offender.offences[Int(index)]
            let category = offence.category
            guard rowOfCategory.indices.contains(category), let r = rowOfCategory[category] else {
                note(&unscored, category, offence.id, "no row in the matrix")
                continue
            }
            guard let level = offence.evidence else {
                note(&unscored, category, offence.id, "no evidence level recorded")
                continue
            }
            let row = rows[r]
            let useSeries = offence.series && row.series != nil
            let points = useSeries ? (row.series ?? row.points) : row.points
            let weight = evidenceWeights[level] ?? .one
            let scored = points.multiplied(by: weight) ?? .zero
            subtotal[r] = subtotal[r].adding(scored) ?? subtotal[r]
            evidence[r].append(offence.id)
            var part = useSeries ? "\(points) (series)" : "\(points)"
            if weight != .one { part += " × \(weight) (\(level.rawValue))" }
            if parts[r][part] == nil { partOrder[r].append(part) }
            parts[r][part, default: 0] += 1
        }

        var lines: [ScoreLine] = []
        var categorySubtotals: [Int: Decimal6] = [:]
        for (r, row) in rows.enumerated() where !evidence[r].isEmpty {
            categorySubtotals[row.category] = subtotal[r]
            var points = subtotal[r]
            var detail = partOrder[r].map { "\(parts[r][$0] ?? 0) × \($0)" }.joined(separator: " + ")
            if let weighting, weighting.mode == .each {
                let w = weighting.weight(ofCategory: row.category)
                if w.weight != .one {
                    points = points.multiplied(by: w.weight) ?? points
                    detail = "(\(detail)) × \(w.weight) (\(weighting.label): \(w.row))"
                }
            }
            lines.append(ScoreLine(section: .offences, label: row.label, points: points, evidence: evidence[r], detail: detail))
        }
        for entry in unscored {
            let name = categories.names.indices.contains(entry.category) ? categories.names[entry.category] : "unknown"
            lines.append(ScoreLine(section: .unscored, label: name, points: .zero, evidence: entry.ids, detail: entry.reason))
        }
        return (lines, categorySubtotals)
    }

    private func note(_ unscored: inout [(category: Int, ids: [String], reason: String)], _ category: Int, _ id: String, _ reason: String) {
        if let i = unscored.firstIndex(where: { $0.category == category && $0.reason == reason }) {
            unscored[i].ids.append(id)
        } else {
            unscored.append((category, [id], reason))
        }
    }
}
