/// Renders a checklist's results as text for a tasking meeting pack, grouped by owning agency.
///
/// A header with the checklist, `as_of`, short digests and the counts; then, for each owner in the
/// order the checklist names them, its breached duties (offender, case, how late; the rule with its
/// due date and trigger), its pending duties (how long is left), and a one-line count of the duties
/// met and not applicable; then the per-owner summary with compliance as a percentage; then the counts
/// of data warnings and rejected records. No line is wider than `width` columns: long names are cut
/// with "…" and rule lines wrap.
public struct BreachesTableRenderer: Sendable {
    /// The widest a line may be.
    public var width: Int
    /// List met and not-applicable duties one by one too, instead of counting them.
    public var everyStatus: Bool

    public init(width: Int = 80, everyStatus: Bool = false) {
        self.width = max(40, width)
        self.everyStatus = everyStatus
    }

    /// The whole report, every line ending in a newline.
    public func render(_ report: BreachReport) -> String {
        var title = SafeText.escaped(report.checklist) + " — as of \(report.asOf)"
        title = TextLayout.truncate(title, to: width)
        var lines = [title, "rules \(ReportHeader.short(report.rulesDigest))  data \(ReportHeader.short(report.dataDigest))"]
        lines.append(Self.totals(report.results))
        for owner in Self.owners(report) {
            lines.append("")
            lines.append(contentsOf: section(owner: owner, results: report.results.filter { $0.owner == owner },
                                             asOf: report.asOf))
        }
        lines.append("")
        lines.append(contentsOf: summaryTable(report.summary))
        lines.append("")
        let warnings = report.warnings.count == 1 ? "1 data warning" : "\(report.warnings.count) data warnings"
        let rejected = report.rejected.count == 1 ? "1 record rejected" : "\(report.rejected.count) records rejected"
        lines.append("\(warnings), \(rejected)")
        return lines.map { TextLayout.truncate(RankingTableRenderer.trimmingTrailingSpaces($0), to: width) + "\n" }
            .joined()
    }

    /// `N duties checked: B breached, P pending, M met, A not applicable`
    static func totals(_ results: [DutyResult]) -> String {
        let count = { (status: DutyStatus) in results.filter { $0.status == status }.count }
        let checked = results.count == 1 ? "1 duty checked" : "\(results.count) duties checked"
        return "\(checked): \(count(.breached)) breached, \(count(.pending)) pending, \(count(.met)) met, "
            + "\(count(.notApplicable)) not applicable"
    }

    /// The summary's owners, then any owner a result names that the summary lacks.
    static func owners(_ report: BreachReport) -> [String] {
        var owners = report.summary.map(\.owner)
        for result in report.results where !owners.contains(result.owner) { owners.append(result.owner) }
        return owners
    }

    private func section(owner: String, results: [DutyResult], asOf: Day) -> [String] {
        var lines = [SafeText.escaped(owner)]
        guard !results.isEmpty else {
            lines.append("  No duties on any case in scope.")
            return lines
        }
        let shown: [(DutyStatus, String)] = everyStatus
            ? [(.breached, "Breached"), (.pending, "Pending"), (.met, "Met"), (.notApplicable, "Not applicable")]
            : [(.breached, "Breached"), (.pending, "Pending")]
        for (status, title) in shown {
            let members = results.filter { $0.status == status }
            guard !members.isEmpty else { continue }
            lines.append("  \(title) (\(members.count))")
            for result in members { lines.append(contentsOf: entry(result, asOf: asOf)) }
        }
        if !everyStatus {
            if !results.contains(where: { $0.status == .breached || $0.status == .pending }) {
                lines.append("  Nothing breached or pending.")
            }
            let met = results.filter { $0.status == .met }.count
            let notApplicable = results.filter { $0.status == .notApplicable }.count
            lines.append("  Met \(met), not applicable \(notApplicable)")
        }
        return lines
    }

