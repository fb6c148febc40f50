/// Renders an `EqualityReport`: per dimension, each group's counts at each stage (small cells
/// suppressed) and selection ratios, flagged outside 0.8–1.25.
public struct EqualityRenderer: Sendable {
    public let report: EqualityReport

    public init(report: EqualityReport) { self.report = report }

    static func ratio(_ value: Double?) -> String {
        guard let value else { return "—" }
        let hundredths = Int((value * 100).rounded())
        let fraction = hundredths % 100
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }

    public func table() -> String {
        var lines = ["Equality monitoring — \(report.matrix) — as of \(report.asOf)",
                     "Adopted from \(report.adoptedFrom). Counts of 1 to \(EqualityReport.smallest) are shown as <5, "
                        + "with one more cell hidden where a total could reveal one.",
                     "Ratio: the group's rate (recommended or adopted ÷ all) over everyone else's; "
                        + "* outside 0.80–1.25, a prompt to look, not a finding.",
                     "",
                     "Totals: " + EqualityReport.Stage.allCases.map { "\($0.rawValue) \(report.totals[$0] ?? 0)" }.joined(separator: ", ")]
        for dimension in report.dimensions {
            lines.append("")
            lines.append(dimension.name.prefix(1).uppercased() + dimension.name.dropFirst())
            let rows = dimension.groups.map { group -> [String] in
                [SafeText.escaped(group.name)]
                    + EqualityReport.Stage.allCases.map { group.shown[$0]?.description ?? "0" }
                    + [Self.ratio(group.recommendedRatio), Self.ratio(group.adoptedRatio), group.flagged ? "*" : ""]
            }
            lines += CohortRenderer.columns(["group", "all", "eligible", "recommended", "adopted", "rec. ratio", "adopt. ratio", ""], rows)
                .map { "  " + $0 }
        }
        return lines.joined(separator: "\n").replacingTrailingSpaces() + "\n"
    }

    public var value: JSONValue {
        .fields([
            ("matrix", .string(report.matrix)),
            ("as_of", .string(report.asOf.description)),
            ("adopted_from", .string(report.adoptedFrom)),
            ("totals", .fields(EqualityReport.Stage.allCases.map { ($0.rawValue, .number(String(report.totals[$0] ?? 0))) })),
            ("dimensions", .array(report.dimensions.map { dimension in
                .fields([("name", .string(dimension.name)), ("groups", .array(dimension.groups.map { group in
                    .fields([("group", .string(group.name))]
                        + EqualityReport.Stage.allCases.map { stage -> (String, JSONValue) in
                            switch group.shown[stage] ?? .count(0) {
                            case .count(let n): (stage.rawValue, .number(String(n)))
                            case .suppressed: (stage.rawValue, .string("<5"))
                            }
                        }
                        + [("recommended_ratio", group.recommendedRatio.map { .number(Self.ratio($0)) } ?? .null),
                           ("adopted_ratio", group.adoptedRatio.map { .number(Self.ratio($0)) } ?? .null),
                           ("flagged", .bool(group.flagged))])
                }))])
            })),
        ])
    }

    public func json(pretty: Bool = true) -> String { JSONWriter(pretty: pretty).render(value) }

    public func csv() -> String {
        CSVWriter.document(header: ["dimension", "group", "all", "eligible", "recommended", "adopted", "recommended_ratio",
                                    "adopted_ratio", "flagged"],
                           rows: report.dimensions.flatMap { dimension in
            dimension.groups.map { group -> [CSVCell] in
                [.text(dimension.name), .text(group.name)]
                    + EqualityReport.Stage.allCases.map { CSVCell.text(group.shown[$0]?.description ?? "0") }
                    + [group.recommendedRatio.map { .number(Self.ratio($0)) } ?? .empty,
                       group.adoptedRatio.map { .number(Self.ratio($0)) } ?? .empty,
                       .number(group.flagged ? "true" : "false")]
            }
        })
    }
}

extension String {
    /// Each line without the spaces a last empty column leaves.
    func replacingTrailingSpaces() -> String {
        split(separator: "\n", omittingEmptySubsequences: false).map { line in
            var line = Substring(line)
            while line.last == " " { line = line.dropLast() }
            return String(line)
        }.joined(separator: "\n")
    }
}
