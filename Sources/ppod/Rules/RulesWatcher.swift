import Foundation
import Logging
import PPOEngine
import ServiceLifecycle

/// Looks at the rules folders and the token file every `interval` and reloads what changed.
///
/// Polling rather than inotify: it works the same on every platform and file system (bind mounts,
/// network shares), and a look at a few dozen files each second costs nothing.
struct RulesWatcher: Service {
    let rules: LiveRules
    let tokens: TokenRegistry
    let metrics: Metrics
    let interval: Duration
    let logger: Logger
    /// The files as they were just before the rules and the tokens were first read: an edit made
    /// while the daemon was starting is still seen as a change.
    let rulesAtStart: FileFingerprint
    let tokensAtStart: FileFingerprint

    func run() async throws {
        // Cancelled (mid-sleep) when the daemon is asked to stop.
        await cancelWhenGracefulShutdown { await watch() }
    }

    private func watch() async {
        var rulesSeen = rulesAtStart
        var tokensSeen = tokensAtStart
        while !Task.isCancelled {
            do { try await Task.sleep(for: interval) } catch { return }
            let rulesNow = FileFingerprint.of(rules.paths)
            if rulesNow != rulesSeen {
                rulesSeen = rulesNow
                switch rules.reload() {
                case .unchanged:
                    break
                case .swapped(let digest):
                    metrics.count("ppod_rules_reloads_total")
                    logger.info("rules reloaded", metadata: ["digest": "\(digest)"])
                case .refused(let digest, let reason):
                    metrics.count("ppod_rules_reload_failures_total")
                    logger.error("rules edit refused: \(reason); the last good rules keep serving",
                                 metadata: ["digest": "\(digest)"])
                }
            }
            let tokensNow = FileFingerprint.of([tokens.path], suffix: nil)
            if tokensNow != tokensSeen {
                tokensSeen = tokensNow
                let reload = tokens.reload()
                if reload.problems.isEmpty {
                    logger.info("token file reloaded", metadata: ["tokens": "\(reload.tokens)"])
                    if reload.tokens == 0 { logger.error("the token file grants no tokens: every request is refused") }
                } else if !reload.readable {
                    logger.error("\(SafeText.escaped(reload.problems.joined(separator: "; "))): every token is revoked until it can be read",
                                 metadata: ["revoked": "\(reload.revoked)"])
                } else {
                    // Loud: a bad token file leaves fewer callers admitted than its author meant.
                    for problem in reload.problems { logger.error("token file: \(SafeText.escaped(problem))") }
                    logger.error("""
                        token file not taken as it is: new and changed lines wait until it is clean; \
                        tokens whose line is gone or bad are revoked
                        """,
                                 metadata: ["tokens": "\(reload.tokens)", "revoked": "\(reload.revoked)"])
                }
            }
        }
    }
}
