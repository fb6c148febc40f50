#if canImport(Glibc)
import Glibc
#endif

/// How `ppo` asks the C allocator to treat freed memory.
enum MemoryTuning {
    /// Keeps freed memory in the process for reuse instead of handing it back to the system.
    ///
    /// A national run reads, scores and renders in blocks of a few megabytes on several threads.
    /// By default glibc maps each such block afresh and gives it back when freed, and trims the
    /// threads' heaps as they empty, so every block lands on pages the kernel must find and zero
    /// again: on this project's 2-core VM that was up to a quarter of a 1,000,000-offender run's CPU
    /// (`_copy_to_iter` and page faults in the profile). `ppo` is a batch process whose peak is its
    /// working set, so holding on to what it freed costs nothing it would not use again.
    static func keepFreedMemory() {
        #if canImport(Glibc)
        // <malloc.h> is not in the Glibc module, so `mallopt` is looked up by name; its parameter
        // numbers are glibc's M_TRIM_THRESHOLD (-1) and M_MMAP_THRESHOLD (-3).
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        // A null handle (RTLD_DEFAULT) searches the loaded libraries; nothing is dereferenced here.
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
        let mallopt = unsafeBitCast(symbol, to: Mallopt.self)
        _ = mallopt(-3, 512 << 20)
        _ = mallopt(-1, Int32.max)
        #endif
    }
}
