import Foundation
import Testing
@testable import PPOEngine

/// `alerts` streamed over a file, with the previous snapshot indexed and read back by line, gives the
/// report of reading both files into memory: the same alerts in the same order (matrix standings,
/// `recommended` included, checklist dues, `changed()` against a snapshot in another order with ids
/// missing), the same rejects of each file and the same digests; the streamed JSON and CSV are the
/// rendered text byte for byte.
@Suite struct StreamedAlertsTests {
    static let asOf = Day(year: 2026, month: 11, day: 23) ?? Day(ordinal: 0)

    static func reference(_ names: [String]?, previous: [UInt8]?) -> (report: AlertReport, previousRejected: [RejectedRecord]) {
        let batch = StreamingData.read(StreamingData.current, "data.jsonl")
        let snapshot = previous.map { StreamingData.read($0, "previous.jsonl") }
        let report = StreamingData.rules.alerts(blocks: names, offenders: batch.offenders, previous: snapshot?.offenders,
                                                asOf: asOf, dataDigest: batch.digest, previousDigest: snapshot?.digest,
                                                rejected: batch.rejected)
        return (report, snapshot?.rejected ?? [])
    }

    static func streamed(_ names: [String]?, previous: [UInt8]?, threads: Int, blockSize: Int) throws -> StreamedAlerts {
        try StreamingData.rules.alerts(blocks: names, source: .bytes(StreamingData.current, path: "data.jsonl"),
                                       previous: previous.map { .bytes($0, path: "previous.jsonl") }, asOf: asOf,
                                       pass: RecordPass(categories: StreamingData.rules.categories, threads: threads,
                                                        blockSize: blockSize))
    }

    @Test(arguments: [1, 2, 3], [512, 1 << 21])
    func streamedAlertsAreTheInMemoryAlerts(threads: Int, blockSize: Int) throws {
        for previous in [StreamingData.previous, nil] {
            for names in [nil, ["Streaming checks"], ["Daily tasking"]] as [[String]?] {
                let reference = Self.reference(names, previous: previous)
                let streamed = try Self.streamed(names, previous: previous, threads: threads, blockSize: blockSize)
                #expect(!reference.report.results.isEmpty)
                #expect(streamed.report.results == reference.report.results)
                #expect(streamed.report.blocks == reference.report.blocks)
                #expect(streamed.report.rejected == reference.report.rejected)
                #expect(streamed.report.dataDigest == reference.report.dataDigest)
                #expect(streamed.report.previousDigest == reference.report.previousDigest)
                #expect(streamed.previousRejected == reference.previousRejected)
                for pretty in [true, false] {
                    var bytes: [UInt8] = []
                    try AlertsJSONRenderer(pretty: pretty).write(streamed.report) { bytes += $0 }
                    #expect(bytes == Array(AlertsJSONRenderer(pretty: pretty).render(reference.report).utf8))
                }
                var csv: [UInt8] = []
                try AlertsCSVRenderer().write(streamed.report) { csv += $0 }
                #expect(csv == Array(AlertsCSVRenderer().render(reference.report).utf8))
            }
        }
    }

    /// The data exercises what the test means to: changes found, unchanged and missing offenders,
    /// recommended offenders, and rejects in both files.
    @Test func theDataCoversTheCases() throws {
        let reference = Self.reference(["Streaming checks"], previous: StreamingData.previous)
        let changed = reference.report.results.filter { $0.alert == "Custody changed" }
        #expect(!changed.isEmpty)
        #expect(changed.count < 350)
        #expect(reference.report.results.filter { $0.alert == "Recommended" }.count == 20)
        #expect(!reference.previousRejected.isEmpty)
        #expect(!reference.report.rejected.isEmpty)
    }

    @Test func unreadableFilesAreNamed() {
        #expect {
            try StreamingData.rules.alerts(blocks: nil, path: "/nonexistent/data.jsonl", previousPath: nil, asOf: Self.asOf)
        } throws: { error in
            if case .data(let read) = error as? AlertsReadError { return read.path == "/nonexistent/data.jsonl" }
            return false
        }
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("streamed-alerts-\(UUID().uuidString).jsonl")
        FileManager.default.createFile(atPath: data.path, contents: Data(StreamingData.current))
        defer { try? FileManager.default.removeItem(at: data) }
        #expect {
            try StreamingData.rules.alerts(blocks: nil, path: data.path, previousPath: "/nonexistent/previous.jsonl", asOf: Self.asOf)
        } throws: { error in
            if case .previous(let read) = error as? AlertsReadError { return read.path == "/nonexistent/previous.jsonl" }
            return false
        }
    }

    /// Read from files, the previous records come back through `pread` and agree with memory.
    @Test func filesAgreeWithMemory() throws {
        let directory = FileManager.default.temporaryDirectory
        let data = directory.appendingPathComponent("streamed-alerts-\(UUID().uuidString).jsonl")
        let previous = directory.appendingPathComponent("streamed-alerts-prev-\(UUID().uuidString).jsonl")
        FileManager.default.createFile(atPath: data.path, contents: Data(StreamingData.current))
        FileManager.default.createFile(atPath: previous.path, contents: Data(StreamingData.previous))
        defer {
            try? FileManager.default.removeItem(at: data)
            try? FileManager.default.removeItem(at: previous)
        }
        let fromFiles = try StreamingData.rules.alerts(blocks: nil, path: data.path, previousPath: previous.path, asOf: Self.asOf)
        let inMemory = try Self.streamed(nil, previous: StreamingData.previous, threads: 2, blockSize: 1 << 21)
        #expect(fromFiles.report.results == inMemory.report.results)
        #expect(fromFiles.report.dataDigest == inMemory.report.dataDigest)
        #expect(fromFiles.report.previousDigest == inMemory.report.previousDigest)
        #expect(fromFiles.report.rejected.count == inMemory.report.rejected.count)
    }
}
