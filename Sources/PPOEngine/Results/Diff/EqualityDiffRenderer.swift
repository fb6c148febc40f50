/// Renders an `EqualityDiff`: per dimension, each group's eligible and recommended counts, selection
/// rate and ratio, old → new, `*` where the ratio crosses 0.80–1.25; as a table (every group, or
/// only those that change), JSON or CSV.
public struct EqualityDiffRenderer: Sendable {
    public let diff: EqualityDiff

    public init(diff: EqualityDiff) { self.diff = diff }

    /// A fraction as a percentage to one place: `0.4` → `40.0%`.
    public static func percent(_ fraction: Double) -> String {
        let tenths = Int((fraction * 1000).rounded())
        return "\(tenths / 10).\(tenths % 10)%"
    }

    static func pair(_ old: String?, _ new: String?) -> String {
        let a = old ?? "–", b = new ?? "–"
        return a == b ? a : "\(a) → \(b)"
    }

    /// The lines of the comparison; `onlyChanged` keeps the groups whose figures change (the summary
    /// `ppo diff` prints under the offenders).
    public func lines(onlyChanged: Bool) -> [String] {
        var lines = ["Selection by group, old → new: recommended ÷ all (rate) and that rate over everyone else's (ratio);",
                     "counts of 1 to 4 are shown as <5 on each side, as in ppo equality; * where a ratio crosses 0.80–1.25.",
                     "\(diff.changedGroups) \(diff.changedGroups == 1 ? "group changes" : "groups change"), "
                        + "\(diff.crossing) \(diff.crossing == 1 ? "crosses" : "cross") the band."]
        for dimension in diff.dimensions {
            let groups = onlyChanged ? dimension.groups.filter(\.changed) : dimension.groups
            guard !groups.isEmpty else { continue }
            lines.append("")
            lines.append(dimension.name.prefix(1).uppercased() + dimension.name.dropFirst())
            let rows = groups.map { group -> [String] in
                [SafeText.escaped(group.name),
                 Self.pair(group.old?.all.description, group.new?.all.description),
                 Self.pair(group.old?.eligible.description, group.new?.eligible.description),
                 Self.pair(group.old?.recommended.description, group.new?.recommended.description),
                 Self.pair(group.old.map { Self.rate($0.rate) }, group.new.map { Self.rate($0.rate) }),
                 Self.pair(group.old.map { EqualityRenderer.ratio($0.ratio) }, group.new.map { EqualityRenderer.ratio($0.ratio) }),
                 group.crossesBand ? "*" : ""]
            }
            lines += CohortRenderer.columns(["group", "all", "eligible", "recommended", "rate", "ratio", ""], rows).map { "  " + $0 }
        }
        return lines.map { line in
            var line = Substring(line)
            while line.last == " " { line = line.dropLast() }
            return String(line)
        }
    }

    static func rate(_ value: Double?) -> String { value.map(percent) ?? "—" }

    public func table() -> String {
        let header = ["Equality monitoring change — \"\(SafeText.escaped(diff.oldMatrix))\" → \"\(SafeText.escaped(diff.newMatrix))\" — as of \(diff.asOf)",
                      "Totals: all \(diff.newTotals[.all] ?? 0), eligible \(Self.pair(String(diff.oldTotals[.eligible] ?? 0), String(diff.newTotals[.eligible] ?? 0))), "
                        + "recommended \(Self.pair(String(diff.oldTotals[.recommended] ?? 0), String(diff.newTotals[.recommended] ?? 0)))",
                      ""]
        return (header + lines(onlyChanged: false)).joined(separator: "\n") + "\n"
    }

    static func sideValue(_ side: EqualityDiff.Side?) -> JSONValue {
        guard let side else { return .null }
        func cell(_ cell: EqualityReport.Cell) -> JSONValue {
            switch cell {
            case .count(let n): .int(n)
            case .suppressed: .string("<5")
            }
        }
        return .fields([("all", cell(side.all)), ("eligible", cell(side.eligible)), ("recommended", cell(side.recommended)),
                        ("rate", side.rate.map { .number(String(format4: $0)) } ?? .null),
                        ("ratio", side.ratio.map { .number(EqualityRenderer.ratio($0)) } ?? .null)])
    }

    public var value: JSONValue {
        func totals(_ t: [EqualityReport.Stage: Int]) -> JSONValue {
            .fields(EqualityReport.Stage.allCases.map { ($0.rawValue, .int(t[$0] ?? 0)) })
        }
        return .fields([
            ("old_matrix", .string(diff.oldMatrix)),
            ("new_matrix", .string(diff.newMatrix)),
            ("as_of", .string(diff.asOf.description)),
            ("old_totals", totals(diff.oldTotals)),
            ("new_totals", totals(diff.newTotals)),
            ("groups_changed", .int(diff.changedGroups)),
            ("crossing_band", .int(diff.crossing)),
            ("dimensions", .array(diff.dimensions.map { dimension in
                .fields([("name", .string(dimension.name)), ("groups", .array(dimension.groups.map { group in
                    .fields([("group", .string(group.name)), ("old", Self.sideValue(group.old)),
                             ("new", Self.sideValue(group.new)), ("crosses_band", .bool(group.crossesBand))])
                }))])
            })),
        ])
    }

    public func json(pretty: Bool = true) -> String { JSONWriter(pretty: pretty).render(value) }

    public static let header = ["dimension", "group", "all", "old_eligible", "new_eligible", "old_recommended",
                                "new_recommended", "old_rate", "new_rate", "old_ratio", "new_ratio", "crosses_band"]

    public func csv() -> String {
        CSVWriter.document(header: Self.header, rows: diff.dimensions.flatMap { dimension in
            dimension.groups.map { group -> [CSVCell] in
                [.text(dimension.name), .text(group.name), .text((group.new ?? group.old)?.all.description ?? "0"),
                 .text(group.old?.eligible.description ?? ""), .text(group.new?.eligible.description ?? ""),
                 .text(group.old?.recommended.description ?? ""), .text(group.new?.recommended.description ?? ""),
                 group.old?.rate.map { .number(String(format4: $0)) } ?? .empty,
                 group.new?.rate.map { .number(String(format4: $0)) } ?? .empty,
                 group.old?.ratio.map { .number(EqualityRenderer.ratio($0)) } ?? .empty,
                 group.new?.ratio.map { .number(EqualityRenderer.ratio($0)) } ?? .empty,
                 .number(group.crossesBand ? "true" : "false")]
            }
        })
    }
}

extension String {
    /// A fraction from 0 to 1 to four places (`0.4` → `0.4000`), without Foundation's formatting.
    init(format4 value: Double) {
        let units = Int((value * 10_000).rounded())
        let fraction = String(units % 10_000)
        self = "\(units / 10_000)." + String(repeating: "0", count: 4 - fraction.count) + fraction
    }
}
