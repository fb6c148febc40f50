import Foundation
import PPOEngine

/// Where a draft's file lives: one of the files the live rules were loaded from, or a new `.ppo`
/// file inside one of the rules folders. Nothing outside the folders can be named, so a publication
/// can write only where ppod already reads rules.
enum DraftFile {
    /// `file` when a draft may be made of it; a 400 `bad-draft` saying why otherwise.
    static func resolve(_ file: String, folders: [String], loaded: [String]) throws -> String {
        if loaded.contains(where: { ExactText.same($0, file) }) { return file }
        func refuse(_ reason: String) -> APIError {
            APIError.badRequest("bad-draft", "file '\(SafeText.escaped(file))' \(reason)")
        }
        guard file.hasSuffix(".ppo") else { throw refuse("must end in .ppo") }
        guard !file.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw refuse("holds a control character")
        }
        let folder = folders.first { folder in
            var isDirectory: ObjCBool = false
            let trimmed = folder.hasSuffix("/") ? String(folder.dropLast()) : folder
            return FileManager.default.fileExists(atPath: trimmed, isDirectory: &isDirectory) && isDirectory.boolValue
                && file.hasPrefix(trimmed + "/")
        }
        guard let folder else {
            throw refuse("is not one of the rules files nor in a rules folder (" + folders.joined(separator: ", ") + ")")
        }
        let trimmed = folder.hasSuffix("/") ? String(folder.dropLast()) : folder
        let rest = file.dropFirst(trimmed.count + 1).split(separator: "/", omittingEmptySubsequences: false)
        guard !rest.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." || $0.hasPrefix(".") }) else {
            throw refuse("must name a file inside the folder, without '.', '..', hidden or empty parts")
        }
        var isDirectory: ObjCBool = false
        let parent = (file as NSString).deletingLastPathComponent
        guard FileManager.default.fileExists(atPath: parent, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw refuse("is in a folder that does not exist")
        }
        return file
    }

    /// SHA-256 of the file's bytes on disk now, or nil when there is no such file.
    static func digest(ofFileAt path: String) -> String? {
        FileManager.default.contents(atPath: path).map { SHA256.hex(of: Array($0)) }
    }
}
