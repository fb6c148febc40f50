import Foundation
import GRDB

/// Identifiers (offender ids, areas, the names and areas of run outputs) as the store keeps them:
/// BLOBs of their exact UTF-8 bytes.
///
/// GRDB binds a Swift `String` with `sqlite3_bind_text(…, -1, …)`, as a C string, and reads TEXT
/// back with `String(cString:)`: text is cut at its first NUL both ways, so `Q-1\u0000` would be
/// stored and found as `Q-1`. A BLOB is bound and read with its length, and SQLite compares BLOBs
/// (in `=`, `ORDER BY`, `DISTINCT`, indexes and the primary key) with `memcmp`: byte for byte, with
/// no collation and no normalisation, as every identifier from data compares (`ExactText`).
///
/// An empty `Data` is bound with a null pointer, which SQLite stores as NULL; so every placeholder
/// for an identifier is written `parameter` (or `optionalParameter`), which makes it an empty BLOB
/// again, and the empty string stays a value distinct from "none".
enum StoredText {
    /// The SQL placeholder of an identifier bound with `argument`.
    static let parameter = "coalesce(?, X'')"

    /// The SQL placeholders of an optional identifier bound with `arguments`: NULL when there is none.
    static let optionalParameter = "(CASE WHEN ? THEN coalesce(?, X'') END)"

    /// The value to bind for `text` at a `parameter`.
    static func argument(_ text: String) -> Data { Data(text.utf8) }

    /// The two values to bind for `text` at an `optionalParameter`.
    static func arguments(_ text: String?) -> [(any DatabaseValueConvertible)?] {
        [text != nil, text.map(argument)]
    }

    /// The text of a column written through `parameter`.
    static func read(_ row: Row, _ column: String) -> String {
        let bytes: Data? = row[column]
        return bytes.map { String(decoding: $0, as: UTF8.self) } ?? ""
    }

    /// The text of a column written through `optionalParameter`; nil when it holds none.
    static func readOptional(_ row: Row, _ column: String) -> String? {
        let bytes: Data? = row[column]
        return bytes.map { String(decoding: $0, as: UTF8.self) }
    }
}
