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

    /// The array `encode` wrote. A list with no backslash (no string needed an escape: every
    /// generated or usual id) is split directly, each string its bytes between two quotes; any
    /// other is read by `JSONSerialization`. A run's output names a million ids, read for the audit
    /// entry of every request served from it.
    static func decode(_ text: String) -> [String] {
        var text = text
        if let direct = text.withUTF8({ splitPlain($0) }) { return direct }
        return (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String] ?? []
    }

    /// `["a","b",…]` with no backslash, split at its quotes; nil for anything else.
    private static func splitPlain(_ bytes: UnsafeBufferPointer<UInt8>) -> [String]? {
        let quote: UInt8 = 0x22, comma: UInt8 = 0x2C, backslash: UInt8 = 0x5C
        guard bytes.count >= 2, bytes[0] == 0x5B, bytes[bytes.count - 1] == 0x5D,
              !bytes.contains(backslash) else { return nil }
        var strings: [String] = []
        var index = 1
        let end = bytes.count - 1
        if index == end { return [] }
        while index < end {
            guard bytes[index] == quote else { return nil }
            var close = index + 1
            while close < end, bytes[close] != quote { close += 1 }
            guard close < end else { return nil }
            strings.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[(index + 1)..<close]), as: UTF8.self))
            index = close + 1
            if index == end { return strings }
            guard bytes[index] == comma else { return nil }
            index += 1
        }
        return nil
    }
}
