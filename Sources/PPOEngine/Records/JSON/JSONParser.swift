/// A JSON syntax error: where it is (1-based byte column in the parsed text) and what was expected.
public struct JSONSyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
    public let column: Int
    public let reason: String

    public init(column: Int, reason: String) { self.column = column; self.reason = reason }

    /// `expected ',' or '}' after object member at column 57`
    public var description: String { "\(reason) at column \(column)" }
}

/// Parses one RFC 8259 JSON text from UTF-8 bytes.
///
/// Hand-written so that a bad record yields a precise, analyst-readable error instead of a trap or
/// Foundation's generic message, and so numbers keep their literal text.
public enum JSONParser {
    /// Objects and lists may nest this deep; deeper input is an error, so hostile input cannot
    /// exhaust the stack.
    public static let maximumDepth = 64

    /// Parses `bytes` as exactly one JSON value, optionally surrounded by whitespace.
    public static func parse(_ bytes: ArraySlice<UInt8>) -> Result<JSONValue, JSONSyntaxError> {
        var cursor = Cursor(bytes: bytes)
        do {
            return .success(try cursor.document())
        } catch {
            return .failure(error)
        }
    }

    /// Parses `bytes` as exactly one JSON value.
    public static func parse(_ bytes: [UInt8]) -> Result<JSONValue, JSONSyntaxError> { parse(bytes[...]) }

    /// Parses the UTF-8 of `text` as exactly one JSON value.
    public static func parse(_ text: String) -> Result<JSONValue, JSONSyntaxError> { parse(Array(text.utf8)[...]) }
}

private enum Byte {
    static let quote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\"), slash = UInt8(ascii: "/")
    static let openBrace = UInt8(ascii: "{"), closeBrace = UInt8(ascii: "}")
    static let openBracket = UInt8(ascii: "["), closeBracket = UInt8(ascii: "]")
    static let comma = UInt8(ascii: ","), colon = UInt8(ascii: ":")
    static let minus = UInt8(ascii: "-"), plus = UInt8(ascii: "+"), dot = UInt8(ascii: ".")
    static let zero = UInt8(ascii: "0"), nine = UInt8(ascii: "9")
    static let lowerE = UInt8(ascii: "e"), upperE = UInt8(ascii: "E")

    static func isDigit(_ b: UInt8) -> Bool { b >= zero && b <= nine }
    static func isWhitespace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
}

private struct Cursor {
    let bytes: ArraySlice<UInt8>
    var index: Int
    var depth = 0

    init(bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        self.index = bytes.startIndex
    }

    var current: UInt8? { index < bytes.endIndex ? bytes[index] : nil }

    func byte(at i: Int) -> UInt8? { i >= bytes.startIndex && i < bytes.endIndex ? bytes[i] : nil }

    func failure(_ reason: String, at position: Int? = nil) -> JSONSyntaxError {
        JSONSyntaxError(column: (position ?? index) - bytes.startIndex + 1, reason: reason)
    }

    /// The byte at the cursor, worded for "found …" in a message.
    var found: String {
        guard let b = current else { return "end of line" }
        if b >= 0x20 && b < 0x7F { return "'\(Character(Unicode.Scalar(b)))'" }
        if b < 0x20 || b == 0x7F { return "a control character" }
        return "a non-ASCII character"
    }

    mutating func skipWhitespace() {
        while let b = current, Byte.isWhitespace(b) { index += 1 }
    }

    mutating func document() throws(JSONSyntaxError) -> JSONValue {
        skipWhitespace()
        let value = try value()
        skipWhitespace()
        if current != nil { throw failure("unexpected \(found) after the JSON value") }
        return value
    }

    mutating func value() throws(JSONSyntaxError) -> JSONValue {
        guard let b = current else { throw failure("expected a value, found end of line") }
        switch b {
        case Byte.openBrace: return try object()
        case Byte.openBracket: return try array()
        case Byte.quote: return .string(try string())
        case Byte.minus, Byte.zero...Byte.nine: return .number(try number())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        default: throw failure("expected a value, found \(found)")
        }
    }

    mutating func enterContainer() throws(JSONSyntaxError) {
        depth += 1
        if depth > JSONParser.maximumDepth {
            throw failure("objects and lists nest deeper than \(JSONParser.maximumDepth) levels")
        }
        index += 1
    }

    mutating func object() throws(JSONSyntaxError) -> JSONValue {
        try enterContainer()
        var members: [JSONMember] = []
        skipWhitespace()
        if current == Byte.closeBrace {
            index += 1
            depth -= 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            guard current == Byte.quote else {
                if current == Byte.closeBrace, !members.isEmpty { throw failure("trailing ',' before '}'") }
                throw failure("expected '\"' to start an object key, found \(found)")
            }
            let key = try string()
            skipWhitespace()
            guard current == Byte.colon else { throw failure("expected ':' after object key") }
            index += 1
            skipWhitespace()
            members.append(JSONMember(key: key, value: try value()))
            skipWhitespace()
            switch current {
            case Byte.comma: index += 1
            case Byte.closeBrace:
                index += 1
                depth -= 1
                return .object(members)
            default: throw failure("expected ',' or '}' after object member")
            }
        }
    }

    mutating func array() throws(JSONSyntaxError) -> JSONValue {
        try enterContainer()
        var elements: [JSONValue] = []
        skipWhitespace()
        if current == Byte.closeBracket {
            index += 1
            depth -= 1
            return .array(elements)
        }
        while true {
            skipWhitespace()
            if current == Byte.closeBracket, !elements.isEmpty { throw failure("trailing ',' before ']'") }
            elements.append(try value())
            skipWhitespace()
            switch current {
            case Byte.comma: index += 1
            case Byte.closeBracket:
                index += 1
                depth -= 1
                return .array(elements)
            default: throw failure("expected ',' or ']' after list element")
            }
        }
    }

