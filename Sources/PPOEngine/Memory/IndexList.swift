/// Positions of records in one of an offender's collections: what an `OffenderView` sees.
///
/// Refilled for every offender scored. An `[Int32]` emptied with `removeAll(keepingCapacity:)` runs
/// generic range-replacement code each time (five collections, every offender); this list keeps
/// its storage and its own length, so a refill is one uniqueness check and a loop of stores.
struct IndexList: RandomAccessCollection, Sendable {
    /// Entries at and beyond `endIndex` are left over from earlier fills.
    private var storage: [Int32] = []
    private(set) var endIndex = 0

    init() {}

    init(_ indices: [Int32]) {
        storage = indices
        endIndex = indices.count
    }

    var startIndex: Int { 0 }

    subscript(position: Int) -> Int32 {
        // Positions past `endIndex` read stale entries, never memory out of bounds.
        storage[position]
    }

    @inline(__always)
    mutating func removeAll() { endIndex = 0 }

    mutating func append(_ index: Int32) {
        if endIndex < storage.count {
            storage[endIndex] = index
        } else {
            storage.append(index)
        }
        endIndex += 1
    }

    /// Replaces the list with the positions of `records` that pass `keep`, reading each record in
    /// place (a loop over the array would copy every element).
    @inline(__always)
    mutating func fill<Record>(_ records: [Record], _ keep: (borrowing Record) -> Bool) {
        if storage.count < records.count {
            storage.append(contentsOf: repeatElement(0, count: records.count - storage.count))
        }
        // Scoped borrows: `storage` was grown to at least `records.count` above, and `n <= i < records.count`.
        endIndex = records.withUnsafeBufferPointer { buffer in
            storage.withUnsafeMutableBufferPointer { out in
                var n = 0
                for i in buffer.indices where keep(buffer[i]) {
                    out[n] = Int32(truncatingIfNeeded: i)
                    n += 1
                }
                return n
            }
        }
    }
}
