import Foundation

/// Where an element sits in the record, for naming elements that carry no id: `offences[3]`,
/// `cases[1].events[2]`. Only turned into text when needed.
struct ElementPath {
    let key: String
    /// 1-based.
    let position: Int
    let parentKey: String?
    let parentPosition: Int

    var text: String {
        let own = "\(key)[\(position)]"
        guard let parentKey else { return own }
        return "\(parentKey)[\(parentPosition)].\(own)"
    }
}

/// Whether two byte buffers of equal length hold the same bytes.
@inline(__always)
// Reads `a.count` bytes of each, equal lengths checked first; keeps no pointer.
func sameBytes(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
    guard a.count == b.count else { return false }
    guard let x = a.baseAddress, let y = b.baseAddress else { return true }
    return memcmp(x, y, a.count) == 0
}

/// Which known keys an object has had, to catch a repeated one (an error the careful path reports).
struct KeySet {
    private var bits: UInt32 = 0
    /// False when `key` was already there.
    @inline(__always) mutating func insert(_ key: Int) -> Bool {
        let bit: UInt32 = 1 << UInt32(key)
        defer { bits |= bit }
        return bits & bit == 0
    }
}

/// Names looked up by their UTF-8 bytes, so a record's category never becomes a `String` first.
struct ByteKeyedTable: Sendable {
    private let entries: [(bytes: [UInt8], value: Int)]

    init(_ pairs: [(String, Int)]) {
        entries = pairs.map { (Array($0.0.utf8), $0.1) }
    }

    // `bytes` (a scanned range of the line) is compared during the call only.
    func lookup(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        for entry in entries where entry.bytes.count == bytes.count {
            if entry.bytes.withUnsafeBufferPointer({ sameBytes($0, bytes) }) {
                return entry.value
            }
        }
        return nil
    }
}

/// An enumeration read from the bytes of its raw value.
protocol ByteNamed: RawRepresentable, CaseIterable where RawValue == String {
    /// Every case with the bytes of its raw value; built once per type.
    static var byteNames: [(bytes: [UInt8], value: Self)] { get }
}

extension ByteNamed {
    static func makeByteNames() -> [(bytes: [UInt8], value: Self)] {
        allCases.map { (Array($0.rawValue.utf8), $0) }
    }

    // As `lookup`: compared during the call only.
    init?(bytes: UnsafeBufferPointer<UInt8>) {
        for entry in Self.byteNames where entry.bytes.count == bytes.count {
            if entry.bytes.withUnsafeBufferPointer({ sameBytes($0, bytes) }) {
                self = entry.value
                return
            }
        }
        return nil
    }
}

extension Impact: ByteNamed { static let byteNames = makeByteNames() }
extension EvidenceLevel: ByteNamed { static let byteNames = makeByteNames() }
extension PPOMembership.Status: ByteNamed { static let byteNames = makeByteNames() }
extension Intelligence.Assessment: ByteNamed { static let byteNames = makeByteNames() }
extension Intelligence.Handling: ByteNamed { static let byteNames = makeByteNames() }
extension DrugTest.Result: ByteNamed { static let byteNames = makeByteNames() }
