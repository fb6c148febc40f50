/// Renders a checklist's results as CSV for spreadsheets: one row per duty on a case.
///
/// Columns: `offender,name,case,rule,owner,status,trigger,due,days_late,working_days,evidence`
/// (evidence ids joined by a space). The per-owner summary is left to the spreadsheet, or to JSON.
public struct BreachesCSVRenderer: Sendable {
    public static let header = ["offender", "name", "case", "rule", "owner", "status", "trigger", "due", "days_late",
                                "working_days", "evidence"]

    public init() {}

    /// The whole document: byte order mark, header and CRLF-terminated rows.
    public func render(_ report: BreachReport) -> String {
        CSVWriter.document(header: Self.header, rows: report.results.map(row))
    }

    /// The same text as `render`, handed to `output` in pieces as it is written (rows rendered on every core).
    public func write(_ report: BreachReport, to output: ([UInt8]) throws -> Void) throws {
        try CSVWriter.write(header: Self.header, rows: report.results, { self.row($0) }, to: output)
    }

    private func row(_ result: DutyResult) -> [CSVCell] {
        [
            .text(result.offender),
            .text(result.offenderName ?? ""),
            .text(result.caseID),
            .text(result.rule),
            .text(result.owner),
            .text(result.status.rawValue),
            .text(result.trigger ?? ""),
            .number(result.due?.description ?? ""),
            result.daysLate.map(CSVCell.int) ?? .empty,
            .number(result.workingDays ? "true" : "false"),
            .text(result.evidence.joined(separator: " ")),
        ]
    }
}
