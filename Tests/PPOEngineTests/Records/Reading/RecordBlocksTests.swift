import Foundation
import Testing
@testable import PPOEngine

/// Blocks of whole lines decoded apart and merged in order read exactly what `RecordStream` reads:
/// the same records with the same lines, the same rejects with the same bytes, reasons and numbers.
@Suite struct RecordBlocksTests {
    static let categories = RecordStreamTests.categories

    /// What a reader made of an input, comparable line by line.
    enum Seen: Equatable {
        case offender(id: String, area: String?, line: Int, text: [UInt8], content: [UInt8])
        case rejected(RejectedRecord)
    }

    static func streamed(_ bytes: [UInt8], path: String) -> [Seen] {
        var stream = RecordStream(categories: categories, path: path, digest: false)
        var seen: [Seen] = []
        func take(_ outcome: RecordOutcome, _ line: RecordLine) {
            switch outcome {
            case .offender(let offender):
                seen.append(.offender(id: offender.id, area: offender.area, line: offender.line,
                                      text: Array(line.bytes), content: Array(line.content)))
            case .rejected(let record):
                seen.append(.rejected(record))
            }
        }
        stream.feed(bytes[...], take)
        _ = stream.finish(take)
        return seen
    }

    /// `bytes` cut into blocks of whole lines of at least `size` bytes (the last may be shorter and
    /// lack its line feed), decoded and merged.
    static func blocked(_ bytes: [UInt8], size: Int, path: String) -> [Seen] {
        let decoder = RecordBlockDecoder(categories: categories, digests: true)
        var merger = RecordBlockMerger(path: path)
        let digester = SHA256Digester()
        var seen: [Seen] = []
        var start = 0, first = true
        while start < bytes.count {
            var end = min(bytes.count, start + size)
            if let newline = bytes[(end - 1)...].firstIndex(of: 0x0A) { end = newline + 1 } else { end = bytes.count }
            let block = Array(bytes[start..<end])
            merger.merge(decoder.decode(block, startsInput: first), of: block) { line in
                switch line {
                case .offender(let offender):
                    #expect(offender.digest == digester.digest(Array(block[offender.content])))
                    seen.append(.offender(id: offender.id, area: offender.area, line: offender.line,
                                          text: Array(block[offender.text]), content: Array(block[offender.content])))
                case .rejected(let record):
                    seen.append(.rejected(record))
                }
            }
            first = false
            start = end
        }
        #expect(merger.lineCount == bytes.split(separator: 0x0A, omittingEmptySubsequences: false).count
                - (bytes.last == 0x0A ? 1 : 0))
        return seen
    }

    static let awkward: [UInt8] = {
        let good = #"{"id": "A-1", "name": "Ann Example", "dob": "1990-01-01", "area": "Northtown"}"#
        let other = #"{"id": "A-2", "name": "Bob Example", "dob": "1991-02-03"}"#
        var bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array(good.utf8) + [0x0D, 0x0A]
        bytes += Array("\n   \t\n".utf8)
        bytes += Array(other.utf8) + [0x0D, 0x0A]
        bytes += Array(#"{"id": "A-1", "name": "Duplicate", "dob": "1990-01-01"}"#.utf8) + [0x0A]
        bytes += Array("not json\n".utf8)
        bytes += Array(#"{"id": "A-3", "name": "Bad Date", "dob": "1990-13-01"}"#.utf8) + [0x0A]
        bytes += [0x7B, 0xFF, 0x00, 0x7D, 0x0A]
        bytes += Array(#"{"id": "A-4", "name": "No Newline", "dob": "1992-01-01"}"#.utf8)
        return bytes
    }()

    @Test(arguments: [1, 7, 100, 4096, 1 << 30])
    func blocksReadAsTheStreamDoes(size: Int) throws {
        let inputs: [(String, [UInt8])] = [
            ("offenders.jsonl", try RecordStreamTests.bytes("offenders.jsonl")),
            ("rejects.jsonl", try RecordStreamTests.bytes("rejects.jsonl")),
            ("generated.jsonl", SyntheticPopulation(seed: 5).records(0..<300)),
            ("awkward.jsonl", Self.awkward),
        ]
        for (path, bytes) in inputs {
            let expected = Self.streamed(bytes, path: path)
            #expect(!expected.isEmpty)
            let found = Self.blocked(bytes, size: size, path: path)
            #expect(found == expected, "\(path) in blocks of \(size)")
        }
    }

    @Test func theAwkwardInputHasEveryKindOfLine() {
        let seen = Self.streamed(Self.awkward, path: "awkward.jsonl")
        let offenders = seen.compactMap { if case .offender(let id, _, let line, let text, let content) = $0 { (id, line, text.count - content.count) } else { nil } }
        #expect(offenders.map(\.0) == ["A-1", "A-2", "A-4"])
        #expect(offenders.map(\.1) == [1, 4, 9])
        #expect(offenders.map(\.2) == [4, 1, 0], "the byte order mark and carriage returns are not content")
        let rejected = seen.compactMap { if case .rejected(let record) = $0 { record.line } else { nil } }
        #expect(rejected == [5, 6, 7, 8])
    }

    @Test func theDigesterAgreesWithSHA256() {
        var rng = PPOEngine.SplitMix64(seed: 21)
        let digester = SHA256Digester()
        for length in [0, 1, 55, 56, 63, 64, 65, 1000, 5000] {
            let bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: rng.below(256)) }
            let digest = digester.digest(bytes)
            let hex = digest.bytes.map { String(format: "%02x", $0) }.joined()
            #expect(hex == SHA256.hex(of: bytes), "length \(length)")
            #expect(SHA256Digest(digest.bytes) == digest)
        }
    }
}
