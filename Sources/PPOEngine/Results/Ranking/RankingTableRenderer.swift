/// Renders a ranking as a fixed-width table for a terminal or a printed tasking pack.
///
/// A header with the matrix, version, `as_of`, counts and short digests; then the columns
/// Rank, ID, Name, Score, Tier, Rec (`yes`; `tie` marks a tie on score at the capacity line, a panel decision); then the
/// ineligible offenders with their reasons; then the count of rejected records. No line is wider than
/// `width` columns: long names, ids and tiers are cut with "…", numbers are right-aligned. With the
/// panel's decisions, two more columns: Status (adopted, deferred, declined, deselected, or `-` where
/// no panel has decided) and Strand.
public struct RankingTableRenderer: Sendable {
    /// The widest a line may be.
    public var width: Int
    /// The decisions whose status and strand each row shows; nil leaves the columns out.
    public var decisions: DecisionBook?

    public init(width: Int = 80, decisions: DecisionBook? = nil) {
        self.width = max(40, width)
        self.decisions = decisions
    }

    /// The whole table, every line ending in a newline.
    public func render(_ ranking: Ranking) -> String {
        var lines = ReportHeader.lines(ranking, width: width)
        lines.append(counts(ranking))
        lines.append("")
        if ranking.offenders.isEmpty {
            lines.append("No eligible offenders.")
        } else {
            lines.append(contentsOf: table(ranking.offenders, asOf: ranking.asOf))
        }
        if !ranking.ineligible.isEmpty {
            lines.append("")
            lines.append("Ineligible (\(ranking.ineligible.count))")
            for offender in ranking.ineligible {
                let who = offender.name.map { "\(offender.id)  \($0)" } ?? offender.id
                let words = SafeText.escaped(offender.reason).split(separator: " ").map(String.init)
                let first = "  " + TextLayout.truncate(SafeText.escaped(who), to: width - 8) + ": "
                lines.append(contentsOf: TextLayout.wrap(words, columns: width, firstPrefix: first, restPrefix: "      "))
            }
        }
        lines.append("")
        lines.append(ranking.rejected.count == 1 ? "1 record rejected" : "\(ranking.rejected.count) records rejected")
        return lines.map { TextLayout.truncate(Self.trimmingTrailingSpaces($0), to: width) + "\n" }.joined()
    }

    private func counts(_ ranking: Ranking) -> String {
        var parts = ["\(ranking.offenders.count) ranked", "\(ranking.ineligible.count) ineligible",
                     "\(ranking.rejected.count) rejected"]
        if let capacity = ranking.capacity { parts.append("capacity \(capacity)") }
        return parts.joined(separator: ", ")
    }

