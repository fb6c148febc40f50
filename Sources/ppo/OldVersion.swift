import Foundation
import PPOEngine

/// The old side of `ppo diff`: the loaded rules with the file that defines a block replaced by
/// another version of it (`--old FILE`) or by that file as a git revision holds it (`--old-rev`).
enum OldVersion {
    /// `loaded` with the file that defines the `kind` block `name` replaced; diagnostics of the old
    /// version end the command with status 1, as a rule file with errors does.
    static func rules(replacing name: String, kind: BlockKind, in loaded: RuleSet, old: String?,
                      oldRev: String?) throws -> RuleSet {
        guard let file = loaded.sources.files.indices.first(where: { ExactText.list(kind.namesInFile(loaded, $0), contains: name) }) else {
            throw CommandFailure.usage("unknown \(kind.singular) '\(name)'")
        }
        let path = loaded.sources.files[file].path
        let text: String
        if let old {
            guard let contents = FileManager.default.contents(atPath: old) else {
                throw CommandFailure.usage("--old: cannot read '\(old)'")
            }
            text = String(decoding: contents, as: UTF8.self)
        } else {
            text = try gitShow(revision: oldRev ?? "HEAD", path: path)
        }
        let files = loaded.sources.files.enumerated().map { index, source in
            index == file ? SourceFile(path: source.path + " (old)", text: text) : source
        }
        let rules = Engine.load(files: files)
        if rules.hasErrors {
            OutputWriter.standardError(DiagnosticRenderer(sources: rules.sources).text(rules.diagnostics))
            throw CommandFailure(.ruleErrors)
        }
        return rules
    }

    /// The file at `path` as git revision `revision` holds it.
    static func gitShow(revision: String, path: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "show", "\(revision):./\(path)"]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        do { try process.run() } catch { throw CommandFailure.usage("--old-rev: cannot run git: \(error)") }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let problem = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw CommandFailure.usage("--old-rev: git show \(revision):\(path) failed: "
                                       + String(decoding: problem, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
        }
        return String(decoding: data, as: UTF8.self)
    }
}
