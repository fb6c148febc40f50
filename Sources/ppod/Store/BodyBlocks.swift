import Foundation
import PPOEngine

/// A request body read as JSON Lines on several threads: the pieces are gathered into blocks of
/// whole lines, each block is decoded (and each record's line digested) on a worker thread, and the
/// blocks come back in body order through `RecordBlockMerger`, so line numbers, reasons, the
/// duplicate-id rule and rejected bytes are exactly `ppo`'s (`RecordStream`'s).
///
/// At most `threads × 3` blocks are out at the workers: `feed` waits for room (merging what is
/// ready meanwhile), so memory stays bounded however large the body. A body of one block is decoded
/// on the calling thread and starts no worker.
final class BodyBlocks {
    private let decoder: RecordBlockDecoder
    private var merger: RecordBlockMerger
    private let blockSize: Int
    private let threads: Int
    private var current: [UInt8] = []
    /// Bytes of `current` known to hold no line feed.
    private var searchedUpTo = 0
    private var nextSequence = 0
    /// The first block, until a second comes.
    private var held: Block?
    private var work: WorkQueue?

    init(categories: CategoryTable, path: String, blockSize: Int, threads: Int) {
        decoder = RecordBlockDecoder(categories: categories, digests: true)
        merger = RecordBlockMerger(path: path)
        self.blockSize = max(1, blockSize)
        self.threads = max(1, threads)
        current.reserveCapacity(self.blockSize + (64 << 10))
    }

    deinit { work?.close() }

    /// Adds the next piece of the body; `take` receives each block completed before it, in order.
    func feed(_ piece: ArraySlice<UInt8>, _ take: (MergedBlock) -> Void) {
        var rest = piece
        while !rest.isEmpty {
            // Up to a block's worth; past it (a line longer than a block), everything.
            let room = blockSize - current.count
            let part = room > 0 ? rest.prefix(room) : rest
            current.append(contentsOf: part)
            rest = rest.dropFirst(part.count)
            guard current.count >= blockSize else { continue }
            guard let lastNewline = current[searchedUpTo...].lastIndex(of: 0x0A) else {
                searchedUpTo = current.count   // no line feed yet: the block grows until one comes
                continue
            }
            // Whole lines go; the partial last line starts the next block.
            var next: [UInt8] = []
            next.reserveCapacity(blockSize + (64 << 10))
            next.append(contentsOf: current[(lastNewline + 1)...])
            current.removeSubrange((lastNewline + 1)...)
            let block = current
            current = next
            searchedUpTo = next.count
            submit(block, take)
        }
    }

    /// Ends the body: the last line (which may lack a line feed) and every block still out.
    func finish(_ take: (MergedBlock) -> Void) {
        if !current.isEmpty {
            let block = current
            current = []
            submit(block, take)
        }
        if let first = held {
            // The whole body was one block: decoded here, with no worker started.
            held = nil
            merge(Self.decode(first, with: decoder), take)
        }
        work?.drain { merge($0, take) }
        work?.close()
        work = nil
    }

    private func submit(_ bytes: [UInt8], _ take: (MergedBlock) -> Void) {
        let block = Block(sequence: nextSequence, bytes: bytes)
        nextSequence += 1
        guard threads > 1 else {
            merge(Self.decode(block, with: decoder), take)
            return
        }
        if work == nil {
            // The first block waits for a second before any worker starts.
            guard let first = held else {
                held = block
                return
            }
            held = nil
            work = WorkQueue(threads: threads, decode: { [decoder] in BodyBlocks.decode($0, with: decoder) })
            work?.add(first) { merge($0, take) }
        }
        work?.add(block) { merge($0, take) }
    }

    private static func decode(_ block: Block, with decoder: RecordBlockDecoder) -> Decoded {
        Decoded(block: block, lines: decoder.decode(block.bytes, startsInput: block.sequence == 0))
    }

    private func merge(_ decoded: Decoded, _ take: (MergedBlock) -> Void) {
        var lines: [MergedLine] = []
        lines.reserveCapacity(decoded.lines.items.count)
        merger.merge(decoded.lines, of: decoded.block.bytes) { lines.append($0) }
        take(MergedBlock(bytes: decoded.block.bytes, lines: lines))
    }

    struct Block: Sendable {
        let sequence: Int
        let bytes: [UInt8]
    }

    struct Decoded: Sendable {
        let block: Block
        let lines: DecodedBlock
    }

    /// The engine's queue of blocks (`BlockQueue`), with `threads` decoding threads of ppod's own
    /// taking from it: blocks read ahead are bounded, decoded blocks merged in body order.
    final class WorkQueue: Sendable {
        private let queue: BlockQueue<Block, Decoded>

        init(threads: Int, decode: @escaping @Sendable (Block) -> Decoded) {
            let queue = BlockQueue<Block, Decoded>(capacity: threads * 3)
            self.queue = queue
            for _ in 0..<threads {
                let thread = Thread {
                    while let block = queue.next() { queue.complete(decode(block), sequence: block.sequence) }
                }
                thread.stackSize = 8 << 20
                thread.name = "ppod-decode"
                thread.start()
            }
        }

        /// Queues `block`, first merging (on this thread, through `merge`) whatever is ready in order.
        func add(_ block: Block, merge: (Decoded) -> Void) { queue.add(block, merge: merge) }

        /// Merges everything still out, in order.
        func drain(merge: (Decoded) -> Void) { queue.drain(merge: merge) }

        /// Lets the workers go (at once when the body was abandoned: blocks still waiting are dropped).
        func close() { queue.close() }
    }
}

/// One block of the body once merged: its bytes, and what each of its lines became.
struct MergedBlock {
    let bytes: [UInt8]
    let lines: [MergedLine]
}
