import Foundation

/// The bytes of one block of input lines, in storage that is recycled from block to block.
///
/// A national run reads its input two megabytes at a time. Read into a fresh array each time, every
/// block lands on pages the process has never touched, and the kernel spent more time finding and
/// zeroing them than copying the data (a sixth of a 1,000,000-offender run). Recycled, the same few
/// buffers stay mapped for the whole run. Owned by one thread at a time: the reader fills a block,
/// one worker scores it, the merge reads rejected lines from it and hands it back.
final class BlockBytes: @unchecked Sendable {
    // Invariant: `base` is this object's own block of `capacity` bytes, `count <= capacity` of them
    // data; every append reserves room first, and a block is used by one thread at a time.
    private var base: UnsafeMutablePointer<UInt8>
    private(set) var capacity: Int
    /// How many bytes hold data.
    private(set) var count = 0

    init(capacity: Int) {
        self.capacity = max(1, capacity)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    /// Empties the block, keeping its storage.
    func removeAll() { count = 0 }

    /// Keeps only the first `length` bytes.
    func truncate(to length: Int) { count = max(0, min(count, length)) }

    /// Appends `array` whole.
    func append(_ array: [UInt8]) {
        // The array's storage is pinned for the copy, and `reserve` made room for it.
        array.withUnsafeBufferPointer { bytes in
            guard let from = bytes.baseAddress, !bytes.isEmpty else { return }
            reserve(count + bytes.count)
            (base + count).update(from: from, count: bytes.count)
            count += bytes.count
        }
    }

    /// Lets `fill` write up to `length` bytes after the data and keeps as many as it says it wrote.
    func appendFilling(upTo length: Int, _ fill: (UnsafeMutableBufferPointer<UInt8>) -> Int) -> Int {
        reserve(count + length)
        // `fill` sees exactly the reserved space past the data; what it claims is clamped to it.
        let written = max(0, min(length, fill(UnsafeMutableBufferPointer(start: base + count, count: length))))
        count += written
        return written
    }

    /// Reads up to `length` bytes of `file` in behind the data: how many were read (0 at the end
    /// of the file or on failure) and, when reading failed, `errno`.
    func appendReading(from file: UnsafeMutablePointer<FILE>, upTo length: Int) -> (count: Int, error: Int32?) {
        var error: Int32? = nil
        let count = appendFilling(upTo: length) { space in
            let count = space.baseAddress.map { fread($0, 1, space.count, file) } ?? 0
            if count < space.count && ferror(file) != 0 {
                error = errno
                return 0
            }
            return count
        }
        return (count, error)
    }

    /// Appends up to `length` bytes of `bytes` from `start` on; returns how many.
    func append(_ bytes: [UInt8], from start: Int, upTo length: Int) -> Int {
        appendFilling(upTo: length) { space in
            let count = min(space.count, bytes.count - max(0, start))
            guard count > 0, let to = space.baseAddress else { return 0 }
            // `count` fits both the space and the array past `start`.
            bytes.withUnsafeBufferPointer { if let from = $0.baseAddress { to.update(from: from + start, count: count) } }
            return count
        }
    }

    /// Feeds the bytes from `start` on to `hasher`.
    func updateDigest(_ hasher: inout SHA256, from start: Int) {
        guard start >= 0, start < count else { return }
        // `start..<count` holds data, inside the allocation.
        hasher.update(UnsafeBufferPointer(start: base + start, count: count - start))
    }

    /// The position of the last `byte` in the data.
    func lastIndex(of byte: UInt8) -> Int? {
        // The data, `0..<count`, read in place while this object is alive.
        UnsafeBufferPointer(start: base, count: count).lastIndex(of: byte)
    }

    /// How many times `byte` occurs in the data (the line feeds of a block, to number the next one's lines).
    func occurrences(of byte: UInt8) -> Int {
        var found = 0
        var start = 0
        while start < count {
            // `memchr` looks only at `start..<count`, inside the data.
            guard let hit = memchr(base + start, Int32(byte), count - start) else { break }
            found += 1
            start = base.distance(to: hit.assumingMemoryBound(to: UInt8.self)) + 1
        }
        return found
    }

    /// A copy of the bytes in `range`, clamped to the data.
    func array(_ range: Range<Int>) -> [UInt8] {
        Array(UnsafeBufferPointer(start: base, count: count)[range.clamped(to: 0..<count)])
    }

    /// Calls `body` with each line of the data (its bytes without the newline, valid for the call
    /// only) and the line's range, newline excluded; the last line may lack a newline.
    @inline(__always)
    func forEachLine(_ body: (UnsafeBufferPointer<UInt8>, Range<Int>) -> Void) {
        Self.forEachLine(in: UnsafeBufferPointer(start: base, count: count), body)
    }

    /// `forEachLine` over `bytes`.
    @inline(__always)
    static func forEachLine(in bytes: [UInt8], _ body: (UnsafeBufferPointer<UInt8>, Range<Int>) -> Void) {
        bytes.withUnsafeBufferPointer { forEachLine(in: $0, body) }
    }

    @inline(__always)
    private static func forEachLine(in buffer: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>, Range<Int>) -> Void) {
        guard let base = buffer.baseAddress else { return }
        var start = 0
        while start < buffer.count {
            // `memchr` looks only at `start..<buffer.count`, so every line lies inside the buffer.
            let end = memchr(base + start, 0x0A, buffer.count - start)
                .map { base.distance(to: $0.assumingMemoryBound(to: UInt8.self)) } ?? buffer.count
            body(UnsafeBufferPointer(rebasing: buffer[start..<end]), start..<end)
            start = end + 1
        }
    }

    private func reserve(_ needed: Int) {
        guard needed > capacity else { return }
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: needed)
        grown.initialize(from: base, count: count)
        base.deallocate()
        base = grown
        capacity = needed
    }
}
