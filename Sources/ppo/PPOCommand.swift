import ArgumentParser
import Foundation

/// `ppo`: check, score, explain, breaches, alerts and test PPO scheme rules from the command line.
@main
struct PPOCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ppo",
        abstract: "Rules engine for Prolific and other Priority Offender (PPO) schemes.",
        discussion: """
            Rules live in .ppo files under matrices/ and rules/ of the current directory (or wherever \
            --rules points); docs/language.md describes the language. Offender records are JSON Lines \
            files, one offender per line; docs/records.md describes every field.

            Exit status: 0 success; 1 the rule files have errors (nothing evaluated); 2 usage error; \
            3 evaluated, but some records were rejected; 4 test expectations failed; 5 ppo fmt could not \
            format a file without changing its meaning (a bug: the file is left as it is).

            Example:
              ppo check
              ppo score --matrix "Prolific Offender Prioritisation" \\
                        --data samples/offenders.jsonl --as-of 2026-11-22
            """,
        version: "0.1.0",
        subcommands: [CheckCommand.self, ScoreCommand.self, ExplainCommand.self, BreachesCommand.self,
                      AlertsCommand.self, CohortCommand.self, PanelCommand.self, DiffCommand.self, EqualityCommand.self,
                      TestCommand.self,
                      FmtCommand.self, GenerateCommand.self]
    )

    /// Parses and runs, mapping every outcome to the exit statuses of README.md (usage errors are 2, not 64).
    static func main() {
        MemoryTuning.keepFreedMemory()
        ExitStatus.terminate(run(arguments: Array(CommandLine.arguments.dropFirst())))
    }

    /// Runs `ppo` with `arguments` and returns the exit status.
    static func run(arguments: [String]) -> Int32 {
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
            return ExitStatus.success.rawValue
        } catch let failure as CommandFailure {
            if let message = failure.message {
                OutputWriter.standardError("Error: \(message)\n")
            }
            return failure.status.rawValue
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if code == .success {
                if !message.isEmpty { OutputWriter.write(message + "\n") }
                return ExitStatus.success.rawValue
            }
            if !message.isEmpty { OutputWriter.standardError(message + "\n") }
            return code == .validationFailure ? ExitStatus.usage.rawValue : code.rawValue
        }
    }
}

extension OutputWriter {
    /// Writes to standard output.
    static func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
