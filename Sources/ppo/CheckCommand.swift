import ArgumentParser
import PPOEngine

/// `ppo check [PATH…]`: load and type-check rules, print every diagnostic.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Load and type-check rule files; print every error and warning.",
        discussion: """
            Loads the rule directories (matrices/ and rules/, or --rules) and any PATHs given, and reports \
            every problem in every file, the way a compiler does. The count of errors and warnings goes to \
            standard error. Exits 1 when there is any error.

            Diagnostics print as text unless --format json asks for JSON (for editors). A calendar whose \
            holidays run out within a year of today (or of --as-of) is a warning: add the next year's.

            Example:
              ppo check
              ppo check matrices/figure3.ppo --format json
            """
    )

    @Argument(help: ArgumentHelp("Extra .ppo files or directories to load and check.", valueName: "PATH"))
    var paths: [String] = []

    @OptionGroup var rules: RulesOptions
    @OptionGroup var output: OutputOptions

    @Option(name: .customLong("as-of"),
            help: ArgumentHelp("The date calendars are checked against, YYYY-MM-DD. Default: today (local date).",
                               valueName: "DATE"),
            transform: DataOptions.parseDay)
    var asOf: Day?

    func validate() throws {
        if output.format == .csv {
            throw ValidationError("check prints diagnostics as text (--format table) or JSON (--format json), not CSV")
        }
    }

    func run() throws {
        let loadPaths = try rules.paths(adding: paths)
        let loaded = Engine.load(paths: loadPaths)
        // Nothing checked is not "no errors": a wrong or emptied folder must not pass CI.
        if loaded.sources.files.isEmpty && !loaded.hasErrors {
            throw CommandFailure.usage("no .ppo files to check in " + loadPaths.joined(separator: ", "))
        }
        let diagnostics = loaded.checkDiagnostics(today: asOf ?? DataOptions.today())
        let renderer = DiagnosticRenderer(sources: loaded.sources)
        let text: String
        switch output.resolvedFormat(fallback: .table) {
        case .json: text = renderer.json(diagnostics)
        case .table, .csv: text = renderer.text(diagnostics)
        }
        try OutputWriter.write(text, to: output.output)
        OutputWriter.standardError(
            DiagnosticRenderer.summary(diagnostics, files: loaded.sources.files.count) + "\n")
        if loaded.hasErrors { throw CommandFailure(.ruleErrors) }
    }
}
