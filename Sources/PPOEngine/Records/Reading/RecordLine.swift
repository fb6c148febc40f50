/// One line of JSON Lines input as the reader saw it, handed to a reader's caller with the record it
/// held. The pointers are valid only during that call.
public struct RecordLine {
    /// The line's exact bytes, without the line feed that ends it: what `--rejects FILE` receives.
    // Borrowed from the reader's buffer for the length of the callback that receives the line.
    public let bytes: UnsafeBufferPointer<UInt8>
    /// What was decoded: `bytes` without a carriage return at its end, and on line 1 without a UTF-8
    /// byte order mark.
    public let content: UnsafeBufferPointer<UInt8>

    /// Where `content` lies within `bytes`, as offsets from its start.
    public var contentRange: Range<Int> {
        guard let start = bytes.baseAddress, let first = content.baseAddress else { return 0..<0 }
        let offset = min(max(0, start.distance(to: first)), bytes.count)
        return offset..<min(bytes.count, offset + content.count)
    }
}
