import PPOEngine

/// Reads a command's offender records, turning an unreadable file into a usage error.
enum RecordLoading {
    /// The `--data` file.
    static func read(data path: String, rules: RuleSet) throws -> RecordBatch {
        try read(path, rules: rules, describedAs: "the data file")
    }

    /// The `--previous` snapshot that `changed()` compares with.
    static func read(previous path: String, rules: RuleSet) throws -> RecordBatch {
        try read(path, rules: rules, describedAs: "the previous snapshot")
    }

    private static func read(_ path: String, rules: RuleSet, describedAs what: String) throws -> RecordBatch {
        do {
            return try RecordReader(categories: rules.categories).read(path: path)
        } catch let error as ReadError {
            throw CommandFailure.usage("cannot read \(what) '\(error.path)': \(error.reason)")
        }
    }
}
