import PPOEngine

/// A page of a ranking asked for: `?offset=` and `?limit=`, and the filters `?tier=`,
/// `?recommended=`, `?search=` and `?status=` (the standing with the panel: adopted, deferred,
/// declined, deselected or none). Any of them makes the answer a page; none, the whole list.
struct RankingPageQuery: Sendable {
    var offset = 0
    var limit = RankingPageQuery.defaultLimit
    var filter = RankingFilter()
    /// Whether each offender's object carries its form's `lines` (`?lines=true`).
    var lines = false

    static let defaultLimit = 100
    static let maximumLimit = 10_000

    /// A page of the places `filter` admits, from the first.
    init(filter: RankingFilter) { self.filter = filter }

    /// The page `query` asks for; nil when it asks for the whole list. `lines` alone does not ask
    /// for a page.
    init?(_ query: RequestQuery) throws {
        let keys = ["offset", "limit", "tier", "recommended", "search", "status"]
        guard keys.contains(where: { query[$0] != nil }) else { return nil }
        offset = try query.integer("offset", default: 0, in: 0...Int(Int32.max))
        limit = try query.integer("limit", default: Self.defaultLimit, in: 1...Self.maximumLimit)
        filter.tier = query["tier"]
        if query["recommended"] != nil { filter.recommended = try query.flag("recommended") }
        filter.search = query["search"]
        if let status = query["status"] {
            guard CohortStanding.statuses.contains(status) else {
                throw APIError.badRequest("bad-parameter", "unknown status '\(SafeText.escaped(status))': expected one of "
                                          + CohortStanding.statuses.joined(separator: ", "))
            }
            filter.status = status
        }
        lines = try query.flag("lines")
    }

    /// Checks the filter against the matrix: a tier it does not declare is a mistake to report,
    /// not an empty page.
    func check(against ranking: PackedRanking) throws {
        guard let tier = filter.tier else { return }
        let names = ranking.tierNames
        guard !ExactText.list(names, contains: tier) else { return }
        var message = "unknown tier '\(tier)' in matrix '\(ranking.matrix.name)'"
        message += names.isEmpty ? " (it declares no tiers)" : " (its tiers are " + names.map { "'\($0)'" }.joined(separator: ", ") + ")"
        throw APIError.badRequest("bad-parameter", message)
    }
}
