import Foundation

/// A rules folder of about 1,000 lines for the `ppo check` figure: the shipped categories and as
/// many renamed copies of the shipped Figure 3 matrix as it takes, each with its own weights, the
/// way a force-wide rules folder holds one matrix per CDRP.
enum RulesFile {
    static func write(lines target: Int, into directory: String, projectRoot: String) throws -> Int {
        let categories = try String(contentsOfFile: projectRoot + "/matrices/categories.ppo", encoding: .utf8)
        let figure3 = try String(contentsOfFile: projectRoot + "/matrices/figure3.ppo", encoding: .utf8)
        var text = categories
        var copy = 1
        while text.split(separator: "\n", omittingEmptySubsequences: false).count < target {
            let matrix = figure3
                .replacingOccurrences(of: "matrix \"Prolific Offender Prioritisation\"",
                                      with: "matrix \"CDRP \(copy) Prioritisation\"")
                .replacingOccurrences(of: "capacity 20", with: "capacity \(10 + copy)")
                .replacingOccurrences(of: "burglary_dwelling 6", with: "burglary_dwelling \(2 + copy % 5)")
            text += "\n" + matrix
            copy += 1
        }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last == "" { lines.removeLast() }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try (lines.joined(separator: "\n") + "\n").write(toFile: directory + "/rules.ppo", atomically: true, encoding: .utf8)
        return lines.count
    }
}
