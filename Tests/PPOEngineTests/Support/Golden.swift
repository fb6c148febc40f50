import Foundation
import Testing

/// Compares rendered text with a golden file under `Golden/<area>/`.
///
/// Run with `PPO_UPDATE_GOLDEN=1` to write the current output to the source tree instead (then rebuild
/// so the test bundle picks the new files up, and review the diff before committing).
enum Golden {
    static var updating: Bool { ProcessInfo.processInfo.environment["PPO_UPDATE_GOLDEN"] == "1" }

    static func check(_ actual: String, _ name: String, area: String = "Rendering",
                      filePath: String = #filePath, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        if updating {
            let directory = sourceGoldenDirectory(from: filePath).appendingPathComponent(area)
            do {
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
                try Data(actual.utf8).write(to: directory.appendingPathComponent(name))
            } catch {
                Issue.record("could not update golden \(area)/\(name): \(error)", sourceLocation: sourceLocation)
            }
            return
        }
        guard let root = Bundle.module.url(forResource: "Golden", withExtension: nil) else {
            Issue.record("the test bundle has no Golden folder", sourceLocation: sourceLocation)
            return
        }
        let url = root.appendingPathComponent(area).appendingPathComponent(name)
        guard let data = try? Data(contentsOf: url) else {
            Issue.record("missing golden \(area)/\(name); run with PPO_UPDATE_GOLDEN=1 to create it",
                         sourceLocation: sourceLocation)
            return
        }
        let expected = String(decoding: data, as: UTF8.self)
        if expected != actual {
            Issue.record("""
                \(area)/\(name) differs from the golden file (PPO_UPDATE_GOLDEN=1 rewrites it)
                --- expected
                \(expected)
                --- actual
                \(actual)
                """, sourceLocation: sourceLocation)
        }
    }

    /// `Tests/PPOEngineTests/Golden`, found by walking up from the calling test file.
    private static func sourceGoldenDirectory(from filePath: String) -> URL {
        var url = URL(fileURLWithPath: filePath).deletingLastPathComponent()
        while url.path != "/" && url.lastPathComponent != "PPOEngineTests" {
            url.deleteLastPathComponent()
        }
        return url.appendingPathComponent("Golden")
    }
}
