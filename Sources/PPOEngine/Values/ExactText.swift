import Foundation

/// Text that is equal, hashes and sorts by its exact UTF-8 bytes: no Unicode normalisation, no case
/// folding. Identifiers from data (offender and record ids, categories and codes, event types,
/// areas, flags) are keys or compared through it.
///
/// Swift's `String` compares and hashes by canonical equivalence, so `"\u{E9}"` (é) and
/// `"e\u{301}"` (e and a combining acute) are one string to it, and the Kelvin sign is `"K"`. To
/// JSON, SQLite and every system that sends us records they are different ids, and so they are
/// here. Byte order is also Unicode code point order, since the text is always valid UTF-8.
public struct ExactText: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let text: String

    @inline(__always)
    public init(_ text: String) { self.text = text }

    public var description: String { text }

    @inline(__always)
    public static func == (a: ExactText, b: ExactText) -> Bool { same(a.text, b.text) }

    @inline(__always)
    public static func < (a: ExactText, b: ExactText) -> Bool { order(a.text, b.text) < 0 }

    public func hash(into hasher: inout Hasher) {
        // The bytes alone: an `ExactText` is hashed on its own, never run together with another.
        // Scoped borrows: the bytes are hashed within the closure and not kept.
        let hashed: Void? = text.utf8.withContiguousStorageIfAvailable { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        if hashed == nil { Array(text.utf8).withUnsafeBytes { hasher.combine(bytes: $0) } }
    }

    /// Whether `a` and `b` hold the same UTF-8 bytes.
    @inline(__always)
    public static func same(_ a: String, _ b: String) -> Bool {
        // A native string knows its UTF-8 length: different lengths settle it with no byte read.
        guard a.utf8.count == b.utf8.count else { return false }
        let compared = a.utf8.withContiguousStorageIfAvailable { x in
            b.utf8.withContiguousStorageIfAvailable { y in compare(x, y) == 0 }
        }
        if let compared, let compared { return compared }
        return a.utf8.elementsEqual(b.utf8)
    }

    /// -1, 0 or 1 as `a`'s UTF-8 bytes sort before, with or after `b`'s (a prefix sorts first).
    public static func order(_ a: String, _ b: String) -> Int {
        let compared = a.utf8.withContiguousStorageIfAvailable { x in
            b.utf8.withContiguousStorageIfAvailable { y in compare(x, y) }
        }
        if let compared, let compared { return compared }
        // Scoped borrows of two local arrays; `compare` reads below each count.
        return Array(a.utf8).withUnsafeBufferPointer { x in Array(b.utf8).withUnsafeBufferPointer { y in compare(x, y) } }
    }

    /// Whether `list` holds a string with exactly `text`'s bytes.
    @inline(__always)
    public static func list(_ list: [String], contains text: String) -> Bool {
        for item in list where same(item, text) { return true }
        return false
    }

    // Reads indices below `min(x.count, y.count)` only; keeps no pointer.
    @inline(__always)
    private static func compare(_ x: UnsafeBufferPointer<UInt8>, _ y: UnsafeBufferPointer<UInt8>) -> Int {
        let shorter = min(x.count, y.count)
        if shorter > 0, let p = x.baseAddress, let q = y.baseAddress {
            let c = memcmp(p, q, shorter)
            if c != 0 { return c < 0 ? -1 : 1 }
        }
        return x.count == y.count ? 0 : (x.count < y.count ? -1 : 1)
    }
}
