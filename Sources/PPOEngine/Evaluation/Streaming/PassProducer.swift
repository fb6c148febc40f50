/// The reading side of a `RecordPass`: fills blocks of whole lines, numbers them and feeds the digest.
struct PassProducer {
    let blockSize: Int
    let spares: SpareBlocks
    var hasher = SHA256()
    private var nextSequence = 0
    /// The number of the next block's first line, and the file offset of its first byte.
    private var nextLine = 1
    private var nextOffset = 0

    init(blockSize: Int, spares: SpareBlocks) {
        self.blockSize = blockSize
        self.spares = spares
    }

    /// Fills blocks through `read` (which appends up to the given number of bytes to the block and
    /// returns how many it appended, 0 at the end or on failure), feeding each byte to the digest
    /// once, and hands `submit` every block of whole lines in file order (the last may lack its
    /// line feed). A line longer than a block is carried until its end is read.
    mutating func produce(read: (BlockBytes, Int) -> Int, submit: (LineBlock) -> Void) {
        var carry: [UInt8] = []
        while true {
            let bytes = spares.take() ?? BlockBytes(capacity: blockSize + (64 << 10))
            bytes.removeAll()
            // The carried partial line, then the next chunk read straight in behind it.
            bytes.append(carry)
            let start = bytes.count
            let count = read(bytes, blockSize)
            guard count > 0 else {
                if bytes.count > 0 { submit(block(bytes)) }
                return
            }
            bytes.updateDigest(&hasher, from: start)
            guard let lastNewline = bytes.lastIndex(of: 0x0A) else {
                carry = bytes.array(0..<bytes.count)
                spares.give(bytes)
                continue
            }
            carry = bytes.array((lastNewline + 1)..<bytes.count)
            bytes.truncate(to: lastNewline + 1)
            submit(block(bytes))
        }
    }

    /// `bytes` numbered as the next block; the numbering moves past its lines.
    private mutating func block(_ bytes: BlockBytes) -> LineBlock {
        let block = LineBlock(sequence: nextSequence, bytes: bytes, firstLine: nextLine, offset: nextOffset)
        nextSequence += 1
        nextLine += bytes.occurrences(of: 0x0A)
        nextOffset += bytes.count
        return block
    }
}

/// Blocks the merge is done with, for the reader to fill again (both on the calling thread).
final class SpareBlocks {
    private var blocks: [BlockBytes] = []

    func take() -> BlockBytes? { blocks.popLast() }
    func give(_ block: BlockBytes) { blocks.append(block) }
}
