/// Renders a panel pack (docs/cohort.md, "The panel pack") as a table for the meeting, JSON or CSV.
public struct PanelPackRenderer: Sendable {
    public let pack: PanelPack

    public init(pack: PanelPack) { self.pack = pack }

    public func table() -> String {
        var lines = ["Panel pack — \(pack.cohort.scheme.name) — \(pack.cohort.asOf)",
                     "matrix \(pack.matrix)\(pack.version.map { " — version \($0)" } ?? "")  rules \(pack.rulesDigest.prefix(12))  data \(pack.dataDigest.prefix(12))",
                     "\(pack.cohort.members.filter(\.isOnScheme).count) on the scheme"]
        for section in pack.sections {
            lines.append("")
            lines.append("\(section.title) (\(section.items.count))")
            guard !section.items.isEmpty else { lines.append("  none"); continue }
            let rows = section.items.map { item -> [String] in
                [item.rank.map(String.init) ?? "-", SafeText.escaped(item.offender), SafeText.escaped(item.name ?? ""),
                 item.score?.description ?? "", item.tier ?? "", item.member?.strand ?? "", item.why]
            }
            lines += CohortRenderer.columns(["rank", "offender", "name", "score", "tier", "strand", "why"], rows).map { "  " + $0 }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    public var value: JSONValue {
        var fields: [(String, JSONValue)] = [
            ("scheme", .string(pack.cohort.scheme.name)),
            ("panel_date", .string(pack.cohort.asOf.description)),
            ("matrix", .string(pack.matrix)),
            ("version", .optional(pack.version)),
            ("rules_digest", .string(pack.rulesDigest)),
            ("data_digest", .string(pack.dataDigest)),
        ]
        for section in pack.sections {
            fields.append((section.key, .array(section.items.map(Self.itemValue))))
        }
        return .fields(fields)
    }

    public func json(pretty: Bool = true) -> String { JSONWriter(pretty: pretty).render(value) }

    static func itemValue(_ item: PanelPack.Item) -> JSONValue {
        .fields([
            ("offender", .string(item.offender)),
            ("name", .optional(item.name)),
            ("rank", item.rank.map { .number(String($0)) } ?? .null),
            ("score", item.score.map { .number($0.description) } ?? .null),
            ("tier", .optional(item.tier)),
            ("status", .optional(item.member?.status.rawValue)),
            ("strand", .optional(item.member?.strand)),
            ("review_due", .optional(item.member?.reviewDue?.description)),
            ("last_decision", item.member.map { CohortRenderer.decisionValue($0.last) } ?? .null),
            ("why", .string(item.why)),
        ])
    }

    public static let header = ["section", "rank", "offender", "name", "score", "tier", "status", "strand", "why"]

    public func csv() -> String {
        CSVWriter.document(header: Self.header, rows: pack.sections.flatMap { section in
            section.items.map { item -> [CSVCell] in
                [.text(section.key), item.rank.map(CSVCell.int) ?? .empty, .text(item.offender), .text(item.name ?? ""),
                 item.score.map(CSVCell.decimal) ?? .empty, .text(item.tier ?? ""), .text(item.member?.status.rawValue ?? ""),
                 .text(item.member?.strand ?? ""), .text(item.why)]
            }
        })
    }
}
