import ArgumentParser
import Foundation
import PPOEngine

/// `ppo fmt [PATH…]`: rewrite rule files in the canonical layout, or check that they are in it.
struct FmtCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fmt",
        abstract: "Rewrite .ppo files in the canonical layout (--check: only say which would change).",
        discussion: """
            Formats every .ppo file under the PATHs (directories recursively), by default matrices/ and \
            rules/ of the current directory, in place: the file is replaced atomically and keeps its \
            permissions, and its name is printed. Only white space changes: indentation, spacing, aligned \
            tables of points and trailing comments, blank lines (docs/language.md, "Layout and ppo fmt"). \
            Every comment and line break stays; formatting a formatted file changes nothing.

            --check changes nothing: it lists the files that would change and exits 1 if there is any, \
            for CI. --diff changes nothing and prints what would change as a unified diff. A PATH of - \
            (or --stdin) formats standard input to standard output.

            A file with syntax errors is not formatted: its errors are printed as ppo check prints them, \
            and the exit status is 1. A file that is not UTF-8 is left alone (exit 1). Should formatting \
            ever change what a file means, the file is left as it is and the exit status is 5.

            Example:
              ppo fmt --check
              ppo fmt --diff matrices/figure3.ppo
            """
    )

    @Argument(help: ArgumentHelp("The .ppo files or directories to format (default: matrices/ and rules/); - for standard input.",
                                 valueName: "PATH"))
    var paths: [String] = []

    @Flag(help: ArgumentHelp("Change nothing: list the files that are not formatted, and exit 1 if there is any."))
    var check = false

    @Flag(help: ArgumentHelp("Change nothing: print a unified diff of what formatting would change."))
    var diff = false

    @Flag(help: ArgumentHelp("Format standard input and write the result to standard output (the same as a PATH of -)."))
    var stdin = false

    /// What went wrong with the files, worst last: the exit status is the worst.
    private enum Problem: Int, Comparable, Error {
        case unformatted, ruleErrors, unreadable, unsafe
        static func < (a: Problem, b: Problem) -> Bool { a.rawValue < b.rawValue }

        var status: ExitStatus {
            switch self {
            case .unformatted, .ruleErrors: return .ruleErrors
            case .unreadable: return .usage
            case .unsafe: return .internalError
            }
        }
    }

    func validate() throws {
        if paths.contains("-") || stdin {
            guard paths.allSatisfy({ $0 == "-" }), paths.count <= 1 else {
                throw ValidationError("standard input (- or --stdin) is formatted on its own: give no other PATH")
            }
        }
    }

    func run() throws {
        var worst: Problem? = nil
        func note(_ problem: Problem) { worst = max(worst ?? problem, problem) }

        if stdin || paths == ["-"] {
            let bytes = Array(FileHandle.standardInput.readDataToEndOfFile())
            switch format(bytes, path: "<stdin>") {
            case .success(let text):
                if diff {
                    OutputWriter.write(LineDiff.unified(String(decoding: bytes, as: UTF8.self), text,
                                                        oldName: "<stdin>", newName: "<stdin> (formatted)"))
                } else if !check {
                    OutputWriter.write(text)
                }
                if check, Array(text.utf8) != bytes { note(.unformatted) }
            case .failure(let problem):
                note(problem)
            }
            if let worst { throw CommandFailure(worst.status) }
            return
        }

        var roots = paths
        if roots.isEmpty {
            roots = RulesOptions.defaultDirectories.filter { FileManager.default.fileExists(atPath: $0) }
            if roots.isEmpty {
                throw CommandFailure.usage("nothing to format: there is no matrices/ or rules/ directory here; give a PATH")
            }
        }
        var unformatted: [String] = []
        var withErrors = 0
        for file in try FmtCommand.files(under: roots) {
            guard let data = FileManager.default.contents(atPath: file) else {
                OutputWriter.standardError("Error: cannot read \(file)\n")
                note(.unreadable)
                continue
            }
            let bytes = Array(data)
            let text: String
            switch format(bytes, path: file) {
            case .success(let formatted): text = formatted
            case .failure(let problem):
                if problem == .ruleErrors { withErrors += 1 }
                note(problem)
                continue
            }
            guard Array(text.utf8) != bytes else { continue }
            unformatted.append(file)
            if diff {
                OutputWriter.write(LineDiff.unified(String(decoding: bytes, as: UTF8.self), text,
                                                    oldName: file, newName: "\(file) (formatted)"))
            }
            if check {
                if !diff { OutputWriter.write(file + "\n") }
                note(.unformatted)
            } else if !diff {
                try FmtCommand.rewrite(file, with: text)
                OutputWriter.write(file + "\n")
            }
        }
        if check, !unformatted.isEmpty {
            let count = unformatted.count == 1 ? "1 file is" : "\(unformatted.count) files are"
            OutputWriter.standardError("\(count) not in the canonical layout: run ppo fmt to rewrite them\n")
        }
        if withErrors > 0 {
            let count = withErrors == 1 ? "1 file" : "\(withErrors) files"
            OutputWriter.standardError("\(count) not formatted: fix the errors above first\n")
        }
        if let worst { throw CommandFailure(worst.status) }
    }

    /// The formatted text of one file, or what stopped it (already reported on standard error).
    private func format(_ bytes: [UInt8], path: String) -> Result<String, Problem> {
        if let line = RuleFormatter.firstLineNotUTF8(bytes) {
            OutputWriter.standardError("\(path):\(line): error: not valid UTF-8; the file is left as it is\n")
            return .failure(.ruleErrors)
        }
        let source = SourceFile(path: path, text: String(decoding: bytes, as: UTF8.self))
        switch RuleFormatter.format(source) {
        case .formatted(let text):
            return .success(text)
        case .syntaxErrors(let diagnostics):
            var sources = SourceSet()
            sources.add(source)
            OutputWriter.standardError(DiagnosticRenderer(sources: sources).text(diagnostics))
            return .failure(.ruleErrors)
        case .unsafe(let reason):
            OutputWriter.standardError(
                "Error: \(path): internal error: formatting would change what the file means (\(reason)); "
                    + "the file is left as it is. Please report this with the file.\n")
            return .failure(.unsafe)
        }
    }

    /// The `.ppo` files a list of paths names: files as given, directories searched recursively, each
    /// directory's in sorted order. A path that does not exist is a usage error.
    static func files(under roots: [String]) throws -> [String] {
        var files: [String] = []
        var seen: Set<String> = []
        for root in roots {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory) else {
                throw CommandFailure.usage("no such file or directory: \(root)")
            }
            var found: [String] = []
            if isDirectory.boolValue {
                guard let enumerator = FileManager.default.enumerator(atPath: root) else {
                    throw CommandFailure.usage("cannot list directory \(root)")
                }
                while let entry = enumerator.nextObject() as? String {
                    if entry.hasSuffix(".ppo") { found.append(root.hasSuffix("/") ? root + entry : root + "/" + entry) }
                }
                found.sort()
            } else {
                found = [root]
            }
            for file in found where seen.insert(RuleLoading.canonical(file)).inserted { files.append(file) }
        }
        return files
    }

    /// Replaces `file` (the file a link points to, for a link) with `text`, atomically, keeping its mode.
    static func rewrite(_ file: String, with text: String) throws {
        let target = URL(fileURLWithPath: file).resolvingSymlinksInPath().path
        let attributes = try? FileManager.default.attributesOfItem(atPath: target)
        let mode = (attributes?[.posixPermissions] as? NSNumber).map { mode_t($0.uint16Value) }
        try OutputWriter.writeAtomically(Data(text.utf8), to: target, mode: mode)
    }
}
