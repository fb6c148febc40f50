/// Records a pass pulls in pieces instead of reading a file: the daemon's store, read row by row in
/// store order. The pieces are read as one JSON Lines text joined as they come (a piece need not
/// end at a line's end), so a pass over them gives exactly what it gives on a file of those bytes.
///
/// Not `Sendable` in fact: `open` and the readers it returns are only ever called on the thread
/// that runs the pass (the workers get blocks, never the source), which is why it may wrap a
/// database cursor.
public struct RecordPieces: @unchecked Sendable {
    /// What rejects and warnings name as the file.
    public let path: String
    /// Starts a reading from the first record; the reader it returns gives the next piece on each
    /// call, nil at the end. Each pass over the records opens a reading of its own.
    let open: () throws -> () throws -> [UInt8]?
    /// For a previous snapshot (`changed()`): the line of the usable record with this id (called
    /// on the worker threads), nil when it is, byte for byte, the current record of that id.
    let previousLine: (@Sendable (String) -> [UInt8]?)?

    /// Records read by the readers `open` starts.
    public init(path: String, open: @escaping () throws -> () throws -> [UInt8]?) {
        self.path = path
        self.open = open
        self.previousLine = nil
    }

    /// A previous snapshot read by the readers `open` starts, whose records a pass reads back by id
    /// through `line` (nil: the same bytes as the current record of that id).
    public init(previousPath path: String, open: @escaping () throws -> () throws -> [UInt8]?,
                line: @escaping @Sendable (String) -> [UInt8]?) {
        self.path = path
        self.open = open
        self.previousLine = line
    }
}

/// Fills a pass's or a ranking's blocks from a reader of pieces, across pieces so that small pieces still make
/// blocks of the usual size; keeps the first error the reader throws.
struct PieceFiller {
    let next: () throws -> [UInt8]?
    private var piece: [UInt8] = []
    private var start = 0
    private(set) var failure: (any Error)?

    init(next: @escaping () throws -> [UInt8]?) { self.next = next }

    /// Appends up to `length` bytes to `block`; returns how many (0 at the end or after an error).
    mutating func fill(_ block: BlockBytes, upTo length: Int) -> Int {
        var total = 0
        while total < length, failure == nil {
            if start >= piece.count {
                do {
                    guard let more = try next() else { break }
                    piece = more
                    start = 0
                    continue
                } catch {
                    failure = error
                    break
                }
            }
            let count = block.append(piece, from: start, upTo: length - total)
            start += count
            total += count
        }
        return total
    }
}
