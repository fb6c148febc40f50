/// Writes JSON as UTF-8 bytes, byte for byte as `JSONWriter` writes text, for output too large to
/// hold as one `String`.
///
/// The same layout rules: keys in the given order, two-space indentation when pretty, lists of plain
/// values on one line, `[]` and `{}` for empty containers, and the same escaping.
struct JSONByteWriter: ~Copyable {
    let pretty: Bool
    /// The bytes so far, in a `ByteBuffer`: a national run's output is billions of small appends.
    var out: ByteBuffer

    init(pretty: Bool, capacity: Int = 256) {
        self.pretty = pretty
        out = ByteBuffer(capacity: capacity)
    }

    /// Appends bytes already written (a quoted label, a key run). Through a buffer pointer:
    /// `out.append(contentsOf: bytes)` takes its own reference to `bytes` for every call.
    @inline(__always)
    mutating func append(_ bytes: [UInt8]) {
        // Scoped borrow: the buffer is copied into `out` within the closure.
        bytes.withUnsafeBufferPointer { out.append($0) }
    }

    /// `: ` when pretty, else `:`.
    mutating func colon() { pretty ? raw(": ") : raw(":") }

    mutating func newline(_ depth: Int) {
        guard pretty else { return }
        out.append(0x0A)
        for _ in 0..<depth { out.append(0x20); out.append(0x20) }
    }

    mutating func raw(_ text: StaticString) {
        out.append(text)
    }

    /// `"key": ` (or `"key":`).
    mutating func key(_ key: String) {
        quote(key)
        colon()
    }

    /// Any value, as `JSONWriter.write` does at `depth`.
    mutating func value(_ value: JSONValue, depth: Int) {
        switch value {
        case .null: raw("null")
        case .bool(let flag): flag ? raw("true") : raw("false")
        case .number(let text): out.append(utf8: text)
        case .string(let text): quote(text)
        case .array(let items):
            guard !items.isEmpty else { raw("[]"); return }
            if pretty && items.allSatisfy(\.isScalar) {
                out.append(UInt8(ascii: "["))
                for (index, item) in items.enumerated() {
                    if index > 0 { raw(", ") }
                    self.value(item, depth: depth + 1)
                }
                out.append(UInt8(ascii: "]"))
                return
            }
            out.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                newline(depth + 1)
                self.value(item, depth: depth + 1)
            }
            newline(depth)
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            guard !members.isEmpty else { raw("{}"); return }
            out.append(UInt8(ascii: "{"))
            for (index, member) in members.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                newline(depth + 1)
                key(member.key)
                self.value(member.value, depth: depth + 1)
            }
            newline(depth)
            out.append(UInt8(ascii: "}"))
        }
    }

    mutating func quote(_ text: String) {
        var text = text
        // Scoped borrow of the string's UTF-8: `quote` copies what it reads before returning.
        text.withUTF8 { quote(UnsafeRawBufferPointer($0)) }
    }

    /// Appends valid UTF-8 `bytes` as a JSON string literal, escaped exactly as `JSONWriter.quote`
    /// escapes: the named escapes, `\u00XX` for other controls and DEL, and U+2028/U+2029.
    // Every index below is < `bytes.count`, and runs are copied into `out` before returning.
    mutating func quote(_ bytes: UnsafeRawBufferPointer) {
        out.append(UInt8(ascii: "\""))
        var runStart = 0
        var i = Self.plainPrefix(bytes)
        let count = bytes.count
        while i < count {
            let b = bytes[i]
            let needsEscape: Bool
            if b < 0x20 || b == 0x22 || b == 0x5C || b == 0x7F {
                needsEscape = true
            } else if b == 0xE2, i + 2 < count, bytes[i + 1] == 0x80, bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9 {
                needsEscape = true
            } else {
                i += 1
                continue
            }
            if needsEscape {
                if runStart < i { out.append(UnsafeRawBufferPointer(rebasing: bytes[runStart..<i])) }
                switch b {
                case 0x22: raw("\\\"")
                case 0x5C: raw("\\\\")
                case 0x0A: raw("\\n")
                case 0x0D: raw("\\r")
                case 0x09: raw("\\t")
                case 0x08: raw("\\b")
                case 0x0C: raw("\\f")
                case 0xE2:
                    bytes[i + 2] == 0xA8 ? raw("\\u2028") : raw("\\u2029")
                    i += 2
                default:
                    raw("\\u00")
                    out.append(Self.hexDigit(b >> 4))
                    out.append(Self.hexDigit(b & 0x0F))
                }
                i += 1
                runStart = i
            }
        }
        if runStart < count { out.append(UnsafeRawBufferPointer(rebasing: bytes[runStart..<count])) }
        out.append(UInt8(ascii: "\""))
    }

    private static func hexDigit(_ value: UInt8) -> UInt8 { value < 10 ? 48 + value : 87 + value }

    /// How many leading bytes need no escape, found eight at a time: a word passes when none of
    /// its bytes is a control, `"`, `\`, DEL or non-ASCII (the lead byte of U+2028/U+2029 is).
    /// Nearly every id and detail passes whole, so quoting is one copy.
    @inline(__always)
    private static func plainPrefix(_ bytes: UnsafeRawBufferPointer) -> Int {
        guard let base = bytes.baseAddress else { return 0 }
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        var i = 0
        while i + 8 <= bytes.count {
            let w = (base + i).loadUnaligned(as: UInt64.self)
            let quote = w ^ (ones &* 0x22), backslash = w ^ (ones &* 0x5C), delete = w ^ (ones &* 0x7F)
            let special = ((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash)
                | ((delete &- ones) & ~delete) | ((w &- ones &* 0x20) & ~w) | w
            let flags = special & highs
            // The lowest flag is exact (a borrow only disturbs the bytes above it).
            if flags != 0 { return i + (flags.trailingZeroBitCount >> 3) }
            i += 8
        }
        return i
    }
}
