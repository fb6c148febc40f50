/// The prioritised list a matrix produces: every eligible offender ranked, with the audit facts.
public struct Ranking: Sendable {
    public let matrix: String
    public let version: String?
    public let asOf: Day
    public let rulesDigest: String
    public let dataDigest: String
    public let capacity: Int?
    /// Eligible offenders in rank order.
    public let offenders: [ScoredOffender]
    public let ineligible: [IneligibleOffender]
    public let rejected: [RejectedRecord]

    public init(matrix: String, version: String?, asOf: Day, rulesDigest: String, dataDigest: String,
                capacity: Int?, offenders: [ScoredOffender], ineligible: [IneligibleOffender],
                rejected: [RejectedRecord]) {
        self.matrix = matrix; self.version = version; self.asOf = asOf; self.rulesDigest = rulesDigest
        self.dataDigest = dataDigest; self.capacity = capacity; self.offenders = offenders
        self.ineligible = ineligible; self.rejected = rejected
    }
}

/// The audit facts at the head of every ranking: which matrix, which rules, which data, as of when.
struct RankingHeader {
    let matrix: String
    let version: String?
    let asOf: Day
    let rulesDigest: String
    let dataDigest: String
}

extension Ranking {
    var header: RankingHeader {
        RankingHeader(matrix: matrix, version: version, asOf: asOf, rulesDigest: rulesDigest, dataDigest: dataDigest)
    }
}
