import Foundation
import Hummingbird
import PPOEngine

/// The tasking group's pages: Today (the day's alerts, Premium Service breaches and deadlines due
/// soon, the latest run) and Premium Service (per agency: breached and pending duties, compliance).
enum TaskingPages {
    /// Deadlines within this many days are "due soon" on the Today page.
    static let dueSoonDays = 7

    static func add(to router: Router<PPODContext>, daemon: Daemon) {
        router.route(.get, "/ui/today", .tasking, action: "today-page") { request, context, caller in
            let query = RequestQuery(request)
            let area = try WebScope(caller: caller, requested: query["area"])
            let reports = try await daemon.reports()
            let date = try query.day("date", default: daemon.calendar.today)
            let alerts = try await daemon.alertReport(block: nil, scope: area.scope, asOf: date, reports: reports, context: context)
            var shown = alerts.results.map(\.offender)
            var checklists: [TodayModel.Checklist] = []
            for name in reports.rules.checklistNames {
                let report = try await daemon.breachReport(checklist: name, scope: area.scope, asOf: date, reports: reports,
                                                           context: context)
                let urgent = report.results.filter {
                    $0.status == .breached || ($0.status == .pending && ($0.daysLeft ?? Int.max) <= dueSoonDays)
                }
                shown += urgent.map(\.offender)
                checklists.append(TodayModel.Checklist(name: name, owners: TodayModel.owners(urgent, order: report.summary.map(\.owner),
                                                                                             linksTo: Self.linker(caller, area))))
            }
            let run = try await RunRoutes.visibleRuns(limit: 1, to: caller, daemon: daemon).first
            context.disclosed(shown)
            let model = TodayModel(date: date.description, area: area.label, alerts: alerts, linksTo: Self.linker(caller, area),
                                   checklists: checklists, run: run, dueSoonDays: dueSoonDays)
            return try WebPage.render(model, template: "today", title: "Today — \(date)", context: context)
        }

        router.route(.get, "/ui/premium-service", .tasking, action: "premium-service-page") { request, context, caller in
            let query = RequestQuery(request)
            let area = try WebScope(caller: caller, requested: query["area"])
            let reports = try await daemon.reports()
            guard let name = query["checklist"] ?? reports.rules.checklistNames.first else {
                throw APIError.notFound("no-checklist", "the rules in force have no checklist")
            }
            let asOf = try query.day("as_of", default: daemon.calendar.today)
            let whole = try await daemon.breachReport(checklist: name, scope: area.scope, asOf: asOf, reports: reports,
                                                      context: context)
            let report = try Reports.only(owner: query["owner"], in: whole)
            let open = report.results.filter { $0.status == .breached || $0.status == .pending }
            context.disclosed(open.map(\.offender))
            let model = PremiumServiceModel(report: report, whole: whole, checklists: reports.rules.checklistNames,
                                            owner: query["owner"], area: area, linksTo: Self.linker(caller, area))
            return try WebPage.render(model, template: "premium-service", title: "Premium Service — \(name)", context: context)
        }
    }

    /// A link to an offender's page for roles that may open it; nil for the tasking role.
    static func linker(_ caller: Caller, _ area: WebScope) -> (String) -> String? {
        guard Permission.scores.allows(caller.role) else { return { _ in nil } }
        return { id in "/ui/offenders/" + WebPage.encoded(id) + WebPage.query([("area", area.parameter)]) }
    }
}
