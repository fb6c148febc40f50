import Foundation

/// Ranks a JSON Lines input with one matrix on several threads, holding scores, not records.
///
/// The calling thread reads the file in blocks of whole lines and feeds the data digest; worker
/// threads decode and score each block, keeping only each offender's packed form; the calling thread
/// then takes the blocks' results strictly in file order, so duplicate ids, rejects and line numbers
/// come out exactly as a single-threaded read gives them, and the ranking is the same whatever the
/// number of threads. `CompiledMatrix.rank` over `RecordReader.read` is the simple reference.
public struct ParallelRanker: Sendable {
    public let matrix: CompiledMatrix
    public let categories: CategoryTable
    public let asOf: Day
    /// Worker threads; 1 scores on the calling thread.
    public let threads: Int
    /// Bytes read at a time; blocks hold whole lines, so a block may be larger.
    let blockSize: Int

    /// A ranker for `matrix`, resolving offence categories against `categories`.
    public init(matrix: CompiledMatrix, categories: CategoryTable, asOf: Day,
                threads: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.init(matrix: matrix, categories: categories, asOf: asOf, threads: threads, blockSize: 1 << 21)
    }

    init(matrix: CompiledMatrix, categories: CategoryTable, asOf: Day, threads: Int, blockSize: Int) {
        self.matrix = matrix
        self.categories = categories
        self.asOf = asOf
        self.threads = max(1, threads)
        self.blockSize = max(1, blockSize)
    }

    /// Ranks the records of the file at `path`. Throws only when it cannot be opened or read.
    public func rank(path: String, rulesDigest: String) throws -> PackedRanking {
        guard let file = fopen(path, "rb") else { throw ReadError(path: path, reason: String(cString: strerror(errno))) }
        defer { fclose(file) }
        var run = Run(ranker: self, path: path)
        var failure: String? = nil
        run.produceBlocks { space in
            let count = space.baseAddress.map { fread($0, 1, space.count, file) } ?? 0
            if count < space.count && ferror(file) != 0 {
                failure = String(cString: strerror(errno))
                return 0
            }
            return count
        }
        let ranking = run.finish(rulesDigest: rulesDigest)   // also stops the workers
        if let failure { throw ReadError(path: path, reason: failure) }
        return ranking
    }

    /// Ranks records already in memory (tests, the daemon).
    public func rank(bytes: [UInt8], path: String, rulesDigest: String) -> PackedRanking {
        var run = Run(ranker: self, path: path)
        var start = 0
        run.produceBlocks { space in
            let count = min(space.count, bytes.count - start)
            guard count > 0, let to = space.baseAddress else { return 0 }
            bytes.withUnsafeBufferPointer { if let from = $0.baseAddress { to.update(from: from + start, count: count) } }
            start += count
            return count
        }
        return run.finish(rulesDigest: rulesDigest)
    }
}

