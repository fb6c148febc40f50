extension RuleSet {
    /// Names of the loaded schemes.
    public var schemeNames: [String] { program.schemes.map(\.name) }

    /// Names of the schemes declared in one loaded file.
    public func schemeNames(inFile index: Int) -> [String] {
        program.schemes.filter { $0.range.file == index }.map(\.name)
    }

    /// The scheme whose name has exactly `name`'s bytes.
    public func scheme(named name: String) -> CheckedScheme? {
        program.schemes.first { ExactText.same($0.name, name) }
    }

    /// Reads a decisions file against the loaded schemes.
    public func decisions(bytes: [UInt8], path: String) -> (decisions: [PanelDecision], rejected: [RejectedRecord]) {
        DecisionReader(schemes: program.schemes).read(bytes: bytes, path: path)
    }
}
