import Foundation
import Testing
@testable import PPOEngine

/// The parallel, packed path gives exactly the ranking of the simple single-threaded one
/// (`RecordReader.read` then `CompiledMatrix.rank`): same offenders in the same order with the same
/// forms, same ineligible, same rejects with the same line numbers, same digest, same JSON bytes.
@Suite struct ParallelRankerTests {
    static let rules = Engine.load(files: ProjectFiles.shippedRules().map { SourceFile(path: $0.path, text: $0.text) })
    static let asOf = Day(year: 2026, month: 11, day: 22) ?? Day(ordinal: 0)

    /// Generated offenders with the awkward cases mixed in: the shipped samples and rejects, a
    /// repeated ids, a byte order mark, CRLF endings, blank lines, an ineligible child and no final newline.
    static let data: [UInt8] = {
        var text: [UInt8] = [0xEF, 0xBB, 0xBF]
        text += SyntheticPopulation(seed: 3).records(0..<600)
        for name in ["offenders.jsonl", "rejects.jsonl"] {
            text += (try? Data(contentsOf: ProjectFiles.root.appendingPathComponent("samples/\(name)"))).map(Array.init) ?? []
        }
        text += Array("\r\n\n   \n".utf8)
        text += Array(#"{"id":"S-0000007","name":"A repeat"}"#.utf8) + [0x0D, 0x0A]
        text += Array(#"{"id":"CHILD-1","dob":"2020-01-01","offences":[{"category":"arson","date":"2026-01-01","evidence":"convicted"}]}"#.utf8) + [0x0A]
        // Another seed reuses the ids S-0000001…: every one of these is a duplicate, rejected.
        text += SyntheticPopulation(seed: 4).records(0..<200)
        text += Array(#"{"id":"LAST","name":"No newline after me"}"#.utf8)
        return text
    }()

    static func reference(_ matrix: CompiledMatrix) -> Ranking {
        let batch = RecordReader(categories: rules.categories).read(bytes: data, path: "mixed.jsonl")
        return matrix.rank(batch.offenders, asOf: asOf, rulesDigest: "rules", dataDigest: batch.digest,
                           rejected: batch.rejected)
    }

    static func expectSame(_ packed: PackedRanking, _ reference: Ranking, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let unpacked = packed.ranking()
        #expect(unpacked.offenders.count == reference.offenders.count, sourceLocation: sourceLocation)
        #expect(unpacked.offenders == reference.offenders, sourceLocation: sourceLocation)
        #expect(unpacked.ineligible == reference.ineligible, sourceLocation: sourceLocation)
        #expect(unpacked.rejected == reference.rejected, sourceLocation: sourceLocation)
        #expect(unpacked.dataDigest == reference.dataDigest, sourceLocation: sourceLocation)
        for pretty in [true, false] {
            let streamed = RankingJSONStreamer(pretty: pretty, pieceSize: 4_096).render(packed)
            let rendered = Array(RankingJSONRenderer(pretty: pretty).render(reference).utf8)
            #expect(streamed == rendered, "JSON differs (pretty: \(pretty))", sourceLocation: sourceLocation)
        }
    }

    @Test(arguments: [1, 2, 3], [512, 65_536, 1 << 21])
    func parallelRankingIsTheSingleThreadedRanking(threads: Int, blockSize: Int) throws {
        let matrix = try #require(Self.rules.matrix(named: "Prolific Offender Prioritisation"))
        let reference = Self.reference(matrix)
        #expect(reference.offenders.count > 600)
        #expect(!reference.ineligible.isEmpty)
        #expect(reference.rejected.count >= 207)
        #expect(reference.rejected.contains { $0.reason.hasPrefix("duplicate id \"S-0000007\"") })
        let packed = ParallelRanker(matrix: matrix, categories: Self.rules.categories, asOf: Self.asOf,
                                    threads: threads, blockSize: blockSize)
            .rank(bytes: Self.data, path: "mixed.jsonl", rulesDigest: "rules")
        Self.expectSame(packed, reference)
    }

    @Test func readingAFileGivesWhatReadingBytesGives() throws {
        let matrix = try #require(Self.rules.matrix(named: "Prolific Offender Prioritisation"))
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("ppo-parallel-\(UUID().uuidString).jsonl")
        try Data(Self.data).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let ranker = ParallelRanker(matrix: matrix, categories: Self.rules.categories, asOf: Self.asOf,
                                    threads: 2, blockSize: 100_000)
        let fromFile = try ranker.rank(path: url.path, rulesDigest: "rules")
        let reference = Self.reference(matrix)
        #expect(fromFile.rejected.allSatisfy { $0.file == url.path })
        let relabelled = Ranking(matrix: reference.matrix, version: reference.version, asOf: reference.asOf,
                                 rulesDigest: reference.rulesDigest, dataDigest: reference.dataDigest,
                                 capacity: reference.capacity, offenders: reference.offenders,
                                 ineligible: reference.ineligible,
                                 rejected: reference.rejected.map {
                                     RejectedRecord(file: url.path, line: $0.line, reason: $0.reason, bytes: $0.bytes)
                                 })
        Self.expectSame(fromFile, relabelled)
        #expect(throws: ReadError.self) { try ranker.rank(path: url.path + ".missing", rulesDigest: "rules") }
    }

    /// Weighting on each category and a tie at the capacity line, which the shipped matrix lacks.
    @Test func eachCategoryWeightingAndTiesAgreeToo() throws {
        let text = WeightingTests.matrix("each", "    burglary_dwelling 6\n    auto_crime 4\n")
            .replacingOccurrences(of: "  weighting", with: "  capacity 3\n  weighting")
        let rules = Fixture.rules(text)
        let matrix = try Fixture.matrix(text)
        var records = ""
        for n in 0..<40 {
            let offences = (0..<(n % 5)).map { WeightingTests.offence("O\(n)-\($0)", ["burglary_dwelling", "twoc", "assault"][$0 % 3]) }
            records += #"{"id":"P\#(n)","flags":[\#(n % 4 == 0 ? "\"cdrp_priority\"" : "")],"offences":[\#(offences.joined(separator: ","))]}"# + "\n"
        }
        let bytes = Array(records.utf8)
        let batch = RecordReader(categories: rules.categories).read(bytes: bytes, path: "w.jsonl")
        let reference = matrix.rank(batch.offenders, asOf: Self.asOf, rulesDigest: "r", dataDigest: batch.digest,
                                    rejected: batch.rejected)
        #expect(reference.offenders.contains { $0.tieAtCapacity })
        let packed = ParallelRanker(matrix: matrix, categories: rules.categories, asOf: Self.asOf, threads: 2,
                                    blockSize: 300).rank(bytes: bytes, path: "w.jsonl", rulesDigest: "r")
        Self.expectSame(packed, reference)
    }

    @Test func emptyInput() throws {
        let matrix = try #require(Self.rules.matrix(named: "Prolific Offender Prioritisation"))
        let packed = ParallelRanker(matrix: matrix, categories: Self.rules.categories, asOf: Self.asOf, threads: 2)
            .rank(bytes: [], path: "empty.jsonl", rulesDigest: "r")
        let reference = matrix.rank([], asOf: Self.asOf, rulesDigest: "r", dataDigest: SHA256.hex(of: [UInt8]()), rejected: [])
        Self.expectSame(packed, reference)
    }
}