extension ParallelRanker {
    /// Ranks offenders already in memory (the daemon's case, and the evaluation benchmark): the
    /// offenders are scored in chunks on `threads` threads into packed forms, then ordered.
    /// `rejected` and `dataDigest` are carried into the result as given.
    public func rank(offenders: [Offender], rulesDigest: String, dataDigest: String,
                     rejected: [RejectedRecord] = []) -> PackedRanking {
        let chunk = 1_024
        let chunks = (offenders.count + chunk - 1) / chunk
        let results = ChunkResults(count: chunks)
        let matrix = self.matrix, asOf = self.asOf
        let work: @Sendable (Int) -> Void = { _ in
            let matrix = matrix.planned()
            var scratch = ScoringScratch(for: matrix)
            // Sized from the chunk before, so a chunk's forms are written without regrowing:
            // `frozen()` gives back what is left over.
            var expected = chunk * 512
            while let c = results.claim() {
                var forms = FormWriter(capacity: expected + expected / 8)
                var entries: [(id: String, score: Decimal6, latest: Day?, offset: Int)] = []
                var ineligible: [IneligibleOffender] = []
                // By address: `for offender in` would copy (and retain every field of) each offender.
                offenders.withUnsafeBufferPointer { all in
                    guard let base = all.baseAddress else { return }
                    for i in (c * chunk)..<min(all.count, (c + 1) * chunk) {
                        let offset = forms.bytes.count
                        switch matrix.scoreForm(at: base + i, asOf: asOf, into: &forms, scratch: &scratch) {
                        case .scored(let score, let latest): entries.append((all[i].id, score, latest, offset))
                        case .ineligible(let reason):
                            ineligible.append(IneligibleOffender(id: all[i].id, name: all[i].name, reason: reason))
                        }
                    }
                }
                expected = max(expected, forms.bytes.count)
                results.store(c, (entries, ineligible, forms.bytes.frozen()))
            }
        }
        if threads == 1 || chunks <= 1 {
            work(0)
        } else {
            DispatchQueue.concurrentPerform(iterations: min(threads, chunks), execute: work)
        }
        var entries: [PackedEntry] = []
        entries.reserveCapacity(offenders.count)
        var forms: [FrozenBytes] = []
        var ineligible: [IneligibleOffender] = []
        for (scored, notEligible, bytes) in results.all() {
            for entry in scored {
                entries.append(PackedEntry(id: entry.id, score: entry.score, latestOffence: entry.latest,
                                           buffer: forms.count, offset: entry.offset))
            }
            ineligible += notEligible
            forms.append(bytes)
        }
        return PackedRanking(matrix: matrix, asOf: asOf, rulesDigest: rulesDigest, dataDigest: dataDigest,
                             entries: entries, forms: forms, ineligible: ineligible, rejected: rejected)
    }
}

extension ParallelRanker {
    /// Decodes every line of `bytes` and drops the result: the decoding cost alone, for the benchmark.
    public func decodeOnly(_ bytes: [UInt8]) -> Int {
        let decoder = LineDecoder(categories: categories, buildsCases: matrix.readsCases)
        var decoded = 0
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            var start = 0
            while start < buffer.count {
                let end = memchr(base + start, 0x0A, buffer.count - start)
                    .map { base.distance(to: $0.assumingMemoryBound(to: UInt8.self)) } ?? buffer.count
                if case .offender = decoder.decode(UnsafeBufferPointer(rebasing: buffer[start..<end]), number: 1) { decoded += 1 }
                start = end + 1
            }
        }
        return decoded
    }
}

/// Chunks of offenders handed out to threads, and what each chunk gave, kept in chunk order.
private final class ChunkResults: @unchecked Sendable {
    typealias Result = (entries: [(id: String, score: Decimal6, latest: Day?, offset: Int)],
                        ineligible: [IneligibleOffender], forms: FrozenBytes)
    private let lock = NSLock()
    private var next = 0
    private var results: [Result?]

    init(count: Int) { results = Array(repeating: nil, count: count) }

    func claim() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard next < results.count else { return nil }
        next += 1
        return next - 1
    }

    func store(_ index: Int, _ result: Result) {
        lock.lock()
        results[index] = result
        lock.unlock()
    }

    func all() -> [Result] { results.compactMap { $0 } }
}

/// A block of whole lines, numbered in file order.
private struct LineBlock: Sendable {
    let sequence: Int
    let bytes: BlockBytes
}

/// What became of one line of a block, before ids are compared across blocks.
private enum LineResult: Sendable {
    case scored(line: Int, id: String, score: Decimal6, latestOffence: Day?, form: Int, text: Range<Int>)
    case ineligible(line: Int, IneligibleOffender, text: Range<Int>)
    case unclaimed(line: Int, reason: String, text: Range<Int>)
    case invalid(line: Int, id: String, reason: String, text: Range<Int>)
}

/// A scored block: its lines' results and the packed forms they point into.
private struct BlockResult: Sendable {
    let block: LineBlock
    let lineCount: Int
    let results: [LineResult]
    let forms: FrozenBytes
}

