import Foundation
import Testing
@testable import PPOEngine

/// The reader fed in pieces (an HTTP body) reads exactly what `RecordReader` reads from the file.
@Suite struct RecordStreamTests {
    static let categories = Engine.load(files: ProjectFiles.shippedRules().map { SourceFile(path: $0.path, text: $0.text) })
        .categories

    static func bytes(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: ProjectFiles.root.appendingPathComponent("samples/\(name)")))
    }

    @Test(arguments: ["offenders.jsonl", "rejects.jsonl"])
    func piecesOfAnySizeReadAsTheFileDoes(_ name: String) throws {
        let bytes = try Self.bytes(name)
        let whole = RecordReader(categories: Self.categories).read(bytes: bytes, path: name)
        let fileLines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
        var rng = PPOEngine.SplitMix64(seed: 9)
        for digest in [true, false] {
            var stream = RecordStream(categories: Self.categories, path: name, digest: digest)
            var offenders: [Offender] = [], rejected: [RejectedRecord] = []
            func take(_ outcome: RecordOutcome, _ line: RecordLine) {
                switch outcome {
                case .offender(let offender):
                    offenders.append(offender)
                    // The record's own line, as in the file (which has no carriage returns).
                    #expect(Array(line.bytes) == Array(fileLines[offender.line - 1]))
                    #expect(Array(line.content) == Array(fileLines[offender.line - 1]))
                case .rejected(let record):
                    rejected.append(record)
                }
            }
            var start = 0
            while start < bytes.count {
                let end = min(bytes.count, start + 1 + rng.below(700))
                stream.feed(bytes[start..<end], take)
                start = end
            }
            let found = stream.finish(take)
            #expect(offenders == whole.offenders)
            #expect(rejected == whole.rejected)
            #expect(found == (digest ? whole.digest : ""))
            #expect(stream.bytesRead == bytes.count)
        }
    }
}
