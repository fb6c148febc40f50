// STUB: placeholder signatures for the engine API the CLI is written against.
// The lead's real engine replaces this whole file; it holds no logic on purpose.

/// Every rule file of one load, checked and compiled. (stub)
public struct RuleSet: Sendable {
    public let sources: SourceSet
    public let diagnostics: [Diagnostic]
    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
    public let digest: String
    public let categories: CategoryTable
    public var matrixNames: [String] { [] }
    public func matrix(named name: String) -> CompiledMatrix? { nil }
    /// Index of each loaded file in `sources` by path as given.
    public func fileIndex(path: String) -> Int? { nil }
}

/// The engine's entry point. (stub)
public enum Engine {
    /// Loads every `.ppo` under the given files/directories. (stub: loads nothing)
    public static func load(paths: [String]) -> RuleSet {
        RuleSet(sources: SourceSet(), diagnostics: [], digest: "", categories: CategoryTable())
    }
}

/// A matrix ready to score offenders. (stub)
public struct CompiledMatrix: Sendable {
    public let name: String
    public let version: String?
    public func rank(_ offenders: [Offender], asOf: Day, rulesDigest: String, dataDigest: String,
                     rejected: [RejectedRecord]) -> Ranking {
        Ranking(matrix: name, version: version, asOf: asOf, rulesDigest: rulesDigest, dataDigest: dataDigest,
                capacity: nil, offenders: [], ineligible: [], rejected: rejected)
    }
}

/// One failed expectation of a test block. (stub)
public struct TestFailure: Sendable {
    public let file: String
    public let line: Int
    public let column: Int
    public let message: String
}

/// The outcome of one test block. (stub)
public struct TestCaseResult: Sendable {
    public let name: String
    public let file: String
    public let line: Int
    public let expectations: Int
    public let failures: [TestFailure]
    public var passed: Bool { failures.isEmpty }
}

/// Runs test blocks. (stub)
public struct TestRunner: Sendable {
    public init(rules: RuleSet) {}
    /// Runs every test block (or only those in the given source file indexes). (stub: runs none)
    public func run(onlyFiles: Set<Int>? = nil) -> [TestCaseResult] { [] }
}

/// Reads JSON Lines offender records. (stub)
public struct RecordReader: Sendable {
    public init(categories: CategoryTable) {}
    public func read(path: String) throws -> RecordBatch { RecordBatch(offenders: [], rejected: [], digest: "") }
}

/// Offenders read from one file, with the records that were rejected. (stub)
public struct RecordBatch: Sendable {
    public var offenders: [Offender]
    public var rejected: [RejectedRecord]
    public var digest: String
}

/// A data file that could not be read at all. (stub)
public struct ReadError: Error, Sendable, CustomStringConvertible {
    public let path: String
    public let reason: String
    public var description: String { "\(path): \(reason)" }
}
