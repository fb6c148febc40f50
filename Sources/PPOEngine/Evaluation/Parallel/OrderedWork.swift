import Foundation

/// Runs numbered jobs on several threads and hands their results back in number order.
///
/// For output that must come out in order but can be produced in parallel (the pieces of a ranked
/// list): at most `window` results wait at once, so memory stays bounded however many jobs there are.
enum OrderedWork {
    /// Calls `produce(i)` for every `i` in `0..<count` on `threads` threads and `consume` with the
    /// results in order of `i`, on the calling thread. A throw from `consume` stops the work.
    static func run<T>(count: Int, threads: Int, window: Int, produce: @escaping @Sendable (Int) -> T,
                       consume: (T) throws -> Void) throws {
        guard count > 0 else { return }
        guard threads > 1, count > 1 else {
            for i in 0..<count { try consume(produce(i)) }
            return
        }
        let state = State<T>(window: max(1, window))
        var workers: [Thread] = []
        for _ in 0..<min(threads, count) {
            let thread = Thread {
                while let i = state.claim(below: count) { state.store(i, produce(i)) }
                state.workerDone()
            }
            thread.stackSize = 8 << 20
            workers.append(thread)
            thread.start()
        }
        defer { state.stopAndWait(workers: workers.count) }
        for i in 0..<count { try consume(state.take(i)) }
    }

    private final class State<T>: @unchecked Sendable {
        private let condition = NSCondition()
        private let window: Int
        private var nextClaim = 0
        private var nextTake = 0
        private var ready: [Int: T] = [:]
        private var stopped = false
        private var finished = 0

        init(window: Int) { self.window = window }

        /// The next job for a worker, waiting while `window` results are ahead of the consumer.
        func claim(below count: Int) -> Int? {
            condition.lock()
            defer { condition.unlock() }
            while !stopped && nextClaim < count && nextClaim >= nextTake + window { condition.wait() }
            guard !stopped, nextClaim < count else { return nil }
            nextClaim += 1
            return nextClaim - 1
        }

        func store(_ i: Int, _ value: T) {
            condition.lock()
            ready[i] = value
            condition.broadcast()
            condition.unlock()
        }

        func take(_ i: Int) -> T {
            condition.lock()
            defer { condition.unlock() }
            while true {
                if let value = ready.removeValue(forKey: i) {
                    nextTake = i + 1
                    condition.broadcast()
                    return value
                }
                condition.wait()
            }
        }

        func workerDone() {
            condition.lock()
            finished += 1
            condition.broadcast()
            condition.unlock()
        }

        /// Stops handing out jobs and waits until every worker has left.
        func stopAndWait(workers: Int) {
            condition.lock()
            stopped = true
            condition.broadcast()
            while finished < workers { condition.wait() }
            condition.unlock()
        }
    }
}