/// One ranking pass: the producer's state, the workers and the in-order merge.
private struct Run: ~Copyable {
    let ranker: ParallelRanker
    let path: String
    let decoder: LineDecoder
    var hasher = SHA256()
    var nextSequence = 0
    // Merge state, touched only by the calling thread.
    var linesBefore = 0
    /// Ids claimed so far, by their exact bytes (as `RecordReader` keeps them).
    var firstSeen: [ExactText: Int] = [:]
    var entries: [PackedEntry] = []
    var forms: [FrozenBytes] = []
    var ineligible: [IneligibleOffender] = []
    var rejected: [RejectedRecord] = []
    let queue: BlockQueue?
    var scratch: ScoringScratch
    /// Blocks the merge is done with, for the reader to fill again.
    var spareBlocks: [BlockBytes] = []

    init(ranker: ParallelRanker, path: String) {
        self.ranker = ranker
        self.path = path
        self.decoder = LineDecoder(categories: ranker.categories, buildsCases: ranker.matrix.readsCases)
        scratch = ScoringScratch(for: ranker.matrix)
        queue = ranker.threads > 1 ? BlockQueue(capacity: ranker.threads * 4) : nil
        if let queue {
            for _ in 0..<ranker.threads {
                let decoder = self.decoder, matrix = ranker.matrix, asOf = ranker.asOf
                let thread = Thread {
                    let matrix = matrix.planned()
                    var scratch = ScoringScratch(for: matrix)
                    while let block = queue.next() {
                        queue.complete(Run.process(block, decoder: decoder, matrix: matrix, asOf: asOf, scratch: &scratch))
                    }
                }
                thread.stackSize = 8 << 20
                thread.start()
            }
        }
    }

    /// Reads chunks through `read` (which fills the space it is given and returns how many bytes it
    /// wrote, 0 at the end or on failure) and feeds them to the digest, cutting them into blocks of
    /// whole lines and handing each to the workers, merging results as they come back.
    mutating func produceBlocks(_ read: (UnsafeMutableBufferPointer<UInt8>) -> Int) {
        let blockSize = ranker.blockSize
        var carry: [UInt8] = []
        while true {
            let block = spareBlocks.popLast() ?? BlockBytes(capacity: blockSize + (64 << 10))
            block.removeAll()
            // The carried partial line, then the next chunk read straight in behind it.
            carry.withUnsafeBufferPointer { block.append($0) }
            let start = block.count
            let count = block.appendFilling(upTo: blockSize, read)
            guard count > 0 else {
                if block.count > 0 { submit(block) }
                return
            }
            hasher.update(UnsafeBufferPointer(rebasing: block.buffer[start...]))
            let bytes = block.buffer
            guard let lastNewline = bytes.lastIndex(of: 0x0A) else {
                carry = Array(bytes)   // a line longer than a chunk: keep reading
                spareBlocks.append(block)
                continue
            }
            carry = Array(bytes[(lastNewline + 1)...])
            block.truncate(to: lastNewline + 1)
            submit(block)
        }
    }

    private mutating func submit(_ bytes: BlockBytes) {
        let block = LineBlock(sequence: nextSequence, bytes: bytes)
        nextSequence += 1
        if let queue {
            queue.add(block) { merge($0) }
        } else {
            merge(Run.process(block, decoder: decoder, matrix: ranker.matrix, asOf: ranker.asOf, scratch: &scratch))
        }
    }

    mutating func finish(rulesDigest: String) -> PackedRanking {
        queue?.drain { merge($0) }
        return PackedRanking(matrix: ranker.matrix, asOf: ranker.asOf, rulesDigest: rulesDigest,
                             dataDigest: hasher.finalize(), entries: entries, forms: forms,
                             ineligible: ineligible, rejected: rejected)
    }

