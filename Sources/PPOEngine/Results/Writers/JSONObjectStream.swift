import Foundation

/// A JSON object written member by member and handed on in pieces, byte for byte as `JSONWriter`
/// renders the whole object: so a report of a million results is never held as one `JSONValue`
/// tree and one `String` (which took several times the output's size), and its long lists are
/// rendered on every core.
struct JSONObjectStream: ~Copyable {
    /// Text not handed on yet.
    private var writer: JSONByteWriter
    private var members = 0
    private let threads: Int

    init(pretty: Bool, threads: Int = ProcessInfo.processInfo.activeProcessorCount) {
        writer = JSONByteWriter(pretty: pretty, capacity: 4096)
        writer.raw("{")
        self.threads = max(1, threads)
    }

    /// A member whose value is written whole.
    mutating func member(_ key: String, _ value: JSONValue) {
        open(key)
        writer.value(value, depth: 1)
    }

    /// A member holding a list of objects, each made by `value` as it is written, in pieces of
    /// `perPiece` items on `threads` threads, handed to `output` in order. (The whole writer puts a
    /// list of plain values on one line; a list of objects never is.)
    mutating func objects<Item: Sendable>(_ key: String, _ items: [Item], _ value: @escaping @Sendable (Item) -> JSONValue,
                                          perPiece: Int = 2048, to output: ([UInt8]) throws -> Void) throws {
        open(key)
        guard !items.isEmpty else { writer.raw("[]"); return }
        writer.raw("[")
        try output(writer.out.array())
        writer.out.removeAll()
        let perPiece = max(1, perPiece)
        let pieces = (items.count + perPiece - 1) / perPiece
        let pretty = writer.pretty
        try OrderedWork.run(count: pieces, threads: threads, window: threads * 2, produce: { piece in
            var part = JSONByteWriter(pretty: pretty, capacity: perPiece * 256)
            for index in (piece * perPiece)..<min(items.count, (piece + 1) * perPiece) {
                if index > 0 { part.raw(",") }
                part.newline(2)
                part.value(value(items[index]), depth: 2)
            }
            return part.out.array()
        }, consume: output)
        writer.newline(1)
        writer.raw("]")
    }

    /// Closes the object and hands on the rest (with the final newline of a pretty document).
    mutating func finish(to output: ([UInt8]) throws -> Void) rethrows {
        if members > 0 { writer.newline(0) }
        writer.raw("}")
        if writer.pretty { writer.raw("\n") }
        try output(writer.out.array())
        writer.out.removeAll()
    }

    private mutating func open(_ key: String) {
        if members > 0 { writer.raw(",") }
        members += 1
        writer.newline(1)
        writer.key(key)
    }
}
