import Foundation

/// A file opened to read single lines at known offsets, from any thread: the previous snapshot,
/// whose lines `alerts` fetches one by one instead of holding the snapshot decoded in memory (the
/// kernel's page cache holds what is read, outside the process).
final class LineFile: Sendable {
    private let descriptor: Int32

    /// Opens `path` for reading; throws `ReadError` when it cannot.
    init(path: String) throws {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw ReadError(path: path, reason: String(cString: strerror(errno))) }
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }

    /// Why the file cannot be read (`strerror`), tried on its first byte; `nil` when it can (an
    /// empty file can). Opening a directory succeeds; reading it is what fails.
    func readFailure() -> String? {
        var byte = [UInt8](repeating: 0, count: 1)
        // `pread` writes at most the one byte the array holds.
        let count = byte.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, 1, 0) }
        return count < 0 ? String(cString: strerror(errno)) : nil
    }

    /// The `length` bytes at `offset`, or `nil` when they cannot all be read (the file shrank,
    /// or reading failed). `pread` keeps no file position, so threads may read at once.
    func bytes(at offset: Int, length: Int) -> [UInt8]? {
        guard offset >= 0, length >= 0 else { return nil }
        var bytes = [UInt8](repeating: 0, count: length)
        var done = 0
        while done < length {
            // `pread` writes at most `length - done` bytes, into the array's storage after `done`.
            let count = bytes.withUnsafeMutableBytes { buffer in
                pread(descriptor, buffer.baseAddress.map { $0 + done }, length - done, off_t(offset + done))
            }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return nil }
            done += count
        }
        return bytes
    }
}
