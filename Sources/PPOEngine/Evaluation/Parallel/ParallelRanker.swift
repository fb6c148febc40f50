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
        var run = RankingRun(ranker: self, path: path)
        var failure: String? = nil
        run.produceBlocks { block, length in
            let (count, error) = block.appendReading(from: file, upTo: length)
            if let error { failure = String(cString: strerror(error)) }
            return count
        }
        let ranking = run.finish(rulesDigest: rulesDigest)   // also stops the workers
        if let failure { throw ReadError(path: path, reason: failure) }
        return ranking
    }

    /// Ranks records already in memory (tests, the daemon).
    public func rank(bytes: [UInt8], path: String, rulesDigest: String) -> PackedRanking {
        var run = RankingRun(ranker: self, path: path)
        var start = 0
        run.produceBlocks { block, length in
            let count = block.append(bytes, from: start, upTo: length)
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
                OffenderAddress.forEach(in: offenders, (c * chunk)..<((c + 1) * chunk)) { address, _ in
                    let offset = forms.bytes.count
                    switch matrix.scoreForm(at: address, asOf: asOf, into: &forms, scratch: &scratch) {
                    case .scored(let score, let latest): entries.append((address.offender.id, score, latest, offset))
                    case .ineligible(let reason):
                        ineligible.append(IneligibleOffender(id: address.offender.id, name: address.offender.name,
                                                             reason: reason))
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
        BlockBytes.forEachLine(in: bytes) { line, _ in
            if case .offender = decoder.decode(line, number: 1) { decoded += 1 }
        }
        return decoded
    }
}

/// Chunks of offenders handed out to threads, and what each chunk gave, kept in chunk order.
final class ChunkResults: @unchecked Sendable {
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
