import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Where `ppo` puts what it produces: standard output, standard error, or a file written atomically.
enum OutputWriter {
    /// Writes `text` to `path` atomically, or to standard output when `path` is `nil`.
    static func write(_ text: String, to path: String?) throws {
        if let path {
            try writeAtomically(text, to: path)
        } else {
            FileHandle.standardOutput.write(Data(text.utf8))
        }
    }

    /// Writes `text` to standard error.
    static func standardError(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// Whether standard output is a terminal (a person is reading, so a table suits).
    static var standardOutputIsTerminal: Bool { isatty(STDOUT_FILENO) != 0 }

    /// Writes to a temporary file in the same directory, then renames it over `path`, so a reader
    /// (or a crash half-way) never sees a half-written file.
    static func writeAtomically(_ text: String, to path: String) throws {
        try writeAtomically(Data(text.utf8), to: path)
    }

    /// An `OutputFile` for `path` (standard output when `nil`), for a report written in pieces. When
    /// the file cannot be created, the error is worded as `writeAtomically` words it, so a command
    /// that moved from one to the other fails with the same message as before.
    static func streamingFile(to path: String?) throws -> OutputFile {
        do {
            return try OutputFile(path: path)
        } catch {
            guard let path else { throw error }
            let target = URL(fileURLWithPath: path)
            let probe = target.deletingLastPathComponent()
                .appendingPathComponent(".\(target.lastPathComponent).\(UUID().uuidString).tmp")
            do {
                try Data().write(to: probe)
                try? FileManager.default.removeItem(at: probe)
            } catch let failure {
                throw CommandFailure.usage("cannot write '\(path)': \(reason(failure))")
            }
            throw error
        }
    }

    /// `writeAtomically` of bytes exactly as given (the rejected lines of `--rejects`); `mode`, when
    /// given, is the new file's permissions (`ppo fmt` keeps a rule file's).
    static func writeAtomically(_ bytes: Data, to path: String, mode: mode_t? = nil) throws {
        let target = URL(fileURLWithPath: path)
        let directory = target.deletingLastPathComponent()
        let temporary = directory.appendingPathComponent(".\(target.lastPathComponent).\(UUID().uuidString).tmp")
        do {
            try bytes.write(to: temporary)
        } catch {
            throw CommandFailure.usage("cannot write '\(path)': \(reason(error))")
        }
        if let mode, chmod(temporary.path, mode) != 0 {
            let why = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw CommandFailure.usage("cannot write '\(path)': \(why)")
        }
        guard rename(temporary.path, target.path) == 0 else {
            let why = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw CommandFailure.usage("cannot write '\(path)': \(why)")
        }
    }

    private static func reason(_ error: Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError,
           let posix = POSIXErrorCode(rawValue: Int32(underlying.code)), underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(posix.rawValue))
        }
        return nsError.localizedDescription
    }
}
