/// Something in the data that the rules could not use, short of rejecting the record: an event
/// type no checklist declares, an undated case event, a working-day count that went past the years
/// its calendar lists holidays for.
public struct DataWarning: Sendable, Hashable {
    /// The data file's path as given.
    public let file: String
    /// 1-based line of the record in that file.
    public let line: Int
    /// What is wrong; any value from the data quoted in it is escaped (`SafeText`), so it is one line.
    public let message: String

    public init(file: String, line: Int, message: String) {
        self.file = file; self.line = line; self.message = message
    }

    /// `FILE:LINE: warning: message`, on one line whatever the file's name holds.
    public var rendered: String { "\(SafeText.escaped(file)):\(line): warning: \(message)" }
}
