extension CompiledMatrix {
    /// Scores and ranks offenders: total descending, then most recent visible offence (none last),
    /// then id by its UTF-8 bytes; marks the first `capacity` as recommended and flags a tie at the
    /// capacity line.
    public func rank(_ offenders: [Offender], asOf: Day, rulesDigest: String, dataDigest: String,
                     rejected: [RejectedRecord]) -> Ranking {
        var scored: [ScoredOffender] = []
        var ineligible: [IneligibleOffender] = []
        for offender in offenders {
            switch score(offender, asOf: asOf) {
            case .scored(let s): scored.append(s)
            case .ineligible(let i): ineligible.append(i)
            }
        }
        let ranked = Self.order(scored, capacity: capacity)
        return Ranking(matrix: name, version: version, asOf: asOf, rulesDigest: rulesDigest, dataDigest: dataDigest,
                       capacity: capacity, offenders: ranked, ineligible: ineligible, rejected: rejected)
    }

    /// Puts scored offenders in rank order and fills in rank, recommended and tie_at_capacity.
    static func order(_ scored: [ScoredOffender], capacity: Int?) -> [ScoredOffender] {
        var ranked = scored.sorted { a, b in
            if a.score != b.score { return a.score > b.score }
            switch (a.latestOffence, b.latestOffence) {
            case let (x?, y?) where x != y: return x > y
            case (_?, nil): return true
            case (nil, _?): return false
            default: return ExactText.order(a.id, b.id) < 0
            }
        }
        for i in ranked.indices {
            ranked[i].rank = i + 1
            ranked[i].recommended = capacity.map { i < $0 } ?? false
        }
        if let capacity, capacity > 0, capacity < ranked.count,
           ranked[capacity - 1].score == ranked[capacity].score {
            let tied = ranked[capacity - 1].score
            for i in ranked.indices where ranked[i].score == tied { ranked[i].tieAtCapacity = true }
        }
        return ranked
    }
}
