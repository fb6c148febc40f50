/// Renders one offender's selection form line by line, the way the paper form reads.
///
/// Text: the audit header; each section (offences, unscored offences, factors) with every line's label,
/// detail and points (right-aligned) and the ids of the records behind it; then the subtotal, the
/// main-category weighting (`× 6 — Priority crime category: burglary_dwelling`), the total, tier, rank
/// and recommendation. JSON: the offender object of the ranking JSON plus the audit facts. CSV: one row
/// per line (`section,label,detail,points,evidence`). An ineligible offender's form gives the reason.
public struct ExplanationRenderer: Sendable {
    /// The widest a text line may be.
    public var width: Int

    public init(width: Int = 80) { self.width = max(40, width) }

    // MARK: Text

    /// The form of a ranked offender as text.
    public func text(_ offender: ScoredOffender, in ranking: Ranking) -> String {
        let offender = RankingTableRenderer.printable(offender)
        var lines = heading(id: offender.id, name: offender.name, ranking: ranking)
        let points = offender.lines.map { $0.points.description }
        let subtotal = offender.lines.reduce(Optional(Decimal6.zero)) { sum, line in sum?.adding(line.points) }
        let figures = points + [offender.score.description, subtotal?.description ?? ""]
        let pointsWidth = max(6, figures.map(TextLayout.width).max() ?? 0)

        let sections: [(ScoreLine.Section, String)] = [
            (.offences, "Offences"), (.unscored, "Unscored offences (no row in the matrix)"), (.factor, "Factors"),
        ]
        for (section, title) in sections {
            let members = offender.lines.filter { $0.section == section }
            guard !members.isEmpty else { continue }
            lines.append(title)
            for line in members { lines.append(contentsOf: formLine(line, pointsWidth: pointsWidth)) }
        }
        if offender.lines.isEmpty { lines.append("No lines scored.") }

        lines.append(TextLayout.padLeft(String(repeating: "-", count: pointsWidth), width))
        if let weighting = offender.mainWeighting {
            lines.append(TextLayout.spread("  Subtotal", subtotal?.description ?? "-", width))
            let row = weighting.row ?? "no category scored"
            lines.append(TextLayout.truncate("  × \(weighting.weight) — \(weighting.label): \(row)", to: width))
        }
        lines.append(TextLayout.spread("  Total", offender.score.description, width))
        lines.append("")
        var status = ["Tier: \(offender.tier ?? "none")", "Rank: \(offender.rank) of \(ranking.offenders.count)"]
        if offender.tieAtCapacity {
            status.append("Recommended: \(offender.recommended ? "yes" : "no") (tie at capacity: panel decision)")
        } else {
            status.append("Recommended: \(offender.recommended ? "yes" : "no")")
        }
        let together = status.joined(separator: "  ")
        lines.append(contentsOf: TextLayout.width(together) <= width ? [together] : status)
        return finish(lines)
    }

    /// The form of an offender the matrix does not rank: the heading and the reason.
    public func text(_ offender: IneligibleOffender, in ranking: Ranking) -> String {
        var lines = heading(id: offender.id, name: offender.name, ranking: ranking)
        let words = SafeText.escaped(offender.reason).split(separator: " ").map(String.init)
        lines.append(contentsOf: TextLayout.wrap(words, columns: width, firstPrefix: "Not eligible: ",
                                                 restPrefix: "              "))
        return finish(lines)
    }

    private func heading(id: String, name: String?, ranking: Ranking) -> [String] {
        var lines = ReportHeader.lines(ranking, width: width)
        let who = SafeText.escaped(name.map { "\(id)  \($0)" } ?? id)
        lines.insert(TextLayout.truncate(who, to: width), at: 1)
        lines.append("")
        return lines
    }

    /// `  label  detail          points`, then `evidence: …` wrapped under it.
    private func formLine(_ line: ScoreLine, pointsWidth: Int) -> [String] {
        var out: [String] = []
        let points = TextLayout.padLeft(line.points.description, pointsWidth)
        let together = line.detail.isEmpty ? "  \(line.label)" : "  \(line.label)  \(line.detail)"
        if TextLayout.width(together) + 2 + pointsWidth <= width {
            out.append(TextLayout.spread(together, points, width))
        } else {
            out.append(TextLayout.spread("  \(line.label)", points, width))
            if !line.detail.isEmpty {
                let words = line.detail.split(separator: " ").map(String.init)
                out.append(contentsOf: TextLayout.wrap(words, columns: width - pointsWidth - 2,
                                                       firstPrefix: "      ", restPrefix: "      "))
            }
        }
        if !line.evidence.isEmpty {
            let ids = line.evidence.enumerated().map { $0.offset < line.evidence.count - 1 ? $0.element + "," : $0.element }
            out.append(contentsOf: TextLayout.wrap(ids, columns: width, firstPrefix: "      evidence: ",
                                                   restPrefix: "                "))
        }
        return out
    }

    private func finish(_ lines: [String]) -> String {
        lines.map { TextLayout.truncate(RankingTableRenderer.trimmingTrailingSpaces($0), to: width) + "\n" }.joined()
    }

    // MARK: JSON

    /// The ranked offender's object (as in the ranking JSON) with `matrix`, `version`, `as_of`,
    /// `rules_digest` and `data_digest` first.
    public func json(_ offender: ScoredOffender, in ranking: Ranking, pretty: Bool = true) -> String {
        JSONWriter(pretty: pretty).render(
            .fields(RankingJSONRenderer.auditMembers(ranking) + RankingJSONRenderer.offenderMembers(offender)))
    }

    /// The audit facts with the ineligible offender's `id`, `name` and `reason`.
    public func json(_ offender: IneligibleOffender, in ranking: Ranking, pretty: Bool = true) -> String {
        JSONWriter(pretty: pretty).render(
            .fields(RankingJSONRenderer.auditMembers(ranking) + RankingJSONRenderer.ineligibleMembers(offender)))
    }

    // MARK: CSV

    public static let csvHeader = ["section", "label", "detail", "points", "evidence"]

    /// One row per line of the form; evidence ids joined by a space.
    public func csv(_ offender: ScoredOffender) -> String {
        CSVWriter.document(header: Self.csvHeader, rows: offender.lines.map { line in
            [.text(line.section.rawValue), .text(line.label), .text(line.detail), .decimal(line.points),
             .text(line.evidence.joined(separator: " "))]
        })
    }

    /// The header alone: an ineligible offender has no lines.
    public func csv(_ offender: IneligibleOffender) -> String {
        CSVWriter.document(header: Self.csvHeader, rows: [])
    }
}
