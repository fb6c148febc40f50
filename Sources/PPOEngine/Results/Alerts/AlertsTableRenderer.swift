/// Renders the day's alerts as text for the police tasking group, grouped by severity.
///
/// A header with the alerts blocks, `as_of`, short digests of the rules, the data and the previous
/// snapshot (or "no previous snapshot") and the counts; then HIGH, MEDIUM and LOW headings (those with
/// alerts), each listing its alerts with a count, and under each alert one entry per offender: id and
/// name with whom to notify on the right, then the message, wrapped (unless the alert has no message of
/// its own). No line is wider than `width`.
public struct AlertsTableRenderer: Sendable {
    /// The widest a line may be.
    public var width: Int

    public init(width: Int = 80) { self.width = max(40, width) }

    /// The whole list, every line ending in a newline.
    public func render(_ report: AlertReport) -> String {
        let blocks = report.blocks.map(SafeText.escaped)
        let title = (blocks.isEmpty ? "Alerts" : blocks.joined(separator: ", ")) + " — as of \(report.asOf)"
        let previous = report.previousDigest.map { "previous \(ReportHeader.short($0))" } ?? "no previous snapshot"
        var lines = [
            TextLayout.truncate(title, to: width),
            "rules \(ReportHeader.short(report.rulesDigest))  data \(ReportHeader.short(report.dataDigest))  \(previous)",
            Self.totals(report.results),
        ]
        let showBlock = Set(report.results.map(\.block)).count > 1
        for severity in CheckedAlerts.Severity.allCases {
            let members = report.results.filter { $0.severity == severity }
            guard !members.isEmpty else { continue }
            lines.append("")
            lines.append(severity.rawValue.uppercased())
            for group in Self.groups(members) {
                var heading = SafeText.escaped(group.alert)
                if showBlock { heading += " — " + SafeText.escaped(group.block) }
                lines.append(TextLayout.truncate("  \(heading) (\(group.results.count))", to: width))
                for result in group.results { lines.append(contentsOf: entry(result)) }
            }
        }
        if report.results.isEmpty {
            lines.append("")
            lines.append("No alerts.")
        }
        lines.append("")
        lines.append(report.rejected.count == 1 ? "1 record rejected" : "\(report.rejected.count) records rejected")
        return lines.map { TextLayout.truncate(RankingTableRenderer.trimmingTrailingSpaces($0), to: width) + "\n" }
            .joined()
    }

    /// `N alerts: H high, M medium, L low`
    static func totals(_ results: [AlertResult]) -> String {
        let counts = CheckedAlerts.Severity.allCases.map { severity in
            "\(results.filter { $0.severity == severity }.count) \(severity.rawValue)"
        }
        return (results.count == 1 ? "1 alert: " : "\(results.count) alerts: ") + counts.joined(separator: ", ")
    }

    /// The results of each alert, alerts in order of first appearance.
    static func groups(_ results: [AlertResult]) -> [(block: String, alert: String, results: [AlertResult])] {
        var groups: [(block: String, alert: String, results: [AlertResult])] = []
        for result in results {
            if let index = groups.firstIndex(where: { $0.block == result.block && $0.alert == result.alert }) {
                groups[index].results.append(result)
            } else {
                groups.append((result.block, result.alert, [result]))
            }
        }
        return groups
    }

    /// `    ID  Name                  notify WHO`, then the message, wrapped.
    private func entry(_ result: AlertResult) -> [String] {
        var left = "    " + SafeText.escaped(result.offender)
        if let name = result.name.map(SafeText.escaped), !name.isEmpty { left += "  " + name }
        var lines: [String]
        if let notify = result.notify.map(SafeText.escaped), !notify.isEmpty {
            lines = [TextLayout.spread(left, "notify " + notify, width)]
        } else {
            lines = [TextLayout.truncate(left, to: width)]
        }
        // An alert without a message carries its own name, which the heading above already shows.
        guard result.message != result.alert else { return lines }
        let words = SafeText.escaped(result.message).split(separator: " ").map(String.init)
        lines.append(contentsOf: TextLayout.wrap(words, columns: width, firstPrefix: "      ", restPrefix: "      "))
        return lines
    }
}
