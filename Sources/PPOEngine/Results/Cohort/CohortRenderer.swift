/// Renders a scheme's cohort as of a date (docs/cohort.md): who is on it, in which strand, since
/// when and when their review is due; who the panel declined, deferred or de-selected; and, with a
/// start date, the entries and exits since then with their reasons.
public struct CohortRenderer: Sendable {
    public let cohort: Cohort
    /// The first day of the period whose entries and exits are listed; nil lists none.
    public let from: Day?

    public init(cohort: Cohort, from: Day? = nil) { self.cohort = cohort; self.from = from }

    /// Entries and exits from `from` through the cohort's date.
    public var movements: [Cohort.Movement] {
        guard let from else { return [] }
        return cohort.movements.filter { $0.day >= from && $0.day <= cohort.asOf }
    }

    /// Members in the order a manager reads them: on the scheme first (by strand as declared, then
    /// id bytes), then deferred, declined and de-selected.
    public var ordered: [Cohort.Member] {
        func rank(_ status: Cohort.Status) -> Int {
            switch status {
            case .adopted: 0
            case .deferred: 1
            case .declined: 2
            case .deselected: 3
            }
        }
        func strandRank(_ strand: String?) -> Int {
            strand.flatMap { s in cohort.scheme.strands.firstIndex { ExactText.same($0, s) } } ?? Int.max
        }
        return cohort.members.sorted {
            (rank($0.status), strandRank($0.strand), ExactText($0.offender))
                < (rank($1.status), strandRank($1.strand), ExactText($1.offender))
        }
    }

    // MARK: JSON

    public func json(pretty: Bool = true) -> String {
        JSONWriter(pretty: pretty).render(value)
    }

    public var value: JSONValue {
        var fields: [(String, JSONValue)] = [
            ("scheme", .string(cohort.scheme.name)),
            ("as_of", .string(cohort.asOf.description)),
            ("on_scheme", .number(String(cohort.members.filter(\.isOnScheme).count))),
            ("members", .array(ordered.map(memberValue))),
        ]
        if let from {
            fields.append(("from", .string(from.description)))
            fields.append(("movements", .array(movements.map(movementValue))))
        }
        fields.append(("warnings", .array(cohort.warnings.map { .fields([("line", .number(String($0.line))), ("message", .string($0.message))]) })))
        return .fields(fields)
    }

    private func memberValue(_ member: Cohort.Member) -> JSONValue {
        .fields([
            ("offender", .string(member.offender)),
            ("status", .string(member.status.rawValue)),
            ("strand", .optional(member.strand)),
            ("since", .optional(member.since?.description)),
            ("days_on_scheme", member.daysOnScheme.map { .number(String($0)) } ?? .null),
            ("review_due", .optional(member.reviewDue?.description)),
            ("review_overdue", .bool(member.reviewDue.map { $0 < cohort.asOf } ?? false)),
            ("last_decision", Self.decisionValue(member.last)),
        ])
    }

    private func movementValue(_ movement: Cohort.Movement) -> JSONValue {
        .fields([
            ("offender", .string(movement.offender)),
            ("date", .string(movement.day.description)),
            ("movement", .string(movement.entry ? "entry" : "exit")),
            ("strand", .optional(movement.decision.strand)),
            ("reason", .string(movement.decision.reason)),
            ("decision", .string(movement.decision.id)),
        ])
    }

    /// A decision as recorded: what, why, who, when, and what the panel saw.
    public static func decisionValue(_ d: PanelDecision) -> JSONValue {
        .fields([
            ("id", .string(d.id)),
            ("decision", .string(d.decision.rawValue)),
            ("strand", .optional(d.strand)),
            ("reason", .string(d.reason)),
            ("note", .optional(d.note)),
            ("decided_by", .optional(d.decidedBy)),
            ("role", .optional(d.role)),
            ("panel_date", .string((d.panelDate ?? d.effective).description)),
            ("effective", .string(d.effective.description)),
            ("next_review", .optional(d.nextReview?.description)),
            ("supersedes", .optional(d.supersedes)),
            ("saw", .object(d.saw)),
        ])
    }

    // MARK: CSV

    public static let header = ["offender", "status", "strand", "since", "days_on_scheme", "review_due", "review_overdue",
                                "decision", "reason", "effective", "decision_id"]

    public func csv() -> String {
        CSVWriter.document(header: Self.header, rows: ordered.map { member in
            [
                .text(member.offender), .text(member.status.rawValue), .text(member.strand ?? ""),
                .number(member.since?.description ?? ""), member.daysOnScheme.map(CSVCell.int) ?? .empty,
                .number(member.reviewDue?.description ?? ""),
                .number(member.reviewDue.map { $0 < cohort.asOf } == true ? "true" : "false"),
                .text(member.last.decision.rawValue), .text(member.last.reason),
                .number(member.last.effective.description), .text(member.last.id),
            ]
        })
    }

    // MARK: table

    public func table() -> String {
        let onScheme = cohort.members.filter(\.isOnScheme)
        var lines: [String] = []
        lines.append("\(cohort.scheme.name): \(onScheme.count) on the scheme as of \(cohort.asOf)")
        for strand in cohort.scheme.strands {
            let count = onScheme.filter { $0.strand.map { ExactText.same($0, strand) } ?? false }.count
            lines.append("  \(strand): \(count)")
        }
        lines.append("")
        let rows = ordered.map { member -> [String] in
            let due = member.reviewDue.map { $0 < cohort.asOf ? "\($0) overdue" : $0.description } ?? ""
            return [SafeText.escaped(member.offender), member.status.rawValue, member.strand ?? "",
                    member.since?.description ?? "", member.daysOnScheme.map(String.init) ?? "", due,
                    "\(member.last.decision.rawValue): \(member.last.reason) (\(member.last.effective))"]
        }
        lines += Self.columns(["offender", "status", "strand", "since", "days", "review due", "last decision"], rows)
        if from != nil {
            lines.append("")
            lines.append("Entries and exits \(from.map(String.init(describing:)) ?? "") to \(cohort.asOf):")
            let movementRows = movements.map { m -> [String] in
                [m.day.description, m.entry ? "entry" : "exit", SafeText.escaped(m.offender), m.decision.strand ?? "", m.decision.reason]
            }
            lines += movementRows.isEmpty ? ["  none"] : Self.columns(["date", "movement", "offender", "strand", "reason"], movementRows)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Left-aligned columns two spaces apart.
    static func columns(_ header: [String], _ rows: [[String]]) -> [String] {
        var widths = header.map { TextLayout.width($0) }
        for row in rows { for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], TextLayout.width(cell)) } }
        func line(_ cells: [String]) -> String {
            var out = ""
            for (i, cell) in cells.enumerated() {
                out += i == cells.count - 1 ? cell : TextLayout.padRight(cell, widths[i]) + "  "
            }
            return out
        }
        return [line(header)] + rows.map(line)
    }
}
