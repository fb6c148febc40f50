import Foundation
import Testing
@testable import PPOEngine

@Suite struct DiagnosticRendererTests {
    /// A source set of three files and a way to point at text in them.
    struct Fixture {
        var sources = SourceSet()

        init() {
            var northtown = (1...13).map { "# line \($0)" }
            northtown.append("    burglary_dweling  4  series 5")
            northtown.append("  factor \"Impact\" = match impact")
            northtown.append("    serious -> 5 +")
            northtown.append("      2")
            northtown.append("  end")
            northtown.append("    \"Zoë café\" crime  4")
            sources.add(SourceFile(path: "matrices/northtown.ppo", text: northtown.joined(separator: "\n") + "\n"))

            var long = (1...1004).map { _ in "" }
            long.append("\t\tshoplifting\t2 series  3")
            long.append("  tiers")
            sources.add(SourceFile(path: "rules/long.ppo", text: long.joined(separator: "\n")))

            sources.add(SourceFile(path: "rules/crlf.ppo", text: "matrix \"M\"\r\n  capacity x\r\n"))
        }

        /// The range of the `occurrence`-th `needle` (1-based) in file `file`, optionally widened to `through`.
        func range(_ needle: String, in file: Int, occurrence: Int = 1, through end: String? = nil) -> SourceRange {
            let text = sources[file]?.text ?? ""
            var searchStart = text.startIndex
            var found: Range<String.Index>? = nil
            for _ in 0..<occurrence {
                found = text.range(of: needle, range: searchStart..<text.endIndex)
                searchStart = found?.upperBound ?? text.endIndex
            }
            guard let hit = found else { return SourceRange(file: file, start: 0, end: 0) }
            let start = text.utf8.distance(from: text.startIndex, to: hit.lowerBound)
            var stop = text.utf8.distance(from: text.startIndex, to: hit.upperBound)
            if let end, let tail = text.range(of: end, range: hit.upperBound..<text.endIndex) {
                stop = text.utf8.distance(from: text.startIndex, to: tail.upperBound)
            }
            return SourceRange(file: file, start: start, end: stop)
        }

        var diagnostics: [Diagnostic] {
            [
                .error(.unknownCategory, "unknown category 'burglary_dweling'",
                       at: range("burglary_dweling", in: 0), suggestion: "burglary_dwelling"),
                .error(.typeMismatch, "'+' needs two numbers",
                       at: range("5 +", in: 0, through: "2"),
                       notes: ["the expression continues on the next line", "points must be a number"]),
                .warning(.unreachableArm, "this arm can never match", at: range("serious", in: 0)),
                .error(.unknownCategory, "unknown category 'Zoë café'", at: range("\"Zoë café\"", in: 0)),
                .error(.unknownCategory, "unknown category 'crime'", at: range("crime", in: 0)),
                .error(.unknownCategory, "unknown category 'shoplifting'", at: range("shoplifting", in: 1),
                       suggestion: "shop_lifting"),
                .error(.expectedToken, "expected a number after 'series'", at: range("2 series  3", in: 1)),
                .error(.missingEnd, "expected 'end' to close 'tiers'", at: range("tiers", in: 1)),
                .error(.invalidValue, "capacity must be a whole number", at: range("x", in: 2, occurrence: 2)),
                .error(.missingEnd, "expected 'end' to close 'matrix'",
                       at: SourceRange(file: 2, start: 27, end: 27)),
                .error(.unreadableFile, "cannot read 'rules/missing.ppo': no such file", at: nil),
                .warning(.unreachableArm, "event type \"tab\there\" is not declared", at: nil,
                         suggestion: "tab_here", notes: ["quote \"\\\" backslash"]),
            ]
        }
    }

    @Test func rendersTheSpecExampleExactly() {
        let fixture = Fixture()
        let text = DiagnosticRenderer(sources: fixture.sources).text(fixture.diagnostics[0])
        #expect(text == """
            matrices/northtown.ppo:14:5: error: unknown category 'burglary_dweling'
              14 |     burglary_dweling  4  series 5
                 |     ^~~~~~~~~~~~~~~~
            note: did you mean 'burglary_dwelling'?

            """)
    }

    @Test func textGolden() {
        let fixture = Fixture()
        Golden.check(DiagnosticRenderer(sources: fixture.sources).text(fixture.diagnostics), "diagnostics.txt")
    }

    @Test func jsonGolden() {
        let fixture = Fixture()
        Golden.check(DiagnosticRenderer(sources: fixture.sources).json(fixture.diagnostics), "diagnostics.json")
    }

    @Test func jsonParsesAndKeepsKeyOrder() throws {
        let fixture = Fixture()
        let text = DiagnosticRenderer(sources: fixture.sources).json(fixture.diagnostics)
        let parsed = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]]
        #expect(parsed?.count == fixture.diagnostics.count)
        #expect(parsed?.first?["suggestion"] as? String == "burglary_dwelling")
        #expect(parsed?.first?["end_column"] as? Int == 21)
        #expect(parsed?.last?["file"] is NSNull)
        let keys = ["file", "line", "column", "end_line", "end_column", "severity", "id", "message", "suggestion", "notes"]
        let positions = keys.compactMap { text.range(of: "\"\($0)\":")?.lowerBound }
        #expect(positions == positions.sorted() && positions.count == keys.count)
    }

    @Test func aRangeInAFileNotInTheSetPrintsOnlyTheMessage() {
        let diagnostic = Diagnostic.error(.unknownName, "unknown name 'x'", at: SourceRange(file: 9, start: 0, end: 1))
        #expect(DiagnosticRenderer(sources: SourceSet()).text(diagnostic) == "error: unknown name 'x'\n")
    }

    @Test(arguments: [
        (0, 0, 1, "0 errors, 0 warnings in 1 file"),
        (1, 0, 2, "1 error, 0 warnings in 2 files"),
        (2, 1, 3, "2 errors, 1 warning in 3 files"),
        (0, 5, 0, "0 errors, 5 warnings in 0 files"),
    ])
    func summary(errors: Int, warnings: Int, files: Int, expected: String) {
        let diagnostics = Array(repeating: Diagnostic.error(.unknownName, "e", at: nil), count: errors)
            + Array(repeating: Diagnostic.warning(.unknownName, "w", at: nil), count: warnings)
            + [Diagnostic(.unknownName, .note, "n", at: nil)]
        #expect(DiagnosticRenderer.summary(diagnostics, files: files) == expected)
    }
}
