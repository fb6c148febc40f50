import ArgumentParser
import Foundation
import PPOEngine

/// `ppo diff`: the same records ranked by two versions of a matrix, and what changes for the panel.
struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Compare two versions of a matrix on the same records: who enters and leaves the recommended list, tier changes, ties, rank moves.",
        discussion: """
            The new version is --matrix as the rules hold it now. The old one is another matrix of the \
            rules (--old-matrix NAME), another version of the file that defines --matrix (--old FILE), \
            or that file as a git revision holds it (--old-rev REV, read with `git show`). Both rank the \
            same --data as of the same --as-of. Prints a summary, then the offenders who enter or leave \
            the recommended list, change tier, become or stop being tied at capacity, and the largest \
            rank moves, each with the lines of the form whose points changed (old → new).

            Example:
              ppo diff --matrix "Prolific Offender Prioritisation" \\
                       --old samples/figure3-before.ppo --data samples/offenders.jsonl \\
                       --as-of 2026-11-22
            """
    )

    @Option(help: ArgumentHelp("The new version: a matrix of the loaded rules.", valueName: "NAME"))
    var matrix: String

    @Option(name: .customLong("old-matrix"), help: ArgumentHelp("The old version: another matrix of the loaded rules.", valueName: "NAME"))
    var oldMatrix: String?

    @Option(help: ArgumentHelp("The old version: this file in place of the one that defines --matrix.", valueName: "FILE.ppo"))
    var old: String?

    @Option(name: .customLong("old-rev"),
            help: ArgumentHelp("The old version: the file that defines --matrix as git revision REV holds it.", valueName: "REV"))
    var oldRev: String?

    @Option(help: ArgumentHelp("How many of the largest rank moves to list.", valueName: "N"))
    var moves = 10

    @OptionGroup var data: DataOptions
    @OptionGroup var decisions: DecisionOptions
    @OptionGroup var rules: RulesOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        let given = [oldMatrix != nil, old != nil, oldRev != nil].filter { $0 }.count
        guard given == 1 else { throw ValidationError("give the old version with exactly one of --old-matrix, --old or --old-rev") }
        guard (0...10_000).contains(moves) else { throw ValidationError("--moves must be 0 to 10000") }
    }

    func run() throws {
        // The panel's decisions matter to a matrix that reads is_ppo: both versions read the same.
        let (loaded, rejectedDecisions) = try decisions.apply(to: try RuleLoading.load(paths: try rules.paths(adding: [])))
        guard let newMatrix = loaded.matrix(named: matrix) else {
            throw CommandFailure.usage(Self.unknown(matrix, in: loaded))
        }
        let oldRules: RuleSet
        let oldName: String
        if let oldMatrix {
            oldRules = loaded
            oldName = oldMatrix
        } else {
            guard let file = loaded.sources.files.indices.first(where: { loaded.matrixNames(inFile: $0).contains(matrix) }) else {
                throw CommandFailure.usage(Self.unknown(matrix, in: loaded))
            }
            let path = loaded.sources.files[file].path
            let text: String
            if let old {
                guard let contents = FileManager.default.contents(atPath: old) else {
                    throw CommandFailure.usage("--old: cannot read '\(old)'")
                }
                text = String(decoding: contents, as: UTF8.self)
            } else {
                text = try Self.gitShow(revision: oldRev ?? "HEAD", path: path)
            }
            let files = loaded.sources.files.enumerated().map { index, source in
                index == file ? SourceFile(path: source.path + " (old)", text: text) : source
            }
            let reloaded = Engine.load(files: files)
            oldRules = reloaded.with(decisions: loaded.decisions)
            if oldRules.hasErrors {
                OutputWriter.standardError(DiagnosticRenderer(sources: oldRules.sources).text(oldRules.diagnostics))
                throw CommandFailure(.ruleErrors)
            }
            oldName = matrix
        }
        guard let oldCompiled = oldRules.matrix(named: oldName) else {
            throw CommandFailure.usage("the old version has no matrix '\(oldName)'")
        }
        let before = try RecordLoading.rank(data: data.data, matrix: oldCompiled, asOf: data.day, rules: oldRules)
        let after = try RecordLoading.rank(data: data.data, matrix: newMatrix, asOf: data.day, rules: loaded)
        let renderer = RankingDiffRenderer(diff: RankingDiff(old: before, new: after, moves: moves))
        let text: String
        switch output.resolvedFormat() {
        case .table: text = renderer.table()
        case .json: text = renderer.json()
        case .csv: text = renderer.csv()
        }
        try OutputWriter.write(text, to: output.output)
        try RejectReporting.report(rejectedDecisions + after.rejected, to: data.rejects)
        try RejectReporting.finish(rejectedDecisions + after.rejected)
    }

    static func unknown(_ name: String, in rules: RuleSet) -> String {
        var message = "unknown matrix '\(name)'"
        if let near = Suggestion.closest(to: name, in: rules.matrixNames) { message += "; did you mean '\(near)'?" }
        return message
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
