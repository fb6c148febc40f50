import ArgumentParser
import PPOEngine

/// `ppo test [PATH…]`: run the rules' test blocks.
struct TestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run the test blocks in the rule files.",
        discussion: """
            Runs every test block in the loaded rules, or only those in the PATHs given (which are \
            loaded too). Prints PASS or FAIL for each test, every failed expectation as \
            FILE:LINE:COLUMN: message, and a closing line "N passed, M failed". Exits 4 when any \
            expectation failed. A test's data path is relative to the current directory.

            Example:
              ppo test
              ppo test matrices/figure3-tests.ppo
            """
    )

    @Argument(help: ArgumentHelp("Run only the tests in these .ppo files or directories.", valueName: "PATH"))
    var paths: [String] = []

    @OptionGroup var rules: RulesOptions

    func run() throws {
        let loaded = try RuleLoading.load(paths: try rules.paths(adding: paths))
        let only = paths.isEmpty ? nil : RuleLoading.fileIndexes(in: loaded, matching: paths)
        let results = TestRunner(rules: loaded).run(onlyFiles: only)
        var lines: [String] = []
        for result in results {
            lines.append("\(result.passed ? "PASS" : "FAIL") \(result.name)")
            for failure in result.failures {
                lines.append("  \(failure.file):\(failure.line):\(failure.column): \(failure.message)")
            }
        }
        let failed = results.filter { !$0.passed }.count
        lines.append("\(results.count - failed) passed, \(failed) failed")
        OutputWriter.write(lines.map { $0 + "\n" }.joined())
        if failed > 0 { throw CommandFailure(.testsFailed) }
    }
}
