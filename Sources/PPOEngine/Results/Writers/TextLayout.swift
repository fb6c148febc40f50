/// Column arithmetic for fixed-width text reports: display width, padding, truncation, wrapping.
///
/// Widths count terminal columns: most characters take one, East Asian wide characters and emoji two,
/// combining marks none (they ride on the character before them, which `Character` already groups).
enum TextLayout {
    /// Columns `text` takes on a terminal.
    static func width(_ text: some StringProtocol) -> Int {
        text.reduce(0) { $0 + width(of: $1) }
    }

    static func width(of character: Character) -> Int {
        guard let scalar = character.unicodeScalars.first else { return 0 }
        if scalar.value < 0x20 || scalar.value == 0x7F { return 0 }
        return isWide(scalar.value) ? 2 : 1
    }

    private static func isWide(_ v: UInt32) -> Bool {
        switch v {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
             0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD:
            return true
        default:
            return false
        }
    }

    /// `text` cut to at most `limit` columns, ending in "…" when anything was cut.
    static func truncate(_ text: String, to limit: Int) -> String {
        guard limit > 0 else { return "" }
        guard width(text) > limit else { return text }
        var out = ""
        var used = 0
        for character in text {
            let w = width(of: character)
            if used + w > limit - 1 { break }
            out.append(character)
            used += w
        }
        return out + "…"
    }

    /// `text` padded with spaces on the right to `columns`.
    static func padRight(_ text: String, _ columns: Int) -> String {
        text + String(repeating: " ", count: max(0, columns - width(text)))
    }

    /// `text` padded with spaces on the left to `columns` (right-aligned).
    static func padLeft(_ text: String, _ columns: Int) -> String {
        String(repeating: " ", count: max(0, columns - width(text))) + text
    }

    /// `left` and `right` on one line of exactly `columns`, `right` flush with the end.
    ///
    /// `left` is truncated when both do not fit with at least two spaces between them.
    static func spread(_ left: String, _ right: String, _ columns: Int) -> String {
        let room = columns - width(right) - 2
        let shown = truncate(left, to: max(0, room))
        return shown + String(repeating: " ", count: max(2, columns - width(shown) - width(right))) + right
    }

    /// Words laid out in lines of at most `columns`, separated by single spaces; the first line starts
    /// with `firstPrefix` and the rest with `restPrefix`. A word too long for a whole line is truncated.
    static func wrap(_ words: [String], columns: Int, firstPrefix: String, restPrefix: String) -> [String] {
        var lines: [String] = []
        var current = firstPrefix
        var empty = true
        for word in words {
            let joined = empty ? current + word : current + " " + word
            if width(joined) <= columns {
                current = joined
                empty = false
                continue
            }
            if !empty {
                lines.append(current)
                current = restPrefix
            }
            current += truncate(word, to: max(1, columns - width(current)))
            empty = false
        }
        lines.append(current)
        return lines
    }
}
