/// The merging side of a `RecordPass`: takes worked blocks in file order, gives each id to its first
/// line, rejects the rest with `RecordReader`'s reasons and hands the usable offenders on.
struct PassMerge<Output: Sendable> {
    let path: String
    let spares: SpareBlocks
    /// Every id read so far with the line that first used it, rejected records included, by its
    /// exact bytes (as `RecordReader` keeps them).
    private var firstSeen: [ExactText: Int] = [:]
    private(set) var rejected: [RejectedRecord] = []

    init(path: String, spares: SpareBlocks) {
        self.path = path
        self.spares = spares
    }

    /// Takes the next block in file order, handing `consume` each offender that keeps its id.
    mutating func take(_ worked: PassBlock<Output>, _ consume: (RecordPass.Accepted<Output>) -> Void) {
        let bytes = worked.block.bytes
        for line in worked.lines {
            switch line {
            case .unclaimed(let number, let reason, let text):
                reject(number, reason, bytes, text)
            case .invalid(let number, let id, let reason, let text):
                if claim(id, number, bytes, text) { reject(number, reason, bytes, text) }
            case .accepted(let number, let id, let output, let text):
                if claim(id, number, bytes, text) {
                    consume(RecordPass.Accepted(id: id, output: output, line: number,
                                                offset: worked.block.offset + text.lowerBound, length: text.count))
                }
            }
        }
        spares.give(bytes)
    }

    private mutating func reject(_ line: Int, _ reason: String, _ bytes: BlockBytes, _ text: Range<Int>) {
        // The exact bytes: a rejected line goes back to its owner as it came.
        rejected.append(RejectedRecord(file: path, line: line, reason: reason, bytes: bytes.array(text)))
    }

    /// Claims `id` for the line, or rejects the line as a duplicate.
    private mutating func claim(_ id: String, _ line: Int, _ bytes: BlockBytes, _ text: Range<Int>) -> Bool {
        let key = ExactText(id)
        if let first = firstSeen[key] {
            reject(line, LineDecoder.duplicateReason(id, firstSeen: first), bytes, text)
            return false
        }
        firstSeen[key] = line
        return true
    }
}
