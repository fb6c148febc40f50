/// An offender's scored form packed into bytes: what a national run holds per offender between
/// scoring and writing the ranked list.
///
/// A `ScoredOffender` with its lines, evidence arrays and detail strings takes a few kilobytes and a
/// few dozen allocations; packed, the same form is a few hundred bytes in one buffer shared by many
/// offenders. Labels are not stored: a line names its matrix row, category or factor by index.
/// `CompiledMatrix.score` decodes the same bytes into a `ScoredOffender`, so the packed form and the
/// form the renderers show can never disagree.
///
/// Layout: id, name?, then the totals in fixed width (score, latest offence, tier, main weighting,
/// line count: `FormTotals`), then per line: section, label index, detail, points, evidence count
/// and ids. The totals are fixed width so that scoring can leave room for them, write the lines
/// straight after, and fill them in last; the detail comes first so a factor writes it straight
/// into the form while it works out its points.
///
/// A text is its UTF-8 length doubled, then its bytes; or, for an id already written earlier in
/// the same form, an odd number: the distance back to that text, doubled, plus one. An offence's id
/// appears on its offence line and again as evidence of `count(offences)` and the victim factors:
/// the second time it costs two bytes and no copy.
struct FormWriter: ~Copyable {
    var bytes: ByteBuffer

    init(capacity: Int = 256) { bytes = ByteBuffer(capacity: capacity) }

    @inline(__always) mutating func byte(_ value: UInt8) { bytes.append(value) }

    /// An unsigned LEB128 number.
    @inline(__always) mutating func count(_ value: Int) {
        var rest = UInt(bitPattern: value)
        while rest >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(truncatingIfNeeded: rest))
    }

    /// A signed number, zigzag-encoded so small negatives stay short.
    @inline(__always) mutating func signed(_ value: Int64) {
        // Bit patterns throughout: a value beyond ±2^62 shifts into the sign bit.
        count(Int(truncatingIfNeeded: (value &<< 1) ^ (value >> 63)))
    }

    mutating func text(_ value: String) {
        // Read in place: `var copy = value; copy.withUTF8` retains and releases the string.
        let done: Void? = value.utf8.withContiguousStorageIfAvailable { utf8 in
            count(utf8.count << 1)
            bytes.append(utf8)
        }
        if done == nil {
            var value = value
            value.withUTF8 { utf8 in
                count(utf8.count << 1)
                bytes.append(utf8)
            }
        }
    }

    /// The text written at `offset`, earlier in this buffer, again: a reference back to it.
    mutating func textReference(to offset: Int) {
        count(((bytes.count - offset) << 1) | 1)
    }

    /// Starts a text built in place (a line's detail): append its bytes to `bytes`, then call
    /// `endText` with what this returned.
    @inline(__always)
    mutating func beginText() -> Int {
        // Reserve one length byte; nearly every detail is shorter than 64 bytes.
        bytes.append(0)
        return bytes.count - 1
    }

    @inline(__always)
    mutating func endText(_ at: Int) {
        let length = bytes.count - at - 1
        if length >= 0 && length < 0x40 {
            bytes.set(at, to: UInt8(truncatingIfNeeded: length << 1))
        } else {
            endLongText(at, length: length)
        }
    }

    /// A text of 64 bytes or more: the one reserved byte becomes the first of a longer prefix.
    @inline(never)
    private mutating func endLongText(_ at: Int, length: Int) {
        guard length >= 0 else { return }
        var prefix = FormWriter(capacity: 16)
        prefix.count(length << 1)
        // Scoped borrow of the prefix buffer; `insert` copies its bytes before the closure ends.
        prefix.bytes.withUnsafeBytes { written in
            let lengthBytes = written.assumingMemoryBound(to: UInt8.self)
            guard let first = lengthBytes.first else { return }
            bytes.set(at, to: first)
            bytes.insert(UnsafeBufferPointer(rebasing: lengthBytes.dropFirst()), at: at + 1)
        }
    }

    mutating func optionalText(_ value: String?) {
        guard let value else { return byte(0) }
        byte(1)
        text(value)
    }
}

