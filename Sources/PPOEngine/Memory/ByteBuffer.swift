import Foundation

/// A growable run of bytes owned by one scoring loop: an append is a capacity check and a store.
///
/// Scoring writes each form a few bytes at a time, some two hundred appends per offender. On an
/// `[UInt8]` every one of them checks that the storage is uniquely referenced and most go through
/// generic `append(contentsOf:)`; in the profile that was a fifth of all scoring instructions. The
/// buffer is noncopyable, so it has exactly one owner and frees its memory when that owner ends,
/// or hands it on whole with `frozen()`.
///
/// The memory comes from `malloc` and grows with `realloc`, which can often extend it in place,
/// and which `frozen()` uses to give back the unused tail without copying.
struct ByteBuffer: ~Copyable {
    // Invariant: `base` is this buffer's own `malloc` block of `capacity` bytes (freed in `deinit`, or
    // handed whole to `FrozenBytes` by `frozen()`); bytes `0..<count` are written, `count <= capacity`,
    // and every write first grows the block to hold it.
    private var base: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int = 256) {
        self.capacity = max(16, capacity)
        base = Self.allocate(self.capacity)
    }

    deinit { free(base) }

    private static func allocate(_ capacity: Int) -> UnsafeMutablePointer<UInt8> {
        // As `UnsafeMutablePointer.allocate` does, running out of memory stops the process.
        guard let memory = malloc(capacity) else { fatalError("out of memory allocating \(capacity) bytes") }
        return memory.assumingMemoryBound(to: UInt8.self)
    }

    /// The bytes written, handed over without a copy: the buffer's memory, cut to its length,
    /// becomes the result's.
    consuming func frozen() -> FrozenBytes {
        let length = count
        let memory = realloc(base, max(length, 1)) ?? UnsafeMutableRawPointer(base)
        discard self
        return FrozenBytes(taking: memory, count: length)
    }

    var isEmpty: Bool { count == 0 }

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        if count == capacity { grow(toHold: count + 1) }
        base[count] = byte
        count += 1
    }

    @inline(__always)
    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let from = bytes.baseAddress, bytes.count > 0 else { return }
        let n = bytes.count
        if capacity - count < n { grow(toHold: count + n) }
        let to = UnsafeMutableRawPointer(base + count)
        let source = UnsafeRawPointer(from)
        // Most appends are a few bytes (an id, ` × `): two overlapping loads and stores copy them
        // without calling `memcpy`.
        if n >= 8 && n <= 16 {
            let head = source.loadUnaligned(as: UInt64.self)
            let tail = source.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
            to.storeBytes(of: head, as: UInt64.self)
            to.storeBytes(of: tail, toByteOffset: n - 8, as: UInt64.self)
        } else if n >= 4 && n < 8 {
            let head = source.loadUnaligned(as: UInt32.self)
            let tail = source.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self)
            to.storeBytes(of: head, as: UInt32.self)
            to.storeBytes(of: tail, toByteOffset: n - 4, as: UInt32.self)
        } else if n < 4 {
            for i in 0..<n { to.storeBytes(of: from[i], toByteOffset: i, as: UInt8.self) }
        } else {
            to.copyMemory(from: source, byteCount: n)
        }
        count &+= n
    }

    @inline(__always)
    mutating func append(_ bytes: UnsafeRawBufferPointer) {
        append(bytes.assumingMemoryBound(to: UInt8.self))
    }

    /// A literal's UTF-8 bytes.
    @inline(__always)
    mutating func append(_ text: StaticString) {
        append(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// An array's bytes.
    @inline(__always)
    mutating func append(_ array: [UInt8]) {
        // The array's storage is pinned for the length of the copy.
        array.withUnsafeBufferPointer { append($0) }
    }

    /// The bytes of `array` in `range`, clamped to the array.
    @inline(__always)
    mutating func append(_ array: [UInt8], in range: Range<Int>) {
        // Pinned as above; the clamped range is inside the array's storage.
        array.withUnsafeBufferPointer { append(UnsafeBufferPointer(rebasing: $0[range.clamped(to: $0.indices)])) }
    }

    /// A string's UTF-8 bytes.
    mutating func append(utf8 text: String) {
        var text = text
        text.withUTF8 { append($0) }
    }

    /// Another buffer's bytes.
    mutating func append(_ other: borrowing ByteBuffer) {
        other.withUnsafeBytes { append($0) }
    }

    /// Empties the buffer, keeping its memory for the next offender.
    @inline(__always)
    mutating func removeAll() { count = 0 }

    /// Drops everything from `length` on (a form abandoned part-written).
    mutating func truncate(to length: Int) {
        if length >= 0, length < count { count = length }
    }

    /// Appends `n` zero bytes.
    mutating func appendZeros(_ n: Int) {
        guard n > 0 else { return }
        if capacity - count < n { grow(toHold: count + n) }
        (base + count).initialize(repeating: 0, count: n)
        count += n
    }

    /// Overwrites the bytes at `index` with `value`'s; a value that does not fit is ignored.
    mutating func store<T: FixedWidthInteger>(_ value: T, at index: Int) {
        guard index >= 0, count - index >= MemoryLayout<T>.size else { return }
        UnsafeMutableRawPointer(base + index).storeBytes(of: value, as: T.self)
    }

    /// Overwrites the byte at `index`; indices outside the buffer are ignored.
    mutating func set(_ index: Int, to byte: UInt8) {
        guard index >= 0, index < count else { return }
        base[index] = byte
    }

    /// Inserts `bytes` before `index` (`0...count`), moving the rest along.
    mutating func insert(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) {
        guard let from = bytes.baseAddress, bytes.count > 0, index >= 0, index <= count else { return }
        if capacity - count < bytes.count { grow(toHold: count + bytes.count) }
        (base + index + bytes.count).update(from: base + index, count: count - index)
        (base + index).update(from: from, count: bytes.count)
        count += bytes.count
    }

    func withUnsafeBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        try body(UnsafeRawBufferPointer(start: base, count: count))
    }

    /// The bytes as an array (one copy), for results that leave the scoring loop.
    func array() -> [UInt8] {
        [UInt8](UnsafeBufferPointer(start: base, count: count))
    }

    @inline(never)
    private mutating func grow(toHold needed: Int) {
        var newCapacity = capacity
        while newCapacity < needed { newCapacity = newCapacity.multipliedReportingOverflow(by: 2).partialValue }
        if newCapacity < needed { newCapacity = needed }
        guard let grown = realloc(base, newCapacity) else { fatalError("out of memory allocating \(newCapacity) bytes") }
        base = grown.assumingMemoryBound(to: UInt8.self)
        capacity = newCapacity
    }
}

/// Where `Decimal6` writes its digits: the scoring loop's `ByteBuffer` and the renderers' arrays.
protocol ByteSink: ~Copyable {
    mutating func append(_ byte: UInt8)
    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>)
}

extension ByteBuffer: ByteSink {}

extension Array: ByteSink where Element == UInt8 {
    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) { append(contentsOf: bytes) }
}
