import Foundation

/// One cell of a CSV row.
public enum CSVCell: Sendable, Hashable {
    /// Text that may come from a user's data: guarded against spreadsheet formula injection.
    case text(String)
    /// A number the engine computed: written as is, so a negative score stays a number.
    case number(String)

    /// An exact decimal.
    public static func decimal(_ value: Decimal6) -> CSVCell { .number(value.description) }
    public static func decimal(_ value: ExactDecimal) -> CSVCell { .number(value.description) }
    /// A whole number.
    public static func int(_ value: Int) -> CSVCell { .number(String(value)) }
    /// An empty cell.
    public static let empty = CSVCell.number("")
}

/// Writes RFC 4180 CSV that spreadsheets open cleanly and safely.
///
/// Documents start with a UTF-8 byte order mark (so Excel reads accented names correctly) and end every
/// record with CRLF. A text cell starting with `=`, `+`, `-`, `@`, tab or carriage return gets a leading
/// `'`, so a spreadsheet shows it as text instead of running it as a formula.
public enum CSVWriter {
    public static let byteOrderMark = "\u{FEFF}"
    public static let lineEnding = "\r\n"

    /// A whole document: the byte order mark, the header record, then the rows.
    public static func document(header: [String], rows: [[CSVCell]]) -> String {
        var out = byteOrderMark
        out += record(header.map(CSVCell.text))
        for row in rows { out += record(row) }
        return out
    }

    /// The same text as `document`, each row made by `row` as it is written, in pieces of
    /// `perPiece` rows on `threads` threads, handed to `output` in order.
    static func write<Item: Sendable>(header: [String], rows: [Item], _ row: @escaping @Sendable (Item) -> [CSVCell],
                                      perPiece: Int = 4096,
                                      threads: Int = ProcessInfo.processInfo.activeProcessorCount,
                                      to output: ([UInt8]) throws -> Void) throws {
        try output(Array((byteOrderMark + record(header.map(CSVCell.text))).utf8))
        let perPiece = max(1, perPiece)
        let pieces = (rows.count + perPiece - 1) / perPiece
        try OrderedWork.run(count: pieces, threads: threads, window: max(1, threads) * 2, produce: { piece in
            var text = ""
            for index in (piece * perPiece)..<min(rows.count, (piece + 1) * perPiece) { text += record(row(rows[index])) }
            return Array(text.utf8)
        }, consume: output)
    }

    /// One record, ending in CRLF.
    public static func record(_ cells: [CSVCell]) -> String {
        cells.map(field).joined(separator: ",") + lineEnding
    }

    /// One field's text: guarded if it is text, quoted if it must be.
    public static func field(_ cell: CSVCell) -> String {
        switch cell {
        case .text(let text): return quoted(guardingFormula(text))
        case .number(let text): return quoted(text)
        }
    }

    /// `text` with a leading `'` when a spreadsheet would read it as a formula.
    public static func guardingFormula(_ text: String) -> String {
        guard let first = text.unicodeScalars.first else { return text }
        switch first {
        case "=", "+", "-", "@", "\t", "\r": return "'" + text
        default: return text
        }
    }

    /// `text` in double quotes (inner quotes doubled) when it holds a comma, quote or line break.
    public static func quoted(_ text: String) -> String {
        let needsQuotes = text.unicodeScalars.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }
        guard needsQuotes else { return text }
        var out = "\""
        for scalar in text.unicodeScalars {
            if scalar == "\"" { out += "\"" }
            out.unicodeScalars.append(scalar)
        }
        return out + "\""
    }
}