/// Reads what `FormWriter` wrote. The bytes were written by this process, so a malformed form is a
/// programming error; reads past the end return zeros rather than trap.
struct FormReader {
    // Invariant: borrowed from a `FrozenBytes` or `ByteBuffer` for one `readForm` call (or a test's
    // scoped borrow); every read checks its index against `base.count` and reads zeros past it.
    let base: UnsafeRawBufferPointer
    var index: Int

    init(_ base: UnsafeRawBufferPointer, at index: Int = 0) {
        self.base = base
        self.index = index
    }

    @inline(__always) mutating func byte() -> UInt8 {
        guard index < base.count else { return 0 }
        defer { index += 1 }
        return base[index]
    }

    @inline(__always) mutating func count() -> Int {
        var value: UInt = 0
        var shift: UInt = 0
        while index < base.count {
            let b = base[index]
            index += 1
            value |= UInt(b & 0x7F) << shift
            if b < 0x80 { break }
            shift += 7
            if shift >= UInt(UInt.bitWidth) { break }
        }
        return Int(bitPattern: value)
    }

    /// A fixed-width little-endian number (zero past the end).
    @inline(__always) mutating func fixed<T: FixedWidthInteger>(_: T.Type) -> T {
        let size = MemoryLayout<T>.size
        guard index >= 0, base.count - index >= size else {
            index = base.count
            return 0
        }
        defer { index += size }
        return T(littleEndian: base.loadUnaligned(fromByteOffset: index, as: T.self))
    }

    @inline(__always) mutating func signed() -> Int64 {
        let raw = UInt64(UInt(bitPattern: count()))
        return Int64(bitPattern: (raw >> 1) ^ (0 &- (raw & 1)))
    }

    /// The bytes of a text (see `FormWriter`), without copying; a reference back is followed to
    /// the text it names. A reference that names no text reads as empty.
    @inline(__always) mutating func textBytes() -> UnsafeRawBufferPointer {
        let start = index
        let prefix = count()
        guard prefix & 1 == 1 else { return literal(length: prefix >> 1) }
        let distance = prefix >> 1
        guard distance > 0, distance <= start else { return UnsafeRawBufferPointer(rebasing: base[0..<0]) }
        var earlier = FormReader(base, at: start - distance)
        let earlierPrefix = earlier.count()
        // A reference names a text written out, never another reference.
        guard earlierPrefix & 1 == 0 else { return UnsafeRawBufferPointer(rebasing: base[0..<0]) }
        return earlier.literal(length: earlierPrefix >> 1)
    }

    private mutating func literal(length: Int) -> UnsafeRawBufferPointer {
        let start = min(max(index, 0), base.count)
        let end = start + min(max(length, 0), base.count - start)
        index = end
        return UnsafeRawBufferPointer(rebasing: base[start..<end])
    }

    mutating func text() -> String { String(decoding: textBytes(), as: UTF8.self) }

    mutating func optionalText() -> String? { byte() == 0 ? nil : text() }
}

/// The fixed part of a packed form, read back.
struct FormHeader {
    var id: String
    var name: String?
    var score: Decimal6
    var latestOffence: Day?
    /// Index into the matrix's tiers.
    var tier: Int?
    var main: MainChoice
    var lineCount: Int

    /// What the main-category weighting did.
    enum MainChoice: Equatable {
        /// The matrix has no `on main category` weighting.
        case none
        /// No row had a positive subtotal: weight 1.
        case noRow
        /// The weighting row at this index won.
        case row(Int)

        /// As stored: 0 none, 1 no row, then row + 2.
        var code: Int {
            switch self {
            case .none: return 0
            case .noRow: return 1
            case .row(let r): return r + 2
            }
        }

        init(code: Int) {
            self = code <= 0 ? .none : code == 1 ? .noRow : .row(code - 2)
        }
    }

    /// Writes the id and name, and leaves room for the totals: returns where they go.
    static func start(id: String, name: String?, in form: inout FormWriter) -> Int {
        form.text(id)
        form.optionalText(name)
        let at = form.bytes.count
        form.bytes.appendZeros(FormTotals.size)
        return at
    }

