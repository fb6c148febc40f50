import ArgumentParser
import Foundation
import PPOEngine

/// `--rules DIR`: which rule files to load.
struct RulesOptions: ParsableArguments {
    /// The directories read when no `--rules` is given, those of them that exist.
    static let defaultDirectories = ["matrices", "rules"]

    @Option(name: .customLong("rules"),
            help: ArgumentHelp("A directory (or .ppo file) of rules to load; repeat for several. When given, it replaces the default matrices/ and rules/ of the current directory.",
                               valueName: "DIR"))
    var directories: [String] = []

    mutating func validate() throws {
        for directory in directories where !FileManager.default.fileExists(atPath: directory) {
            throw ValidationError("--rules: no such directory '\(directory)'")
        }
    }

    /// The rule directories in force: `--rules`, else the default ones that exist.
    var effectiveDirectories: [String] {
        if !directories.isEmpty { return directories }
        return Self.defaultDirectories.filter { FileManager.default.fileExists(atPath: $0) }
    }

    /// Everything to load: the rule directories and then `extra` files; a usage error when that is nothing.
    func paths(adding extra: [String]) throws -> [String] {
        let paths = effectiveDirectories + extra
        if paths.isEmpty {
            throw CommandFailure.usage(
                "no rules to load: there is no matrices/ or rules/ directory here; give --rules DIR or a PATH")
        }
        return paths
    }
}

/// How results are written: `--format` and `--output`.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    case table, json, csv
}

/// `--format` and `--output`.
struct OutputOptions: ParsableArguments {
    @Option(help: ArgumentHelp("table, json or csv. Default: from the --output file's extension (.json, .csv), else table on a terminal and json otherwise.",
                               valueName: "FORMAT"))
    var format: OutputFormat?

    @Option(help: ArgumentHelp("Write the result to FILE (atomically: a reader never sees half a file) instead of standard output.",
                               valueName: "FILE"))
    var output: String?

    /// The format in force; `fallback` decides when neither `--format` nor the output's extension does.
    func resolvedFormat(fallback: OutputFormat? = nil) -> OutputFormat {
        if let format { return format }
        if let output {
            switch URL(fileURLWithPath: output).pathExtension.lowercased() {
            case "json": return .json
            case "csv": return .csv
            case "txt", "text": return .table
            default: break
            }
        }
        if let fallback { return fallback }
        return OutputWriter.standardOutputIsTerminal ? .table : .json
    }
}

/// The evaluation's inputs: `--data`, `--as-of` and `--rejects`.
struct DataOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The offender records: a JSON Lines file, one offender per line.", valueName: "FILE"))
    var data: String

    @Option(name: .customLong("as-of"),
            help: ArgumentHelp("The date to evaluate as of, YYYY-MM-DD; events after it are ignored. Default: today (local date).",
                               valueName: "DATE"),
            transform: DataOptions.parseDay)
    var asOf: Day?

    @Option(help: ArgumentHelp("Also write every rejected record's line to FILE, byte for byte, one per line.", valueName: "FILE"))
    var rejects: String?

    /// The `as_of` date in force.
    var day: Day { asOf ?? DataOptions.today() }

    @Sendable static func parseDay(_ text: String) throws -> Day {
        guard let day = Day(iso: text) else {
            let shape = text.utf8.count == 10 && text.split(separator: "-").count == 3
            throw ValidationError(shape ? "'\(text)' is not a real date" : "'\(text)' is not a date in the form YYYY-MM-DD")
        }
        return day
    }

    /// Today in the machine's time zone: what an analyst means by "today".
    static func today() -> Day {
        let parts = Calendar.current.dateComponents([.year, .month, .day], from: Date())
        return Day(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1) ?? Day(ordinal: 0)
    }
}
