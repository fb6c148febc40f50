/// Reads JSON Lines that arrive in pieces (an HTTP request body), exactly as `RecordReader` reads a
/// file: the same reasons, line numbers and duplicate-id rule, and each valid record's own line, so
/// a store can keep the record verbatim.
public struct RecordStream {
    private var session: RecordReader.Session
    /// Bytes fed so far.
    public private(set) var bytesRead = 0

    /// A stream whose rejects name `path` (`request:3: reason`). With `digest: false` the input is
    /// not hashed, and `finish` returns an empty digest.
    public init(categories: CategoryTable, path: String, digest: Bool = true) {
        session = RecordReader.Session(path: path, categories: categories)
        session.hashing = digest
    }

    /// Feeds the next piece; calls `body` for every record it completes, with the record's line: its
    /// exact bytes and the part that was decoded (without a byte order mark or a carriage return).
    public mutating func feed(_ piece: ArraySlice<UInt8>, _ body: (RecordOutcome, RecordLine) -> Void) {
        bytesRead += piece.count
        session.feed(piece, body)
    }

    /// Ends the input: reads a last line that lacks a line end. Returns the data digest (empty when
    /// the stream was made with `digest: false`).
    public mutating func finish(_ body: (RecordOutcome, RecordLine) -> Void) -> String {
        session.finish(body)
    }
}
