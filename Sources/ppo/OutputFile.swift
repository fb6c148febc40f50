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
/// gigabytes (a national ranking, a generated data set).
final class OutputFile {
    private let target: String?
    private let temporary: String?
    private let descriptor: Int32
    private var committed = false

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
        let file = open(temporaryPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
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
    }

    /// Appends `bytes`; callers hand over large blocks, so there is no buffering here.
    func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard var base = bytes.baseAddress else { return }
        var remaining = bytes.count
        while remaining > 0 {
            let written = Foundation.write(descriptor, base, remaining)
            if written < 0 {
                if errno == EINTR { continue }
                throw failure()
            }
            remaining -= written
            base += written
        }
    }

    func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try write($0) }
    }

    /// Flushes, and renames the temporary file over the target.
    func commit() throws {
        guard let target, let temporary else { return }
        committed = true
        let closed = close(descriptor) == 0
        guard closed, rename(temporary, target) == 0 else {
            let why = String(cString: strerror(errno))
            unlink(temporary)
            throw CommandFailure.usage("cannot write '\(target)': \(why)")
        }
    }

    private func failure() -> CommandFailure {
        CommandFailure.usage("cannot write '\(target ?? "standard output")': \(String(cString: strerror(errno)))")
    }
}
