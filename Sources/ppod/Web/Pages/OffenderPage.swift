import Foundation
import Hummingbird
import PPOEngine

/// One offender: the selection form laid out as the national Figure 3 form, every line linked to
/// the records behind it, then the timeline of the record (custody, courts, bail, warrants, cases
/// with their Premium Service duties, alerts). It prints as an A4 form with the protective marking.
enum OffenderPage {
    static func add(to router: Router<PPODContext>, daemon: Daemon) {
        router.route(.get, "/ui/offenders/{id}", .scores, action: "offender-page") { request, context, caller in
            let id = try context.pathParameter("id")
            let query = RequestQuery(request)
            let reports = try await daemon.reports()
            let matrix = try query["matrix"] ?? Self.defaultMatrix(reports.rules)
            _ = try reports.matrix(matrix)
            let asOf = try query.day("as_of", default: daemon.calendar.today)
            let stored = try await daemon.storeRanking(matrix: matrix, asOf: asOf, reports: reports)
            // Outside the caller's areas an offender does not exist, as in the API.
            guard let area = stored.area(of: id), caller.sees(area) else {
                throw APIError.notFound("unknown-offender", "no offender '\(id)' in the records you see")
            }
            guard let record = try await daemon.store.record(id: id) else {
                throw APIError.notFound("unknown-offender", "no offender '\(id)' in the records you see")
            }
            let scope: DataScope = area.map { .area($0) } ?? .all
            let ranked = stored.scope(caller.areas == nil ? .all : scope)
            context.disclosed([id])
            let batch = RecordReader(categories: reports.rules.categories).read(bytes: record.body, path: "record")
            guard let offender = batch.offenders.first else {
                throw APIError.notFound("unknown-offender", "offender '\(id)' has no form: its record cannot be read")
            }
            let scored = ranked.position(of: id).map { ranked.ranking.offender(at: $0, withLines: true) }
            let ineligible = ranked.ranking.ineligible.first { ExactText.same($0.id, id) }
            let cohort = try? await DecisionRoutes.cohort(query: query, asOf: asOf, caller: caller, daemon: daemon)
            var duties: [DutyResult] = []
            var alerts: [AlertResult] = []
            if Permission.tasking.allows(caller.role) {
                for checklist in reports.rules.checklistNames {
                    duties += reports.rules.breaches(checklist: checklist, offenders: [offender], asOf: asOf, dataPath: "record",
                                                     dataDigest: "", rejected: [])?.results ?? []
                }
                // From the area's alerts: alerts read rankings and the previous snapshot, so they
                // cannot be worked out from one record.
                alerts = try await daemon.alertReport(block: nil, scope: scope, asOf: asOf, reports: reports, context: context)
                    .results.filter { ExactText.same($0.offender, id) }
                context.disclosed([id])
            }
            var model = OffenderModel(offender: offender, scored: scored, ineligible: ineligible, ranking: ranked.ranking,
                                      area: area ?? "", member: cohort?.member(id), duties: duties, alerts: alerts,
                                      categories: reports.rules.categories, showsTasking: Permission.tasking.allows(caller.role),
                                      backQuery: WebPage.query([("area", caller.areas == nil ? nil : area ?? nil),
                                                                ("as_of", query["as_of"])]))
            if Permission.decide.allows(caller.role), !reports.rules.schemeNames.isEmpty {
                model.decide = "/ui/offenders/" + WebPage.encoded(id) + "/decide"
            }
            return try WebPage.render(model, template: "offender", title: "\(offender.name ?? id) — \(id)", context: context)
        }
    }

    /// The scheme's matrix, else the first.
    static func defaultMatrix(_ rules: RuleSet) throws -> String {
        let first = rules.schemeNames.first.flatMap { rules.scheme(named: $0)?.matrix } ?? rules.matrixNames.first
        guard let first else { throw APIError.notFound("no-matrix", "the rules in force have no matrix") }
        return first
    }
}
