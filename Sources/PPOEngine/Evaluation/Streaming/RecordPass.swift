import Foundation

/// One pass over a JSON Lines input on every core, keeping only what each offender gives, never the
/// offenders: how `breaches` and `alerts` stream a national file (as `ParallelRanker` does for `score`).
///
/// The calling thread reads the input in blocks of whole lines, numbers their lines and feeds the data
/// digest; worker threads decode each block and run the caller's work on every offender as it is
/// decoded; the calling thread then takes the blocks' results strictly in file order, so duplicate
/// ids, rejects and line numbers are exactly those of `RecordReader`, whatever the number of threads.
struct RecordPass: Sendable {
    let categories: CategoryTable
    /// Whether offenders carry their case files (`LineDecoder`'s `buildsCases`): a pass that only
    /// checks which lines are usable can leave them out.
    let buildsCases: Bool
    /// Worker threads; 1 works on the calling thread.
    let threads: Int
    /// Bytes read at a time; blocks hold whole lines, so a block may be larger.
    let blockSize: Int

    init(categories: CategoryTable, buildsCases: Bool = true,
         threads: Int = ProcessInfo.processInfo.activeProcessorCount, blockSize: Int = 1 << 21) {
        self.categories = categories
        self.buildsCases = buildsCases
        self.threads = max(1, threads)
        self.blockSize = max(1, blockSize)
    }

    /// A usable offender's line, handed to the merge with what the work made of it.
    struct Accepted<Output> {
        let id: String
        let output: Output
        /// 1-based line number.
        let line: Int
        /// Where the line's bytes (carriage return and byte order mark included, line feed not) are in the input.
        let offset: Int
        let length: Int
    }

    /// What a pass read besides the offenders: the data digest and the rejected records.
    struct Outcome: Sendable {
        let digest: String
        let rejected: [RejectedRecord]
    }

    /// Runs the pass over the file at `path`. `makeWork` is called once on each worker thread (so
    /// each has state of its own, e.g. its own copy of compiled rules); the work it returns is called
    /// with every decoded offender. `consume` receives the usable offenders' outputs in file order, on
    /// the calling thread. Throws only when the file cannot be opened or read.
    func run<Output: Sendable>(path: String,
                               makeWork: @escaping @Sendable () -> (inout Offender) -> Output,
                               consume: (Accepted<Output>) -> Void) throws -> Outcome {
        guard let file = fopen(path, "rb") else { throw ReadError(path: path, reason: String(cString: strerror(errno))) }
        defer { fclose(file) }
        var failure: Int32? = nil
        let outcome = run(path: path, makeWork: makeWork, consume: consume) { block, length in
            let (count, error) = block.appendReading(from: file, upTo: length)
            if let error { failure = error }
            return count
        }
        if let failure { throw ReadError(path: path, reason: String(cString: strerror(failure))) }
        return outcome
    }

    /// `run` over `source`: the file, or bytes already in memory read as that file.
    func run<Output: Sendable>(_ source: RecordInput,
                               makeWork: @escaping @Sendable () -> (inout Offender) -> Output,
                               consume: (Accepted<Output>) -> Void) throws -> Outcome {
        switch source {
        case .file(let path): return try run(path: path, makeWork: makeWork, consume: consume)
        case .bytes(let bytes, let path): return run(bytes: bytes, path: path, makeWork: makeWork, consume: consume)
        case .pieces(let pieces): return try run(pieces: pieces, makeWork: makeWork, consume: consume)
        }
    }

    /// `run` over records pulled in pieces: a reading of their own is opened. Throws what opening
    /// or a piece throws (after the workers have stopped).
    func run<Output: Sendable>(pieces: RecordPieces,
                               makeWork: @escaping @Sendable () -> (inout Offender) -> Output,
                               consume: (Accepted<Output>) -> Void) throws -> Outcome {
        var filler = PieceFiller(next: try pieces.open())
        let outcome = run(path: pieces.path, makeWork: makeWork, consume: consume) { block, length in
            filler.fill(block, upTo: length)
        }
        if let failure = filler.failure { throw failure }
        return outcome
    }

