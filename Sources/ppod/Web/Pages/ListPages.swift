import Foundation
import Hummingbird
import PPOEngine

/// The prioritised list: a matrix's ranking of one area, a page at a time, with filters, the
/// offenders it does not rank, and the CSV of what the filters show.
enum ListPages {
    static let pageSize = 100

    struct Row {
        let rank: Int
        let id: String
        let href: String
        let name: String
        let score: String
        let tier: String
        let recommended: Bool
        let tie: Bool
        let status: String
        let strand: String?
    }

    struct Model {
        let matrix: String
        let version: String
        let asOf: String
        let area: String
        let rulesDigest: String
        let dataDigest: String
        let action: String
        let matrices: [WebOption]
        let areas: [WebOption]
        let hasAreas: Bool
        let tiers: [WebOption]
        let recommended: [WebOption]
        let statuses: [WebOption]
        let search: String
        let releasedWithin: String
        let convictedSince: String
        let offences: [WebOption]
        let offenceMonths: String
        let crossBorder: Bool
        let powerOpen: Bool
        let rows: [Row]
        let shown: String
        let previous: String?
        let next: String?
        let csv: String
        let ineligible: String
        let ineligibleCount: Int
        let capacity: String
        let cohortNote: String?
    }

    static func add(to router: Router<PPODContext>, daemon: Daemon) {
        router.route(.get, "/ui/list", .scores, action: nil) { _, _, _ in
            let rules = daemon.rules.current
            let first = rules.schemeNames.first.flatMap { rules.scheme(named: $0)?.matrix } ?? rules.matrixNames.first
            guard let first else { throw APIError.notFound("no-matrix", "the rules in force have no matrix") }
            return WebPage.redirect(to: "/ui/matrices/" + WebPage.encoded(first))
        }

        router.route(.get, "/ui/matrices/{name}", .scores, action: "ranking-page") { request, context, caller in
            let list = try await ListRequest(request, context: context, caller: caller, daemon: daemon)
            let (name, query, area, asOf, cohort, listed) = (list.name, list.query, list.area, list.asOf, list.cohort, list.listed)
            let ranked = list.ranked
            let offset = try query.integer("offset", default: 0, in: 0...Int(Int32.max))
            let shown = Array(listed.dropFirst(offset).prefix(pageSize))
            let ranking = ranked.ranking
            context.disclosed(shown.compactMap { ranking.id(at: $0) })
            let base = "/ui/matrices/" + WebPage.encoded(name)
            func link(offset: Int) -> String {
                base + WebPage.query([("area", area.parameter), ("as_of", query["as_of"])] + Self.filterPairs(query)
                                     + [("offset", offset == 0 ? nil : String(offset))])
            }
            let rows = shown.compactMap { position -> Row? in
                guard let offender = ranking.summary(at: position) else { return nil }
                let member = cohort?.member(offender.id)
                return Row(rank: offender.rank, id: offender.id,
                           href: "/ui/offenders/" + WebPage.encoded(offender.id)
                               + WebPage.query([("matrix", name), ("area", area.parameter), ("as_of", query["as_of"])]),
                           name: offender.name ?? "", score: offender.score.description, tier: offender.tier ?? "",
                           recommended: offender.recommended, tie: offender.tieAtCapacity,
                           status: member?.status.rawValue ?? "no decision", strand: member?.strand)
            }
            let csvQuery = WebPage.query([("area", area.parameter), ("as_of", query["as_of"])] + Self.filterPairs(query))
            let model = Model(
                matrix: name, version: ranking.matrix.version ?? "", asOf: asOf.description, area: area.label,
                rulesDigest: ranking.rulesDigest, dataDigest: ranking.dataDigest, action: base,
                matrices: list.reports.rules.matrixNames.map { WebOption(value: "/ui/matrices/" + WebPage.encoded($0), label: $0,
                                                                   selected: $0 == name) },
                areas: area.choices.map { WebOption(value: $0.name, label: $0.name, selected: $0.selected) },
                hasAreas: area.choices.count > 1,
                tiers: ranking.tierNames.map { WebOption(value: $0, label: $0, selected: $0 == query["tier"]) },
                recommended: [("true", "Recommended"), ("false", "Not recommended")].map {
                    WebOption(value: $0.0, label: $0.1, selected: $0.0 == query["recommended"])
                },
                statuses: Self.statusChoices.map { WebOption(value: $0, label: $0, selected: $0 == query["status"]) },
                search: query["search"] ?? "",
                releasedWithin: query["released_within"] ?? "",
                convictedSince: query["convicted_since"] ?? "",
                offences: list.reports.rules.categories.names.map { WebOption(value: $0, label: $0, selected: $0 == query["offence"]) },
                offenceMonths: query["offence_months"] ?? "3",
                crossBorder: query["cross_border"] == "true",
                powerOpen: ["released_within", "convicted_since", "offence", "cross_border"].contains { query[$0] != nil },
                rows: rows,
                shown: listed.isEmpty ? "No offender matches these filters."
                    : "Showing \(offset + 1)–\(offset + rows.count) of \(listed.count) (\(ranking.count) ranked in \(area.label)).",
                previous: offset > 0 ? link(offset: max(0, offset - pageSize)) : nil,
                next: offset + pageSize < listed.count ? link(offset: offset + pageSize) : nil,
                csv: base + "/ranking.csv" + csvQuery,
                ineligible: base + "/ineligible" + WebPage.query([("area", area.parameter), ("as_of", query["as_of"])]),
                ineligibleCount: ranking.ineligible.count,
                capacity: ranking.matrix.capacity.map { "capacity \($0)" } ?? "no capacity",
                cohortNote: cohort == nil ? "No scheme's decisions apply to this list: every status reads “no decision”." : nil)
            return try WebPage.render(model, template: "list", title: "Prioritised list", context: context)
        }

        router.route(.get, "/ui/matrices/{name}/ranking.csv", .scores, action: "ranking") { request, context, caller in
            let list = try await ListRequest(request, context: context, caller: caller, daemon: daemon)
            let ranking = list.ranked.ranking
            context.disclosed(list.listed.compactMap { ranking.id(at: $0) })
            let csv = RankingDownload.csv(ranking, positions: list.listed, area: list.area.label, cohort: list.cohort)
            let file = "ranking-\(list.asOf)-\(ranking.rulesDigest.prefix(12))-\(ranking.dataDigest.prefix(12)).csv"
            var headers = DigestHeaders.make(rules: ranking.rulesDigest, data: ranking.dataDigest)
            headers[.contentDisposition] = "attachment; filename=\"\(file)\""
            return Answer.bytes(csv, type: "text/csv; charset=utf-8", headers: headers)
        }

        router.route(.get, "/ui/matrices/{name}/ineligible", .scores, action: "ineligible-page") { request, context, caller in
            let name = try context.pathParameter("name")
            let query = RequestQuery(request)
            let area = try WebScope(caller: caller, requested: query["area"])
            let reports = try await daemon.reports()
            _ = try reports.matrix(name)
            let asOf = try query.day("as_of", default: daemon.calendar.today)
            let ranking = try await daemon.scopeRanking(matrix: name, scope: area.scope, asOf: asOf, reports: reports).ranking
            context.disclosed(ranking.ineligible.map(\.id))
            let model = IneligibleModel(
                matrix: name, asOf: asOf.description, area: area.label,
                back: "/ui/matrices/" + WebPage.encoded(name) + WebPage.query([("area", area.parameter), ("as_of", query["as_of"])]),
                rows: ranking.ineligible.map { IneligibleModel.Row(id: $0.id, name: $0.name ?? "", reason: $0.reason) })
            return try WebPage.render(model, template: "ineligible", title: "Not ranked: \(name)", context: context)
        }
    }