    mutating func literal(_ word: StaticString) throws(JSONSyntaxError) {
        let start = index
        var i = start
        let matches = word.withUTF8Buffer { expected -> Bool in
            for b in expected {
                guard byte(at: i) == b else { return false }
                i += 1
            }
            return true
        }
        guard matches else { throw failure("invalid literal: expected true, false or null", at: start) }
        index = i
    }

    /// Validates the grammar and returns the literal text unchanged.
    mutating func number() throws(JSONSyntaxError) -> String {
        let start = index
        if current == Byte.minus { index += 1 }
        guard let first = current, Byte.isDigit(first) else {
            throw failure("invalid number: expected a digit after '-'")
        }
        index += 1
        if first == Byte.zero, let next = current, Byte.isDigit(next) {
            throw failure("invalid number: leading zeros are not allowed", at: start)
        }
        skipDigits()
        if current == Byte.dot {
            index += 1
            guard let b = current, Byte.isDigit(b) else { throw failure("invalid number: expected a digit after '.'") }
            skipDigits()
        }
        if current == Byte.lowerE || current == Byte.upperE {
            index += 1
            if current == Byte.plus || current == Byte.minus { index += 1 }
            guard let b = current, Byte.isDigit(b) else {
                throw failure("invalid number: expected a digit in the exponent")
            }
            skipDigits()
        }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    mutating func skipDigits() {
        while let b = current, Byte.isDigit(b) { index += 1 }
    }

    mutating func string() throws(JSONSyntaxError) -> String {
        let open = index
        index += 1
        var decoded: [UInt8]? = nil   // only allocated once an escape is seen
        var runStart = index
        while true {
            guard let b = current else { throw failure("unterminated string", at: open) }
            switch b {
            case Byte.quote:
                let text: String
                if var buffer = decoded {
                    buffer.append(contentsOf: bytes[runStart..<index])
                    text = String(decoding: buffer, as: UTF8.self)
                } else {
                    text = String(decoding: bytes[runStart..<index], as: UTF8.self)
                }
                index += 1
                return text
            case Byte.backslash:
                var buffer = decoded ?? []
                buffer.append(contentsOf: bytes[runStart..<index])
                try escape(into: &buffer, stringAt: open)
                decoded = buffer
                runStart = index
            case 0x00..<0x20:
                throw failure("control character in string must be written as an escape")
            case 0x20..<0x80:
                index += 1
            default:
                try skipUTF8Sequence()
            }
        }
    }

    /// Steps over one multi-byte UTF-8 sequence, rejecting overlong forms, surrogates and values
    /// beyond U+10FFFF, so every string handed on is valid Unicode.
    mutating func skipUTF8Sequence() throws(JSONSyntaxError) {
        guard let lead = current else { return }
        guard let shape = UTF8Sequence.shape(lead: lead) else { throw failure("invalid UTF-8 in string") }
        for n in 1...shape.count {
            guard let b = byte(at: index + n), UTF8Sequence.accepts(b, at: n, of: shape) else {
                throw failure("invalid UTF-8 in string")
            }
        }
        let count = shape.count
        index += count + 1
    }

    mutating func escape(into buffer: inout [UInt8], stringAt open: Int) throws(JSONSyntaxError) {
        let start = index
        index += 1
        guard let kind = current else { throw failure("unterminated string", at: open) }
        index += 1
        switch kind {
        case Byte.quote, Byte.backslash, Byte.slash: buffer.append(kind)
        case UInt8(ascii: "b"): buffer.append(0x08)
        case UInt8(ascii: "f"): buffer.append(0x0C)
        case UInt8(ascii: "n"): buffer.append(0x0A)
        case UInt8(ascii: "r"): buffer.append(0x0D)
        case UInt8(ascii: "t"): buffer.append(0x09)
        case UInt8(ascii: "u"):
            let unit = try hexUnit(escapeAt: start)
            var scalarValue = UInt32(unit)
            if (0xD800...0xDBFF).contains(unit) {
                guard current == Byte.backslash, byte(at: index + 1) == UInt8(ascii: "u") else {
                    throw failure("unpaired surrogate in \\u escape", at: start)
                }
                let secondStart = index
                index += 2
                let second = try hexUnit(escapeAt: secondStart)
                guard (0xDC00...0xDFFF).contains(second) else {
                    throw failure("unpaired surrogate in \\u escape", at: start)
                }
                scalarValue = 0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(second) - 0xDC00)
            } else if (0xDC00...0xDFFF).contains(unit) {
                throw failure("unpaired surrogate in \\u escape", at: start)
            }
            guard let scalar = Unicode.Scalar(scalarValue) else {
                throw failure("invalid \\u escape", at: start)
            }
            buffer.append(contentsOf: String(Character(scalar)).utf8)
        default:
            guard kind >= 0x20 && kind < 0x7F else { throw failure("invalid escape in string", at: start) }
            throw failure("invalid escape '\\\(Character(Unicode.Scalar(kind)))' in string", at: start)
        }
    }

    /// Reads the four hex digits after `\u` (the cursor is just past the `u`).
    mutating func hexUnit(escapeAt start: Int) throws(JSONSyntaxError) -> UInt16 {
        var value: UInt16 = 0
        for _ in 0..<4 {
            guard let b = current else { throw failure("invalid \\u escape: expected four hex digits", at: start) }
            let digit: UInt8
            switch b {
            case Byte.zero...Byte.nine: digit = b - Byte.zero
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = b - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = b - UInt8(ascii: "A") + 10
            default: throw failure("invalid \\u escape: expected four hex digits", at: start)
            }
            value = value << 4 | UInt16(digit)
            index += 1
        }
        return value
    }
}
