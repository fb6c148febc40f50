import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A large result written as it is produced: to standard output, or to a temporary file beside
/// `--output` that is renamed over it on `commit()`, so a reader never sees half a file.
///
/// `OutputWriter.write` needs the whole text in memory first; this is for output that may run to
/// gigabytes (a national ranking, a generated data set). On Linux a file is written with `O_DIRECT`
/// where the file system allows it, in large aligned blocks: gigabytes pushed through the page cache
/// cost more in the kernel than producing them (measured in BENCHMARKS.md), and nothing reads them
/// back soon enough to gain from the cache.
final class OutputFile {
    private let target: String?
    private let temporary: String?
    private let descriptor: Int32
    private var committed = false
    /// Bytes waiting for a full aligned block, when writing directly.
    // Invariant: a `posix_memalign` block of `blockSize` bytes owned by this file (freed in `deinit`),
    // `pendingCount <= blockSize` of them filled; O_DIRECT needs the aligned block.
    private var pending: UnsafeMutableRawPointer?
    private var pendingCount = 0
    private static let alignment = 4096
    private static let blockSize = 8 << 20

    /// Opens standard output (`path` nil) or a temporary file next to `path`.
    init(path: String?) throws {
        target = path
        guard let path else {
            temporary = nil
            descriptor = STDOUT_FILENO
            return
        }
        let url = URL(fileURLWithPath: path)
        let temporaryPath = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp").path
        var file: Int32 = -1
        if let direct = OutputFile.directFlag {
            file = open(temporaryPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | direct, 0o644)
            if file >= 0 {
                var block: UnsafeMutableRawPointer? = nil
                if posix_memalign(&block, OutputFile.alignment, OutputFile.blockSize) == 0 {
                    pending = block
                } else {
                    close(file)
                    unlink(temporaryPath)
                    file = -1
                }
            }
        }
        if file < 0 {
            // No direct writes here (tmpfs, another platform): the page cache it is.
            file = open(temporaryPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        }
        guard file >= 0 else {
            throw CommandFailure.usage("cannot write '\(path)': \(String(cString: strerror(errno)))")
        }
        temporary = temporaryPath
        descriptor = file
    }

    deinit {
        if let temporary, !committed {
            close(descriptor)
            unlink(temporary)
        }
        pending?.deallocate()
    }

    /// `O_DIRECT`, where the platform has it.
    private static var directFlag: Int32? {
        #if os(Linux) && arch(x86_64)
        return 0o40000
        #elseif os(Linux) && arch(arm64)
        return 0o200000
        #else
        return nil
        #endif
    }

    /// Appends `bytes`.
    // `bytes` is read during the call only; each copy takes at most the room left in `pending`.
    func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard var source = bytes.baseAddress, bytes.count > 0 else { return }
        guard let pending else { return try writeAll(source, bytes.count) }
        var remaining = bytes.count
        while remaining > 0 {
            let take = min(remaining, OutputFile.blockSize - pendingCount)
            (pending + pendingCount).copyMemory(from: source, byteCount: take)
            pendingCount += take
            source += take
            remaining -= take
            if pendingCount == OutputFile.blockSize {
                try writeAll(UnsafeRawPointer(pending), pendingCount)
                pendingCount = 0
            }
        }
    }

    func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try write($0) }
    }

    /// Writes the rest, and renames the temporary file over the target.
    func commit() throws {
        guard let target, let temporary else { return }
        if let pending, pendingCount > 0 {
            // The tail is not a whole aligned block: write it without O_DIRECT.
            let flags = fcntl(descriptor, F_GETFL)
            if let direct = OutputFile.directFlag, flags >= 0 { _ = fcntl(descriptor, F_SETFL, flags & ~direct) }
            try writeAll(UnsafeRawPointer(pending), pendingCount)
            pendingCount = 0
        }
        committed = true
        let closed = close(descriptor) == 0
        guard closed, rename(temporary, target) == 0 else {
            let why = String(cString: strerror(errno))
            unlink(temporary)
            throw CommandFailure.usage("cannot write '\(target)': \(why)")
        }
    }

    // `start` points at `count` readable bytes (the caller's buffer or `pending`) for the call.
    private func writeAll(_ start: UnsafeRawPointer, _ count: Int) throws {
        var base = start
        var remaining = count
        while remaining > 0 {
            let written = Foundation.write(descriptor, base, remaining)
            if written < 0 {
                if errno == EINTR { continue }
                // A file system that took O_DIRECT at open but refuses the write: write normally.
                if errno == EINVAL, let direct = OutputFile.directFlag {
                    let flags = fcntl(descriptor, F_GETFL)
                    if flags >= 0, flags & direct != 0, fcntl(descriptor, F_SETFL, flags & ~direct) == 0 { continue }
                }
                throw failure()
            }
            remaining -= written
            base += written
        }
    }

    private func failure() -> CommandFailure {
        CommandFailure.usage("cannot write '\(target ?? "standard output")': \(String(cString: strerror(errno)))")
    }
}
