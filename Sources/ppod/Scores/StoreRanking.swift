import PPOEngine

/// One matrix's ranking of the whole store on one date, as the last evaluation left it, and what
/// answers one area, one page or one form from it without ranking anyone again.
///
/// Evaluated once per rules, matrix, date and ingest (`RankingEvaluator`); an area's ranking is the
/// whole one's offenders of that area ranked among themselves, with that area's digest, ineligible
/// offenders and rejects (numbered in the area's data): exactly what `ppo score` gives on the
/// area's export.
final class StoreRanking: Sendable {
    let rulesDigest: String
    let matrix: String
    let asOf: Day
    /// The latest ingest when the records were read.
    let ingest: Int64
    let whole: PackedRanking
    let layout: StoreLayout
    /// The ordinal of each of `whole.ineligible`, in the same order.
    let ineligibleOrdinals: [Int32]
    /// Offenders scored again since the last full evaluation: their old forms still take memory.
    let rescored: Int
    private let index = Locked<StoreIndex?>(nil)
    private let scopes = Locked<[DataScope: ScopeRanking]>([:])

    init(rulesDigest: String, matrix: String, asOf: Day, ingest: Int64, whole: PackedRanking, layout: StoreLayout,
         ineligibleOrdinals: [Int32], rescored: Int) {
        self.rulesDigest = rulesDigest; self.matrix = matrix; self.asOf = asOf; self.ingest = ingest
        self.whole = whole; self.layout = layout; self.ineligibleOrdinals = ineligibleOrdinals; self.rescored = rescored
    }

    /// The ranking of `scope`: the whole store, or one area (empty for an area no record names).
    func scope(_ scope: DataScope) -> ScopeRanking {
        if let known = scopes.get()[scope] { return known }
        let made: ScopeRanking
        switch scope {
        case .all:
            made = ScopeRanking(ranking: whole, ids: layout.ids)
        case .area(let name):
            let index = storeIndex()
            if let code = layout.code(of: name) {
                let ids = zip(layout.ids, layout.areaCodes).filter { $0.1 == code }.map(\.0)
                made = ScopeRanking(ranking: index.areaRankings[Int(code)], ids: ids)
            } else {
                made = ScopeRanking(ranking: whole.subset(keeping: { _ in false }, dataDigest: SHA256.hex(of: [UInt8]()),
                                                          ineligible: [], rejected: []), ids: [])
            }
        }
        return scopes.update { scopes in
            if let raced = scopes[scope] { return raced }
            scopes[scope] = made
            return made
        }
    }

    /// The area of the record stored as `id` when the records were read: nil when none was, `.some(nil)`
    /// when it names no area.
    func area(of id: String) -> String?? {
        guard let ordinal = storeIndex().ordinals[ExactText(id)] else { return nil }
        let code = layout.areaCodes[Int(ordinal)]
        return .some(code >= 0 ? layout.areas[Int(code)] : nil)
    }

    /// The ordinal of each id and every area's ranking, made once on first need.
    func storeIndex() -> StoreIndex {
        if let built = index.get() { return built }
        let built = StoreIndex(self)
        return index.update { index in
            if let raced = index { return raced }
            index = built
            return built
        }
    }

    /// About how much memory it holds, for choosing what to keep.
    var bytes: Int { whole.packedBytes + whole.count * 64 + layout.count * 40 }
}

/// Lookups made once for a `StoreRanking`: each id's ordinal and the areas' rankings.
struct StoreIndex: Sendable {
    let ordinals: [ExactText: Int32]
    let areaRankings: [PackedRanking]

    init(_ ranking: StoreRanking) {
        let layout = ranking.layout
        ordinals = layout.ordinals()
        var ineligible = Array(repeating: [IneligibleOffender](), count: layout.areas.count)
        for (offender, ordinal) in zip(ranking.whole.ineligible, ranking.ineligibleOrdinals) {
            let code = layout.areaCodes[Int(ordinal)]
            if code >= 0 { ineligible[Int(code)].append(offender) }
        }
        var rejected = Array(repeating: [RejectedRecord](), count: layout.areas.count)
        for record in ranking.whole.rejected {
            let ordinal = record.line - 1
            guard layout.areaCodes.indices.contains(ordinal) else { continue }
            let code = layout.areaCodes[ordinal]
            guard code >= 0 else { continue }
            rejected[Int(code)].append(RejectedRecord(file: record.file, line: Int(layout.areaLines[ordinal]),
                                                      reason: record.reason, bytes: record.bytes))
        }
        let ordinals = self.ordinals
        areaRankings = ranking.whole.split(into: layout.areas.count, by: { id in
            ordinals[ExactText(id)].map { Int(layout.areaCodes[Int($0)]) }
        }, facts: { code in
            (layout.areaDigests[code], ineligible[code], rejected[code])
        })
    }
}
