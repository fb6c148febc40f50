import Foundation
import PPOEngine

/// Tells the user about records that could not be used, the same way for every command.
enum RejectReporting {
    /// Prefix of the lines about records rejected in the `--previous` snapshot, to tell them apart.
    static let previousPrefix = "previous snapshot: "

    /// Reports rejected records: each as `FILE:LINE: reason` on standard error, and verbatim to
    /// `rejectsPath` when given (an empty file when nothing was rejected, so no stale list survives).
    static func report(_ rejected: [RejectedRecord], to rejectsPath: String?) throws {
        if !rejected.isEmpty {
            OutputWriter.standardError(rejected.map { $0.rendered + "\n" }.joined())
        }
        if let rejectsPath {
            try OutputWriter.writeAtomically(verbatim(rejected), to: rejectsPath)
        }
    }

    /// The rejected lines byte for byte as they were read, each ended by a line feed of its own.
    static func verbatim(_ rejected: [RejectedRecord]) -> Data {
        var bytes = Data(capacity: rejected.reduce(0) { $0 + $1.bytes.count + 1 })
        for record in rejected {
            bytes.append(contentsOf: record.bytes)
            bytes.append(0x0A)
        }
        return bytes
    }

    /// Reports records rejected in the previous snapshot on standard error, each line prefixed.
    static func reportPrevious(_ rejected: [RejectedRecord]) {
        guard !rejected.isEmpty else { return }
        OutputWriter.standardError(rejected.map { previousPrefix + $0.rendered + "\n" }.joined())
    }

    /// Ends with status 3 when records were rejected (after the output is written), saying how many.
    static func finish(_ rejected: [RejectedRecord], previous: [RejectedRecord] = []) throws {
        var counts: [String] = []
        if !rejected.isEmpty { counts.append(records(rejected.count) + " rejected") }
        if !previous.isEmpty { counts.append(records(previous.count) + " rejected in the previous snapshot") }
        guard !counts.isEmpty else { return }
        OutputWriter.standardError(counts.map { $0 + "\n" }.joined())
        throw CommandFailure(.recordsRejected)
    }

    private static func records(_ count: Int) -> String { count == 1 ? "1 record" : "\(count) records" }
}