    static let statusChoices = ["adopted", "deferred", "declined", "deselected", "no decision"]

    /// Every filter the list takes, carried by its page links and its CSV link.
    static let filterKeys = ["tier", "recommended", "status", "search", "released_within", "convicted_since", "offence",
                             "offence_months", "cross_border"]

    static func filterPairs(_ query: RequestQuery) -> [(String, String?)] {
        filterKeys.map { ($0, query[$0]) }
    }

    /// The places the filters admit, in rank order: the ranking's own filters, then the scheme
    /// status read from the cohort.
    static func positions(query: RequestQuery, ranked: ScopeRanking, cohort: Cohort?, scope: DataScope, asOf: Day,
                          daemon: Daemon) async throws -> [Int] {
        let listed = try await Self.rankingPositions(query: query, ranked: ranked, cohort: cohort)
        let categories = daemon.rules.current.categories
        let power = try PowerSearch(query: query, categories: categories)
        guard !power.isEmpty else { return listed }
        let ids = try await daemon.powerSearches.ids(matching: power, scope: scope, asOf: asOf, store: daemon.store,
                                                     categories: categories)
        let ranking = ranked.ranking
        return listed.filter { position in ranking.id(at: position).map { ids.contains(ExactText($0)) } ?? false }
    }

    /// The places the ranking's own filters and the scheme status admit.
    static func rankingPositions(query: RequestQuery, ranked: ScopeRanking, cohort: Cohort?) async throws -> [Int] {
        var filter = RankingFilter()
        filter.tier = query["tier"]
        if query["recommended"] != nil { filter.recommended = try query.flag("recommended") }
        filter.search = query["search"]
        let page = RankingPageQuery(filter: filter)
        try page.check(against: ranked.ranking)
        let found = await ranked.positions(filter)
        let all = found.page(offset: 0, limit: found.count)
        guard let status = query["status"] else { return all }
        guard statusChoices.contains(status) else {
            throw APIError.badRequest("bad-parameter", "status '\(status)' must be one of " + statusChoices.joined(separator: ", "))
        }
        var decided: [Int: String] = [:]
        for member in cohort?.members ?? [] {
            if let position = ranked.position(of: member.offender) { decided[position] = member.status.rawValue }
        }
        return all.filter { (decided[$0] ?? "no decision") == status }
    }
}

/// The offenders a matrix does not rank, with the reason.
struct IneligibleModel {
    struct Row {
        let id: String
        let name: String
        let reason: String
    }
    let matrix: String
    let asOf: String
    let area: String
    let back: String
    let rows: [Row]
}

/// What the list page and its CSV both work out from a request: the matrix, the area, the date,
/// the area's ranking, the cohort, and the places the filters admit.
struct ListRequest {
    let name: String
    let query: RequestQuery
    let area: WebScope
    let reports: Reports
    let asOf: Day
    let ranked: ScopeRanking
    let cohort: Cohort?
    let listed: [Int]

    init(_ request: Request, context: PPODContext, caller: Caller, daemon: Daemon) async throws {
        name = try context.pathParameter("name")
        query = RequestQuery(request)
        area = try WebScope(caller: caller, requested: query["area"])
        reports = try await daemon.reports()
        _ = try reports.matrix(name)
        asOf = try query.day("as_of", default: daemon.calendar.today)
        ranked = try await daemon.scopeRanking(matrix: name, scope: area.scope, asOf: asOf, reports: reports)
        // No scheme loaded, or none to choose: every status reads "no decision".
        cohort = try? await DecisionRoutes.cohort(query: query, asOf: asOf, caller: caller, daemon: daemon)
        listed = try await ListPages.positions(query: query, ranked: ranked, cohort: cohort, scope: area.scope, asOf: asOf,
                                               daemon: daemon)
    }
}
