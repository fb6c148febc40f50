/// The previous snapshot `changed()` compares with, indexed instead of held: one pass finds each
/// usable record's line (with `RecordReader`'s rejects and digest), and a record is read back and
/// decoded only when an alert that calls `changed()` covers its offender.
///
/// At a million offenders the decoded snapshot took gigabytes; the index is an id and a place per
/// record, and the lines read back stay in the kernel's page cache, not in the process.
final class PreviousSnapshot: Sendable {
    /// Where a usable record's line is.
    struct Location: Sendable {
        let offset: Int
        let length: Int
        let line: Int
    }

    let digest: String
    let rejected: [RejectedRecord]
    private let index: [ExactText: Location]
    private let file: LineFile?
    /// The bytes of an in-memory snapshot (tests); `nil` for a file.
    private let memory: [UInt8]?
    /// How a snapshot read in pieces reads a record back (`RecordPieces.previousLine`).
    private let readBack: (@Sendable (String) -> [UInt8]?)?
    private let decoder: LineDecoder

    /// Reads the snapshot in `source` once, with `pass`'s threads and block size. With
    /// `indexing: false` (no alert calls `changed()`) only the digest and the rejects are kept.
    /// Throws `ReadError` when the file cannot be read.
    init(_ source: RecordInput, categories: CategoryTable, indexing: Bool, pass: RecordPass) throws {
        // The index pass checks each record but needs no case files built.
        let pass = RecordPass(categories: categories, buildsCases: false, threads: pass.threads, blockSize: pass.blockSize)
        var index: [ExactText: Location] = [:]
        let outcome = try pass.run(source, makeWork: { { _ in () } }) { accepted in
            if indexing {
                index[ExactText(accepted.id)] = Location(offset: accepted.offset, length: accepted.length, line: accepted.line)
            }
        }
        switch source {
        case .file(let path):
            file = indexing ? try LineFile(path: path) : nil
            memory = nil
            readBack = nil
        case .bytes(let bytes, _):
            file = nil
            memory = bytes
            readBack = nil
        case .pieces(let pieces):
            file = nil
            memory = nil
            readBack = pieces.previousLine
        }
        self.index = index
        digest = outcome.digest
        rejected = outcome.rejected
        decoder = LineDecoder(categories: categories)
    }

    /// The previous record of the offender with this id (the same id, byte for byte), decoded as
    /// `RecordReader` decoded it; `nil` when the snapshot has no usable record of that id.
    /// `current` is the offender now: a snapshot read in pieces says when the record is unchanged,
    /// and the same bytes decode to the same offender (only its line differs).
    func offender(id: String, current: Offender) -> Offender? {
        guard let location = index[ExactText(id)] else { return nil }
        if let readBack {
            guard let line = readBack(id) else {
                var same = current
                same.line = location.line
                return same
            }
            return decoded(line, at: location)
        }
        guard let line = bytes(at: location) else { return nil }
        return decoded(line, at: location)
    }

    private func decoded(_ line: [UInt8], at location: Location) -> Offender? {
        if case .offender(let offender) = decoder.decode(wholeLine: line, isFirstLine: location.line == 1,
                                                         number: location.line) {
            return offender
        }
        return nil
    }

    private func bytes(at location: Location) -> [UInt8]? {
        if let memory {
            guard location.offset >= 0, location.length >= 0, location.offset + location.length <= memory.count else { return nil }
            return Array(memory[location.offset..<(location.offset + location.length)])
        }
        return file?.bytes(at: location.offset, length: location.length)
    }
}
