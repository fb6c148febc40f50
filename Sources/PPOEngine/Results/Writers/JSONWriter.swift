/// Writes a `JSONValue` as text: stable key order, exact numbers, strict escaping.
public struct JSONWriter: Sendable {
    /// Indent nested values by two spaces, one member per line (lists of plain values stay on one line);
    /// `false` gives one compact line.
    public var pretty: Bool

    public init(pretty: Bool = true) { self.pretty = pretty }

    /// The document's text, ending in a newline when pretty.
    public func render(_ value: JSONValue) -> String {
        var out = ""
        write(value, depth: 0, into: &out)
        if pretty { out += "\n" }
        return out
    }

    /// Appends `value` as it appears `depth` levels down in a document (`JSONObjectStream` writes a
    /// document's members one by one through this).
    func write(_ value: JSONValue, depth: Int, into out: inout String) {
        switch value {
        case .null: out += "null"
        case .bool(let flag): out += flag ? "true" : "false"
        case .number(let text): out += text
        case .string(let text): JSONWriter.quote(text, into: &out)
        case .array(let items):
            guard !items.isEmpty else { out += "[]"; return }
            if pretty && items.allSatisfy(\.isScalar) {
                // Lists of ids stay on one line: easier to read, and diffs stay small.
                out += "["
                for (index, item) in items.enumerated() {
                    if index > 0 { out += ", " }
                    write(item, depth: depth + 1, into: &out)
                }
                out += "]"
                return
            }
            out += "["
            for (index, item) in items.enumerated() {
                if index > 0 { out += "," }
                newline(depth + 1, into: &out)
                write(item, depth: depth + 1, into: &out)
            }
            newline(depth, into: &out)
            out += "]"
        case .object(let members):
            guard !members.isEmpty else { out += "{}"; return }
            out += "{"
            for (index, member) in members.enumerated() {
                let (key, item) = (member.key, member.value)
                if index > 0 { out += "," }
                newline(depth + 1, into: &out)
                JSONWriter.quote(key, into: &out)
                out += pretty ? ": " : ":"
                write(item, depth: depth + 1, into: &out)
            }
            newline(depth, into: &out)
            out += "}"
        }
    }

    func newline(_ depth: Int, into out: inout String) {
        guard pretty else { return }
        out += "\n"
        out += String(repeating: "  ", count: depth)
    }

    /// Appends `text` as a JSON string literal.
    ///
    /// Control characters are escaped, and so are U+2028/U+2029 so the output is also valid JavaScript.
    public static func quote(_ text: String, into out: inout String) {
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += "\\u" + hex4(scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }

    private static func hex4(_ value: UInt32) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
