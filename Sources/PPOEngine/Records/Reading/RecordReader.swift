import Foundation

/// Reads offender records from JSON Lines, one record per line, rejecting unusable lines with a reason.
///
/// Lines end with `\n` or `\r\n`; the last line may lack one; blank lines are skipped but still
/// counted, so line numbers match the file in an editor. A UTF-8 byte order mark at the start of the
/// file is ignored. A rejected record keeps its line's exact bytes (the carriage return and byte order
/// mark included), so that the rejects and the accepted lines together are the input again. Nothing is
/// cut by `as_of` here: evaluation does that.
public struct RecordReader: Sendable {
    let categories: CategoryTable
    /// Bytes read (and fed) at a time; small values in tests exercise lines that span chunks.
    let chunkSize: Int

    /// A reader that resolves offence categories and codes against `categories`.
    public init(categories: CategoryTable) { self.init(categories: categories, chunkSize: 1 << 20) }

    init(categories: CategoryTable, chunkSize: Int) {
        self.categories = categories
        self.chunkSize = max(1, chunkSize)
    }

    /// Streams a JSON Lines file; calls `body` for every record in file order. Throws only when the
    /// file cannot be opened or read. Returns the data digest (SHA-256 hex of the file's bytes).
    public func forEach(path: String, _ body: (RecordOutcome) -> Void) throws -> String {
        guard let file = fopen(path, "rb") else { throw ReadError(path: path, reason: RecordReader.systemError()) }
        defer { fclose(file) }
        var session = Session(path: path, categories: categories)
        var buffer = [UInt8](repeating: 0, count: chunkSize)
        while true {
            // `fread` writes at most `$0.count` bytes into the array's own storage.
            let count = buffer.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
            if count > 0 { session.feed(buffer[0..<min(count, buffer.count)], body) }
            if count < buffer.count {
                if ferror(file) != 0 { throw ReadError(path: path, reason: RecordReader.systemError()) }
                break
            }
        }
        return session.finish(body)
    }

    /// Same over bytes already in memory (tests, the daemon).
    public func forEach(bytes: [UInt8], path: String, _ body: (RecordOutcome) -> Void) -> String {
        var session = Session(path: path, categories: categories)
        var start = 0
        while start < bytes.count {
            let end = start + min(chunkSize, bytes.count - start)
            session.feed(bytes[start..<end], body)
            start = end
        }
        return session.finish(body)
    }

    /// All valid offenders in file order and all rejects.
    public func read(path: String) throws -> RecordBatch {
        var batch = RecordBatch()
        let digest = try forEach(path: path) { batch.add($0) }
        batch.digest = digest
        return batch
    }

    /// All valid offenders in input order and all rejects, from bytes already in memory.
    public func read(bytes: [UInt8], path: String) -> RecordBatch {
        var batch = RecordBatch()
        let digest = forEach(bytes: bytes, path: path) { batch.add($0) }
        batch.digest = digest
        return batch
    }

    private static func systemError() -> String { String(cString: strerror(errno)) }

    /// The state of one pass over one input: the digest so far, a partial last line, ids seen.
    struct Session {
        let path: String
        let decoder: LineDecoder
        var hasher = SHA256()
        /// Off when nobody reads the digest (a daemon's ingest): it is a sixth of the reading time.
        var hashing = true
        /// The start of a line whose end has not been read yet.
        var partial: [UInt8] = []
        var lineNumber = 0
        /// Every id read so far with the line that first used it, rejected records included: two
        /// records claiming one id is a data error whichever of them is otherwise valid. Ids are
        /// the same only when their UTF-8 bytes are: `"\u00e9"` and `"e\u0301"` are two ids.
        var firstSeen: [ExactText: Int] = [:]

        init(path: String, categories: CategoryTable) {
            self.path = path
            self.decoder = LineDecoder(categories: categories)
        }

        mutating func feed(_ chunk: ArraySlice<UInt8>, _ body: (RecordOutcome) -> Void) {
            feed(chunk) { outcome, _ in body(outcome) }
        }

        mutating func finish(_ body: (RecordOutcome) -> Void) -> String {
            finish { outcome, _ in body(outcome) }
        }

        /// `feed`, handing `body` each record's line as well.
        mutating func feed(_ chunk: ArraySlice<UInt8>, _ body: (RecordOutcome, RecordLine) -> Void) {
            if hashing { hasher.update(chunk) }
            var start = chunk.startIndex
            while let newline = chunk[start...].firstIndex(of: 0x0A) {
                if partial.isEmpty {
                    handle(chunk[start..<newline], body)
                } else {
                    partial.append(contentsOf: chunk[start..<newline])
                    let line = partial
                    partial = []
                    handle(line[...], body)
                }
                start = newline + 1
            }
            partial.append(contentsOf: chunk[start...])
        }

        mutating func finish(_ body: (RecordOutcome, RecordLine) -> Void) -> String {
            if !partial.isEmpty {
                let line = partial
                partial = []
                handle(line[...], body)
            }
            return hashing ? hasher.finalize() : ""
        }

        /// One line, `raw` being every byte before its line feed.
        mutating func handle(_ raw: ArraySlice<UInt8>, _ body: (RecordOutcome, RecordLine) -> Void) {
            lineNumber += 1
            // Scoped borrow: the line's pointers (`RecordLine`) are valid only inside this closure and `body`.
            raw.withUnsafeBufferPointer { raw in
                let line = LineDecoder.trimmed(raw, isFirstLine: lineNumber == 1)
                let both = RecordLine(bytes: raw, content: line)
                func reject(_ reason: String) {
                    // The exact bytes: a rejected line goes back to its owner as it came.
                    body(.rejected(RejectedRecord(file: path, line: lineNumber, reason: reason, bytes: Array(raw))), both)
                }
                func claim(_ id: String) -> Bool {
                    let key = ExactText(id)
                    if let first = firstSeen[key] {
                        reject(LineDecoder.duplicateReason(id, firstSeen: first))
                        return false
                    }
                    firstSeen[key] = lineNumber
                    return true
                }
                switch decoder.decode(line, number: lineNumber) {
                case .blank: return
                case .unclaimed(let reason): reject(reason)
                case .offender(let offender): if claim(offender.id) { body(.offender(offender), both) }
                case .invalid(let id, let reason): if claim(id) { reject(reason) }
                }
            }
        }
    }
}

/// What became of one input line: a usable offender or a rejected record.
public enum RecordOutcome: Sendable {
    case offender(Offender)
    case rejected(RejectedRecord)
}

/// Everything read from one input: valid offenders in file order, rejects, and the data digest.
public struct RecordBatch: Sendable {
    public var offenders: [Offender]
    public var rejected: [RejectedRecord]
    /// SHA-256 hex of the input's bytes.
    public var digest: String

    public init(offenders: [Offender] = [], rejected: [RejectedRecord] = [], digest: String = "") {
        self.offenders = offenders
        self.rejected = rejected
        self.digest = digest
    }

    mutating func add(_ outcome: RecordOutcome) {
        switch outcome {
        case .offender(let offender): offenders.append(offender)
        case .rejected(let record): rejected.append(record)
        }
    }
}

/// A data file that could not be opened or read at all (as opposed to a bad record in it).
public struct ReadError: Error, Sendable, CustomStringConvertible {
    public let path: String
    public let reason: String

    public init(path: String, reason: String) { self.path = path; self.reason = reason }

    /// `cannot read data.jsonl: No such file or directory`
    public var description: String { "cannot read \(path): \(reason)" }
}
