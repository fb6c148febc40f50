import PPOEngine

/// The list's CSV download: what the filters show, each row carrying the matrix, its version, the
/// as-of date, the area and both digests, so a file opened in a spreadsheet months later still says
/// which rules and which data made it.
enum RankingDownload {
    static let header = ["rank", "id", "name", "score", "tier", "recommended", "tie_at_capacity", "status", "strand",
                         "matrix", "version", "as_of", "area", "rules_digest", "data_digest"]

    static func csv(_ ranking: PackedRanking, positions: [Int], area: String, cohort: Cohort?) -> [UInt8] {
        let fixed: [CSVCell] = [.text(ranking.matrix.name), .text(ranking.matrix.version ?? ""), .number(ranking.asOf.description),
                                .text(area), .text(ranking.rulesDigest), .text(ranking.dataDigest)]
        let rows: [[CSVCell]] = positions.compactMap { position in
            guard let offender = ranking.summary(at: position) else { return nil }
            let member = cohort?.member(offender.id)
            return [.int(offender.rank), .text(offender.id), .text(offender.name ?? ""), .decimal(offender.score),
                    .text(offender.tier ?? ""), .number(offender.recommended ? "true" : "false"),
                    .number(offender.tieAtCapacity ? "true" : "false"), .text(member?.status.rawValue ?? "no decision"),
                    .text(member?.strand ?? "")] + fixed
        }
        return Array(CSVWriter.document(header: header, rows: rows).utf8)
    }
}
