import Foundation

/// A list of strings stored in one column, as a JSON array (ids and area names may hold any character).
enum StringList {
    /// The array as `JSONSerialization` writes it, byte for byte (an audit entry's hash covers this
    /// text). A string of printable ASCII that needs no escape (every generated or usual id) is
    /// written directly; any other is written by `JSONSerialization` itself. An ingest's list holds
    /// a million ids: written whole by `JSONSerialization` it took seconds inside the transaction.
    static func encode(_ strings: [String]) -> String {
        var bytes: [UInt8] = [0x5B]
        bytes.reserveCapacity(strings.count * 16 + 2)
        for (index, string) in strings.enumerated() {
            if index > 0 { bytes.append(0x2C) }
            if string.utf8.allSatisfy(isPlain) {
                bytes.append(0x22)
                bytes.append(contentsOf: string.utf8)
                bytes.append(0x22)
            } else {
                bytes.append(contentsOf: serialized(string))
            }
        }
        bytes.append(0x5D)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Printable ASCII that `JSONSerialization` writes as it is: not `"`, `\` or `/`.
    private static func isPlain(_ byte: UInt8) -> Bool {
        byte >= 0x20 && byte < 0x7F && byte != 0x22 && byte != 0x5C && byte != 0x2F
    }

    /// `string` as one JSON value, written by `JSONSerialization`.
    private static func serialized(_ string: String) -> [UInt8] {
        let data = (try? JSONSerialization.data(withJSONObject: [string], options: [])) ?? Data("[\"\"]".utf8)
        return Array(data.dropFirst().dropLast())
    }

    static func decode(_ text: String) -> [String] {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String] ?? []
    }
}
