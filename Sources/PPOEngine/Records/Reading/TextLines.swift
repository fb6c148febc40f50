/// The lines of a small JSON Lines file read whole (decisions, monitoring fields): a byte order
/// mark at the start is skipped, each line ends at a line feed, and a carriage return before it is
/// not part of the content. (Offender data goes through `RecordReader`, which streams.)
public struct TextLine: Sendable {
    /// 1-based.
    public let number: Int
    /// Everything before the line feed, carriage return included: what a reject quotes.
    public let raw: ArraySlice<UInt8>
    /// `raw` without a trailing carriage return.
    public let content: ArraySlice<UInt8>

    /// Whether the line holds nothing but spaces and tabs.
    public var isBlank: Bool { content.allSatisfy { $0 == 0x20 || $0 == 0x09 } }

    /// Every line of `bytes`, blank ones included, so that numbers match the file.
    public static func lines(of bytes: [UInt8]) -> [TextLine] {
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        return body.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated().map { index, raw in
            TextLine(number: index + 1, raw: raw, content: raw.last == 0x0D ? raw.dropLast() : raw)
        }
    }
}
