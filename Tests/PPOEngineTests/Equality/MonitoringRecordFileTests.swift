import Foundation
import Testing
@testable import PPOEngine

/// `MonitoringRecord.read(path:)` reads a file a block at a time exactly as `read(bytes:)` reads it
/// whole: the same records, whatever the block size, with a byte order mark, CRLF line ends, a
/// repeated id, a line that is not JSON and no final line feed.
@Suite struct MonitoringRecordFileTests {
    static let text = "\u{FEFF}" + [
        #"{"id": "A", "gender": "female", "dob": "1990-01-02", "area": "Northtown", "ppo": {"status": "adopted"}}"#,
        #"{"id": "B", "ethnicity": "", "religion": 3}"#,
        "not json",
        "",
        #"{"id": "A", "gender": "male"}"#,
        "\u{FEFF}" + #"{"id": "C"}"#,
        #"{"id": "D", "gender": "other"}"#,
    ].joined(separator: "\r\n")

    @Test(arguments: [1, 2, 7, 64, 1 << 20])
    func blocksReadAsTheWholeFile(blockSize: Int) throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("monitoring-\(UUID().uuidString).jsonl")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data(Self.text.utf8).write(to: url)
        let whole = MonitoringRecord.read(bytes: Array(Self.text.utf8))
        let read = try MonitoringRecord.read(path: url.path, blockSize: blockSize)
        func shown(_ records: [MonitoringRecord]) -> [String] {
            records.map { "\($0.id) \($0.gender ?? "-") \($0.ethnicity ?? "-") \($0.religion ?? "-") \($0.area ?? "-") \($0.adopted)" }
        }
        #expect(shown(read) == shown(whole))
        #expect(shown(read) == ["A female - - Northtown true", "B - - - - false", "D other - - - false"])
    }

    @Test func aMissingFileIsAReadError() {
        #expect(throws: ReadError.self) { try MonitoringRecord.read(path: "/nonexistent/data.jsonl") }
    }
}
