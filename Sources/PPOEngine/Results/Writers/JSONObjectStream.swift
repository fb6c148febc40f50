/// A JSON object written member by member and handed on in pieces, byte for byte as `JSONWriter`
/// renders the whole object: so a report of a million results is never held as one `JSONValue`
/// tree and one `String` (which took several times the output's size).
struct JSONObjectStream {
    let writer: JSONWriter
    /// Text not handed on yet; handed on once it passes `pieceSize` bytes.
    private var pending = "{"
    private var members = 0
    private let pieceSize = 1 << 20

    init(pretty: Bool) { writer = JSONWriter(pretty: pretty) }

    /// A member whose value is written whole.
    mutating func member(_ key: String, _ value: JSONValue) {
        open(key)
        writer.write(value, depth: 1, into: &pending)
    }

    /// A member holding a list of objects, each made by `value` as it is written. (The whole
    /// writer puts a list of plain values on one line; a list of objects never is.)
    mutating func objects<Items: Collection>(_ key: String, _ items: Items, _ value: (Items.Element) -> JSONValue,
                                             to output: (String) throws -> Void) rethrows {
        open(key)
        guard !items.isEmpty else { pending += "[]"; return }
        pending += "["
        var first = true
        for item in items {
            if !first { pending += "," }
            first = false
            writer.newline(2, into: &pending)
            writer.write(value(item), depth: 2, into: &pending)
            if pending.utf8.count >= pieceSize {
                try output(pending)
                pending = ""
            }
        }
        writer.newline(1, into: &pending)
        pending += "]"
    }

    /// Closes the object and hands on the rest (with the final newline of a pretty document).
    mutating func finish(to output: (String) throws -> Void) rethrows {
        if members > 0 { writer.newline(0, into: &pending) }
        pending += "}"
        if writer.pretty { pending += "\n" }
        try output(pending)
        pending = ""
    }

    private mutating func open(_ key: String) {
        if members > 0 { pending += "," }
        members += 1
        writer.newline(1, into: &pending)
        JSONWriter.quote(key, into: &pending)
        pending += writer.pretty ? ": " : ":"
    }
}
