/// The bytes of one block of input lines, in storage that is recycled from block to block.
///
/// A national run reads its input two megabytes at a time. Read into a fresh array each time, every
/// block lands on pages the process has never touched, and the kernel spent more time finding and
/// zeroing them than copying the data (a sixth of a 1,000,000-offender run). Recycled, the same few
/// buffers stay mapped for the whole run. Owned by one thread at a time: the reader fills a block,
/// one worker scores it, the merge reads rejected lines from it and hands it back.
final class BlockBytes: @unchecked Sendable {
    private var base: UnsafeMutablePointer<UInt8>
    private(set) var capacity: Int
    /// How many bytes hold data.
    private(set) var count = 0

    init(capacity: Int) {
        self.capacity = max(1, capacity)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    /// The bytes read so far, valid while this object is alive and unchanged.
    var buffer: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }

    /// Empties the block, keeping its storage.
    func removeAll() { count = 0 }

    /// Keeps only the first `length` bytes.
    func truncate(to length: Int) { count = max(0, min(count, length)) }

    func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let from = bytes.baseAddress, !bytes.isEmpty else { return }
        reserve(count + bytes.count)
        (base + count).update(from: from, count: bytes.count)
        count += bytes.count
    }

    /// Lets `fill` write up to `length` bytes after the data and keeps as many as it says it wrote.
    func appendFilling(upTo length: Int, _ fill: (UnsafeMutableBufferPointer<UInt8>) -> Int) -> Int {
        reserve(count + length)
        let written = max(0, min(length, fill(UnsafeMutableBufferPointer(start: base + count, count: length))))
        count += written
        return written
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
