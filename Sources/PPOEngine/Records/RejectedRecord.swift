/// An input record that could not be used, with the reason an analyst can act on.
public struct RejectedRecord: Sendable, Hashable {
    /// The data file's path as given.
    public let file: String
    /// 1-based line number in that file.
    public let line: Int
    public let reason: String
    /// The line exactly as read, for `--rejects FILE`.
    public let text: String

    public init(file: String, line: Int, reason: String, text: String) {
        self.file = file; self.line = line; self.reason = reason; self.text = text
    }

    /// `FILE:LINE: reason`
    public var rendered: String { "\(file):\(line): \(reason)" }
}