    /// `run` over bytes already in memory (tests).
    func run<Output: Sendable>(bytes: [UInt8], path: String,
                               makeWork: @escaping @Sendable () -> (inout Offender) -> Output,
                               consume: (Accepted<Output>) -> Void) -> Outcome {
        var start = 0
        return run(path: path, makeWork: makeWork, consume: consume) { block, length in
            let count = block.append(bytes, from: start, upTo: length)
            start += count
            return count
        }
    }

    private func run<Output: Sendable>(path: String, makeWork: @escaping @Sendable () -> (inout Offender) -> Output,
                                       consume: (Accepted<Output>) -> Void,
                                       read: (BlockBytes, Int) -> Int) -> Outcome {
        let decoder = LineDecoder(categories: categories, buildsCases: buildsCases)
        let spares = SpareBlocks()
        var merge = PassMerge<Output>(path: path, spares: spares)
        var producer = PassProducer(blockSize: blockSize, spares: spares)
        if threads == 1 {
            let work = makeWork()
            producer.produce(read: read) { block in
                merge.take(Self.process(block, decoder: decoder, work: work), consume)
            }
            return Outcome(digest: producer.hasher.finalize(), rejected: merge.rejected)
        }
        let queue = BlockQueue<LineBlock, PassBlock<Output>>(capacity: threads * 4)
        for _ in 0..<threads {
            let thread = Thread {
                let work = makeWork()
                while let block = queue.next() {
                    queue.complete(Self.process(block, decoder: decoder, work: work), sequence: block.sequence)
                }
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
        producer.produce(read: read) { block in
            queue.add(block) { merge.take($0, consume) }
        }
        queue.drain { merge.take($0, consume) }   // also lets the workers go
        return Outcome(digest: producer.hasher.finalize(), rejected: merge.rejected)
    }

    /// Decodes every line of a block and runs the work on each offender (on a worker thread).
    static func process<Output>(_ block: LineBlock, decoder: LineDecoder,
                                work: (inout Offender) -> Output) -> PassBlock<Output> {
        var lines: [PassLine<Output>] = []
        var index = 0
        block.bytes.forEachLine { raw, text in
            let number = block.firstLine + index
            index += 1
            // `text`, the whole line (carriage return and byte order mark included), is what a reject keeps.
            let line = LineDecoder.trimmed(raw, isFirstLine: number == 1)
            switch decoder.decode(line, number: number) {
            case .blank: return
            case .unclaimed(let reason): lines.append(.unclaimed(line: number, reason: reason, text: text))
            case .invalid(let id, let reason): lines.append(.invalid(line: number, id: id, reason: reason, text: text))
            case .offender(var offender):
                let output = work(&offender)
                lines.append(.accepted(line: number, id: offender.id, output: output, text: text))
            }
        }
        return PassBlock(block: block, lines: lines)
    }
}

/// Where a pass reads its records: a file, bytes in memory read as the file `path` (tests), or
/// pieces pulled from elsewhere (the daemon's store).
enum RecordInput: Sendable {
    case file(path: String)
    case bytes([UInt8], path: String)
    case pieces(RecordPieces)

    var path: String {
        switch self {
        case .file(let path), .bytes(_, let path): return path
        case .pieces(let pieces): return pieces.path
        }
    }
}

/// What became of one line of a block, before its id is compared with the lines before it.
enum PassLine<Output: Sendable>: Sendable {
    case accepted(line: Int, id: String, output: Output, text: Range<Int>)
    case unclaimed(line: Int, reason: String, text: Range<Int>)
    case invalid(line: Int, id: String, reason: String, text: Range<Int>)
}

/// A worked block: its lines' results, with the block kept for the rejected lines' bytes.
struct PassBlock<Output: Sendable>: Sendable {
    let block: LineBlock
    let lines: [PassLine<Output>]
}
