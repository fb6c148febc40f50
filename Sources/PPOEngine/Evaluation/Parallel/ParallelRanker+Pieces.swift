extension ParallelRanker {
    /// Ranks records handed over in pieces by `next` (nil at the end): what `rank(path:)` does for a
    /// file, for a source that is not one (the daemon's store, read row by row). The pieces are read
    /// as one JSON Lines text, joined as they are: a piece need not end at a line's end.
    ///
    /// The ranking is exactly that of `rank(bytes:)` on the pieces joined, digest included, without
    /// holding them all: memory is the forms, not the records. An error `next` throws ends the
    /// reading and is thrown once the workers have stopped.
    public func rank(pieces next: () throws -> [UInt8]?, path: String, rulesDigest: String) throws -> PackedRanking {
        try withoutActuallyEscaping(next) { next in
            var run = RankingRun(ranker: self, path: path)
            var filler = PieceFiller(next: next)
            run.produceBlocks { block, length in filler.fill(block, upTo: length) }
            let ranking = run.finish(rulesDigest: rulesDigest)   // also stops the workers
            if let failure = filler.failure { throw failure }
            return ranking
        }
    }
}