    /// `    ID  Name, case C              3 working days late`, then the rule with its dates, wrapped.
    private func entry(_ result: DutyResult, asOf: Day) -> [String] {
        let standing = Self.standing(result, asOf: asOf)
        let id = SafeText.escaped(result.offender)
        let caseText = "case " + SafeText.escaped(result.caseID)
        let room = width - TextLayout.width(standing) - 2
        var left = "    " + id
        if let name = result.offenderName.map(SafeText.escaped), !name.isEmpty {
            // Cut the name, not the case: the case is what the owner acts on.
            let fixed = TextLayout.width(left) + 2 + 2 + TextLayout.width(caseText)
            let nameRoom = room - fixed
            left += "  " + (nameRoom >= 8 ? TextLayout.truncate(name, to: nameRoom) : name) + ", " + caseText
        } else {
            left += "  " + caseText
        }
        var lines = [standing.isEmpty ? TextLayout.truncate(left, to: width) : TextLayout.spread(left, standing, width)]

        var details: [String] = []
        if let due = result.due { details.append("due \(due)") }
        if let trigger = result.trigger { details.append("trigger " + SafeText.escaped(trigger)) }
        let others = result.evidence.filter { $0 != result.trigger }.map(SafeText.escaped)
        if !others.isEmpty { details.append("evidence " + others.joined(separator: " ")) }
        let rule = SafeText.escaped(result.rule)
        let text = details.isEmpty ? rule : rule + ": " + details.joined(separator: ", ")
        let words = text.split(separator: " ").map(String.init)
        lines.append(contentsOf: TextLayout.wrap(words, columns: width, firstPrefix: "      ", restPrefix: "        "))
        return lines
    }

    /// Where the duty stands, for the right of its line: `3 working days late`, `2 days left`, `due today`.
    static func standing(_ result: DutyResult, asOf: Day) -> String {
        switch result.status {
        case .breached:
            guard let late = result.daysLate else { return "breached" }
            return "\(days(late, working: result.workingDays)) late"
        case .pending:
            guard let due = result.due else { return "pending" }
            // The engine counts what is left on the rule's calendar; a hand-made result may not.
            let left = result.daysLeft ?? asOf.days(to: due)
            if asOf == due { return "due today" }
            if left == 0 && asOf < due { return "due \(due)" }
            return left > 0 ? "\(days(left, working: result.daysLeft != nil && result.workingDays)) left" : "pending"
        case .met:
            return "met"
        case .notApplicable:
            return "not applicable"
        }
    }

    /// `1 day`, `3 days`, `1 working day`, `3 working days`.
    static func days(_ count: Int, working: Bool) -> String {
        let unit = working ? "working day" : "day"
        return count == 1 ? "1 \(unit)" : "\(count) \(unit)s"
    }

    private func summaryTable(_ summary: [OwnerSummary]) -> [String] {
        let owners = summary.map { SafeText.escaped($0.owner) }
        let ownerWidth = min(24, max(5, owners.map(TextLayout.width).max() ?? 0))
        let headers = ["Met", "Pending", "Breached", "Compliance"]
        func row(_ owner: String, _ figures: [String]) -> String {
            ([TextLayout.padRight(TextLayout.truncate(owner, to: ownerWidth), ownerWidth)]
                + zip(figures, headers).map { TextLayout.padLeft($0, max(TextLayout.width($1), TextLayout.width($0))) })
                .joined(separator: "  ")
        }
        var lines = ["Summary by owner", row("Owner", headers)]
        lines.append(([ownerWidth] + headers.map(TextLayout.width)).map { String(repeating: "-", count: $0) }
            .joined(separator: "  "))
        for (index, entry) in summary.enumerated() {
            lines.append(row(owners[index], [String(entry.met), String(entry.pending), String(entry.breached),
                                             Self.percentage(entry.compliance)]))
        }
        if summary.isEmpty { lines.append("No owners.") }
        return lines
    }

    /// Compliance as a percentage to one decimal place (`66.7%`), or `—` when nothing was met or breached.
    static func percentage(_ compliance: Decimal6?) -> String {
        guard let compliance else { return "—" }
        // Millionths to tenths of a percent, half up: 0.666667 → 667 → 66.7%.
        let tenths = (compliance.raw + 500) / 1000
        return "\(tenths / 10).\(tenths % 10)%"
    }
}
