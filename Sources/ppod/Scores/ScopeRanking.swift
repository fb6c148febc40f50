import Foundation
import PPOEngine

/// One scope's ranking (the whole store or one area) and the lookups its answers need: an
/// offender's place, and the columns pages are filtered on, each made once on first need.
final class ScopeRanking: Sendable {
    let ranking: PackedRanking
    /// The ids of every record the scope holds, in store order: whom a whole answer rests on.
    let ids: [String]
    private let positions = Locked<[ExactText: Int32]?>(nil)
    private let columns = Locked<Task<FilterColumns, Never>?>(nil)
    private let explainer = Locked<ExplanationJSONWriter?>(nil)
    private let found = Locked<[(filter: RankingFilter, positions: Task<[Int32], Never>)]>([])

    init(ranking: PackedRanking, ids: [String]) {
        self.ranking = ranking
        self.ids = ids
    }

    /// The place (0-based, rank order) of `id`; nil when it is not ranked.
    func position(of id: String) -> Int? {
        let index: [ExactText: Int32]
        if let built = positions.get() {
            index = built
        } else {
            var built: [ExactText: Int32] = [:]
            built.reserveCapacity(ranking.count)
            for position in 0..<ranking.count {
                if let id = ranking.id(at: position) { built[ExactText(id)] = Int32(position) }
            }
            index = positions.update { slot in
                if let raced = slot { return raced }
                slot = built
                return built
            }
        }
        return index[ExactText(id)].map(Int.init)
    }

    /// `ppo explain ID --format json` for the offender at `position`.
    func explanation(at position: Int) -> [UInt8]? {
        let writer = explainer.update { slot -> ExplanationJSONWriter in
            if let made = slot { return made }
            let made = ExplanationJSONWriter(ranking)
            slot = made
            return made
        }
        return writer.json(at: position)
    }

    /// The places of the offenders `filter` admits, in rank order (a filter asked for again is
    /// answered from the last few found: a list is paged through with the same filter).
    ///
    /// Worked out once however many ask at the same time: the first request of a filter starts the
    /// work and the others wait for it, where 64 clients paging a million-offender list would each
    /// have scanned it.
    func positions(_ filter: RankingFilter, decisions: DecisionBook? = nil) async -> FilteredPositions {
        if filter.isEmpty { return .all(ranking.count) }
        let work = found.update { found -> Task<[Int32], Never> in
            if let index = found.firstIndex(where: { $0.filter == filter }) {
                let hit = found.remove(at: index)
                found.append(hit)
                return hit.positions
            }
            let columns = filterColumns()
            let ranking = self.ranking
            let started = Task.detached {
                await Self.admitted(by: filter, in: ranking, columns: columns.value, decisions: decisions)
            }
            found.append((filter, started))
            if found.count > Self.filtersKept { found.removeFirst() }
            return started
        }
        return .some(await work.value)
    }

    private static func admitted(by filter: RankingFilter, in ranking: PackedRanking, columns: FilterColumns,
                                 decisions: DecisionBook?) -> [Int32] {
        let tier: UInt8? = filter.tier.map { name in
            UInt8(truncatingIfNeeded: (ranking.tierNames.firstIndex { ExactText.same($0, name) } ?? 254) + 1)
        }
        func admits(_ position: Int) -> Bool {
            if let tier, columns.tiers[position] != tier { return false }
            if let recommended = filter.recommended,
               (ranking.standing(at: position)?.recommended ?? false) != recommended { return false }
            if let status = filter.status {
                let standing = ranking.id(at: position).flatMap { decisions?.standing(of: $0, asOf: ranking.asOf) }
                if CohortStanding.statusText(standing) != status { return false }
            }
            return true
        }
        if let text = filter.search {
            return columns.search(text).filter { admits(Int($0)) }
        }
        return (0..<Int32(truncatingIfNeeded: ranking.count)).filter { admits(Int($0)) }
    }

    /// How many filters' results are kept.
    static let filtersKept = 16

    /// Makes the columns filters read now, so the first filtered page does not wait for them (about
    /// a second at a million offenders).
    func prepareFilters() async {
        _ = await filterColumns().value
    }

