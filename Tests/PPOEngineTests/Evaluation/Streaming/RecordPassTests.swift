import Foundation
import Testing
@testable import PPOEngine

/// A streamed pass hands on exactly the offenders `RecordReader` reads, in the same order, with the
/// same line numbers, rejects and digest, and the place of each line in the input, whatever the
/// number of threads and the block size.
@Suite struct RecordPassTests {
    @Test(arguments: [1, 2, 3], [512, 65_536, 1 << 21])
    func passReadsWhatTheReaderReads(threads: Int, blockSize: Int) {
        for (bytes, path) in [(StreamingData.current, "current.jsonl"), (StreamingData.previous, "previous.jsonl")] {
            let reference = StreamingData.read(bytes, path)
            let pass = RecordPass(categories: StreamingData.rules.categories, threads: threads, blockSize: blockSize)
            var seen: [(id: String, line: Int, name: String?, offset: Int, length: Int)] = []
            let outcome = pass.run(bytes: bytes, path: path, makeWork: { { offender in offender.name } }) { accepted in
                seen.append((accepted.id, accepted.line, accepted.output, accepted.offset, accepted.length))
            }
            #expect(seen.map(\.id) == reference.offenders.map(\.id))
            #expect(seen.map(\.line) == reference.offenders.map(\.line))
            #expect(seen.map(\.name) == reference.offenders.map(\.name))
            #expect(outcome.rejected == reference.rejected)
            #expect(outcome.digest == reference.digest)
            // Each offset and length is the record's own line, carriage return and byte order mark included.
            for record in seen {
                let end = record.offset + record.length
                guard record.offset >= 0, end <= bytes.count else { Issue.record("line outside the input"); continue }
                #expect(end == bytes.count || bytes[end] == 0x0A)
                #expect(record.offset == 0 || bytes[record.offset - 1] == 0x0A)
            }
        }
    }

    @Test func unreadableFileIsAReadError() {
        let pass = RecordPass(categories: StreamingData.rules.categories)
        #expect(throws: ReadError.self) {
            try pass.run(path: "/nonexistent/data.jsonl", makeWork: { { _ in () } }) { _ in }
        }
    }
}
