/// A ranking kept on disk as it is held in memory: the packed forms and the sort keys, not a
/// rendering. Read back with the same matrix, it renders exactly the bytes it rendered when it was
/// made, at a fraction of the size of its JSON (a stored run's lists, say).
///
/// The format is private to this type: a tag, the audit facts, the entries, the form buffers, the
/// ineligible offenders and the rejects, each length-prefixed, then the SHA-256 of all of it.
/// Reading checks every length against what is left and the digest before it builds anything, so a
/// damaged archive is an error, never a trap or a wrong form.
extension PackedRanking {
    /// The archive's first bytes, naming its format.
    static let archiveTag: [UInt8] = Array("PPORANK1".utf8)

    /// Writes the ranking through `write`, in pieces of about `pieceSize` bytes.
    public func archive(pieceSize: Int = 8 << 20, _ write: ([UInt8]) throws -> Void) rethrows {
        var out = ArchiveWriter(pieceSize: pieceSize)
        try out.bytes(Self.archiveTag, write)
        try out.int(Int64(asOf.ordinal), write)
        try out.text(rulesDigest, write)
        try out.text(dataDigest, write)
        try out.int(Int64(entries.count), write)
        for entry in entries {
            try out.text(entry.id, write)
            try out.int(entry.score.raw, write)
            try out.int(entry.latestOffence.map { Int64($0.ordinal) } ?? Int64.min, write)
            try out.int(Int64(entry.buffer), write)
            try out.int(Int64(entry.offset), write)
        }
        try out.int(Int64(forms.count), write)
        for buffer in forms {
            try out.int(Int64(buffer.count), write)
            try buffer.withUnsafeBytes { try out.raw($0, write) }
        }
        try out.int(Int64(ineligible.count), write)
        for offender in ineligible {
            try out.text(offender.id, write)
            try out.int(offender.name == nil ? 0 : 1, write)
            try out.text(offender.name ?? "", write)
            try out.text(offender.reason, write)
        }
        try out.int(Int64(rejected.count), write)
        for record in rejected {
            try out.text(record.file, write)
            try out.int(Int64(record.line), write)
            try out.text(record.reason, write)
            try out.int(Int64(record.bytes.count), write)
            try out.raw(record.bytes, write)
        }
        try out.finish(write)
    }

    /// The ranking `archive` wrote, read from the pieces `next` hands over (nil at the end), for
    /// `matrix`, which must be the matrix it was made with (the same rules digest).
    public init(archive next: () throws -> [UInt8]?, matrix: CompiledMatrix) throws {
        // The reader holds `next` only while this initializer runs.
        self = try withoutActuallyEscaping(next) { next in try Self.read(ArchiveReader(next), matrix: matrix) }
    }

    private static func read(_ reader: ArchiveReader, matrix: CompiledMatrix) throws -> PackedRanking {
        var input = reader
        guard try input.bytes(Self.archiveTag.count) == Self.archiveTag else { throw ArchiveError("not a ranking archive") }
        let asOf = Day(ordinal: Int32(truncatingIfNeeded: try input.int()))
        let rulesDigest = try input.text(), dataDigest = try input.text()
        var entries: [PackedEntry] = []
        let entryCount = try input.count(atLeast: 8)
        // A damaged count must fail when the bytes run out, not first ask for all memory.
        entries.reserveCapacity(min(entryCount, 1 << 20))
        for _ in 0..<entryCount {
            let id = try input.text()
            let score = Decimal6(raw: try input.int())
            let latest = try input.int()
            let buffer = try input.int(), offset = try input.int()
            guard (0...Int64(Int32.max)).contains(buffer), (0...Int64(Int32.max)).contains(offset) else {
                throw ArchiveError("a form's place is out of range")
            }
            entries.append(PackedEntry(id: id, score: score,
                                       latestOffence: latest == Int64.min ? nil : Day(ordinal: Int32(truncatingIfNeeded: latest)),
                                       buffer: Int(buffer), offset: Int(offset)))
        }
        var forms: [FrozenBytes] = []
        let formCount = try input.count(atLeast: 8)
        for _ in 0..<formCount {
            let length = try input.count(atLeast: 1)
            var buffer = ByteBuffer(capacity: max(1, min(length, 64 << 20)))
            try input.copy(length) { buffer.append($0) }
            forms.append(buffer.frozen())
        }
        for entry in entries {
            guard forms.indices.contains(Int(entry.buffer)), Int(entry.offset) < forms[Int(entry.buffer)].count else {
                throw ArchiveError("a form lies outside the archive's forms")
            }
        }
        var ineligible: [IneligibleOffender] = []
        for _ in 0..<(try input.count(atLeast: 8)) {
            let id = try input.text()
            let named = try input.int() != 0
            let name = try input.text()
            ineligible.append(IneligibleOffender(id: id, name: named ? name : nil, reason: try input.text()))
        }
        var rejected: [RejectedRecord] = []
        for _ in 0..<(try input.count(atLeast: 8)) {
            let file = try input.text()
            let line = Int(truncatingIfNeeded: try input.int())
            let reason = try input.text()
            let bytes = try input.bytes(try input.count(atLeast: 1))
            rejected.append(RejectedRecord(file: file, line: line, reason: reason, bytes: bytes))
        }
        let digest = input.hasher.finalize()
        input.hashing = false
        guard try input.bytes(64) == Array(digest.utf8) else { throw ArchiveError("its digest does not match its bytes") }
        guard input.isAtEnd, try input.next() == nil else { throw ArchiveError("bytes after the end of the archive") }
        return PackedRanking(matrix: matrix, asOf: asOf, rulesDigest: rulesDigest, dataDigest: dataDigest, entries: entries,
                  forms: forms, ineligible: ineligible, rejected: rejected)
    }
}

