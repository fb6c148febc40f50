import Foundation
import Testing

@Suite(.tags(.engine)) struct CheckCommandTests {
    @Test func cleanRulesExitZero() throws {
        let result = try Fixtures.project().ppo("check")
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.isEmpty, "\(result)")
        #expect(result.stderr == "0 errors, 0 warnings in 2 files\n", "\(result)")
    }

    /// A folder with no rules in it is a usage error naming it, never a clean check.
    @Test func anEmptyFolderIsAUsageError() throws {
        let project = try Fixtures.project()
        try project.write("empty/notes.txt", "no rules here")
        let result = try project.ppo("check", "--rules", "empty")
        #expect(result.status == 2, "\(result)")
        #expect(result.stderr.contains("no .ppo files to check in empty"), "\(result)")
    }

    @Test func aMisspelledCategoryIsShownWithACaret() throws {
        let project = try Fixtures.project()
        try project.write("matrices/northtown.ppo", Fixtures.misspelled)
        let result = try project.ppo("check")
        #expect(result.status == 1, "\(result)")
        #expect(result.stdout.contains("matrices/northtown.ppo:14:5: error: "), "\(result)")
        #expect(result.stdout.contains("shoplifitng"))
        #expect(result.stdout.contains("  14 |     shoplifitng        2\n     |     ^~~~~~~~~~~\n"), "\(result)")
        #expect(result.stdout.contains("note: did you mean 'shoplifting'?"), "\(result)")
        #expect(result.stderr.hasPrefix("1 error"), "\(result)")
        #expect(result.stderr.contains("in 2 files"), "\(result)")
    }

    @Test func jsonDiagnosticsForEditors() throws {
        let project = try Fixtures.project()
        try project.write("matrices/northtown.ppo", Fixtures.misspelled)
        let result = try project.ppo("check", "--format", "json")
        #expect(result.status == 1, "\(result)")
        let parsed = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]]
        let first = try #require(parsed?.first)
        #expect(first["file"] as? String == "matrices/northtown.ppo")
        #expect(first["line"] as? Int == 14)
        #expect(first["column"] as? Int == 5)
        #expect(first["severity"] as? String == "error")
        #expect(first["suggestion"] as? String == "shoplifting")
    }

    @Test func extraPathsAreCheckedToo() throws {
        let project = try Fixtures.project()
        try project.write("draft/new.ppo", Fixtures.misspelled.replacingOccurrences(of: "Northtown PPO", with: "Draft"))
        let result = try project.ppo("check", "draft/new.ppo")
        #expect(result.status == 1, "\(result)")
        #expect(result.stdout.contains("draft/new.ppo:"), "\(result)")
        #expect(result.stderr.contains("in 3 files"), "\(result)")
    }

    @Test func rulesReplacesTheDefaultDirectories() throws {
        let project = try Fixtures.project()
        try project.write("matrices/broken.ppo", "matrix \"Broken\"\n  capacity\n")
        try project.write("elsewhere/ok.ppo", Fixtures.matrix)
        let result = try project.ppo("check", "--rules", "elsewhere")
        #expect(result.status == 0, "\(result)")
        #expect(result.stderr.contains("in 1 file"), "\(result)")
    }

    /// The test calendar lists the holidays of 2026 only: from a year before its end `check` warns,
    /// without failing.
    @Test func aCalendarEndingWithinAYearIsAWarning() throws {
        let project = try CaseFixtures.project()
        let result = try project.ppo("check", "--as-of", "2026-11-23")
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout == """
            rules/calendar.ppo:1:10: warning: calendar 'test_days' lists holidays up to 2026: they run out on \
            2026-12-31, and working days after that will be counted as if there were none
              1 | calendar test_days
                |          ^~~~~~~~~
            note: add the holidays of 2027 to it

            """, "\(result)")
        #expect(result.stderr == "0 errors, 1 warning in 3 files\n", "\(result)")

        let json = try project.ppo("check", "--as-of", "2027-02-01", "--format", "json")
        #expect(json.status == 0, "\(json)")
        #expect(json.stdout.contains(#""id" : "calendar-ending""#) || json.stdout.contains(#""id": "calendar-ending""#), "\(json)")
        #expect(json.stdout.contains("they ran out on 2026-12-31"), "\(json)")

        let early = try project.ppo("check", "--as-of", "2025-12-30")
        #expect(early.status == 0, "\(early)")
        #expect(early.stdout.isEmpty, "\(early)")
        #expect(early.stderr == "0 errors, 0 warnings in 3 files\n", "\(early)")
    }

    @Test func outputGoesToAFile() throws {
        let project = try Fixtures.project()
        try project.write("matrices/northtown.ppo", Fixtures.misspelled)
        let result = try project.ppo("check", "--output", "diagnostics.json")
        #expect(result.status == 1, "\(result)")
        #expect(result.stdout.isEmpty)
        #expect(try project.read("diagnostics.json").hasPrefix("["))
    }
}
