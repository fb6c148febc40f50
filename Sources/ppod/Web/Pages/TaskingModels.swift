import PPOEngine

/// The Today page: the day's alerts by severity with whom to notify, the Premium Service duties
/// breached or due soon by agency, and the latest run.
struct TodayModel {
    struct AlertRow {
        let offender: String
        let href: String?
        let name: String
        let alert: String
        let message: String
        let notify: String
    }

    struct Severity {
        let severity: String
        let heading: String
        let count: Int
        let rows: [AlertRow]
    }

    struct DutyRow {
        let offender: String
        let href: String?
        let name: String
        let caseID: String
        let rule: String
        let owner: String
        let status: String
        let due: String
        let days: String
        let breached: Bool
    }

    struct Owner {
        let owner: String
        let breached: Int
        let dueSoon: Int
        let rows: [DutyRow]
    }

    struct Checklist {
        let name: String
        let owners: [Owner]
    }

    struct Run {
        let id: Int64
        let asOf: String
        let createdAt: String
        let trigger: String
        let rulesDigest: String
        let dataDigest: String
    }

    let date: String
    let area: String
    let alertCount: Int
    let severities: [Severity]
    let checklists: [Checklist]
    let run: Run?
    let dueSoonDays: Int

    init(date: String, area: String, alerts: AlertReport, linksTo link: (String) -> String?, checklists: [Checklist],
         run: RunRecord?, dueSoonDays: Int) {
        self.date = date
        self.area = area
        alertCount = alerts.results.count
        severities = CheckedAlerts.Severity.allCases.map { severity in
            let rows = alerts.results.filter { $0.severity == severity }.map {
                AlertRow(offender: $0.offender, href: link($0.offender), name: $0.name ?? "", alert: $0.alert,
                         message: $0.message, notify: $0.notify ?? "")
            }
            return Severity(severity: severity.rawValue, heading: severity.rawValue.capitalized + " (\(rows.count))",
                            count: rows.count, rows: rows)
        }
        self.checklists = checklists
        self.run = run.map { Run(id: $0.id, asOf: $0.asOf, createdAt: $0.createdAt, trigger: $0.trigger,
                                 rulesDigest: $0.rulesDigest, dataDigest: $0.dataDigest) }
        self.dueSoonDays = dueSoonDays
    }

    static func owners(_ duties: [DutyResult], order: [String], linksTo link: (String) -> String?) -> [Owner] {
        order.map { owner in
            let mine = duties.filter { ExactText.same($0.owner, owner) }
                .sorted { ($0.status == .breached ? 0 : 1, $0.due ?? Day(ordinal: 0)) < ($1.status == .breached ? 0 : 1, $1.due ?? Day(ordinal: 0)) }
            return Owner(owner: owner, breached: mine.filter { $0.status == .breached }.count,
                         dueSoon: mine.filter { $0.status == .pending }.count,
                         rows: mine.map { DutyRow(result: $0, link: link) })
        }
    }
}

extension TodayModel.DutyRow {
    init(result: DutyResult, link: (String) -> String?) {
        let unit = result.workingDays ? "working days" : "days"
        self.init(offender: result.offender, href: link(result.offender), name: result.offenderName ?? "",
                  caseID: result.caseID, rule: result.rule, owner: result.owner, status: result.status.rawValue, due: result.due?.description ?? "",
                  days: result.daysLate.map { "\($0) \(unit) late" } ?? result.daysLeft.map { "\($0) \(unit) left" } ?? "",
                  breached: result.status == .breached)
    }
}

/// The Premium Service page: one checklist, per agency, with compliance per month.
struct PremiumServiceModel {
    struct Summary {
        let owner: String
        let met: Int
        let pending: Int
        let breached: Int
        let compliance: String
    }

    struct Period {
        let month: String
        let owner: String
        let met: Int
        let breached: Int
        let compliance: String
    }

    let checklist: String
    let asOf: String
    let area: String
    let areaParameter: String?
    let hasAreas: Bool
    let areas: [WebOption]
    let checklists: [WebOption]
    let owners: [WebOption]
    let summary: [Summary]
    let breached: [TodayModel.DutyRow]
    let pending: [TodayModel.DutyRow]
    let periods: [Period]
    let rulesDigest: String
    let dataDigest: String

    init(report: BreachReport, whole: BreachReport, checklists: [String], owner: String?, area: WebScope,
         linksTo link: (String) -> String?) {
        checklist = report.checklist
        asOf = report.asOf.description
        self.area = area.label
        areaParameter = area.parameter
        hasAreas = area.choices.count > 1
        areas = area.choices.map { WebOption(value: $0.name, label: $0.name, selected: $0.selected) }
        self.checklists = checklists.map { WebOption(value: $0, label: $0, selected: $0 == report.checklist) }
        owners = whole.summary.map { WebOption(value: $0.owner, label: $0.owner, selected: $0.owner == owner) }
        summary = report.summary.map {
            Summary(owner: $0.owner, met: $0.met, pending: $0.pending, breached: $0.breached,
                    compliance: Self.percent(met: $0.met, breached: $0.breached))
        }
        breached = report.results.filter { $0.status == .breached }
            .sorted { ($0.daysLate ?? 0) > ($1.daysLate ?? 0) }.map { TodayModel.DutyRow(result: $0, link: link) }
        pending = report.results.filter { $0.status == .pending }
            .sorted { ($0.due ?? Day(ordinal: 0)) < ($1.due ?? Day(ordinal: 0)) }.map { TodayModel.DutyRow(result: $0, link: link) }
        var counts: [String: (met: Int, breached: Int)] = [:]
        var keys: [String] = []
        for result in report.results where result.status == .met || result.status == .breached {
            guard let due = result.due else { continue }
            let key = String(due.description.prefix(7)) + "\u{0}" + result.owner
            if counts[key] == nil { keys.append(key) }
            if result.status == .met { counts[key, default: (0, 0)].met += 1 } else { counts[key, default: (0, 0)].breached += 1 }
        }
        periods = keys.sorted().reversed().compactMap { key in
            let parts = key.split(separator: "\u{0}", maxSplits: 1).map(String.init)
            guard parts.count == 2, let count = counts[key] else { return nil }
            return Period(month: parts[0], owner: parts[1], met: count.met, breached: count.breached,
                          compliance: Self.percent(met: count.met, breached: count.breached))
        }
        rulesDigest = report.rulesDigest
        dataDigest = report.dataDigest
    }

    /// Met as a share of met and breached, to one decimal place; "—" when none is decided.
    static func percent(met: Int, breached: Int) -> String {
        guard met + breached > 0 else { return "—" }
        let tenths = (met * 1000 + (met + breached) / 2) / (met + breached)
        return "\(tenths / 10).\(tenths % 10)%"
    }
}
