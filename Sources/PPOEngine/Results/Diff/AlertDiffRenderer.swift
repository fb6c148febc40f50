/// Renders an `AlertDiff`: a one-screen summary (how many start, stop and change; each alert's
/// count, old → new), then each offender's changes; or every change as JSON or CSV.
public struct AlertDiffRenderer: Sendable {
    public let diff: AlertDiff

    public init(diff: AlertDiff) { self.diff = diff }

    public func table() -> String {
        let blocks = diff.blocks.map { "\"\(SafeText.escaped($0))\"" }.joined(separator: ", ")
        let previous = diff.previousDigest.map { "previous \($0.prefix(12))" } ?? "no previous snapshot"
        var lines = ["Alerts \(blocks)",
                     "Old rules \(diff.oldRulesDigest.prefix(12)), new rules \(diff.newRulesDigest.prefix(12))",
                     "As of \(diff.asOf), data \(diff.dataDigest.prefix(12)), \(previous)",
                     "",
                     "\(diff.count(.starts)) start, \(diff.count(.stops)) stop and \(diff.count(.changes)) change "
                        + "for \(diff.offenders.count) \(diff.offenders.count == 1 ? "offender" : "offenders")."]
        let moved = diff.counts.filter { $0.old != $0.new }
        lines.append("")
        lines.append("Alerts whose count changes, old → new (\(moved.count))")
        if moved.isEmpty { lines.append("  none") }
        lines += CohortRenderer.columns(["alert", "old", "new"], moved.map { count in
            [SafeText.escaped(count.alert), String(count.old), String(count.new)]
        }).dropFirst(moved.isEmpty ? 1 : 0).map { "  " + $0 }
        lines.append("")
        lines.append("Changes by offender (\(diff.offenders.count))")
        if diff.offenders.isEmpty { lines.append("  none") }
        for offender in diff.offenders {
            lines.append("  " + [SafeText.escaped(offender.id), SafeText.escaped(offender.name ?? "")]
                .filter { !$0.isEmpty }.joined(separator: "  "))
            for change in offender.changes {
                lines.append("      \(change.kind.rawValue): \(SafeText.escaped(change.alert))")
                switch change.kind {
                case .starts: lines.append("        " + Self.fired(change.new))
                case .stops: lines.append("        was: " + Self.fired(change.old))
                case .changes:
                    lines.append("        was: " + Self.fired(change.old))
                    lines.append("        now: " + Self.fired(change.new))
                }
            }
        }
        return lines.joined(separator: "\n").replacingTrailingSpaces() + "\n"
    }

    /// `high: MESSAGE (notify offender_manager)`.
    static func fired(_ result: AlertResult?) -> String {
        guard let result else { return "–" }
        var text = "\(result.severity.rawValue): \(SafeText.escaped(result.message))"
        if let notify = result.notify { text += " (notify \(SafeText.escaped(notify)))" }
        return text
    }

    public var value: JSONValue {
        .fields([
            ("alerts", .strings(diff.blocks)),
            ("as_of", .string(diff.asOf.description)),
            ("data_digest", .string(diff.dataDigest)),
            ("previous_digest", .optional(diff.previousDigest)),
            ("old_rules_digest", .string(diff.oldRulesDigest)),
            ("new_rules_digest", .string(diff.newRulesDigest)),
            ("starts", .int(diff.count(.starts))),
            ("stops", .int(diff.count(.stops))),
            ("changes_count", .int(diff.count(.changes))),
            ("counts", .array(diff.counts.map { count in
                .fields([("block", .string(count.block)), ("alert", .string(count.alert)), ("old", .int(count.old)),
                         ("new", .int(count.new))])
            })),
            ("changes", .array(diff.changes.map { change in
                .fields([("change", .string(change.kind.rawValue)), ("block", .string(change.block)),
                         ("alert", .string(change.alert)), ("offender", .string(change.offender)),
                         ("name", .optional(change.name)), ("old", Self.resultValue(change.old)),
                         ("new", Self.resultValue(change.new))])
            })),
        ])
    }

    public func json(pretty: Bool = true) -> String { JSONWriter(pretty: pretty).render(value) }

    static func resultValue(_ result: AlertResult?) -> JSONValue {
        guard let result else { return .null }
        return .fields([("severity", .string(result.severity.rawValue)), ("notify", .optional(result.notify)),
                        ("message", .string(result.message)), ("evidence", .strings(result.evidence))])
    }

    public static let header = ["offender", "name", "block", "alert", "change", "old_severity", "old_message",
                                "new_severity", "new_message"]

    public func csv() -> String {
        CSVWriter.document(header: Self.header, rows: diff.changes.map { c in
            [.text(c.offender), .text(c.name ?? ""), .text(c.block), .text(c.alert), .text(c.kind.rawValue),
             .text(c.old?.severity.rawValue ?? ""), .text(c.old?.message ?? ""),
             .text(c.new?.severity.rawValue ?? ""), .text(c.new?.message ?? "")]
        })
    }
}
