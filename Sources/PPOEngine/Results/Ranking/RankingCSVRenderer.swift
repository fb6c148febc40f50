/// Renders a ranking as CSV for spreadsheets: one row per ranked offender.
///
/// Columns: `rank,id,name,score,tier,recommended,tie_at_capacity,main_category,weight`, and with
/// the panel's decisions `status,strand`: each offender's standing with the panel as of the
/// ranking's date (`none` where no panel has decided about them).
public struct RankingCSVRenderer: Sendable {
    public static let header = ["rank", "id", "name", "score", "tier", "recommended", "tie_at_capacity",
                                "main_category", "weight"]
    /// The columns the panel's decisions add.
    public static let cohortHeader = ["status", "strand"]

    /// The decisions whose status and strand each row shows; nil leaves the columns out.
    public var decisions: DecisionBook?

    public init(decisions: DecisionBook? = nil) { self.decisions = decisions }

    /// The whole document: byte order mark, header and CRLF-terminated rows.
    public func render(_ ranking: Ranking) -> String {
        CSVWriter.document(header: Self.header + (decisions == nil ? [] : Self.cohortHeader),
                           rows: ranking.offenders.map { row($0, asOf: ranking.asOf) })
    }

    private func row(_ offender: ScoredOffender, asOf: Day) -> [CSVCell] {
        var cells = row(offender)
        if let decisions {
            let standing = decisions.standing(of: offender.id, asOf: asOf)
            cells += [.text(CohortStanding.statusText(standing)), .text(standing?.member.strand ?? "")]
        }
        return cells
    }

    private func row(_ offender: ScoredOffender) -> [CSVCell] {
        [
            .int(offender.rank),
            .text(offender.id),
            .text(offender.name ?? ""),
            .decimal(offender.score),
            .text(offender.tier ?? ""),
            .number(offender.recommended ? "true" : "false"),
            .number(offender.tieAtCapacity ? "true" : "false"),
            .text(offender.mainWeighting?.row ?? ""),
            offender.mainWeighting.map { CSVCell.decimal($0.weight) } ?? .empty,
        ]
    }
}
