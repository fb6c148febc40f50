/// Little-endian integers and length-prefixed texts, for what ppod keeps of an evaluation in a run
/// (`StoreLayout`, the ineligible offenders' places). Reading checks every length against what is
/// left: damaged bytes are an error, never a trap.
struct BinaryWriter {
    private(set) var bytes: [UInt8] = []

    mutating func int(_ value: Int64) { withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) } }

    mutating func text(_ text: String) {
        let utf8 = Array(text.utf8)
        int(Int64(utf8.count))
        bytes.append(contentsOf: utf8)
    }
}

struct BinaryReader {
    struct Damaged: Error, CustomStringConvertible {
        let description: String
    }

    private let bytes: [UInt8]
    private var position = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var isAtEnd: Bool { position == bytes.count }

    mutating func int() throws -> Int64 {
        guard bytes.count - position >= 8 else { throw Damaged(description: "stored evaluation ends too soon") }
        var value: UInt64 = 0
        for index in 0..<8 { value |= UInt64(bytes[position + index]) << (8 * UInt64(index)) }
        position += 8
        return Int64(bitPattern: value)
    }

    /// A count of items of at least `size` bytes each that the bytes left could hold.
    mutating func count(size: Int = 1) throws -> Int {
        let value = try int()
        guard value >= 0, value <= Int64((bytes.count - position) / max(1, size)) else {
            throw Damaged(description: "stored evaluation holds an impossible count (\(value))")
        }
        return Int(value)
    }

    mutating func text() throws -> String {
        let length = try count()
        defer { position += length }
        return String(decoding: bytes[position..<(position + length)], as: UTF8.self)
    }
}
