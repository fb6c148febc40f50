import Foundation
import Testing

@Suite(.tags(.engine)) struct TestCommandTests {
    @Test func passingTestsExitZero() throws {
        let result = try Fixtures.project().ppo("test")
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout == "PASS northtown sample\n1 passed, 0 failed\n", "\(result)")
    }

    @Test func failedExpectationsExitFourWithTheirLocation() throws {
        let project = try Fixtures.project()
        try project.write("extra/failing.ppo", Fixtures.failingTest)
        let result = try project.ppo("test", "extra/failing.ppo")
        #expect(result.status == 4, "\(result)")
        #expect(result.stdout.contains("FAIL wrong on purpose\n"), "\(result)")
        #expect(result.stdout.contains("  extra/failing.ppo:5:"), "\(result)")
        #expect(!result.stdout.contains("northtown sample"), "only the tests in the PATH run")
        #expect(result.stdout.hasSuffix("0 passed, 1 failed\n"), "\(result)")
    }

    @Test func allTestsRunWithoutPaths() throws {
        let project = try Fixtures.project()
        try project.write("rules/failing.ppo", Fixtures.failingTest)
        let result = try project.ppo("test")
        #expect(result.status == 4, "\(result)")
        #expect(result.stdout.contains("PASS northtown sample"), "\(result)")
        #expect(result.stdout.hasSuffix("1 passed, 1 failed\n"), "\(result)")
    }

    @Test func ruleErrorsExitOne() throws {
        let project = try Fixtures.project()
        try project.write("matrices/northtown.ppo", Fixtures.misspelled)
        let result = try project.ppo("test")
        #expect(result.status == 1, "\(result)")
        #expect(result.stdout.isEmpty, "\(result)")
        #expect(result.stderr.contains("error:"), "\(result)")
    }
}
