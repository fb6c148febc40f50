/// What an offender's `id` may hold (docs/records.md, "The id").
///
/// Ids compare by their exact bytes, so two ids that print alike are two offenders. That is right
/// for ids a person can tell apart (`é` precomposed and decomposed are different references in the
/// source system), and wrong for ids whose difference no one can see: a blank id, a space at either
/// end, a space other than the ordinary one (a no-break space looks like a space), a control
/// character (a NUL cuts the id in many tools) or an invisible formatting character (a
/// right-to-left override shows `1-Q` for `Q-1`). A record with such an id is rejected with the
/// reason, rather than normalised: changing an id would join it to, or split it from, another
/// offender's history without anyone deciding so.
public enum OffenderIDRule {
    /// The invisible formatting characters an id may not hold: the bidirectional controls and the
    /// zero-width characters. They change how an id is shown, or show as nothing.
    public static let invisible: Set<Unicode.Scalar> = [
        "\u{061C}", "\u{200B}", "\u{200C}", "\u{200D}", "\u{200E}", "\u{200F}",
        "\u{202A}", "\u{202B}", "\u{202C}", "\u{202D}", "\u{202E}",
        "\u{2060}", "\u{2066}", "\u{2067}", "\u{2068}", "\u{2069}", "\u{FEFF}",
    ]

    /// Why `id` cannot be an offender's id, or nil when it can. The empty id is reported by the
    /// decoder ("must be a non-empty string").
    public static func problem(_ id: String, field: String = "id") -> String? {
        let field = "\"\(field)\""
        let scalars = id.unicodeScalars
        guard let first = scalars.first, let last = scalars.last else { return nil }
        if scalars.allSatisfy(\.properties.isWhitespace) { return "\(field) must not be blank" }
        for scalar in scalars {
            if scalar.properties.generalCategory == .control {
                return "\(field) must not hold a control character (\(Self.codePoint(scalar)))"
            }
            if invisible.contains(scalar) {
                return "\(field) must not hold an invisible formatting character (\(Self.codePoint(scalar)))"
            }
        }
        if first.properties.isWhitespace || last.properties.isWhitespace {
            return "\(field) must not begin or end with a space"
        }
        if let space = scalars.first(where: { $0 != " " && $0.properties.isWhitespace }) {
            return "\(field) may hold only the ordinary space (U+0020), not \(Self.codePoint(space))"
        }
        return nil
    }

    /// Whether `id` is printable ASCII with no space at either end, so needs no `problem` check:
    /// the fast decoder asks `problem` of anything else.
    @inline(__always)
    static func isPlain(_ id: String.UTF8View) -> Bool {
        guard let first = id.first, let last = id.last, first != 0x20, last != 0x20 else { return false }
        for byte in id where byte < 0x20 || byte >= 0x7F { return false }
        return true
    }

    private static func codePoint(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}
