import Foundation

/// A block of whole lines, numbered in file order.
struct LineBlock: Sendable {
    let sequence: Int
    let bytes: BlockBytes
    /// The 1-based number of the block's first line in the file, and the file offset of its first
    /// byte, when the producer counts them (`RecordPass`; the ranker numbers lines at the merge).
    var firstLine = 1
    var offset = 0
}

/// What became of one line of a block, before ids are compared across blocks.
enum LineResult: Sendable {
    case scored(line: Int, id: String, score: Decimal6, latestOffence: Day?, form: Int, text: Range<Int>)
    case ineligible(line: Int, IneligibleOffender, text: Range<Int>)
    case unclaimed(line: Int, reason: String, text: Range<Int>)
    case invalid(line: Int, id: String, reason: String, text: Range<Int>)
}

/// A scored block: its lines' results and the packed forms they point into.
struct BlockResult: Sendable {
    let block: LineBlock
    let lineCount: Int
    let results: [LineResult]
    let forms: FrozenBytes
}

/// One ranking pass of `ParallelRanker`: the producer's state, the workers and the in-order merge.
struct RankingRun: ~Copyable {
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
    let queue: BlockQueue<LineBlock, BlockResult>?
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
                        queue.complete(RankingRun.process(block, decoder: decoder, matrix: matrix, asOf: asOf, scratch: &scratch),
                                       sequence: block.sequence)
                    }
                }
                thread.stackSize = 8 << 20
                thread.start()
            }
        }
    }

    /// Fills blocks through `read` (which appends up to the given number of bytes to the block and
    /// returns how many it appended, 0 at the end or on failure) and feeds them to the digest,
    /// cutting them into blocks of whole lines and handing each to the workers, merging results as
    /// they come back.
    mutating func produceBlocks(_ read: (BlockBytes, Int) -> Int) {
        let blockSize = ranker.blockSize
        var carry: [UInt8] = []
        while true {
            let block = spareBlocks.popLast() ?? BlockBytes(capacity: blockSize + (64 << 10))
            block.removeAll()
            // The carried partial line, then the next chunk read straight in behind it.
            block.append(carry)
            let start = block.count
            let count = read(block, blockSize)
            guard count > 0 else {
                if block.count > 0 { submit(block) }
                return
            }
            block.updateDigest(&hasher, from: start)
            guard let lastNewline = block.lastIndex(of: 0x0A) else {
                carry = block.array(0..<block.count)   // a line longer than a chunk: keep reading
                spareBlocks.append(block)
                continue
            }
            carry = block.array((lastNewline + 1)..<block.count)
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
            merge(RankingRun.process(block, decoder: decoder, matrix: ranker.matrix, asOf: ranker.asOf, scratch: &scratch))
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
        block.bytes.forEachLine { raw, text in
            // `text`, the whole line (carriage return and byte order mark included), is what a reject keeps.
            let isFirst = block.sequence == 0 && lineCount == 0
            let line = LineDecoder.trimmed(raw, isFirstLine: isFirst)
            let number = lineCount
            lineCount += 1
            switch decoder.decode(line, number: number + 1) {
            case .blank: return
            case .unclaimed(let reason): results.append(.unclaimed(line: number, reason: reason, text: text))
            case .invalid(let id, let reason): results.append(.invalid(line: number, id: id, reason: reason, text: text))
            case .offender(var offender):
                let offset = forms.bytes.count
                switch OffenderAddress.with(&offender, { matrix.scoreForm(at: $0, asOf: asOf, into: &forms, scratch: &scratch) }) {
                case .scored(let score, let latest):
                    results.append(.scored(line: number, id: offender.id, score: score, latestOffence: latest,
                                           form: offset, text: text))
                case .ineligible(let reason):
                    let who = IneligibleOffender(id: offender.id, name: offender.name, reason: reason)
                    results.append(.ineligible(line: number, who, text: text))
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
                                           bytes: result.block.bytes.array(range)))
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

