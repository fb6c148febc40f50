/// Renders a ranking as CSV for spreadsheets: one row per ranked offender.
///
/// Columns: `rank,id,name,score,tier,recommended,tie_at_capacity,main_category,weight`.
public struct RankingCSVRenderer: Sendable {
    public static let header = ["rank", "id", "name", "score", "tier", "recommended", "tie_at_capacity",
                                "main_category", "weight"]

    public init() {}

    /// The whole document: byte order mark, header and CRLF-terminated rows.
    public func render(_ ranking: Ranking) -> String {
        CSVWriter.document(header: Self.header, rows: ranking.offenders.map(row))
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
