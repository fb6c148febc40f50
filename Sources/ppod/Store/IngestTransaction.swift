import Foundation
import GRDB
import PPOEngine

/// The transaction of one large ingest, open while its body is still arriving.
///
/// An ingest is one transaction (all or nothing), and a body of gigabytes cannot wait in memory for
/// its end: once more than `IngestLimits.startAfter` bytes of records are waiting, the transaction
/// starts on a thread of its own and takes the blocks as the body's reader hands them over, at most
/// `queueLimit` bytes ahead, so the reader waits for the store rather than memory
/// growing. Its end is `finish` (the counts and the audit entry, then the commit) or `abandon`
/// (the request failed: a rollback, and nothing of the body is stored).
///
/// While it is open it holds the store's write lock: other writes (a run, a decision, the audit entry
/// of a read) wait for it, as they wait for the commit of any ingest.
final class IngestTransaction: @unchecked Sendable {
    /// Bytes handed over and not yet written, at most.
    private let queueLimit: Int
    private let condition = NSCondition()
    private var queue: [StagedBlock] = []
    private var queueStart = 0
    private var queuedBytes = 0
    private var ending: Ending?
    private var abandoned = false
    private var result: Result<IngestOutcome, any Error>?
    private var waiter: CheckedContinuation<IngestOutcome, any Error>?

    /// What the transaction needs at its end, known once the body has been read.
    struct Ending: Sendable {
        let received: Int
        let rejected: Int
        let audit: AuditEntry
    }

    /// Starts the transaction on its own thread, writing `first` and then what is handed over.
    init(pool: DatabasePool, token: String, sees: (@Sendable (String?) -> Bool)?, queueLimit: Int, first: [StagedBlock]) {
        self.queueLimit = queueLimit
        queue = first
        queuedBytes = first.reduce(0) { $0 + $1.size }
        let thread = Thread { [self] in run(pool: pool, token: token, sees: sees) }
        thread.stackSize = 8 << 20
        thread.name = "ppod-ingest"
        thread.start()
    }

    /// Hands over the next block; waits while more than `queueLimit` bytes are already waiting. Returns false
    /// when the transaction has already failed (the body need not be read on: `outcome` throws).
    @discardableResult
    func add(_ block: StagedBlock) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while queuedBytes > queueLimit && result == nil { condition.wait() }
        guard result == nil else { return false }
        queue.append(block)
        queuedBytes += block.size
        condition.broadcast()
        return true
    }

    /// Ends the body: the writes end with the counts and `audit`, and commit.
    func finish(_ ending: Ending) {
        condition.lock()
        self.ending = ending
        condition.broadcast()
        condition.unlock()
    }

    /// The request failed: roll back. Safe to call at any time, and more than once.
    func abandon() {
        condition.lock()
        abandoned = true
        condition.broadcast()
        condition.unlock()
    }

    /// What the committed transaction stored; throws what made it fail.
    func outcome() async throws -> IngestOutcome {
        try await withCheckedThrowingContinuation { continuation in
            condition.lock()
            if let result {
                condition.unlock()
                continuation.resume(with: result)
            } else {
                waiter = continuation
                condition.unlock()
            }
        }
    }

    private enum Next {
        case block(StagedBlock)
        case end(Ending)
    }

    struct Abandoned: Error, CustomStringConvertible {
        var description: String { "the ingest was abandoned before its body ended" }
    }

    /// The next block to write, or the end; throws when the ingest was abandoned.
    private func next() throws -> Next {
        condition.lock()
        defer { condition.unlock() }
        while true {
            if abandoned { throw Abandoned() }
            if queueStart < queue.count {
                let block = queue[queueStart]
                queueStart += 1
                queuedBytes -= block.size
                if queueStart > 64 && queueStart * 2 > queue.count {
                    queue.removeFirst(queueStart)
                    queueStart = 0
                }
                condition.broadcast()
                return .block(block)
            }
            if let ending { return .end(ending) }
            condition.wait()
        }
    }

    private func run(pool: DatabasePool, token: String, sees: (@Sendable (String?) -> Bool)?) {
        let result: Result<IngestOutcome, any Error>
        do {
            result = .success(try OffenderStore.write(pool) { db in
                let writer = try OffenderWriter(db, token: token, sees: sees)
                while true {
                    switch try next() {
                    case .block(let block): try writer.store(block)
                    case .end(let ending):
                        return try writer.finish(received: ending.received, rejected: ending.rejected, audit: ending.audit)
                    }
                }
            })
        } catch {
            result = .failure(error)
        }
        condition.lock()
        self.result = result
        queue.removeAll()
        queuedBytes = 0
        let waiter = self.waiter
        self.waiter = nil
        condition.broadcast()
        condition.unlock()
        waiter?.resume(with: result)
    }
}
