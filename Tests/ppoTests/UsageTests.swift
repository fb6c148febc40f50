import Foundation
import Testing

/// Argument parsing alone: these hold whatever the engine does.
@Suite struct UsageTests {
    @Test(arguments: [
        ["--help"], ["check", "--help"], ["score", "--help"], ["explain", "--help"], ["breaches", "--help"],
        ["alerts", "--help"], ["test", "--help"], ["help", "score"], ["score", "-h"],
    ])
    func helpExitsZeroWithAnExample(arguments: [String]) throws {
        let result = try PPORunner.run(arguments, in: Workspace())
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("Example:"), "\(result)")
        #expect(result.stdout.contains("ppo "))
        #expect(result.stderr.isEmpty)
    }

    @Test func versionExitsZero() throws {
        let result = try PPORunner.run(["--version"], in: Workspace())
        #expect(result.status == 0)
        #expect(!result.stdout.isEmpty)
    }

    @Test(arguments: [
        ["frobnicate"],
        ["score", "--bogus"],
        ["score", "--data", "data.jsonl"],
        ["score", "--matrix", "Northtown PPO"],
        ["score", "--matrix", "M", "--data", "data.jsonl", "--as-of", "2025-02-29"],
        ["score", "--matrix", "M", "--data", "data.jsonl", "--as-of", "2026-13-01"],
        ["score", "--matrix", "M", "--data", "data.jsonl", "--as-of", "22/11/2026"],
        ["score", "--matrix", "M", "--data", "data.jsonl", "--as-of", "today"],
        ["score", "--matrix", "M", "--data", "data.jsonl", "--format", "xml"],
        ["score", "--matrix", "M", "--data", "data.jsonl", "--rules", "no-such-directory"],
        ["explain", "--matrix", "M", "--data", "data.jsonl"],
        ["explain", "A1", "--data", "data.jsonl"],
        ["check", "--format", "csv"],
        ["check", "--rules", "no-such-directory"],
        ["test", "--as-of", "2026-11-22"],
        ["breaches", "--data", "data.jsonl"],
        ["breaches", "--checklist", "C"],
        ["breaches", "--checklist", "C", "--data", "data.jsonl", "--format", "xml"],
        ["breaches", "--checklist", "nowhere.ppo", "--data", "data.jsonl"],
        ["alerts"],
        ["alerts", "--data", "data.jsonl", "--severity", "urgent"],
        ["alerts", "--data", "data.jsonl", "--alerts", "nowhere.ppo"],
        ["alerts", "--data", "data.jsonl", "--as-of", "2026-02-30"],
    ])
    func usageErrorsExitTwo(arguments: [String]) throws {
        let result = try PPORunner.run(arguments, in: Fixtures.project())
        #expect(result.status == 2, "\(result)")
        #expect(result.stderr.contains("Error:"), "\(result)")
        #expect(result.stdout.isEmpty)
    }

    @Test func anImpossibleDateIsNamed() throws {
        let result = try PPORunner.run(["score", "--matrix", "M", "--data", "d", "--as-of", "2025-02-29"],
                                       in: Workspace())
        #expect(result.status == 2)
        #expect(result.stderr.contains("'2025-02-29' is not a real date"), "\(result)")
    }

    @Test(arguments: [["check"], ["test"], ["score", "--matrix", "M", "--data", "d.jsonl"],
                      ["breaches", "--checklist", "C", "--data", "d.jsonl"], ["alerts", "--data", "d.jsonl"]])
    func nothingToLoadIsAUsageError(arguments: [String]) throws {
        let result = try PPORunner.run(arguments, in: Workspace())
        #expect(result.status == 2, "\(result)")
        #expect(result.stderr.contains("no rules to load"), "\(result)")
    }

    @Test func aMissingMatrixFileIsAUsageError() throws {
        let result = try Fixtures.project().ppo("score", "--matrix", "nowhere.ppo", "--data", "data.jsonl")
        #expect(result.status == 2, "\(result)")
        #expect(result.stderr.contains("no such file 'nowhere.ppo'"), "\(result)")
    }
}
