/// An input record that could not be used, with the reason an analyst can act on.
public struct RejectedRecord: Sendable, Hashable {
    /// The data file's path as given.
    public let file: String
    /// 1-based line number in that file.
    public let line: Int
    /// Why; any value from the data quoted in it is escaped (`SafeText`), so it is one line.
    public let reason: String
    /// The line's exact bytes as read, for `--rejects FILE`: everything before the line feed that
    /// ends it — a carriage return, a byte order mark on line 1, invalid UTF-8 and NUL bytes included.
    public let bytes: [UInt8]

    public init(file: String, line: Int, reason: String, bytes: [UInt8]) {
        self.file = file; self.line = line; self.reason = reason; self.bytes = bytes
    }

    /// A record whose line is `text`'s UTF-8 bytes (hand-made results, tests).
    public init(file: String, line: Int, reason: String, text: String) {
        self.init(file: file, line: line, reason: reason, bytes: Array(text.utf8))
    }

    /// `FILE:LINE: reason`, on one line whatever the file's name holds.
    public var rendered: String { "\(SafeText.escaped(file)):\(line): \(reason)" }
}
