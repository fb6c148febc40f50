import Foundation
import Testing

/// Every `ppo` command shown in README.md and in each command's `--help` runs on the shipped rules
/// and samples, so the docs cannot drift from the tool.
@Suite(.tags(.engine)) struct DocumentedExamplesTests {
    static let root: URL = {
        var directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while directory.path != "/" && !FileManager.default.fileExists(atPath: directory.appendingPathComponent("Package.swift").path) {
            directory.deleteLastPathComponent()
        }
        return directory
    }()

    /// A scratch copy of the project's rules and samples, so examples that write files write there.
    static func shippedProject() throws -> Workspace {
        let workspace = try Workspace()
        for folder in ["matrices", "rules", "samples"] {
            let source = root.appendingPathComponent(folder)
            guard FileManager.default.fileExists(atPath: source.path) else { continue }
            try FileManager.default.copyItem(at: source, to: workspace.url.appendingPathComponent(folder))
        }
        return workspace
    }

    /// Splits a command line the way a shell would for these examples: spaces, double quotes, `\` line joins.
    static func words(_ line: String) -> [String] {
        var words: [String] = []
        var current = ""
        var quoted = false
        var inWord = false
        for character in line {
            if character == "\"" { quoted.toggle(); inWord = true; continue }
            if character == " " && !quoted {
                if inWord { words.append(current); current = ""; inWord = false }
                continue
            }
            current.append(character)
            inWord = true
        }
        if inWord { words.append(current) }
        return words
    }

    /// Joins `\`-continued lines and keeps those that run ppo.
    static func commands(in text: String, prefix: String) -> [[String]] {
        var joined: [String] = []
        var pending = ""
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("$ ") { line.removeFirst(2) }
            if line.hasSuffix("\\") {
                pending += line.dropLast() + " "
                continue
            }
            joined.append(pending + line)
            pending = ""
        }
        return joined.filter { $0.hasPrefix(prefix) }.map { Array(words(String($0.dropFirst(prefix.count)))) }
    }

    static func expectedStatus(_ arguments: [String]) -> Int32 {
        arguments.contains("samples/rejects.jsonl") ? 3 : 0
    }

    @Test func readmeCommandsRun() throws {
        let readme = String(decoding: try Data(contentsOf: Self.root.appendingPathComponent("README.md")), as: UTF8.self)
        let commands = Self.commands(in: readme, prefix: "swift run ppo ")
        #expect(commands.count >= 3)
        let project = try Self.shippedProject()
        for arguments in commands {
            let result = try PPORunner.run(arguments, in: project)
            #expect(result.status == Self.expectedStatus(arguments), "ppo \(arguments.joined(separator: " ")): \(result)")
        }
    }

    @Test(arguments: ["score", "explain", "breaches", "alerts", "check", "test", "generate"])
    func helpExamplesRun(command: String) throws {
        let project = try Self.shippedProject()
        let help = try PPORunner.run([command, "--help"], in: project)
        #expect(help.status == 0)
        let commands = Self.commands(in: help.stdout, prefix: "ppo ")
        #expect(!commands.isEmpty, "ppo \(command) --help shows no example")
        for arguments in commands {
            let result = try PPORunner.run(arguments, in: project)
            #expect(result.status == Self.expectedStatus(arguments), "ppo \(arguments.joined(separator: " ")): \(result)")
        }
    }
}
