#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// What `ppo`'s exit status tells a script (README.md, "Exit status").
enum ExitStatus: Int32, Sendable {
    /// Everything worked.
    case success = 0
    /// The rule files have errors: diagnostics were printed and nothing was evaluated.
    case ruleErrors = 1
    /// The command line was wrong: an unknown option or name, a bad date, an unreadable data file.
    case usage = 2
    /// The output was written, but some input records were rejected.
    case recordsRejected = 3
    /// `ppo test` found expectations that failed.
    case testsFailed = 4
    /// `ppo fmt` found it could not lay a file out without changing what it means (a bug in ppo); the
    /// file was left as it was.
    case internalError = 5

    /// Ends the process with `status`, flushing standard output first.
    static func terminate(_ status: Int32) -> Never {
        exit(status)
    }
}

/// Ends a command with a status other than success, optionally with a message for standard error.
struct CommandFailure: Error, Sendable {
    let status: ExitStatus
    /// Printed to standard error as `Error: …`; `nil` when the command already said what went wrong.
    let message: String?

    init(_ status: ExitStatus, _ message: String? = nil) {
        self.status = status
        self.message = message
    }

    /// A mistake on the command line that parsing alone could not catch.
    static func usage(_ message: String) -> CommandFailure { CommandFailure(.usage, message) }
}
