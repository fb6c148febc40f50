/// A cursor over the UTF-8 bytes of one JSON text that checks the grammar as strictly as `JSONParser`
/// but builds nothing: the fast path of `DirectOffenderDecoder`.
///
/// It never explains a problem. Anything it does not accept — a syntax error, but also anything merely
/// unusual, such as an escape in a string — makes it report failure, and the record is then read again
/// by `JSONParser` and `OffenderDecoder`, which say exactly what is wrong or accept it after all.
struct ByteScanner {
    // Invariant: `base` points at `end` readable bytes for the scanner's whole life (the caller's line,
    // borrowed for one `decode` call); every read is at an index below `end`.
    let base: UnsafePointer<UInt8>
    let end: Int
    var index = 0
    var depth = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        // An empty buffer may have no base address; any valid one will do, it is never read.
        self.base = bytes.baseAddress ?? ByteScanner.emptyBase
        self.end = bytes.count
    }

    // Allocated once and never freed or written after, so any thread may hold it.
    nonisolated(unsafe) private static let emptyBase: UnsafePointer<UInt8> = {
        let pointer = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)
        pointer.initialize(to: 0)
        return UnsafePointer(pointer)
    }()

    /// The byte at the cursor; 0 at the end (never valid where a token is expected).
    @inline(__always) var current: UInt8 { index < end ? base[index] : 0 }

    @inline(__always) mutating func skipWhitespace() {
        while index < end {
            let b = base[index]
            guard b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 else { return }
            index += 1
        }
    }

    /// Whether only whitespace is left.
    mutating func atEndAfterWhitespace() -> Bool {
        skipWhitespace()
        return index == end
    }

    /// Consumes `byte` after optional whitespace.
    @inline(__always) mutating func consume(_ byte: UInt8) -> Bool {
        skipWhitespace()
        guard index < end, base[index] == byte else { return false }
        index += 1
        return true
    }

    // MARK: Containers

    /// Enters an object: `{`. Returns false when the next token is not `{` or nesting is too deep.
    mutating func openObject() -> Bool { open(UInt8(ascii: "{")) }

    /// Enters a list: `[`.
    mutating func openList() -> Bool { open(UInt8(ascii: "[")) }

    private mutating func open(_ byte: UInt8) -> Bool {
        guard consume(byte) else { return false }
        depth += 1
        return depth <= JSONParser.maximumDepth
    }

    /// Whether the container just opened is empty (`}` or `]` follows); consumes it if so.
    mutating func closesEmpty(_ close: UInt8) -> Bool {
        skipWhitespace()
        guard current == close else { return false }
        index += 1
        depth -= 1
        return true
    }

    /// After a member or element: `.more` after a `,`, `.done` after the closing byte, else `.invalid`.
    mutating func next(closing close: UInt8) -> Step {
        skipWhitespace()
        let b = current
        if b == UInt8(ascii: ",") {
            index += 1
            // A trailing comma is an error in JSON.
            skipWhitespace()
            return current == close ? .invalid : .more
        }
        if b == close {
            index += 1
            depth -= 1
            return .done
        }
        return .invalid
    }

    enum Step { case more, done, invalid }

    /// Reads an object key and the `:` after it; the range of the key's bytes.
    mutating func key() -> Range<Int>? {
        skipWhitespace()
        guard let key = plainString() else { return nil }
        guard consume(UInt8(ascii: ":")) else { return nil }
        skipWhitespace()
        return key
    }

    // MARK: Scalars

    /// A string with no escapes, at the cursor (after whitespace): the range of its content. UTF-8 is
    /// checked exactly as `JSONParser` checks it.
    mutating func plainString() -> Range<Int>? {
        skipWhitespace()
        guard current == UInt8(ascii: "\"") else { return nil }
        index += 1
        let start = index
        // Eight bytes at a time while none is a quote, a backslash, a control or non-ASCII byte,
        // then straight to the first that is: the lowest flag of the test is always exact (a
        // borrow only disturbs the bytes above it), so a short string takes one step.
        while index + 8 <= end {
            // Eight bytes from `index`, inside the line: the loop runs only while `index + 8 <= end`.
            let w = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
            let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
            let quote = w ^ (ones &* 0x22), backslash = w ^ (ones &* 0x5C)
            let special = (((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash)
                | ((w &- ones &* 0x20) & ~w) | w) & highs
            if special != 0 {
                index += special.trailingZeroBitCount >> 3
                break
            }
            index += 8
        }
        while index < end {
            let b = base[index]
            if b == UInt8(ascii: "\"") {
                index += 1
                return start..<(index - 1)
            }
            if b == UInt8(ascii: "\\") || b < 0x20 { return nil }
            if b < 0x80 {
                index += 1
            } else if !skipUTF8Sequence() {
                return nil
            }
        }
        return nil
    }

    /// The same check as `JSONParser`, through the shared `UTF8Sequence` table.
    private mutating func skipUTF8Sequence() -> Bool {
        guard let shape = UTF8Sequence.shape(lead: base[index]), index + shape.count < end else { return false }
        for n in 1...shape.count where !UTF8Sequence.accepts(base[index + n], at: n, of: shape) { return false }
        index += shape.count + 1
        return true
    }

    /// A number in JSON's grammar: the range of its text.
    mutating func number() -> Range<Int>? {
        skipWhitespace()
        let start = index
        if current == UInt8(ascii: "-") { index += 1 }
        guard isDigit(current) else { return nil }
        let first = current
        index += 1
        if first == UInt8(ascii: "0"), isDigit(current) { return nil }
        while isDigit(current) { index += 1 }
        if current == UInt8(ascii: ".") {
            index += 1
            guard isDigit(current) else { return nil }
            while isDigit(current) { index += 1 }
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            index += 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { index += 1 }
            guard isDigit(current) else { return nil }
            while isDigit(current) { index += 1 }
        }
        return start..<index
    }

    @inline(__always) private func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

    /// `true` or `false`; nil for anything else.
    mutating func bool() -> Bool? {
        skipWhitespace()
        if matches("true") { return true }
        if matches("false") { return false }
        return nil
    }

    /// Consumes `null` if it is next (after whitespace): a known key with a null value counts as absent.
    mutating func null() -> Bool {
        skipWhitespace()
        return matches("null")
    }

    private mutating func matches(_ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard end - index >= count else { return false }
        let pointer = word.utf8Start
        for n in 0..<count where base[index + n] != pointer[n] { return false }
        index += count
        return true
    }

    // MARK: Skipping

    /// Checks and steps over any one value: what the reader does with keys it does not use.
    mutating func skipValue() -> Bool {
        skipWhitespace()
        switch current {
        case UInt8(ascii: "\""): return plainString() != nil
        case UInt8(ascii: "{"):
            guard openObject() else { return false }
            if closesEmpty(UInt8(ascii: "}")) { return true }
            while true {
                guard key() != nil, skipValue() else { return false }
                switch next(closing: UInt8(ascii: "}")) {
                case .more: continue
                case .done: return true
                case .invalid: return false
                }
            }
        case UInt8(ascii: "["):
            guard openList() else { return false }
            if closesEmpty(UInt8(ascii: "]")) { return true }
            while true {
                guard skipValue() else { return false }
                switch next(closing: UInt8(ascii: "]")) {
                case .more: continue
                case .done: return true
                case .invalid: return false
                }
            }
        case UInt8(ascii: "t"), UInt8(ascii: "f"): return bool() != nil
        case UInt8(ascii: "n"): return null()
        default: return number() != nil
        }
    }

    // MARK: Reading what was scanned

    /// The bytes of `range`.
    // `range` is one the scanner returned, so within `0..<end`; the result lives as long as `base`.
    @inline(__always) func bytes(_ range: Range<Int>) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: base + range.lowerBound, count: range.count)
    }

    /// The text of `range` (already checked as UTF-8).
    @inline(__always) func string(_ range: Range<Int>) -> String {
        String(decoding: bytes(range), as: UTF8.self)
    }

    /// Whether `range` holds exactly `word`.
    @inline(__always) func equals(_ range: Range<Int>, _ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard range.count == count else { return false }
        let pointer = word.utf8Start
        for n in 0..<count where base[range.lowerBound + n] != pointer[n] { return false }
        return true
    }
}
