/// Turns a `.ppo` file's bytes into tokens; bad characters become diagnostics, never traps.
public enum Lexer {
    /// Tokenizes a whole file. The token list always ends with `.endOfFile`.
    public static func tokenize(_ source: SourceFile, fileIndex: Int) -> (tokens: [Token], diagnostics: [Diagnostic]) {
        var scanner = Scanner(bytes: source.utf8, offsets: nil, fileIndex: fileIndex)
        scanner.run()
        return (scanner.tokens, scanner.diagnostics)
    }

    /// Tokenizes text that was cut out of a file (a message hole): `offsets[i]` is the file offset of
    /// `bytes[i]`, and `offsets` has one more entry, the offset just past the text.
    static func tokenize(bytes: [UInt8], offsets: [Int], fileIndex: Int) -> (tokens: [Token], diagnostics: [Diagnostic]) {
        var scanner = Scanner(bytes: bytes, offsets: offsets, fileIndex: fileIndex)
        scanner.run()
        return (scanner.tokens, scanner.diagnostics)
    }
}

/// The lexer's working state: one pass over the bytes.
private struct Scanner {
    let bytes: [UInt8]
    /// File offsets of the bytes when they are not the file itself.
    let offsets: [Int]?
    let fileIndex: Int
    var index = 0
    var tokens: [Token] = []
    var diagnostics: [Diagnostic] = []

    init(bytes: [UInt8], offsets: [Int]?, fileIndex: Int) {
        self.bytes = bytes
        // A mapping of the wrong length would misplace every range; fall back to plain offsets.
        self.offsets = offsets.flatMap { $0.count == bytes.count + 1 ? $0 : nil }
        self.fileIndex = fileIndex
    }

    func byte(_ i: Int) -> UInt8? { i >= 0 && i < bytes.count ? bytes[i] : nil }

    func fileOffset(_ i: Int) -> Int {
        let clamped = max(0, min(i, bytes.count))
        guard let offsets else { return clamped }
        return offsets[clamped]
    }

    func range(_ start: Int, _ end: Int) -> SourceRange {
        SourceRange(file: fileIndex, start: fileOffset(start), end: fileOffset(end))
    }

    func text(_ start: Int, _ end: Int) -> String {
        let lower = max(0, min(start, bytes.count)), upper = max(lower, min(end, bytes.count))
        return String(decoding: bytes[lower..<upper], as: UTF8.self)
    }

    mutating func emit(_ kind: Token.Kind, _ start: Int, _ end: Int) {
        tokens.append(Token(kind: kind, range: range(start, end)))
    }

    mutating func report(_ id: DiagnosticID, _ message: String, _ start: Int, _ end: Int,
                         suggestion: String? = nil, notes: [String] = []) {
        diagnostics.append(.error(id, message, at: range(start, end), suggestion: suggestion, notes: notes))
    }

    mutating func run() {
        while let c = byte(index) {
            switch c {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                index += 1
            case UInt8(ascii: "#"):
                while let d = byte(index), d != UInt8(ascii: "\n") { index += 1 }
            case _ where Scanner.isIdentifierStart(c):
                let start = index
                while let d = byte(index), Scanner.isIdentifierPart(d) { index += 1 }
                emit(.identifier(text(start, index)), start, index)
            case _ where Scanner.isDigit(c):
                lexNumberOrDate()
            case UInt8(ascii: "\""):
                lexString()
            default:
                if !lexPunctuation(c) { lexUnexpected() }
            }
        }
        emit(.endOfFile, bytes.count, bytes.count)
    }

    // MARK: numbers and dates

    mutating func lexNumberOrDate() {
        let start = index
        while let d = byte(index), Scanner.isDigit(d) { index += 1 }
        if looksLikeDate(after: index) {
            lexDate(from: start)
            return
        }
        if byte(index) == UInt8(ascii: "."), let d = byte(index + 1), Scanner.isDigit(d) {
            index += 1
            while let d = byte(index), Scanner.isDigit(d) { index += 1 }
        }
        let literal = text(start, index)
        // A literal is at most what a score can report, so that no rule starts out of range.
        if let value = ExactDecimal(parsing: literal[...]), Decimal6(rounding: value) != nil {
            emit(.number(value), start, index)
        } else {
            let reason = ExactDecimal(parsing: literal[...]) == nil ? "has more than 38 digits" : "is too large"
            report(.invalidNumber, "the number \(literal) \(reason)", start, index)
            // A placeholder keeps the parser from reporting a second, confusing error here.
            emit(.number(.zero), start, index)
        }
    }

    /// A digit run followed by `-dd-dd` is read as a date, so `2026-11-22` is never a subtraction.
    func looksLikeDate(after i: Int) -> Bool {
        guard byte(i) == UInt8(ascii: "-"), byte(i + 3) == UInt8(ascii: "-") else { return false }
        return [i + 1, i + 2, i + 4, i + 5].allSatisfy { byte($0).map(Scanner.isDigit) ?? false }
    }

