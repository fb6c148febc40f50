import Foundation
import PPOEngine
import Testing

/// Every `ppo` command shown in README.md and in each command's `--help` runs on the shipped rules
/// and samples, and every example of docs/language.md and docs/records.md does what the page says
/// (`MarkdownExamples` describes how an example is written), so the docs cannot drift from the tool.
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

    @Test func readmeCommandsRun() async throws {
        let readme = String(decoding: try Data(contentsOf: Self.root.appendingPathComponent("README.md")), as: UTF8.self)
        let commands = Self.commands(in: readme, prefix: "swift run ppo ")
        #expect(commands.count >= 3)
        let project = try Self.shippedProject()
        for arguments in commands {
            let result = try await PPORunner.detached(arguments, in: project)
            #expect(result.status == Self.expectedStatus(arguments), "ppo \(arguments.joined(separator: " ")): \(result)")
        }
    }

    @Test(arguments: ["score", "explain", "breaches", "alerts", "cohort", "panel", "diff", "equality", "check", "test", "fmt",
                      "generate"])
    func helpExamplesRun(command: String) async throws {
        let project = try Self.shippedProject()
        let help = try await PPORunner.detached([command, "--help"], in: project)
        #expect(help.status == 0)
        let commands = Self.commands(in: help.stdout, prefix: "ppo ")
        #expect(!commands.isEmpty, "ppo \(command) --help shows no example")
        for arguments in commands {
            let result = try await PPORunner.detached(arguments, in: project)
            #expect(result.status == Self.expectedStatus(arguments), "ppo \(arguments.joined(separator: " ")): \(result)")
        }
    }

    // MARK: docs/language.md and docs/records.md

    static func page(_ path: String) throws -> MarkdownExamples {
        MarkdownExamples(String(decoding: try Data(contentsOf: root.appendingPathComponent(path)), as: UTF8.self))
    }

    /// The shipped project with every file a page's blocks name (and its unnamed rule blocks), by name.
    static func project(with examples: MarkdownExamples) throws -> (Workspace, [(MarkdownExamples.Fence, String)]) {
        let project = try shippedProject()
        var files: [(MarkdownExamples.Fence, String)] = []
        for fence in examples.fences where fence.language == "ppo" || (fence.language == "jsonl" && fence.name != nil) {
            let name = fence.name ?? "example-\(fence.line).ppo"
            try project.write(name, fence.body + "\n")
            if fence.language == "ppo" { files.append((fence, name)) }
        }
        return (project, files)
    }

    /// The files a page's console blocks run `ppo check` on: their diagnostics are shown there.
    static func checkedInConsole(_ examples: MarkdownExamples) -> Set<String> {
        var names: Set<String> = []
        for fence in examples.fences where fence.language == "console" {
            for line in fence.body.split(separator: "\n") where line.hasPrefix("$ ppo check ") {
                for word in words(String(line.dropFirst(2))) where word.hasSuffix(".ppo") { names.insert(word) }
            }
        }
        return names
    }

    /// Every rule block of docs/language.md loads with the shipped rules without a diagnostic, unless
    /// a console block shows its diagnostics; every `test` in one passes. (One `ppo check` and one
    /// `ppo test` for them all: their names are unique, and a diagnostic names its file.)
    @Test func languageExamplesLoadAndPass() async throws {
        let examples = try Self.page("docs/language.md")
        let (project, files) = try Self.project(with: examples)
        let shown = Self.checkedInConsole(examples)
        let clean = files.filter { !shown.contains($0.1) }
        #expect(clean.count >= 20)
        let lines = Dictionary(clean.map { ($0.1, $0.0.line) }, uniquingKeysWith: { a, _ in a })
        // Dated well before the example calendars' last year (2026) runs out, so they are not flagged as ending.
        let check = try await PPORunner.detached(["check", "--as-of", "2025-01-01"] + clean.map(\.1), in: project)
        #expect(check.status == 0 && check.stdout.isEmpty,
                "examples of docs/language.md (example-LINE.ppo, or named at \(lines)) do not load cleanly:\n\(check.stdout)")
        let tested = clean.filter { $0.0.body.range(of: #"(?m)^\s*test ""#, options: .regularExpression) != nil }
        #expect(tested.count >= 10)
        let test = try await PPORunner.detached(["test"] + tested.map(\.1), in: project)
        #expect(test.status == 0, "tests of docs/language.md fail (example-LINE.ppo is the block at LINE):\n\(test.stdout)\(test.stderr)")
    }

    /// Every `$ ppo …` of a console block prints what the block shows (standard output, or standard
    /// error when standard output is sent to /dev/null).
    @Test(arguments: ["docs/language.md", "docs/records.md", "docs/cohort.md", "docs/workbench.md"])
    func consoleExamplesPrintWhatTheyShow(path: String) async throws {
        let examples = try Self.page(path)
        let (project, _) = try Self.project(with: examples)
        var commands = 0
        for fence in examples.fences where fence.language == "console" {
            var runs: [(line: String, shown: [String])] = []
            for line in fence.body.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
                if line.hasPrefix("$ ") {
                    runs.append((String(line.dropFirst(2)), []))
                } else if !runs.isEmpty {
                    runs[runs.count - 1].shown.append(line)
                }
            }
            for (line, shown) in runs {
                var arguments = Self.words(line)
                var stream = "both"
                if arguments.last == "2>/dev/null" { stream = "stdout"; arguments.removeLast() }
                if arguments.last == ">/dev/null" { stream = "stderr"; arguments.removeLast() }
                guard arguments.first == "ppo" else {
                    Issue.record("\(path):\(fence.line): a console example runs ppo, not \(arguments.first ?? "nothing")")
                    continue
                }
                let result = try await PPORunner.detached(Array(arguments.dropFirst()), in: project)
                let output = stream == "stdout" ? result.stdout : stream == "stderr" ? result.stderr : result.stdout + result.stderr
                #expect((0...4).contains(result.status), "\(path):\(fence.line): $ \(line)\n\(result)")
                #expect(MarkdownExamples.matches(output, shown: shown.joined(separator: "\n")),
                        "\(path):\(fence.line): $ \(line)\nshows:\n\(shown.joined(separator: "\n"))\nprints:\n\(output)")
                commands += 1
            }
        }
        #expect(commands >= 1, "\(path) has no console example")
    }

    /// Every value in a value table of docs/language.md is what the expression gives for that offender:
    /// each row becomes an alert whose message shows the expression, run on samples/offenders.jsonl.
    @Test func languageValueTablesHold() async throws {
        let examples = try Self.page("docs/language.md")
        #expect(examples.valueTables.count >= 5)
        let project = try Self.shippedProject()
        for (t, table) in examples.valueTables.enumerated() {
            var text = "alerts \"Documented values \(t)\"\n"
            let ids = table.offenders.map { "\"\($0)\"" }.joined(separator: ", ")
            for (r, row) in table.rows.enumerated() {
                let hole = row.expression.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
                text += "  alert \"row \(r)\"\n    for all\n    when id in [\(ids)]\n    message \"{\(hole)}\"\n  end\n"
            }
            text += "end\n"
            let file = "values-\(t).ppo"
            try project.write(file, text)
            var arguments = ["alerts", "--data", "samples/offenders.jsonl", "--as-of", table.asOf, "--alerts", file, "--format", "json"]
            if let previous = table.previous { arguments += ["--previous", previous] }
            if let decisions = table.decisions { arguments += ["--decisions", decisions] }
            let result = try await PPORunner.detached(arguments, in: project)
            guard result.status == 0,
                  let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any],
                  let alerts = json["alerts"] as? [[String: Any]] else {
                Issue.record("docs/language.md: the value table at line \(table.rows.first?.line ?? 0) does not run:\n\(result)")
                continue
            }
            var messages: [String: String] = [:]
            for alert in alerts {
                if let name = alert["alert"] as? String, let offender = alert["offender"] as? String {
                    messages["\(name)|\(offender)"] = alert["message"] as? String
                }
            }
            for (r, row) in table.rows.enumerated() {
                for (offender, expected) in zip(table.offenders, row.values) {
                    let shown = messages["row \(r)|\(offender)"]
                    let value: String? = switch shown {
                    case "not recorded": "missing"
                    case "yes": "true"
                    case "no": "false"
                    default: shown
                    }
                    #expect(value == expected,
                            "docs/language.md:\(row.line): `\(row.expression)` for \(offender) is \(value ?? "not evaluated"), the page says \(expected)")
                }
            }
        }
    }

    /// docs/language.md lists every diagnostic id, and each example file gives that diagnostic with
    /// that message.
    @Test func languageDiagnosticsTableHolds() async throws {
        let examples = try Self.page("docs/language.md")
        let documented = Set(examples.diagnostics.map(\.id))
        let all = Set(DiagnosticID.allCases.map(\.rawValue))
        #expect(documented == all, "missing: \(all.subtracting(documented).sorted()); unknown: \(documented.subtracting(all).sorted())")
        let project = try Self.shippedProject()
        for row in examples.diagnostics {
            guard let file = row.file else { continue }
            let name = "diagnostic-\(row.line).ppo"
            try project.write(name, file + "\n")
            let result = try await PPORunner.detached(["check", name, "--format", "json"], in: project)
            let list = (try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8))) as? [[String: Any]] ?? []
            let found = list.contains { $0["id"] as? String == row.id && $0["message"] as? String == row.message }
            #expect(found, "docs/language.md:\(row.line): `\(file)` does not give \(row.id): \(row.message)\n\(result.stdout)")
        }
    }

    /// The complete record of docs/records.md is accepted as it is shown, made one line.
    @Test func recordsExampleIsAccepted() async throws {
        let text = String(decoding: try Data(contentsOf: Self.root.appendingPathComponent("docs/records.md")), as: UTF8.self)
        let marker = try #require(text.range(of: "<!-- complete example record -->\n```json\n"))
        let end = try #require(text.range(of: "\n```", range: marker.upperBound..<text.endIndex))
        let record = try JSONSerialization.jsonObject(with: Data(text[marker.upperBound..<end.lowerBound].utf8))
        let line = String(decoding: try JSONSerialization.data(withJSONObject: record), as: UTF8.self)
        let project = try Self.shippedProject()
        try project.write("example.jsonl", line + "\n")
        let result = try await PPORunner.detached(["score", "--matrix", "Prolific Offender Prioritisation", "--data", "example.jsonl",
                                                   "--as-of", "2026-11-22", "--format", "json"], in: project)
        #expect(result.status == 0 && result.stderr.isEmpty, "\(result)")
        #expect(result.stdout.contains("\"id\": \"NT-7001\""))
    }
}

