/// A `.ppo` file as the formatter sees it: physical lines of tokens, each with its comment, and where
/// the blank lines were. The lexer drops comments; they are found again here, in the gaps between
/// tokens, so the formatter can keep every one of them on its line.
struct SourceLines {
    /// One non-blank line of the file.
    struct Line {
        /// Indexes into `tokens` of the tokens on this line, in order (none for a comment-only line).
        var tokens: [Int] = []
        /// The comment on this line, from `#`, without trailing white space.
        var comment: String?
        /// Display column (0-based, tabs to the next multiple of 8) where the comment started.
        var commentColumn = 0
        /// Whether one or more blank lines come right before this line.
        var blankBefore = false

        var isCommentOnly: Bool { tokens.isEmpty }
    }

    let tokens: [Token]
    /// The source text of each token, byte for byte as written.
    let texts: [String]
    let lines: [Line]

    /// Splits `source` into lines. `tokens` are the lexer's tokens of the same file (without the end
    /// of file). `nil` when something other than white space or a comment sits between two tokens,
    /// which a file that lexed cleanly never has.
    init?(source: SourceFile, tokens: [Token]) {
        let bytes = source.utf8
        self.tokens = tokens
        self.texts = tokens.map { source.slice($0.range) }
        var lines: [Line] = []
        var current = Line()
        var lineStart = 0
        var blank = false
        var index = 0
        var next = 0

        func finish(_ line: inout Line) {
            if line.tokens.isEmpty && line.comment == nil {
                if !lines.isEmpty { blank = true }
            } else {
                line.blankBefore = blank
                lines.append(line)
                blank = false
            }
            line = Line()
        }

        while index < bytes.count {
            if next < tokens.count, tokens[next].range.start <= index {
                // Tokens never span a newline: strings end at the end of their line.
                guard tokens[next].range.start == index, tokens[next].range.end > index else { return nil }
                current.tokens.append(next)
                index = tokens[next].range.end
                next += 1
                continue
            }
            switch bytes[index] {
            case UInt8(ascii: "\n"):
                finish(&current)
                index += 1
                lineStart = index
            case UInt8(ascii: "#"):
                var end = index
                while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
                var trimmed = end
                while trimmed > index, [UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r")].contains(bytes[trimmed - 1]) {
                    trimmed -= 1
                }
                current.comment = String(decoding: bytes[index..<trimmed], as: UTF8.self)
                current.commentColumn = SourceLines.column(of: bytes[lineStart..<index])
                index = end
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                index += 1
            default:
                return nil
            }
        }
        guard next == tokens.count else { return nil }
        finish(&current)
        self.lines = lines
    }

    /// Display columns of a line's prefix: a tab goes to the next multiple of 8.
    static func column(of prefix: ArraySlice<UInt8>) -> Int {
        var column = 0
        var plain: [UInt8] = []
        for byte in prefix {
            if byte == UInt8(ascii: "\t") {
                column += TextLayout.width(String(decoding: plain, as: UTF8.self))
                plain.removeAll()
                column = (column / 8 + 1) * 8
            } else {
                plain.append(byte)
            }
        }
        return column + TextLayout.width(String(decoding: plain, as: UTF8.self))
    }
}
