/// A ranking read one offender or one part at a time, and rankings made from rankings: what a
/// service answering one form, one page or one area at a time needs, without ranking anyone again.
extension PackedRanking {
    /// The id of the offender at `position` (0-based, rank order); nil outside the ranking.
    public func id(at position: Int) -> String? {
        entries.indices.contains(position) ? entries[position].id : nil
    }

    /// Rank, recommendation and tie flag at `position`, as the ranking's renderers give them.
    public func standing(at position: Int) -> (rank: Int, recommended: Bool, tieAtCapacity: Bool)? {
        entries.indices.contains(position) ? standing(position) : nil
    }

    /// The offender at `position` without its lines (id, name, score, tier, main category and
    /// standing): what a filter or a table reads. Nil outside the ranking.
    public func summary(at position: Int) -> ScoredOffender? {
        entries.indices.contains(position) ? offender(at: position, withLines: false) : nil
    }

    /// The tiers of the matrix, in the order it declares them (the `tier` filter's choices).
    public var tierNames: [String] { matrix.tiers.map(\.name) }

    /// The ranking of the offenders `keep` admits, among themselves: ranks, recommendation and the
    /// tie at capacity are theirs, as if they had been ranked alone, and the forms are shared, not
    /// copied. With the `dataDigest`, `ineligible` and `rejected` of their own data, it is exactly
    /// the ranking of that data (an area of the daemon's store, say).
    public func subset(keeping keep: (String) -> Bool, dataDigest: String, ineligible: [IneligibleOffender],
                       rejected: [RejectedRecord]) -> PackedRanking {
        PackedRanking(matrix: matrix, asOf: asOf, rulesDigest: rulesDigest, dataDigest: dataDigest,
                      entries: entries.filter { keep($0.id) }, forms: forms, ineligible: ineligible,
                      rejected: rejected)
    }

    /// The ranking split into `count` parts by `part` (nil: in none), each ranked among itself as
    /// `subset` gives it, in one pass: what every area of a store needs from its whole ranking.
    /// `facts` gives each part's data digest, ineligible offenders and rejects.
    public func split(into count: Int, by part: (String) -> Int?,
                      facts: (Int) -> (dataDigest: String, ineligible: [IneligibleOffender], rejected: [RejectedRecord]))
        -> [PackedRanking] {
        var shares = Array(repeating: [PackedEntry](), count: max(0, count))
        for entry in entries {
            guard let index = part(entry.id), shares.indices.contains(index) else { continue }
            shares[index].append(entry)
        }
        return shares.enumerated().map { index, share in
            let own = facts(index)
            return PackedRanking(matrix: matrix, asOf: asOf, rulesDigest: rulesDigest, dataDigest: own.dataDigest,
                                 entries: share, forms: forms, ineligible: own.ineligible, rejected: own.rejected)
        }
    }

    /// This ranking with the offenders `replaced` names taken out and `update`'s offenders put in,
    /// ranked together: what ranking the data again would give when only those offenders' records
    /// changed, for the cost of scoring them. `update` must be for the same matrix and date;
    /// `dataDigest`, `ineligible` and `rejected` are those of the whole data after the change.
    public func replacing(_ replaced: Set<ExactText>, with update: PackedRanking, dataDigest: String,
                          ineligible: [IneligibleOffender], rejected: [RejectedRecord]) -> PackedRanking {
        var merged = entries.filter { !replaced.contains(ExactText($0.id)) }
        merged.reserveCapacity(merged.count + update.entries.count)
        let shift = forms.count
        for entry in update.entries {
            merged.append(PackedEntry(id: entry.id, score: entry.score, latestOffence: entry.latestOffence,
                                      buffer: Int(entry.buffer) + shift, offset: Int(entry.offset)))
        }
        return PackedRanking(matrix: matrix, asOf: asOf, rulesDigest: rulesDigest, dataDigest: dataDigest,
                             entries: merged, forms: forms + update.forms, ineligible: ineligible,
                             rejected: rejected)
    }

    /// `ppo explain ID --format json` for the offender at `position`: the audit facts and the
    /// offender's object with every line. Nil outside the ranking.
    public func explanationJSON(at position: Int) -> [UInt8]? {
        guard entries.indices.contains(position) else { return nil }
        let members = RankingJSONRenderer.auditMembers(header) + RankingJSONRenderer.offenderMembers(offender(at: position))
        return Array(JSONWriter(pretty: true).render(.fields(members)).utf8)
    }

    /// `ppo explain ID --format json` for an offender the matrix does not rank.
    public func explanationJSON(of offender: IneligibleOffender) -> [UInt8] {
        let members = RankingJSONRenderer.auditMembers(header) + RankingJSONRenderer.ineligibleMembers(offender)
        return Array(JSONWriter(pretty: true).render(.fields(members)).utf8)
    }

    /// The offenders at `positions` as the ranking's CSV shows them (header and rows, no lines),
    /// with each one's standing with the panel when `decisions` are given.
    public func csv(at positions: [Int], decisions: DecisionBook? = nil) -> [UInt8] {
        let rows = positions.compactMap { summary(at: $0) }
        let page = Ranking(matrix: matrix.name, version: matrix.version, asOf: asOf, rulesDigest: rulesDigest,
                           dataDigest: dataDigest, capacity: matrix.capacity, offenders: rows, ineligible: [],
                           rejected: [])
        return Array(RankingCSVRenderer(decisions: decisions).render(page).utf8)
    }
}
