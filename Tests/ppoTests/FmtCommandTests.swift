import Foundation
import Testing

/// `ppo fmt` end to end: rewriting in place, `--check`, `--diff`, standard input, and files it must
/// leave alone (syntax errors, bytes that are not UTF-8, hostile input). Each run waits on a thread of
/// its own (`PPORunner.detached`), so the tests do not hold the threads the ppod suites need.
@Suite struct FmtCommandTests {
    /// A small file in no particular layout, and the same file as `ppo fmt` writes it.
    static let messy = "matrix   \"Messy\"\r\n"
        + "      window 3 years   # recent only\r\n"
        + "  offences\r\n"
        + "\r\n"
        + "    shoplifting 2\r\n"
        + "      burglary_dwelling \"Burglary dwelling\" 4 series 5\r\n"
        + "  end\r\n"
        + "  factor \"Arrests\"=3*count( arrests within 12 months )\r\n"
        + "\r\n\r\n\r\n"
        + "end\r\n\r\n"
    static let tidy = """
        matrix "Messy"
          window 3 years  # recent only
          offences
            shoplifting                           2
            burglary_dwelling "Burglary dwelling" 4 series 5
          end
          factor "Arrests" = 3 * count(arrests within 12 months)
        end

        """

    static func project(_ files: [String: String]) throws -> Workspace {
        try Workspace(files)
    }

