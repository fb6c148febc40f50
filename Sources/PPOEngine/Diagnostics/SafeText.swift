/// A value from data, made safe to quote in a line of text meant for people: a reject reason, a data
/// warning, a cell of a `--format table` report, a daemon's log line.
///
/// A value can hold anything JSON can carry, and a line feed in an id would split
/// `FILE:LINE: reason` into two lines, the second of which could pass for another message; a
/// terminal escape or a bidirectional override could repaint or reorder what is shown. So, one rule
/// (docs/decisions.md):
///
/// - `\` becomes `\\`, so that an escape in the output always means an escape;
/// - line feed, carriage return and tab become `\n`, `\r` and `\t`;
/// - every other control character (C0 U+0000–U+001F, DEL U+007F, C1 U+0080–U+009F), the line and
///   paragraph separators U+2028 and U+2029, and the bidirectional controls U+202A–U+202E and
///   U+2066–U+2069 become `\u{HEX}`, the scalar in upper-case hex without leading zeros (`\u{1B}`);
/// - everything else, quotes included, is kept as it is.
///
/// CSV and JSON outputs quote values by their own rules and keep them exact; this is only for text.
public enum SafeText {
    /// `value` with the characters above escaped; `value` itself when it has none of them.
    public static func escaped(_ value: String) -> String {
        guard mayNeedEscaping(value) else { return value }
        var out = ""
        out.reserveCapacity(value.utf8.count + 8)
        for scalar in value.unicodeScalars {
            switch scalar.value {
            case 0x5C: out += "\\\\"
            case 0x0A: out += "\\n"
            case 0x0D: out += "\\r"
            case 0x09: out += "\\t"
            case 0x00...0x1F, 0x7F...0x9F, 0x2028...0x202E, 0x2066...0x2069:
                out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            default:
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Whether any byte could start something `escaped` changes: a C0 control, DEL, `\`, or the
    /// first byte of the UTF-8 forms of U+0080–U+009F (0xC2) and U+2028–U+2069 (0xE2). Most values
    /// have none, and are returned without being copied.
    private static func mayNeedEscaping(_ value: String) -> Bool {
        value.utf8.contains { $0 < 0x20 || $0 == 0x7F || $0 == 0x5C || $0 == 0xC2 || $0 == 0xE2 }
    }
}