/// Why an archive could not be read.
public struct ArchiveError: Error, CustomStringConvertible, Sendable {
    public let description: String
    init(_ reason: String) { description = "damaged ranking archive: \(reason)" }
}

/// The archive's writer: little-endian integers and length-prefixed texts, handed on in pieces.
private struct ArchiveWriter {
    let pieceSize: Int
    var out: [UInt8] = []
    var hasher = SHA256()

    init(pieceSize: Int) {
        self.pieceSize = max(1 << 10, pieceSize)
        out.reserveCapacity(self.pieceSize + 64)
    }

    mutating func flush(_ write: ([UInt8]) throws -> Void) rethrows {
        guard out.count >= pieceSize else { return }
        hasher.update(out)
        try write(out)
        out.removeAll(keepingCapacity: true)
    }

    mutating func int(_ value: Int64, _ write: ([UInt8]) throws -> Void) rethrows {
        withUnsafeBytes(of: value.littleEndian) { out.append(contentsOf: $0) }
        try flush(write)
    }

    mutating func text(_ text: String, _ write: ([UInt8]) throws -> Void) rethrows {
        var text = text
        try text.withUTF8 { utf8 in
            try int(Int64(utf8.count), write)
            try raw(UnsafeRawBufferPointer(utf8), write)
        }
    }

    mutating func bytes(_ bytes: [UInt8], _ write: ([UInt8]) throws -> Void) rethrows {
        out.append(contentsOf: bytes)
        try flush(write)
    }

    mutating func raw(_ bytes: some Collection<UInt8>, _ write: ([UInt8]) throws -> Void) rethrows {
        out.append(contentsOf: bytes)
        try flush(write)
    }

    mutating func finish(_ write: ([UInt8]) throws -> Void) rethrows {
        hasher.update(out)
        out.append(contentsOf: Array(hasher.finalize().utf8))
        try write(out)
        out.removeAll()
    }
}

/// The archive's reader over pieces: each read checked against what the pieces still hold.
private struct ArchiveReader {
    let next: () throws -> [UInt8]?
    var piece: [UInt8] = []
    var position = 0
    /// The digest of every byte read while `hashing`.
    var hasher = SHA256()
    var hashing = true

    init(_ next: @escaping () throws -> [UInt8]?) { self.next = next }

    var isAtEnd: Bool { position >= piece.count }

    /// Makes sure some bytes are at hand; false at the end of the input.
    mutating func refill() throws -> Bool {
        while position >= piece.count {
            guard let more = try next() else { return false }
            piece = more
            position = 0
        }
        return true
    }

    /// Hands `body` the next `count` bytes, in one or more borrowed runs.
    mutating func copy(_ count: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Void) throws {
        var left = count
        while left > 0 {
            guard try refill() else { throw ArchiveError("it ends too soon") }
            let take = min(left, piece.count - position)
            piece.withUnsafeBufferPointer { all in
                let run = UnsafeBufferPointer(rebasing: all[position..<(position + take)])
                if hashing { hasher.update(run) }
                body(run)
            }
            position += take
            left -= take
        }
    }

    mutating func bytes(_ count: Int) throws -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(min(count, 1 << 20))
        try copy(count) { bytes.append(contentsOf: $0) }
        return bytes
    }

    mutating func int() throws -> Int64 {
        var value: UInt64 = 0
        for (index, byte) in try bytes(8).enumerated() { value |= UInt64(byte) << (8 * UInt64(index)) }
        return Int64(bitPattern: value)
    }

    /// A count or length: not negative, and (at `atLeast` bytes an item) no more than an archive
    /// of a few hundred gigabytes could hold, so a damaged count cannot ask for all memory.
    mutating func count(atLeast bytesPerItem: Int) throws -> Int {
        let value = try int()
        guard value >= 0, value <= (Int64(1) << 38) / Int64(max(1, bytesPerItem)) else {
            throw ArchiveError("a count of \(value) is out of range")
        }
        return Int(value)
    }

    mutating func text() throws -> String {
        String(decoding: try bytes(try count(atLeast: 1)), as: UTF8.self)
    }
}
