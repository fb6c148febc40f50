import Foundation

/// What the watcher compares between two looks at a folder: every `.ppo` file's path, size and
/// modification time (or, for a plain file, its own).
struct FileFingerprint: Sendable, Equatable {
    private var entries: [String: [Double]] = [:]

    static func of(_ paths: [String], suffix: String? = ".ppo") -> FileFingerprint {
        var fingerprint = FileFingerprint()
        let manager = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else {
                fingerprint.entries[path] = [-1]
                continue
            }
            if !isDirectory.boolValue {
                fingerprint.add(path)
                continue
            }
            let enumerator = manager.enumerator(atPath: path)
            while let entry = enumerator?.nextObject() as? String {
                if let suffix, !entry.hasSuffix(suffix) { continue }
                fingerprint.add(path + "/" + entry)
            }
        }
        return fingerprint
    }

    private mutating func add(_ path: String) {
        let attributes = (try? FileManager.default.attributesOfItem(atPath: path)) ?? [:]
        let size = (attributes[.size] as? NSNumber)?.doubleValue ?? -1
        let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? -1
        entries[path] = [size, modified]
    }
}
