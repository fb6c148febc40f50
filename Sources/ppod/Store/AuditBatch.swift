import GRDB

/// Audit entries of requests answered at the same time, written together: one transaction and one
/// sync to disk for all the entries that arrived while the previous write was under way (a group
/// commit), where one each would make every reader wait for the disk in turn.
///
/// Each request still waits until its own entry is on disk before its answer leaves, entries are
/// chained in the order they were queued, and when the transaction fails every entry in it fails,
/// so every answer waiting on it is withheld (the audit log fails closed).
final class AuditBatch: Sendable {
    private struct Waiting {
        let entry: AuditEntry
        let continuation: CheckedContinuation<Void, any Error>
    }

    private struct State {
        var waiting: [Waiting] = []
        var writing = false
    }

    private let state = Locked(State())

    /// Appends `entry` with whatever else is waiting; returns once it is on disk.
    func append(_ entry: AuditEntry, to pool: DatabasePool) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            let starts = state.update { state -> Bool in
                state.waiting.append(Waiting(entry: entry, continuation: continuation))
                guard !state.writing else { return false }
                state.writing = true
                return true
            }
            if starts { Task { await self.drain(pool) } }
        }
    }

    /// Writes what is waiting, batch after batch, until nothing is.
    private func drain(_ pool: DatabasePool) async {
        while true {
            let batch = state.update { state -> [Waiting] in
                let batch = state.waiting
                state.waiting = []
                if batch.isEmpty { state.writing = false }
                return batch
            }
            guard !batch.isEmpty else { return }
            let entries = batch.map(\.entry)
            do {
                try await pool.write { db in
                    for entry in entries { try AuditLog.append(entry, in: db) }
                }
                for waiting in batch { waiting.continuation.resume() }
            } catch {
                for waiting in batch { waiting.continuation.resume(throwing: error) }
            }
        }
    }
}
