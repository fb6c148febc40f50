#if canImport(Glibc)
import Glibc
#endif

/// Finding bytes in bytes, for searching the names of a whole ranking on every keystroke.
enum ByteSearch {
    private typealias MemMem = @convention(c) (UnsafeRawPointer?, Int, UnsafeRawPointer?, Int) -> UnsafeMutableRawPointer?

    /// glibc's `memmem` (two-way search, vectorised), looked up by name: it is a GNU extension the
    /// Glibc module does not declare. A null handle (RTLD_DEFAULT) searches the loaded libraries.
    private static let memmem: MemMem? = {
        #if canImport(Glibc)
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "memmem") else { return nil }
        return unsafeBitCast(symbol, to: MemMem.self)
        #else
        return nil
        #endif
    }()

    /// The first place the `length` bytes at `needle` occur in the `count` bytes at `base`.
    // Both ranges are borrowed from the caller for the call; `memmem` reads within them only.
    static func find(_ needle: UnsafeRawPointer, _ length: Int, in base: UnsafeRawPointer, _ count: Int) -> UnsafeRawPointer? {
        guard length > 0, count >= length else { return nil }
        if let memmem { return memmem(base, count, needle, length).map { UnsafeRawPointer($0) } }
        // Without it: each candidate found by `memchr` on the first byte.
        let first = Int32(needle.load(as: UInt8.self))
        var start = base, left = count
        while left >= length, let hit = memchr(start, first, left - length + 1) {
            let candidate = UnsafeRawPointer(hit)
            if memcmp(candidate, needle, length) == 0 { return candidate }
            let skipped = start.distance(to: candidate) + 1
            start += skipped
            left -= skipped
        }
        return nil
    }
}
