/// Renders a `RankingDiff`: a one-screen summary first, then each section with the lines whose
/// points changed (old → new), and the change in the equality figures when given, as a table; or
/// every change as JSON or CSV (the offenders only: `EqualityDiffRenderer` gives the groups' CSV).
public struct RankingDiffRenderer: Sendable {
    public let diff: RankingDiff
    /// The equality figures under both versions, shown after the offenders (changed groups only).
    public let equality: EqualityDiff?

    public init(diff: RankingDiff, equality: EqualityDiff? = nil) {
        self.diff = diff
        self.equality = equality
    }

    static func name(_ matrix: String, _ version: String?) -> String {
        "\"\(matrix)\"" + (version.map { " version \($0)" } ?? "")
    }

    public func table() -> String {
        var lines = ["Old: \(Self.name(diff.oldMatrix, diff.oldVersion))",
                     "New: \(Self.name(diff.newMatrix, diff.newVersion))",
                     "As of \(diff.asOf), data \(diff.dataDigest.prefix(12)), \(diff.compared) offenders ranked",
                     "",
                     "\(diff.entering.count) enter and \(diff.leaving.count) leave the recommended list; "
                        + "\(diff.tierChanges.count) change tier; \(diff.tiesAppearing.count) new and "
                        + "\(diff.tiesVanishing.count) vanished ties at capacity; \(diff.scoresChanged) scores change."]
        for section in diff.sections {
            lines.append("")
            lines.append("\(section.title) (\(section.changes.count))")
            if section.changes.isEmpty { lines.append("  none"); continue }
            for change in section.changes {
                lines.append("  " + [SafeText.escaped(change.id), SafeText.escaped(change.name ?? ""),
                                     Self.standing(change.old) + " → " + Self.standing(change.new)]
                    .filter { !$0.isEmpty }.joined(separator: "  "))
                for line in change.lines {
                    lines.append("      \(SafeText.escaped(line.label)): \(line.old ?? "–") → \(line.new ?? "–")")
                }
            }
        }
        if let equality {
            lines.append("")
            lines += EqualityDiffRenderer(diff: equality).lines(onlyChanged: true)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func standing(_ s: RankingDiff.Standing?) -> String {
        guard let s else { return "not ranked" }
        var text = "#\(s.rank) \(s.score)" + (s.tier.map { " \($0)" } ?? "")
        if s.recommended { text += " rec" }
        if s.tieAtCapacity { text += " tie" }
        return text
    }

    public var value: JSONValue {
        var fields: [(String, JSONValue)] = [
            ("old", .fields([("matrix", .string(diff.oldMatrix)), ("version", .optional(diff.oldVersion))])),
            ("new", .fields([("matrix", .string(diff.newMatrix)), ("version", .optional(diff.newVersion))])),
            ("as_of", .string(diff.asOf.description)),
            ("data_digest", .string(diff.dataDigest)),
            ("compared", .number(String(diff.compared))),
            ("scores_changed", .number(String(diff.scoresChanged))),
        ]
        for section in diff.sections { fields.append((section.key, .array(section.changes.map(Self.changeValue)))) }
        if let equality { fields.append(("equality", EqualityDiffRenderer(diff: equality).value)) }
        return .fields(fields)
    }

    public func json(pretty: Bool = true) -> String { JSONWriter(pretty: pretty).render(value) }

    static func standingValue(_ s: RankingDiff.Standing?) -> JSONValue {
        guard let s else { return .null }
        return .fields([("rank", .number(String(s.rank))), ("score", .number(s.score.description)), ("tier", .optional(s.tier)),
                        ("recommended", .bool(s.recommended)), ("tie_at_capacity", .bool(s.tieAtCapacity))])
    }

    static func changeValue(_ c: RankingDiff.Change) -> JSONValue {
        .fields([
            ("id", .string(c.id)), ("name", .optional(c.name)),
            ("old", standingValue(c.old)), ("new", standingValue(c.new)),
            ("lines", .array(c.lines.map { line in
                .fields([("label", .string(line.label)),
                         ("old", .optional(line.old)),
                         ("new", .optional(line.new))])
            })),
        ])
    }

    public static let header = ["section", "id", "name", "old_rank", "old_score", "old_tier", "old_recommended",
                                "new_rank", "new_score", "new_tier", "new_recommended", "changed_lines"]

    public func csv() -> String {
        CSVWriter.document(header: Self.header, rows: diff.sections.flatMap { section in
            section.changes.map { c -> [CSVCell] in
                [.text(section.key), .text(c.id), .text(c.name ?? ""),
                 c.old.map { CSVCell.int($0.rank) } ?? .empty, c.old.map { CSVCell.decimal($0.score) } ?? .empty,
                 .text(c.old?.tier ?? ""), .number(c.old.map { $0.recommended ? "true" : "false" } ?? ""),
                 c.new.map { CSVCell.int($0.rank) } ?? .empty, c.new.map { CSVCell.decimal($0.score) } ?? .empty,
                 .text(c.new?.tier ?? ""), .number(c.new.map { $0.recommended ? "true" : "false" } ?? ""),
                 .text(c.lines.map { "\($0.label): \($0.old ?? "-") -> \($0.new ?? "-")" }
                        .joined(separator: "; "))]
            }
        })
    }
}
