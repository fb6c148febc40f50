/// One expectation of a `test` block that did not hold, with where it is written.
public struct TestFailure: Sendable, Hashable {
    public let file: String
    public let line: Int
    public let column: Int
    public let message: String
    public init(file: String, line: Int, column: Int, message: String) {
        self.file = file; self.line = line; self.column = column; self.message = message
    }
}

/// The outcome of one `test` block.
public struct TestCaseResult: Sendable, Hashable {
    public let name: String
    public let file: String
    public let line: Int
    /// How many expectations were checked.
    public let expectations: Int
    public let failures: [TestFailure]
    public var passed: Bool { failures.isEmpty }
    public init(name: String, file: String, line: Int, expectations: Int, failures: [TestFailure]) {
        self.name = name; self.file = file; self.line = line; self.expectations = expectations; self.failures = failures
    }
}