    /// Decodes and scores every line of a block (on a worker thread).
    static func process(_ block: LineBlock, decoder: LineDecoder, matrix: CompiledMatrix, asOf: Day,
                        scratch: inout ScoringScratch) -> BlockResult {
        var forms = FormWriter(capacity: block.bytes.count / 4)
        var results: [LineResult] = []
        var lineCount = 0
        scan: do {
            let buffer = block.bytes.buffer
            guard let base = buffer.baseAddress else { break scan }
            var start = 0
            while start < buffer.count {
                let end: Int
                if let found = memchr(base + start, 0x0A, buffer.count - start) {
                    end = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                } else {
                    end = buffer.count
                }
                let isFirst = block.sequence == 0 && lineCount == 0
                let line = LineDecoder.trimmed(UnsafeBufferPointer(rebasing: buffer[start..<end]), isFirstLine: isFirst)
                // The whole line, carriage return and byte order mark included: what a reject keeps.
                let text = start..<end
                let number = lineCount
                lineCount += 1
                start = end + 1
                switch decoder.decode(line, number: number + 1) {
                case .blank: continue
                case .unclaimed(let reason): results.append(.unclaimed(line: number, reason: reason, text: text))
                case .invalid(let id, let reason): results.append(.invalid(line: number, id: id, reason: reason, text: text))
                case .offender(var offender):
                    let offset = forms.bytes.count
                    switch withUnsafePointer(to: &offender, { matrix.scoreForm(at: $0, asOf: asOf, into: &forms, scratch: &scratch) }) {
                    case .scored(let score, let latest):
                        results.append(.scored(line: number, id: offender.id, score: score, latestOffence: latest,
                                               form: offset, text: text))
                    case .ineligible(let reason):
                        let who = IneligibleOffender(id: offender.id, name: offender.name, reason: reason)
                        results.append(.ineligible(line: number, who, text: text))
                    }
                }
            }
        }
        return BlockResult(block: block, lineCount: lineCount, results: results, forms: forms.bytes.frozen())
    }

    /// Takes one block's results in file order: line numbers, duplicate ids, rejects.
    mutating func merge(_ result: BlockResult) {
        let base = linesBefore
        linesBefore += result.lineCount
        let buffer = forms.count
        var usedForms = false
        func reject(_ line: Int, _ reason: String, _ range: Range<Int>) {
            rejected.append(RejectedRecord(file: path, line: base + line + 1, reason: reason,
                                           bytes: Array(result.block.bytes.buffer[range])))
        }
        /// Claims `id` for the line, or rejects the line as a duplicate.
        func claim(_ id: String, _ line: Int, _ range: Range<Int>) -> Bool {
            let key = ExactText(id)
            if let first = firstSeen[key] {
                reject(line, LineDecoder.duplicateReason(id, firstSeen: first), range)
                return false
            }
            firstSeen[key] = base + line + 1
            return true
        }
        for item in result.results {
            switch item {
            case .unclaimed(let line, let reason, let range):
                reject(line, reason, range)
            case .invalid(let line, let id, let reason, let range):
                if claim(id, line, range) { reject(line, reason, range) }
            case .ineligible(let line, let who, let range):
                if claim(who.id, line, range) { ineligible.append(who) }
            case .scored(let line, let id, let score, let latest, let form, let range):
                if claim(id, line, range) {
                    entries.append(PackedEntry(id: id, score: score, latestOffence: latest, buffer: buffer, offset: form))
                    usedForms = true
                }
            }
        }
        if usedForms { forms.append(result.forms) }
        spareBlocks.append(result.block.bytes)
    }
}

/// Blocks waiting for a worker, and results waiting to be merged in order.
///
/// At most `capacity` blocks are read ahead of the merge, so memory stays bounded however large the
/// input; the producer merges finished blocks while it waits for room.
private final class BlockQueue: @unchecked Sendable {
    private let condition = NSCondition()
    private let capacity: Int
    private var waiting: [LineBlock] = []
    private var waitingStart = 0
    private var done: [Int: BlockResult] = [:]
    private var inFlight = 0
    private var nextToMerge = 0
    private var closed = false

    init(capacity: Int) { self.capacity = max(1, capacity) }

    /// Queues `block`, first merging (through `merge`, on this thread) whatever is ready in order.
    func add(_ block: LineBlock, merge: (BlockResult) -> Void) {
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
    func next() -> LineBlock? {
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

    func complete(_ result: BlockResult) {
        condition.lock()
        done[result.block.sequence] = result
        condition.broadcast()
        condition.unlock()
    }

    /// Merges everything still outstanding, then lets the workers go.
    func drain(merge: (BlockResult) -> Void) {
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
}
