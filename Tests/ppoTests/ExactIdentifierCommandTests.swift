import Foundation
import Testing

/// Ids from data, and names given on the command line, compare by their exact UTF-8 bytes
/// (docs/decisions.md, "Identifiers"): `"\u00e9"` and `"e\u0301"` are two offenders, as they are to
/// JSON, SQLite and the systems that send the records.
@Suite(.tags(.engine)) struct ExactIdentifierCommandTests {
    static let nfc = "\u{E9}", nfd = "e\u{301}"

    /// A record for `id` (JSON text of the id, quotes included) with `offences` convicted shoplifting offences.
    static func record(_ id: String, offences: Int = 1) -> String {
        let list = (1...offences).map { n in
            #"{"id": "O\#(n)", "category": "shoplifting", "date": "2026-05-01", "evidence": "convicted"}"#
        }
        return #"{"id": \#(id), "name": "Same Looking", "dob": "1990-01-01", "offences": [\#(list.joined(separator: ", "))]}"#
    }

    static func ids(_ object: [String: Any]) -> [[UInt8]] {
        (object["offenders"] as? [[String: Any]] ?? []).map { Array(($0["id"] as? String ?? "").utf8) }
    }

    func json(_ result: PPOResult) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], "\(result)")
    }

    /// Ids that Swift's `==` calls equal (é precomposed and decomposed) or that differ by a
    /// second space are four offenders, not duplicates; tied on score and latest offence, they rank
    /// by their bytes.
    /// Written as `\u` escapes (the careful decoder) or as raw UTF-8 (the fast one).
    @Test(arguments: [true, false])
    func normalisationDistinctIdsAreScoredAsTwoOffenders(escaped: Bool) throws {
        let ids = escaped ? [#""\u00e9""#, #""e\u0301""#, #""Q\u0020\u00201""#, #""Q 1""#]
            : ["\"\u{E9}\"", "\"e\u{301}\"", #""Q  1""#, #""Q 1""#]
        let project = try Fixtures.project()
        try project.write("same.jsonl", ids.map { Self.record($0) }.joined(separator: "\n") + "\n")
        let result = try PPORunner.run(["score", "--matrix", "Northtown PPO", "--data", "same.jsonl",
                                        "--as-of", "2026-11-22", "--format", "json"], in: project)
        #expect(result.status == 0, "\(result)")
        #expect(!result.stderr.contains("duplicate id"), "\(result)")
        let object = try json(result)
        #expect((object["rejected"] as? [Any])?.isEmpty == true, "\(result)")
        #expect(Self.ids(object) == ["Q  1", "Q 1", Self.nfd, Self.nfc].map { Array($0.utf8) }, "\(result)")
    }

    /// `ppo explain ID` picks the offender whose id has exactly ID's bytes.
    @Test(arguments: [(nfd, 2), (nfc, 4)])
    func explainFindsTheOffenderByItsBytes(id: String, score: Int) throws {
        let project = try Fixtures.project()
        try project.write("same.jsonl", Self.record(#""\u00e9""#, offences: 2) + "\n" + Self.record(#""e\u0301""#) + "\n")
        let result = try PPORunner.run(["explain", id, "--matrix", "Northtown PPO", "--data", "same.jsonl",
                                        "--as-of", "2026-11-22", "--format", "json"], in: project)
        #expect(result.status == 0, "\(result)")
        let object = try json(result)
        #expect(Array((object["id"] as? String ?? "").utf8) == Array(id.utf8), "\(result)")
        #expect(object["score"] as? Int == score, "\(result)")
    }

    /// `--owner` names an owner by its bytes: the Kelvin sign is not K.
    @Test func ownerIsMatchedByItsBytes() throws {
        let project = try CaseFixtures.project()
        try project.write("rules/premium.ppo", CaseFixtures.checklist.replacingOccurrences(of: "owner police", with: "owner Kent"))
        let base = ["breaches", "--checklist", "Test Premium Service", "--data", "data.jsonl", "--as-of", "2026-11-23",
                    "--format", "json"]
        let kent = try PPORunner.run(base + ["--owner", "Kent"], in: project)
        #expect(kent.status == 0, "\(kent)")
        let kelvin = try PPORunner.run(base + ["--owner", "\u{212A}ent"], in: project)
        #expect(kelvin.status == 2, "\(kelvin)")
        #expect(kelvin.stderr.contains("unknown owner '\u{212A}ent'"), "\(kelvin)")
        #expect(kelvin.stderr.contains("did you mean 'Kent'?"), "\(kelvin)")
    }
}
