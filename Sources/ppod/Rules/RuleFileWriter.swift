import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a rule file atomically: the text goes to a hidden temporary file in the same folder
/// (its name does not end in `.ppo`, so no load reads it half written), is flushed to disk, and is
/// renamed over the file. A reader sees the old file or the new one, never a mixture.
enum RuleFileWriter {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    static func write(_ text: String, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        let temporary = folder + "/." + url.lastPathComponent + "." + UUID().uuidString + ".tmp"
        // The published file keeps the permissions of the one it replaces.
        let permissions = (try? FileManager.default.attributesOfItem(atPath: path))?[.posixPermissions] as? NSNumber
        guard FileManager.default.createFile(atPath: temporary, contents: Data(text.utf8),
                                             attributes: [.posixPermissions: permissions ?? NSNumber(value: 0o644)]) else {
            throw Failure(description: "cannot write a temporary file in \(folder)")
        }
        do {
            let handle = try FileHandle(forUpdating: URL(fileURLWithPath: temporary))
            try handle.synchronize()
            try handle.close()
        } catch {
            unlink(temporary)
            throw Failure(description: "cannot flush \(temporary): \(error)")
        }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw Failure(description: "cannot rename the new file over \(path): \(reason)")
        }
    }
}
