/// Renders a `BreachDiff`: a one-screen summary (the status moves and each owner's counts, old →
/// new), then each offender's changed duties; or every change as JSON or CSV.
public struct BreachDiffRenderer: Sendable {
    public let diff: BreachDiff

    public init(diff: BreachDiff) { self.diff = diff }

    public func table() -> String {
        let changed = diff.changes.count
        var lines = ["Checklist \"\(SafeText.escaped(diff.checklist))\"",
                     "Old rules \(diff.oldRulesDigest.prefix(12)), new rules \(diff.newRulesDigest.prefix(12))",
                     "As of \(diff.asOf), data \(diff.dataDigest.prefix(12)), \(diff.compared) duties compared",
                     "",
                     "\(changed) \(changed == 1 ? "duty changes" : "duties change") status for \(diff.offenders.count) "
                        + "\(diff.offenders.count == 1 ? "offender" : "offenders"); "
                        + "\(diff.dueDatesMoved) due \(diff.dueDatesMoved == 1 ? "date moves" : "dates move") without a change of status."]
        for transition in diff.transitions {
            lines.append("  \(transition.from) → \(transition.to): \(transition.count)")
        }
        lines.append("")
        lines.append("By owner, old → new")
        let rows = diff.owners.map { owner -> [String] in
            func pair(_ value: (OwnerSummary) -> String) -> String {
                (owner.old.map(value) ?? "–") + " → " + (owner.new.map(value) ?? "–")
            }
            return [SafeText.escaped(owner.owner), pair { String($0.met) }, pair { String($0.pending) },
                    pair { String($0.breached) }, pair { Self.percent($0.compliance) }]
        }
        lines += CohortRenderer.columns(["owner", "met", "pending", "breached", "compliance"], rows).map { "  " + $0 }
        lines.append("")
        lines.append("Changes by offender (\(diff.offenders.count))")
        if diff.offenders.isEmpty { lines.append("  none") }
        for offender in diff.offenders {
            lines.append("  " + [SafeText.escaped(offender.id), SafeText.escaped(offender.name ?? "")]
                .filter { !$0.isEmpty }.joined(separator: "  "))
            for change in offender.changes {
                var where_ = "case \(SafeText.escaped(change.caseID))"
                if let trigger = change.trigger { where_ += ", trigger \(SafeText.escaped(trigger))" }
                lines.append("      \(SafeText.escaped(change.rule)) (\(SafeText.escaped(change.owner)), \(where_))")
                lines.append("        \(Self.outcome(change.old)) → \(Self.outcome(change.new))")
            }
        }
        return lines.joined(separator: "\n").replacingTrailingSpaces() + "\n"
    }

    /// `breached, due 2026-11-20, 3 working days late`, `pending, due 2026-11-25`, `met`, or `no result`.
    static func outcome(_ outcome: BreachDiff.Outcome?) -> String {
        guard let outcome else { return BreachDiff.absent }
        var text = outcome.status.rawValue
        if let due = outcome.due { text += ", due \(due)" }
        let unit = outcome.workingDays ? "working day" : "day"
        if outcome.status == .breached, let late = outcome.daysLate {
            text += ", \(late) \(unit)\(late == 1 ? "" : "s") late"
        }
        if outcome.status == .pending, let left = outcome.daysLeft {
            text += ", \(left) \(unit)\(left == 1 ? "" : "s") left"
        }
        return text
    }

    /// Compliance as a percentage to one place (`83.3%`), or `–` when nothing is met or breached.
    static func percent(_ value: Decimal6?) -> String {
        guard let value, let fraction = Double(value.description) else { return "–" }
        return EqualityDiffRenderer.percent(fraction)
    }

    public var value: JSONValue {
        .fields([
            ("checklist", .string(diff.checklist)),
            ("as_of", .string(diff.asOf.description)),
            ("data_digest", .string(diff.dataDigest)),
            ("old_rules_digest", .string(diff.oldRulesDigest)),
            ("new_rules_digest", .string(diff.newRulesDigest)),
            ("compared", .int(diff.compared)),
            ("due_dates_moved", .int(diff.dueDatesMoved)),
            ("transitions", .array(diff.transitions.map { t in
                .fields([("from", .string(t.from)), ("to", .string(t.to)), ("count", .int(t.count))])
            })),
            ("owners", .array(diff.owners.map { owner in
                .fields([("owner", .string(owner.owner)), ("old", Self.summaryValue(owner.old)),
                         ("new", Self.summaryValue(owner.new))])
            })),
            ("changes", .array(diff.changes.map { change in
                .fields([("offender", .string(change.offender)), ("name", .optional(change.name)),
                         ("case", .string(change.caseID)), ("rule", .string(change.rule)), ("owner", .string(change.owner)),
                         ("trigger", .optional(change.trigger)),
                         ("old", Self.outcomeValue(change.old)), ("new", Self.outcomeValue(change.new))])
            })),
        ])
    }

    public func json(pretty: Bool = true) -> String { JSONWriter(pretty: pretty).render(value) }

    static func summaryValue(_ summary: OwnerSummary?) -> JSONValue {
        guard let summary else { return .null }
        return .fields([("met", .int(summary.met)), ("pending", .int(summary.pending)), ("breached", .int(summary.breached)),
                        ("not_applicable", .int(summary.notApplicable)),
                        ("compliance", summary.compliance.map { .decimal($0) } ?? .null)])
    }

    static func outcomeValue(_ outcome: BreachDiff.Outcome?) -> JSONValue {
        guard let outcome else { return .null }
        return .fields([("status", .string(outcome.status.rawValue)), ("due", .optional(outcome.due?.description)),
                        ("days_late", outcome.daysLate.map { .int($0) } ?? .null),
                        ("days_left", outcome.daysLeft.map { .int($0) } ?? .null),
                        ("working_days", .bool(outcome.workingDays))])
    }

    public static let header = ["offender", "name", "case", "rule", "owner", "trigger", "old_status", "old_due",
                                "old_days_late", "new_status", "new_due", "new_days_late"]

    public func csv() -> String {
        CSVWriter.document(header: Self.header, rows: diff.changes.map { c in
            func cells(_ o: BreachDiff.Outcome?) -> [CSVCell] {
                [.text(o?.status.rawValue ?? BreachDiff.absent), .text(o?.due?.description ?? ""),
                 o?.daysLate.map { CSVCell.int($0) } ?? .empty]
            }
            return [.text(c.offender), .text(c.name ?? ""), .text(c.caseID), .text(c.rule), .text(c.owner),
                    .text(c.trigger ?? "")] + cells(c.old) + cells(c.new)
        })
    }
}
