import Foundation
import Testing

/// `--rejects FILE` holds each rejected line byte for byte (SPEC §3), whichever way the command reads
/// its data.
@Suite(.tags(.engine)) struct VerbatimRejectsTests {
    static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    /// A rejected line per awkward case: (name, the line's bytes before its line feed).
    static let awkward: [(String, [UInt8])] = [
        ("invalid UTF-8", bytes(#"{"id": "X"#) + [0xFF, 0xC3, 0x28] + bytes(#""}"#)),
        ("a byte order mark on line 1", [0xEF, 0xBB, 0xBF] + bytes(#"{"id": 5}"#)),
        ("a CRLF line ending", bytes(#"{"id": "Y", "dob": "2025-02-29"}"#) + [0x0D]),
        ("a NUL byte", bytes(#"{"id": "Z","#) + [0x00] + bytes(#" "dob": "1990-01-01"}"#)),
    ]

    /// Each command reads `--data` on one of the two paths: the parallel ranker or the record reader.
    static let commands: [(String, [String])] = [
        ("score", ["score", "--matrix", "Northtown PPO"]),
        ("explain", ["explain", "A1", "--matrix", "Northtown PPO"]),
        ("breaches", ["breaches", "--checklist", "Test Premium Service"]),
        ("alerts", ["alerts"]),
    ]

    static func project(for command: String) throws -> Workspace {
        command == "score" || command == "explain" ? try Fixtures.project() : try CaseFixtures.project()
    }

    static func goodLine(for command: String) -> String {
        (command == "score" || command == "explain" ? Fixtures.data : CaseFixtures.data)
            .split(separator: "\n").first.map(String.init) ?? ""
    }

    @Test(arguments: 0..<4, 0..<4)
    func theRejectsFileHoldsTheLineExactly(awkward: Int, command: Int) throws {
        let (what, line) = Self.awkward[awkward]
        let (name, arguments) = Self.commands[command]
        let project = try Self.project(for: name)
        // The awkward line first (a byte order mark is only one on line 1), then a good record.
        let input = line + [0x0A] + Self.bytes(Self.goodLine(for: name)) + [0x0D, 0x0A]
        try project.write("in.jsonl", bytes: input)
        let result = try PPORunner.run(arguments + ["--data", "in.jsonl", "--as-of", "2026-11-23", "--format", "json",
                                                    "--rejects", "rejects.jsonl"], in: project)
        #expect(result.status == 3, "\(name), \(what): \(result)")
        #expect(try project.readBytes("rejects.jsonl") == line + [0x0A], "\(name), \(what)")
        #expect(result.stderr.hasPrefix("in.jsonl:1: "), "\(result)")
    }

    /// The rejects file and the accepted lines are the input's lines again, each once.
    @Test func acceptedLinesAndRejectsAreTheInput() throws {
        let project = try Fixtures.project()
        var lines = Self.awkward.map(\.1)
        lines.swapAt(0, 1)   // the byte order mark on line 1
        lines += Fixtures.data.split(separator: "\n").map { Self.bytes(String($0)) + [0x0D] }
        lines.append(Self.bytes(#"{"id": "A1", "name": "A repeat"}"#))
        let input: [UInt8] = lines.flatMap { (line: [UInt8]) -> [UInt8] in line + [0x0A] }
        try project.write("in.jsonl", bytes: input)
        let result = try project.ppo("score", "--matrix", "Northtown PPO", "--data", "in.jsonl", "--as-of", "2026-11-22",
                                     "--format", "json", "--rejects", "rejects.jsonl")
        #expect(result.status == 3, "\(result)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let ids = ((object["offenders"] as? [[String: Any]]) ?? []) + ((object["ineligible"] as? [[String: Any]]) ?? [])
        let accepted = Set(ids.compactMap { $0["id"] as? String })
        #expect(accepted == ["A1", "A2", "A3", "A4"])
        let acceptedLines = lines.filter { line in
            accepted.contains { line.starts(with: Self.bytes(#"{"id": "\#($0)", "name": "#)) }
                && !line.starts(with: Self.bytes(#"{"id": "A1", "name": "A repeat""#))
        }
        let rejectedLines = try project.readBytes("rejects.jsonl").split(separator: 0x0A, omittingEmptySubsequences: false)
            .dropLast().map(Array.init)
        #expect(rejectedLines.count == 5)
        let order = { (a: [UInt8], b: [UInt8]) in a.lexicographicallyPrecedes(b) }
        #expect((acceptedLines + rejectedLines).sorted(by: order) == lines.sorted(by: order))
    }
}
