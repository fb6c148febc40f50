/// Every `.ppo` file of one load, indexed by the `file` number in `SourceRange`.
public struct SourceSet: Sendable {
    public private(set) var files: [SourceFile] = []

    public init() {}

    /// Adds a file and returns its index.
    @discardableResult
    public mutating func add(_ file: SourceFile) -> Int {
        files.append(file)
        return files.count - 1
    }

    public subscript(index: Int) -> SourceFile? {
        files.indices.contains(index) ? files[index] : nil
    }
}
