import Foundation

/// Files shipped at the project root (matrices/, rules/, samples/), found from this source file.
enum ProjectFiles {
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// Every shipped `.ppo` file, relative path and text.
    static func shippedRules() -> [(path: String, text: String)] {
        var result: [(String, String)] = []
        for folder in ["matrices", "rules"] {
            let dir = root.appendingPathComponent(folder)
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir.path) else { continue }
            for name in names.sorted() where name.hasSuffix(".ppo") {
                if let data = FileManager.default.contents(atPath: dir.appendingPathComponent(name).path) {
                    result.append(("\(folder)/\(name)", String(decoding: data, as: UTF8.self)))
                }
            }
        }
        return result
    }
}