    @Test func rewritesInPlaceAndNamesTheFilesItChanged() async throws {
        let project = try Self.project(["matrices/messy.ppo": Self.messy, "rules/tidy.ppo": Self.tidy])
        let result = try await PPORunner.detached(["fmt"], in: project)
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout == "matrices/messy.ppo\n", "\(result)")
        #expect(try project.read("matrices/messy.ppo") == Self.tidy)
        #expect(try project.read("rules/tidy.ppo") == Self.tidy)
        // Formatting a formatted tree changes nothing and says nothing.
        let again = try await PPORunner.detached(["fmt"], in: project)
        #expect(again.status == 0 && again.stdout.isEmpty, "\(again)")
    }

    @Test func keepsTheFileMode() async throws {
        let project = try Self.project(["rules/messy.ppo": Self.messy])
        let path = project.url.appendingPathComponent("rules/messy.ppo").path
        try FileManager.default.setAttributes([.posixPermissions: NSNumber(value: 0o640)], ofItemAtPath: path)
        let result = try await PPORunner.detached(["fmt", "rules/messy.ppo"], in: project)
        #expect(result.status == 0, "\(result)")
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber
        #expect(mode?.intValue == 0o640)
        #expect(try project.read("rules/messy.ppo") == Self.tidy)
        // No temporary file is left beside it.
        let left = try FileManager.default.contentsOfDirectory(atPath: project.url.appendingPathComponent("rules").path)
        #expect(left == ["messy.ppo"], "\(left)")
    }

    @Test func checkListsWhatWouldChangeAndChangesNothing() async throws {
        let project = try Self.project(["matrices/messy.ppo": Self.messy, "rules/tidy.ppo": Self.tidy])
        let result = try await PPORunner.detached(["fmt", "--check"], in: project)
        #expect(result.status == 1, "\(result)")
        #expect(result.stdout == "matrices/messy.ppo\n", "\(result)")
        #expect(result.stderr.contains("1 file is not in the canonical layout"), "\(result)")
        #expect(try project.readBytes("matrices/messy.ppo") == Array(Self.messy.utf8))

        let clean = try await PPORunner.detached(["fmt", "--check", "rules"], in: project)
        #expect(clean.status == 0 && clean.stdout.isEmpty && clean.stderr.isEmpty, "\(clean)")
    }

    @Test func diffShowsTheChangeAndChangesNothing() async throws {
        let project = try Self.project(["rules/messy.ppo": Self.messy])
        let result = try await PPORunner.detached(["fmt", "--diff", "rules/messy.ppo"], in: project)
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.hasPrefix("--- rules/messy.ppo\n+++ rules/messy.ppo (formatted)\n@@ -1,"), "\(result)")
        #expect(result.stdout.contains("\n+  factor \"Arrests\" = 3 * count(arrests within 12 months)\n"), "\(result)")
        #expect(result.stdout.contains("\n-  factor \"Arrests\"=3*count( arrests within 12 months )\r\n"), "\(result)")
        #expect(try project.readBytes("rules/messy.ppo") == Array(Self.messy.utf8))

        let both = try await PPORunner.detached(["fmt", "--check", "--diff", "rules/messy.ppo"], in: project)
        #expect(both.status == 1 && both.stdout == result.stdout, "\(both)")
    }

    @Test(arguments: [["-"], ["--stdin"]])
    func standardInputToStandardOutput(arguments: [String]) async throws {
        let project = try Self.project([:])
        let result = try await PPORunner.detached(["fmt"] + arguments, in: project, input: Data(Self.messy.utf8))
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout == Self.tidy, "\(result)")

        let check = try await PPORunner.detached(["fmt", "--check"] + arguments, in: project, input: Data(Self.messy.utf8))
        #expect(check.status == 1 && check.stdout.isEmpty, "\(check)")
        let formatted = try await PPORunner.detached(["fmt", "--check"] + arguments, in: project, input: Data(Self.tidy.utf8))
        #expect(formatted.status == 0, "\(formatted)")
    }

    @Test func standardInputGoesAlone() async throws {
        let project = try Self.project(["rules/tidy.ppo": Self.tidy])
        let result = try await PPORunner.detached(["fmt", "-", "rules/tidy.ppo"], in: project)
        #expect(result.status == 2, "\(result)")
    }

    @Test func aFileWithSyntaxErrorsIsReportedLikeCheckAndLeftAlone() async throws {
        let broken = "matrix \"Broken\"\n  windw 3 years\nend\n"
        let project = try Self.project(["rules/broken.ppo": broken, "rules/messy.ppo": Self.messy])
        let result = try await PPORunner.detached(["fmt"], in: project)
        #expect(result.status == 1, "\(result)")
        #expect(result.stderr.contains("rules/broken.ppo:2:3: error: unknown clause 'windw' in matrix \"Broken\"\n  2 |   windw 3 years\n    |   ^~~~~\n"),
                "\(result)")
        #expect(result.stderr.contains("1 file not formatted"), "\(result)")
        #expect(try project.read("rules/broken.ppo") == broken)
        // The other files are still formatted.
        #expect(try project.read("rules/messy.ppo") == Self.tidy)
        // The same text and status as `ppo check` for the same file.
        let check = try await PPORunner.detached(["check", "--rules", "rules/broken.ppo"], in: project)
        #expect(check.status == result.status)
        #expect(result.stderr.contains(check.stdout), "\(check)")
    }

    @Test func bytesThatAreNotUTF8AreLeftAlone() async throws {
        let project = try Self.project([:])
        var bytes = Array("matrix \"M\"\n  # caf".utf8) + [0xE9] + Array(" au lait\n   capacity 2\nend\n".utf8)
        try project.write("rules/latin1.ppo", bytes: bytes)
        let result = try await PPORunner.detached(["fmt", "rules/latin1.ppo"], in: project)
        #expect(result.status == 1, "\(result)")
        #expect(result.stderr.contains("rules/latin1.ppo:2: error: not valid UTF-8"), "\(result)")
        #expect(try project.readBytes("rules/latin1.ppo") == bytes)
        bytes = Array("matrix \"M\"\nend\n".utf8)
        try project.write("rules/latin1.ppo", bytes: bytes)
        #expect(try await PPORunner.detached(["fmt", "--check", "rules/latin1.ppo"], in: project).status == 0)
    }

    @Test func hostileInputNeverCrashes() async throws {
        let project = try Self.project([:])
        let huge = "categories\n  " + (0..<20_000).map { "c\($0)" }.joined(separator: ",   ") + "\nend\n"
        let deep = "matrix \"D\"\n  eligible when " + String(repeating: "(", count: 50_000) + "a"
            + String(repeating: ")", count: 50_000) + "\nend\n"
        try project.write("rules/huge.ppo", huge)
        try project.write("rules/deep.ppo", deep)
        try project.write("rules/nul-in-comment.ppo", bytes: Array("matrix \"N\" # a\0b\nend\n".utf8))
        try project.write("rules/nul-in-code.ppo", bytes: Array("matrix \"N\"\0\nend\n".utf8))
        try project.write("rules/long-comment.ppo", "# " + String(repeating: "x", count: 1_000_000) + "\n")

        let result = try await PPORunner.detached(["fmt", "rules"], in: project)
        #expect(result.status == 1, "\(result)")
        #expect(result.stdout == "rules/huge.ppo\nrules/nul-in-comment.ppo\n", "\(result)")
        #expect(result.stderr.contains("rules/deep.ppo:2:"), "\(result)")
        #expect(result.stderr.contains("rules/nul-in-code.ppo:1:11: error: unexpected character U+0000"), "\(result)")
        #expect(try project.read("rules/huge.ppo").hasPrefix("categories\n  c0, c1, c2,"))
        #expect(try project.readBytes("rules/nul-in-comment.ppo") == Array("matrix \"N\"  # a\0b\nend\n".utf8))
        let again = try await PPORunner.detached(["fmt", "--check", "rules/huge.ppo", "rules/nul-in-comment.ppo", "rules/long-comment.ppo"], in: project)
        #expect(again.status == 0, "\(again)")
    }

    @Test func missingPathsAndFoldersAreUsageErrors() async throws {
        let project = try Self.project([:])
        let none = try await PPORunner.detached(["fmt"], in: project)
        #expect(none.status == 2, "\(none)")
        #expect(none.stderr.contains("no matrices/ or rules/ directory here"), "\(none)")
        let missing = try await PPORunner.detached(["fmt", "nowhere.ppo"], in: project)
        #expect(missing.status == 2, "\(missing)")
        #expect(missing.stderr.contains("no such file or directory: nowhere.ppo"), "\(missing)")
    }

    @Test func aLinkIsFollowedNotReplaced() async throws {
        let project = try Self.project(["shared/messy.ppo": Self.messy])
        try FileManager.default.createDirectory(at: project.url.appendingPathComponent("rules"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: project.url.appendingPathComponent("rules/link.ppo").path,
                                                   withDestinationPath: "../shared/messy.ppo")
        let result = try await PPORunner.detached(["fmt", "rules/link.ppo"], in: project)
        #expect(result.status == 0, "\(result)")
        #expect(try project.read("shared/messy.ppo") == Self.tidy)
        let link = try FileManager.default.destinationOfSymbolicLink(atPath: project.url.appendingPathComponent("rules/link.ppo").path)
        #expect(link == "../shared/messy.ppo")
    }
}
