import Foundation
import PPOEngine

/// Loads rule files for a command and reports what the checker found.
enum RuleLoading {
    /// Loads `paths`. Warnings go to standard error; errors go there too, with the closing count, and
    /// end the command with status 1 before anything is evaluated.
    static func load(paths: [String]) throws -> RuleSet {
        let rules = Engine.load(paths: paths)
        let renderer = DiagnosticRenderer(sources: rules.sources)
        if !rules.diagnostics.isEmpty {
            OutputWriter.standardError(renderer.text(rules.diagnostics))
        }
        if rules.hasErrors {
            OutputWriter.standardError(
                DiagnosticRenderer.summary(rules.diagnostics, files: rules.sources.files.count) + "\n")
            throw CommandFailure(.ruleErrors)
        }
        return rules
    }

    /// A path in a form that compares equal for every way of naming the same file.
    static func canonical(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }

    /// Whether `path` is one of `paths` or lies under one of them.
    static func isCovered(_ path: String, by paths: [String]) -> Bool {
        let file = canonical(path)
        return paths.map(canonical).contains { file == $0 || file.hasPrefix($0.hasSuffix("/") ? $0 : $0 + "/") }
    }

    /// Indexes of the loaded files that are one of `paths` or lie under one of them.
    static func fileIndexes(in rules: RuleSet, matching paths: [String]) -> Set<Int> {
        var indexes = Set<Int>()
        for (index, file) in rules.sources.files.enumerated() where isCovered(file.path, by: paths) {
            indexes.insert(index)
        }
        return indexes
    }
}

extension RuleLoading {
    /// Loads the rule directories in force plus the files of `references` they do not cover.
    static func load(rules options: RulesOptions, naming references: [BlockReference]) throws -> RuleSet {
        let directories = options.effectiveDirectories
        var extra: [String] = []
        for reference in references {
            for path in try reference.extraPaths(ruleDirectories: directories) where !extra.contains(path) {
                extra.append(path)
            }
        }
        return try load(paths: try options.paths(adding: extra))
    }
}
