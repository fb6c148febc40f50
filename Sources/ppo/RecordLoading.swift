import PPOEngine

/// Reads a command's offender records, turning an unreadable file into a usage error.
enum RecordLoading {
    /// The `--data` file.
    static func read(data path: String, rules: RuleSet) throws -> RecordBatch {
        try read(path, rules: rules, describedAs: "the data file")
    }

    /// The `--data` file ranked with `matrix` on every core, held packed (see `ParallelRanker`).
    static func rank(data path: String, matrix: CompiledMatrix, asOf: Day, rules: RuleSet) throws -> PackedRanking {
        do {
            return try ParallelRanker(matrix: matrix, categories: rules.categories, asOf: asOf)
                .rank(path: path, rulesDigest: rules.digest)
        } catch let error as ReadError {
            throw CommandFailure.usage("cannot read the data file '\(error.path)': \(error.reason)")
        }
    }

    private static func read(_ path: String, rules: RuleSet, describedAs what: String) throws -> RecordBatch {
        do {
            return try RecordReader(categories: rules.categories).read(path: path)
        } catch let error as ReadError {
            throw CommandFailure.usage("cannot read \(what) '\(error.path)': \(error.reason)")
        }
    }
}
