import Foundation

/// Blocks waiting for a worker, and results waiting to be merged in order.
///
/// At most `capacity` blocks are read ahead of the merge, so memory stays bounded however large the
/// input; the producer merges finished blocks while it waits for room. `Block` is a numbered piece
/// of input (a file's `LineBlock`, the daemon's ingest body); `Result` is what a worker makes of it:
/// the ranker's scored forms, another pass's results (`RecordPass`), an ingest's decoded records.
public final class BlockQueue<Block: Sendable, Result: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private let capacity: Int
    private var waiting: [Block] = []
    private var waitingStart = 0
    private var done: [Int: Result] = [:]
    private var inFlight = 0
    private var nextToMerge = 0
    private var closed = false

    public init(capacity: Int) { self.capacity = max(1, capacity) }

    /// Queues `block`, first merging (through `merge`, on this thread) whatever is ready in order.
    public func add(_ block: Block, merge: (Result) -> Void) {
        condition.lock()
        while true {
            while let ready = done.removeValue(forKey: nextToMerge) {
                nextToMerge += 1
                inFlight -= 1
                condition.unlock()
                merge(ready)
                condition.lock()
            }
            if inFlight < capacity { break }
            condition.wait()
        }
        waiting.append(block)
        inFlight += 1
        condition.broadcast()
        condition.unlock()
    }

    /// The next block for a worker; nil once the producer is done and nothing is left.
    public func next() -> Block? {
        condition.lock()
        defer { condition.unlock() }
        while waitingStart == waiting.count && !closed { condition.wait() }
        guard waitingStart < waiting.count else { return nil }
        let block = waiting[waitingStart]
        waitingStart += 1
        if waitingStart > 64 && waitingStart * 2 > waiting.count {
            waiting.removeFirst(waitingStart)
            waitingStart = 0
        }
        return block
    }

    /// Hands back the result of the block numbered `sequence`.
    public func complete(_ result: Result, sequence: Int) {
        condition.lock()
        done[sequence] = result
        condition.broadcast()
        condition.unlock()
    }

    /// Merges everything still outstanding, then lets the workers go.
    public func drain(merge: (Result) -> Void) {
        condition.lock()
        while inFlight > 0 {
            if let ready = done.removeValue(forKey: nextToMerge) {
                nextToMerge += 1
                inFlight -= 1
                condition.unlock()
                merge(ready)
                condition.lock()
            } else {
                condition.wait()
            }
        }
        closed = true
        condition.broadcast()
        condition.unlock()
    }

    /// Lets the workers go at once, dropping the blocks still waiting (an abandoned input).
    public func close() {
        condition.lock()
        closed = true
        waiting.removeAll()
        waitingStart = 0
        condition.broadcast()
        condition.unlock()
    }
}
