import Foundation

/// JSON Lines read in blocks of whole lines: each block decoded on any thread
/// (`RecordBlockDecoder`), then the blocks merged in input order (`RecordBlockMerger`), with exactly
/// the outcome of `RecordReader` and `RecordStream`: the same line numbers, reasons, duplicate-id rule
/// and rejected bytes. The daemon's ingest reads a request body this way on several cores.
public struct RecordBlockDecoder: Sendable {
    let decoder: LineDecoder
    /// Whether each record's content is digested (`DecodedBlock.Item.offender`'s `digest`).
    let digests: Bool

    /// A decoder resolving categories and codes against `categories`. Case files are checked, not
    /// built: its caller keeps the records' lines, not the offenders. With `digests`, each record's
    /// decoded content gets its SHA-256 (a store compares a record with the version it holds by it).
    public init(categories: CategoryTable, digests: Bool = false) {
        decoder = LineDecoder(categories: categories, buildsCases: false)
        self.digests = digests
    }

    /// Decodes every line of `block`: whole lines, each ended by a line feed except perhaps the
    /// last (which ends the input). `startsInput` when the block is the input's first (its first line
    /// may begin with a byte order mark).
    public func decode(_ block: [UInt8], startsInput: Bool) -> DecodedBlock {
        var decoded = DecodedBlock()
        let digester = digests ? SHA256Digester() : nil
        // Scoped borrow: every line handed to the decoder lies inside the block, read during the call.
        block.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            var start = 0
            while start < buffer.count {
                // `memchr` looks only at `start..<buffer.count`, so every line lies inside the block.
                let end = memchr(base + start, 0x0A, buffer.count - start)
                    .map { base.distance(to: $0.assumingMemoryBound(to: UInt8.self)) } ?? buffer.count
                let raw = UnsafeBufferPointer(rebasing: buffer[start..<end])
                let index = decoded.lineCount
                decoded.lineCount += 1
                let content = LineDecoder.trimmed(raw, isFirstLine: startsInput && index == 0)
                let text = start..<end
                switch decoder.decode(content, number: index + 1) {
                case .blank: break
                case .unclaimed(let reason):
                    decoded.items.append(.unclaimed(line: index, reason: reason, text: text))
                case .invalid(let id, let reason):
                    decoded.items.append(.invalid(line: index, id: id, reason: reason, text: text))
                case .offender(let offender):
                    let both = RecordLine(bytes: raw, content: content).contentRange
                    decoded.items.append(.offender(line: index, id: offender.id, area: offender.area, text: text,
                                                   content: (start + both.lowerBound)..<(start + both.upperBound),
                                                   digest: digester?.digest(content)))
                }
                start = end + 1
            }
        }
        return decoded
    }
}

/// What each line of one block holds, before ids are compared across blocks. Line indices count
/// from 0 within the block; ranges are offsets in the block's bytes.
public struct DecodedBlock: Sendable {
    /// Lines in the block, blank ones included.
    public var lineCount = 0
    /// The lines that are not blank, in order.
    public var items: [Item] = []

    public enum Item: Sendable {
        /// A usable record: its id and area, the whole line (`text`, without its line feed) and the
        /// part decoded (`content`: without a carriage return, or a byte order mark on line 1).
        /// `digest` is the SHA-256 of the content, when the decoder was asked for digests.
        case offender(line: Int, id: String, area: String?, text: Range<Int>, content: Range<Int>, digest: SHA256Digest?)
        /// Rejected before an id could be read.
        case unclaimed(line: Int, reason: String, text: Range<Int>)
        /// Rejected, but it claims its id.
        case invalid(line: Int, id: String, reason: String, text: Range<Int>)
    }

    public init() {}
}

/// A usable record of the input, as the merge hands it on: where its line lies in its block.
public struct DecodedOffender: Sendable {
    public let id: String
    public let area: String?
    /// The line number in the input, from 1.
    public let line: Int
    /// The whole line in the block, without its line feed.
    public let text: Range<Int>
    /// What was decoded (what a store keeps): `text` without a carriage return, or a byte order mark.
    public let content: Range<Int>
    /// The SHA-256 of the content, when the decoder was asked for digests.
    public let digest: SHA256Digest?
}

/// What became of one line once the blocks before it are known.
public enum MergedLine: Sendable {
    case offender(DecodedOffender)
    case rejected(RejectedRecord)
}

/// Takes decoded blocks in input order: numbers their lines, applies the duplicate-id rule across
/// the whole input and makes each reject with its line's exact bytes.
public struct RecordBlockMerger: Sendable {
    /// The file rejects name (`request:3: reason`).
    public let path: String
    private var linesBefore = 0
    /// Every id read so far with the line that first used it, rejected records included, by its
    /// exact bytes (as `RecordReader` keeps them).
    private var firstSeen: [ExactText: Int] = [:]

    public init(path: String) { self.path = path }

    /// Lines merged so far.
    public var lineCount: Int { linesBefore }

    /// Merges the next block (`block` holding the bytes `decoded` was read from), calling `body` for
    /// each record in order.
    public mutating func merge(_ decoded: DecodedBlock, of block: [UInt8], _ body: (MergedLine) -> Void) {
        let base = linesBefore
        linesBefore += decoded.lineCount
        func reject(_ line: Int, _ reason: String, _ text: Range<Int>) {
            body(.rejected(RejectedRecord(file: path, line: base + line + 1, reason: reason,
                                          bytes: Array(block[text.clamped(to: block.indices)]))))
        }
        func claim(_ id: String, _ line: Int, _ text: Range<Int>) -> Bool {
            let key = ExactText(id)
            if let first = firstSeen[key] {
                reject(line, LineDecoder.duplicateReason(id, firstSeen: first), text)
                return false
            }
            firstSeen[key] = base + line + 1
            return true
        }
        for item in decoded.items {
            switch item {
            case .unclaimed(let line, let reason, let text):
                reject(line, reason, text)
            case .invalid(let line, let id, let reason, let text):
                if claim(id, line, text) { reject(line, reason, text) }
            case .offender(let line, let id, let area, let text, let content, let digest):
                if claim(id, line, text) {
                    body(.offender(DecodedOffender(id: id, area: area, line: base + line + 1, text: text,
                                                   content: content, digest: digest)))
                }
            }
        }
    }
}