    private func table(_ offenders: [ScoredOffender], asOf: Day) -> [String] {
        // The standing with the panel, looked up by the id as recorded (before escaping).
        let cohort: [(status: String, strand: String)]? = decisions.map { book in
            offenders.map { offender in
                let standing = book.standing(of: offender.id, asOf: asOf)
                return (standing.map { $0.member.status.rawValue } ?? "-", SafeText.escaped(standing?.member.strand ?? ""))
            }
        }
        let offenders = offenders.map(Self.printable)
        let ranks = offenders.map { String($0.rank) }
        let scores = offenders.map { $0.score.description }
        let rankWidth = max(4, ranks.map(TextLayout.width).max() ?? 0)
        let scoreWidth = max(5, scores.map(TextLayout.width).max() ?? 0)
        let idWidth = min(20, max(2, offenders.map { TextLayout.width($0.id) }.max() ?? 0))
        let tierWidth = min(16, max(4, offenders.map { TextLayout.width($0.tier ?? "") }.max() ?? 0))
        let recWidth = offenders.contains(where: \.tieAtCapacity) ? 7 : 3
        let statusWidth = cohort.map { rows in max(6, rows.map { TextLayout.width($0.status) }.max() ?? 0) } ?? 0
        let strandWidth = cohort.map { rows in min(12, max(6, rows.map { TextLayout.width($0.strand) }.max() ?? 0)) } ?? 0
        let cohortWidth = cohort == nil ? 0 : statusWidth + strandWidth + 2 * 2
        let fixed = rankWidth + idWidth + scoreWidth + tierWidth + recWidth + 5 * 2 + cohortWidth
        let longestName = offenders.map { TextLayout.width($0.name ?? "") }.max() ?? 0
        let nameWidth = max(4, min(longestName, width - fixed))

        func row(_ rank: String, _ id: String, _ name: String, _ score: String, _ tier: String, _ rec: String,
                 _ standing: (status: String, strand: String)? = nil, alignNumbers: Bool = true) -> String {
            var cells = [
                alignNumbers ? TextLayout.padLeft(rank, rankWidth) : TextLayout.padRight(rank, rankWidth),
                TextLayout.padRight(TextLayout.truncate(id, to: idWidth), idWidth),
                TextLayout.padRight(TextLayout.truncate(name, to: nameWidth), nameWidth),
                TextLayout.padLeft(score, scoreWidth),
                TextLayout.padRight(TextLayout.truncate(tier, to: tierWidth), tierWidth),
            ]
            if let standing {
                cells.append(TextLayout.padRight(rec, recWidth))
                cells.append(TextLayout.padRight(standing.status, statusWidth))
                cells.append(TextLayout.truncate(standing.strand, to: strandWidth))
            } else {
                cells.append(rec)
            }
            return cells.joined(separator: "  ")
        }

        let heading = cohort == nil ? nil : (status: "Status", strand: "Strand")
        var lines = [row("Rank", "ID", "Name", "Score", "Tier", "Rec", heading, alignNumbers: false)]
        lines.append(([rankWidth, idWidth, nameWidth, scoreWidth, tierWidth, recWidth]
                      + (cohort == nil ? [] : [statusWidth, strandWidth]))
            .map { String(repeating: "-", count: $0) }.joined(separator: "  "))
        for (index, offender) in offenders.enumerated() {
            let rec = offender.recommended ? (offender.tieAtCapacity ? "yes tie" : "yes") : (offender.tieAtCapacity ? "tie" : "")
            lines.append(row(ranks[index], offender.id, offender.name ?? "", scores[index], offender.tier ?? "", rec,
                             cohort?[index]))
        }
        if offenders.contains(where: \.tieAtCapacity) {
            lines.append("")
            lines.append("tie: equal score at the capacity line — for the selection panel to decide")
        }
        if cohort != nil {
            lines.append("")
            lines.append("Status: the panel's decisions as of \(asOf) (-: no decision)")
        }
        return lines
    }

    /// The offender with its text fields on one line each.
    static func printable(_ offender: ScoredOffender) -> ScoredOffender {
        ScoredOffender(id: SafeText.escaped(offender.id), name: offender.name.map(SafeText.escaped),
                       rank: offender.rank, score: offender.score, tier: offender.tier.map(SafeText.escaped),
                       recommended: offender.recommended, tieAtCapacity: offender.tieAtCapacity,
                       lines: offender.lines.map {
                           ScoreLine(section: $0.section, label: SafeText.escaped($0.label), points: $0.points,
                                     evidence: $0.evidence.map(SafeText.escaped),
                                     detail: SafeText.escaped($0.detail))
                       },
                       mainWeighting: offender.mainWeighting.map {
                           MainWeighting(label: SafeText.escaped($0.label), row: $0.row.map(SafeText.escaped),
                                         weight: $0.weight)
                       },
                       latestOffence: offender.latestOffence)
    }

    static func trimmingTrailingSpaces(_ line: String) -> String {
        var line = line
        while line.last == " " { line.removeLast() }
        return line
    }
}

/// The audit header shared by the ranking table and the explanation form.
enum ReportHeader {
    /// `Matrix — version V — as of D` and `rules <digest>  data <digest>`, cut to `width`.
    static func lines(_ ranking: Ranking, width: Int) -> [String] {
        var title = SafeText.escaped(ranking.matrix)
        if let version = ranking.version { title += " — version \(SafeText.escaped(version))" }
        title += " — as of \(ranking.asOf)"
        return [
            TextLayout.truncate(title, to: width),
            "rules \(short(ranking.rulesDigest))  data \(short(ranking.dataDigest))",
        ]
    }

    /// The first 12 characters of a digest: enough to tell runs apart at a glance.
    static func short(_ digest: String) -> String {
        digest.isEmpty ? "-" : String(digest.prefix(12))
    }
}