    /// The columns filters read, made once (by the first filter asked for) and shared.
    private func filterColumns() -> Task<FilterColumns, Never> {
        columns.update { slot in
            if let started = slot { return started }
            let ranking = self.ranking
            let started = Task.detached { FilterColumns(ranking) }
            slot = started
            return started
        }
    }
}

/// The places a filter admits: every place, or some.
enum FilteredPositions: Sendable {
    case all(Int)
    case some([Int32])

    var count: Int {
        switch self {
        case .all(let count): return count
        case .some(let positions): return positions.count
        }
    }

    /// At most `limit` places from the `offset`-th on.
    func page(offset: Int, limit: Int) -> [Int] {
        guard offset < count else { return [] }
        let end = min(count, offset + limit)
        switch self {
        case .all: return Array(offset..<end)
        case .some(let positions): return positions[offset..<end].map(Int.init)
        }
    }
}

/// What a page of the ranking is filtered on (`?tier=`, `?recommended=`, `?search=`).
struct RankingFilter: Sendable, Equatable {
    var tier: String?
    var recommended: Bool?
    /// Text the id or the name holds, ignoring case.
    var search: String?
    /// The standing with the panel (`adopted`, …, `none`), as of the ranking's date.
    var status: String?
    /// The latest decision the status was read with: part of the filter's identity, so a page
    /// filtered by status is worked out again once a decision is recorded.
    var decisions: Int64 = 0

    var isEmpty: Bool { tier == nil && recommended == nil && search == nil && status == nil }
}

/// Each ranked offender's tier and searchable text, in rank order.
struct FilterColumns: Sendable {
    /// 0 for no tier, else the tier's index + 1.
    let tiers: [UInt8]
    /// Each offender's id and name, folded to lower case, one per line: searched by `find`.
    let text: [UInt8]
    /// Where each offender's line starts in `text`.
    let starts: [Int32]

    init(_ ranking: PackedRanking) {
        var tiers: [UInt8] = [], text: [UInt8] = [], starts: [Int32] = []
        tiers.reserveCapacity(ranking.count)
        starts.reserveCapacity(ranking.count)
        let names = ranking.tierNames
        for position in 0..<ranking.count {
            guard let offender = ranking.summary(at: position) else { continue }
            let tier = offender.tier.flatMap { tier in names.firstIndex { ExactText.same($0, tier) } }
            tiers.append(tier.map { UInt8(truncatingIfNeeded: $0 + 1) } ?? 0)
            starts.append(Int32(truncatingIfNeeded: text.count))
            text.append(contentsOf: Self.folded(offender.id))
            text.append(0x09)
            text.append(contentsOf: Self.folded(offender.name ?? ""))
            text.append(0x0A)
        }
        self.tiers = tiers
        self.text = text
        self.starts = starts
    }

    /// The places whose id or name holds `needle`, ignoring case, in rank order.
    func search(_ needle: String) -> [Int32] {
        let pattern = Self.folded(needle).filter { $0 != 0x09 && $0 != 0x0A }
        guard !pattern.isEmpty else { return Array(0..<Int32(truncatingIfNeeded: starts.count)) }
        var found: [Int32] = []
        text.withUnsafeBytes { haystack in
            pattern.withUnsafeBytes { needle in
                guard let base = haystack.baseAddress, let wanted = needle.baseAddress else { return }
                var from = 0
                while from < haystack.count,
                      let hit = ByteSearch.find(wanted, needle.count, in: base + from, haystack.count - from) {
                    let offset = base.distance(to: hit)
                    // The line the match is on: the last start at or before it.
                    var low = 0, high = starts.count
                    while low < high {
                        let middle = (low + high) / 2
                        if Int(starts[middle]) <= offset { low = middle + 1 } else { high = middle }
                    }
                    let position = low - 1
                    if position >= 0 { found.append(Int32(truncatingIfNeeded: position)) }
                    // On to the next line: one match per offender.
                    from = position + 1 < starts.count ? Int(starts[position + 1]) : haystack.count
                }
            }
        }
        return found
    }

    /// Lower case, by Unicode's rules, as UTF-8 bytes.
    static func folded(_ text: String) -> [UInt8] { Array(text.lowercased().utf8) }
}
