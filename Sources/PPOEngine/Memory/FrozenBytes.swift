import Foundation

/// Bytes that no longer change: a run of packed forms, finished by a scoring thread and then read
/// by the renderers. Shared by reference, so handing a chunk of forms on copies nothing.
final class FrozenBytes: @unchecked Sendable {
    // Immutable once made, so any number of threads may read it.
    // Invariant: `base` is a `malloc` block of at least `count` bytes, owned by this object alone
    // (taken from `ByteBuffer.frozen()`), freed in `deinit` and never written after `init`.
    private let base: UnsafeMutableRawPointer
    let count: Int

    /// Takes ownership of `base`, memory from `malloc` holding `count` bytes.
    init(taking base: UnsafeMutableRawPointer, count: Int) {
        self.base = base
        self.count = count
    }

    deinit { free(base) }

    func withUnsafeBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        try body(UnsafeRawBufferPointer(start: base, count: count))
    }
}
