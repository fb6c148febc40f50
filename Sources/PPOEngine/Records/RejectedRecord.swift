/// An input record that could not be used, with the reason an analyst can act on.
public struct RejectedRecord: Sendable, Hashable {
    /// The data file's path as given.
    public let file: String
    /// 1-based line number in that file.
    public let line: Int
    /// Why; any value from the data quoted in it is escaped (`SafeText`), so it is one line.
    public let reason: String
    /// The line exactly as read, for `--rejects FILE`.
    public let text: String

    public init(file: String, line: Int, reason: String, text: String) {
        self.file = file; self.line = line; self.reason = reason; self.text = text
    }

    /// `FILE:LINE: reason`, on one line whatever the file's name holds.
    public var rendered: String { "\(SafeText.escaped(file)):\(line): \(reason)" }
}