    mutating func lexDate(from start: Int) {
        index += 6
        while let d = byte(index), Scanner.isDigit(d) { index += 1 }
        let literal = text(start, index)
        if let day = Day(iso: literal) {
            emit(.date(day), start, index)
            return
        }
        let wellFormed = literal.utf8.count == 10
        let message = wellFormed
            ? "\(literal) is not a real calendar date"
            : "\(literal) is not a date: write dates as YYYY-MM-DD"
        report(.invalidDate, message, start, index)
        // Placeholder date: the error already stops the load, and the parser should not cascade.
        emit(.date(Day(ordinal: 0)), start, index)
    }

    // MARK: strings

    mutating func lexString() {
        let start = index
        index += 1
        var value: [UInt8] = []
        while true {
            guard let c = byte(index), !isLineEnd(index) else {
                report(.unterminatedString, "unterminated string: add a closing '\"' before the end of the line",
                       start, index)
                break
            }
            if c == UInt8(ascii: "\"") {
                index += 1
                break
            }
            if c == UInt8(ascii: "\\") {
                if let next = byte(index + 1), next == UInt8(ascii: "\"") || next == UInt8(ascii: "\\") {
                    value.append(next)
                    index += 2
                    continue
                }
                if byte(index + 1) != nil, !isLineEnd(index + 1) {
                    let length = 1 + scalarLength(at: index + 1)
                    report(.invalidEscape,
                           "unknown escape '\(text(index, index + length))' in a string: only \\\" and \\\\ are allowed",
                           index, index + length)
                    value.append(contentsOf: bytes[index..<min(index + length, bytes.count)])
                    index += length
                    continue
                }
            }
            value.append(c)
            index += 1
        }
        emit(.string(String(decoding: value, as: UTF8.self)), start, index)
    }

    func isLineEnd(_ i: Int) -> Bool {
        guard let c = byte(i) else { return true }
        return c == UInt8(ascii: "\n") || (c == UInt8(ascii: "\r") && byte(i + 1) == UInt8(ascii: "\n"))
    }

    // MARK: punctuation and stray characters

    mutating func lexPunctuation(_ c: UInt8) -> Bool {
        let next = byte(index + 1)
        let two: String?
        switch (c, next) {
        case (UInt8(ascii: "!"), UInt8(ascii: "=")): two = "!="
        case (UInt8(ascii: "<"), UInt8(ascii: "=")): two = "<="
        case (UInt8(ascii: ">"), UInt8(ascii: "=")): two = ">="
        case (UInt8(ascii: "-"), UInt8(ascii: ">")): two = "->"
        default: two = nil
        }
        if let two {
            emit(.punctuation(two), index, index + 2)
            index += 2
            return true
        }
        guard Scanner.singlePunctuation.contains(c) else { return false }
        emit(.punctuation(String(decoding: [c], as: UTF8.self)), index, index + 1)
        index += 1
        return true
    }

    /// Reports a run of characters the language has no use for as one diagnostic.
    mutating func lexUnexpected() {
        let start = index
        while let c = byte(index), !Scanner.startsToken(c), !Scanner.isSpace(c) {
            if c == UInt8(ascii: "!"), byte(index + 1) == UInt8(ascii: "=") { break }
            index += scalarLength(at: index)
        }
        if index == start { index += scalarLength(at: index) }
        let found = text(start, index)
        let scalars = Array(found.unicodeScalars)
        let shown: String
        if scalars.count == 1, let scalar = scalars.first,
           scalar.properties.isWhitespace || scalar.properties.generalCategory == .control
            || scalar.properties.generalCategory == .format {
            shown = "U+" + String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 4)
        } else {
            shown = "'\(found)'"
        }
        let plural = scalars.count == 1 ? "character" : "characters"
        var suggestion: String? = nil
        var notes: [String] = []
        if found == "\u{201C}" || found == "\u{201D}" {
            suggestion = "\""
            notes.append("strings use straight double quotes")
        } else if found == "!" {
            suggestion = "not"
            notes.append("write 'not' for negation and '!=' for 'not equal'")
        }
        report(.unexpectedCharacter, "unexpected \(plural) \(shown)", start, index,
               suggestion: suggestion, notes: notes)
    }

    /// Bytes in the UTF-8 scalar starting at `i` (1 for a stray continuation byte), clamped to the text.
    func scalarLength(at i: Int) -> Int {
        guard let lead = byte(i) else { return 1 }
        let length: Int
        switch lead {
        case 0xF0...0xFF: length = 4
        case 0xE0...0xEF: length = 3
        case 0xC0...0xDF: length = 2
        default: length = 1
        }
        return max(1, min(length, bytes.count - i))
    }

    static let singlePunctuation: Set<UInt8> = Set("()[],.=<>+-*/{}".utf8)

    static func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }
    static func isIdentifierStart(_ c: UInt8) -> Bool {
        (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z")) || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z"))
            || c == UInt8(ascii: "_")
    }
    static func isIdentifierPart(_ c: UInt8) -> Bool { isIdentifierStart(c) || isDigit(c) }
    static func isSpace(_ c: UInt8) -> Bool {
        c == UInt8(ascii: " ") || c == UInt8(ascii: "\t") || c == UInt8(ascii: "\n") || c == UInt8(ascii: "\r")
    }
    static func startsToken(_ c: UInt8) -> Bool {
        isIdentifierPart(c) || c == UInt8(ascii: "\"") || c == UInt8(ascii: "#") || singlePunctuation.contains(c)
    }
}

private extension String {
    func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