    static func read(_ form: inout FormReader) -> FormHeader {
        let id = form.text()
        let name = form.optionalText()
        let totals = FormTotals.read(&form)
        return FormHeader(id: id, name: name, score: totals.score, latestOffence: totals.latestOffence,
                          tier: totals.tierCode == 0 ? nil : totals.tierCode - 1,
                          main: MainChoice(code: totals.mainCode), lineCount: totals.lineCount)
    }
}

/// A form's totals, in fixed width after its id and name: score (8 bytes), latest offence (4, the
/// day's ordinal or `Int32.min` for none), tier (4: 0 for none, else index + 1), main weighting
/// (4: `MainChoice.code`) and line count (4).
struct FormTotals {
    static let size = 24
    private static let noDay = Int32.min

    var score: Decimal6
    var latestOffence: Day?
    var tierCode: Int
    var mainCode: Int
    var lineCount: Int

    /// Fills in the room `FormHeader.start` left at `at`.
    func write(at at: Int, in form: inout FormWriter) {
        form.bytes.store(score.raw.littleEndian, at: at)
        form.bytes.store((latestOffence?.ordinal ?? Self.noDay).littleEndian, at: at + 8)
        form.bytes.store(Int32(clamping: tierCode).littleEndian, at: at + 12)
        form.bytes.store(Int32(clamping: mainCode).littleEndian, at: at + 16)
        form.bytes.store(Int32(clamping: lineCount).littleEndian, at: at + 20)
    }

    static func read(_ form: inout FormReader) -> FormTotals {
        let score = Decimal6(raw: form.fixed(Int64.self))
        let latest = form.fixed(Int32.self)
        let tier = form.fixed(Int32.self)
        let main = form.fixed(Int32.self)
        let lines = form.fixed(Int32.self)
        return FormTotals(score: score, latestOffence: latest == noDay ? nil : Day(ordinal: latest),
                          tierCode: Int(tier), mainCode: Int(main), lineCount: max(0, Int(lines)))
    }
}

extension Decimal6 {
    /// Appends `description`'s text without making a `String`.
    func appendDescription<Sink: ByteSink & ~Copyable>(to out: inout Sink) {
        let negative = raw < 0
        let magnitude = raw.magnitude
        if negative { out.append(UInt8(ascii: "-")) }
        Self.appendDigits(magnitude / UInt64(Decimal6.scale), to: &out)
        var fraction = magnitude % UInt64(Decimal6.scale)
        guard fraction != 0 else { return }
        out.append(UInt8(ascii: "."))
        var places = 6
        while fraction % 10 == 0 { fraction /= 10; places -= 1 }
        var divisor: UInt64 = 1
        for _ in 1..<places { divisor *= 10 }
        while divisor > 0 {
            out.append(UInt8(48 + (fraction / divisor) % 10))
            divisor /= 10
        }
    }

    static func appendDigits<Sink: ByteSink & ~Copyable>(_ value: UInt64, to out: inout Sink) {
        if value < 10 {
            out.append(UInt8(48 + value))
            return
        }
        // A UInt64 has at most 20 digits, so `n` stays in `0..<20`; the stack buffer lives for the closure.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { buffer in
            var rest = value
            var n = 20
            while rest > 0 {
                n -= 1
                buffer[n] = UInt8(48 + rest % 10)
                rest /= 10
            }
            out.append(UnsafeBufferPointer(rebasing: buffer[n..<20]))
        }
    }
}

extension FrozenBytes {
    /// Calls `body` with a reader of the form written at `offset`. The reader is passed by value:
    /// the callee keeps it in a local, where its position stays in a register.
    @inline(__always)
    func readForm<Result>(at offset: Int, _ body: (FormReader) throws -> Result) rethrows -> Result {
        // The reader points into this object's memory, alive for the call; `body` must not keep it.
        try withUnsafeBytes { try body(FormReader($0, at: offset)) }
    }
}

extension ByteBuffer {
    /// Calls `body` with a reader of the form written at `offset` (by value, as `FrozenBytes.readForm`).
    @inline(__always)
    func readForm<Result>(at offset: Int, _ body: (FormReader) throws -> Result) rethrows -> Result {
        // As `FrozenBytes.readForm`: the buffer cannot change while it is borrowed for the call.
        try withUnsafeBytes { try body(FormReader($0, at: offset)) }
    }
}
