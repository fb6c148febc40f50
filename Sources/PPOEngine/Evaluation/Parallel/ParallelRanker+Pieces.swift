extension ParallelRanker {
    /// Ranks records handed over in pieces by `next` (nil at the end): what `rank(path:)` does for a
    /// file, for a source that is not one (the daemon's store, read row by row). The pieces are read
    /// as one JSON Lines text, joined as they are: a piece need not end at a line's end.
    ///
    /// The ranking is exactly that of `rank(bytes:)` on the pieces joined, digest included, without
    /// holding them all: memory is the forms, not the records. An error `next` throws ends the
    /// reading and is thrown once the workers have stopped.
    public func rank(pieces next: () throws -> [UInt8]?, path: String, rulesDigest: String) throws -> PackedRanking {
        var run = RankingRun(ranker: self, path: path)
        var piece: [UInt8] = []
        var start = 0
        var failure: (any Error)?
        run.produceBlocks { block, length in
            // Filled across pieces, so that small pieces still make blocks of the usual size.
            var total = 0
            while total < length, failure == nil {
                if start >= piece.count {
                    do {
                        guard let more = try next() else { break }
                        piece = more
                        start = 0
                        continue
                    } catch {
                        failure = error
                        break
                    }
                }
                let count = block.append(piece, from: start, upTo: length - total)
                start += count
                total += count
            }
            return total
        }
        let ranking = run.finish(rulesDigest: rulesDigest)   // also stops the workers
        if let failure { throw failure }
        return ranking
    }
}
