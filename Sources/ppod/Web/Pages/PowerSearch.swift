import PPOEngine

/// The list's "power search" (after JTrack's): facts of the records that the ranking does not hold
/// — released in the next N days, convicted since a date, an offence of a category in the last N
/// months, offending across the border — found by reading the scope's records from the store.
struct PowerSearch: Sendable, Hashable {
    /// In custody with a release date from `as_of` to `as_of` plus this many days.
    var releasedWithinDays: Int?
    /// Convicted of an offence on or after this date.
    var convictedSince: Day?
    /// An offence of this category dated within `offenceWithinMonths` before `as_of`.
    var offenceCategory: String?
    var offenceWithinMonths = 3
    /// An offence committed in another area than the offender's.
    var crossBorder = false

    var isEmpty: Bool { releasedWithinDays == nil && convictedSince == nil && offenceCategory == nil && !crossBorder }

    init(query: RequestQuery, categories: CategoryTable) throws {
        if query["released_within"] != nil {
            releasedWithinDays = try query.integer("released_within", default: 28, in: 0...3660)
        }
        if query["convicted_since"] != nil { convictedSince = try query.day("convicted_since", default: Day(ordinal: 0)) }
        if let category = query["offence"] {
            guard categories.index(of: category) != nil else {
                throw APIError.badRequest("bad-parameter", "offence '\(category)' is not a category of the rules in force")
            }
            offenceCategory = category
            offenceWithinMonths = try query.integer("offence_months", default: 3, in: 1...120)
        }
        crossBorder = try query.flag("cross_border")
    }

    /// Whether the record has every fact asked for, as of `asOf` (nothing after `asOf` counts).
    func matches(_ offender: Offender, asOf: Day, categories: CategoryTable) -> Bool {
        if let days = releasedWithinDays {
            let last = asOf.adding(days: days)
            let due = offender.custody.contains { custody in
                guard !custody.released, let release = custody.release, let received = custody.received else { return false }
                return received <= asOf && release >= asOf && release <= last
            }
            if !due { return false }
        }
        if let since = convictedSince {
            let convicted = offender.offences.contains { offence in
                guard let day = offence.convictedOn else { return false }
                return day >= since && day <= asOf
            }
            if !convicted { return false }
        }
        if let name = offenceCategory, let category = categories.index(of: name) {
            let from = asOf.adding(months: -offenceWithinMonths)
            let found = offender.offences.contains { offence in
                guard offence.category == category, let day = offence.date else { return false }
                return day > from && day <= asOf
            }
            if !found { return false }
        }
        if crossBorder {
            guard let home = offender.area else { return false }
            let across = offender.offences.contains { offence in
                guard let area = offence.area, let day = offence.date, day <= asOf else { return false }
                return !ExactText.same(area, home)
            }
            if !across { return false }
        }
        return true
    }
}

/// The ids each power search found, kept for the latest ingest (a handful of searches at a time):
/// paging through a search's results does not read the store again.
final class PowerSearchCache: Sendable {
    private struct Key: Hashable {
        let ingest: Int64
        let scope: DataScope
        let search: PowerSearch
        let asOf: Day
    }

    private let kept = Locked<[(key: Key, ids: Set<ExactText>)]>([])
    static let limit = 8

    /// The ids of the scope's records that match, read from the store when not kept.
    func ids(matching search: PowerSearch, scope: DataScope, asOf: Day, store: OffenderStore,
             categories: CategoryTable) async throws -> Set<ExactText> {
        let ingest = try await store.latestIngest()
        let key = Key(ingest: ingest, scope: scope, search: search, asOf: asOf)
        if let hit = kept.get().first(where: { $0.key == key }) { return hit.ids }
        let found = try await store.scan { _, cursor in
            let reader = RecordReader(categories: categories)
            var ids = Set<ExactText>()
            while try cursor.next({ _, id, area, _, body in
                if case .area(let name) = scope {
                    guard let area, ExactText.same(area, name) else { return }
                }
                guard let offender = reader.read(bytes: Array(body), path: "store").offenders.first else { return }
                if search.matches(offender, asOf: asOf, categories: categories) { ids.insert(ExactText(id)) }
            }) {}
            return ids
        }
        kept.update { kept in
            kept.removeAll { $0.key == key }
            kept.append((key, found))
            if kept.count > Self.limit { kept.removeFirst(kept.count - Self.limit) }
        }
        return found
    }
}
