/// A `.ppo` file's text, kept so diagnostics can quote the lines they point at.
public struct SourceFile: Sendable, Hashable {
    /// The path as the user named it (used in diagnostics).
    public let path: String
    /// The file's bytes as UTF-8.
    public let text: String
    /// UTF-8 offsets at which each line starts.
    let lineStarts: [Int]
    let utf8: [UInt8]

    public init(path: String, text: String) {
        self.path = path
        self.text = text
        let bytes = Array(text.utf8)
        self.utf8 = bytes
        var starts = [0]
        for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
            starts.append(index + 1)
        }
        self.lineStarts = starts
    }

    /// 1-based line and column of a UTF-8 offset; columns count characters, not bytes.
    public func location(of offset: Int) -> SourceLocation {
        let clamped = max(0, min(offset, utf8.count))
        var low = 0, high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= clamped { low = mid } else { high = mid - 1 }
        }
        let start = lineStarts[low]
        let prefix = utf8[start..<clamped]
        let column = String(decoding: prefix, as: UTF8.self).count + 1
        return SourceLocation(line: low + 1, column: column)
    }

    /// The text of a 1-based line, without its newline.
    public func lineText(_ line: Int) -> String {
        guard line >= 1, line <= lineStarts.count else { return "" }
        let start = lineStarts[line - 1]
        var end = line < lineStarts.count ? lineStarts[line] : utf8.count
        while end > start, utf8[end - 1] == UInt8(ascii: "\n") || utf8[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        return String(decoding: utf8[start..<end], as: UTF8.self)
    }

    /// The source text a range covers.
    public func slice(_ range: SourceRange) -> String {
        let lower = max(0, min(range.start, utf8.count))
        let upper = max(lower, min(range.end, utf8.count))
        return String(decoding: utf8[lower..<upper], as: UTF8.self)
    }
}

/// A 1-based line and column.
public struct SourceLocation: Sendable, Hashable, Comparable {
    public let line: Int
    public let column: Int
    public init(line: Int, column: Int) { self.line = line; self.column = column }
    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.line, a.column) < (b.line, b.column)
    }
}

/// A half-open range of UTF-8 offsets in one source file.
public struct SourceRange: Sendable, Hashable {
    /// Index of the file in the loaded `SourceSet`.
    public let file: Int
    public let start: Int
    public let end: Int
    public init(file: Int, start: Int, end: Int) { self.file = file; self.start = start; self.end = end }

    /// The smallest range covering both.
    public func to(_ other: SourceRange) -> SourceRange {
        SourceRange(file: file, start: min(start, other.start), end: max(end, other.end))
    }
}
