/// Renders the day's alerts as CSV for spreadsheets: one row per alert raised for an offender.
///
/// Columns: `severity,alert,block,offender,name,notify,message,evidence` (evidence ids joined by a
/// space), in the report's order: high severity first.
public struct AlertsCSVRenderer: Sendable {
    public static let header = ["severity", "alert", "block", "offender", "name", "notify", "message", "evidence"]

    public init() {}

    /// The whole document: byte order mark, header and CRLF-terminated rows.
    public func render(_ report: AlertReport) -> String {
        CSVWriter.document(header: Self.header, rows: report.results.map(row))
    }

    /// The same text as `render`, handed to `output` in pieces as it is written (rows rendered on every core).
    public func write(_ report: AlertReport, to output: ([UInt8]) throws -> Void) throws {
        try CSVWriter.write(header: Self.header, rows: report.results, { self.row($0) }, to: output)
    }

    private func row(_ result: AlertResult) -> [CSVCell] {
        [
            .text(result.severity.rawValue),
            .text(result.alert),
            .text(result.block),
            .text(result.offender),
            .text(result.name ?? ""),
            .text(result.notify ?? ""),
            .text(result.message),
            .text(result.evidence.joined(separator: " ")),
        ]
    }
}
