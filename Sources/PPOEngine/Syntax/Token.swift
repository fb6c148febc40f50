/// One lexical token of a `.ppo` file.
public struct Token: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case identifier(String)
        case number(ExactDecimal)
        case string(String)
        case date(Day)
        case punctuation(String)   // ( ) [ ] , . = != < <= > >= -> + - * / { }
        case endOfFile
    }
    public let kind: Kind
    public let range: SourceRange
    public init(kind: Kind, range: SourceRange) { self.kind = kind; self.range = range }

    /// The identifier's text, if the token is one.
    public var identifier: String? {
        if case .identifier(let name) = kind { return name }
        return nil
    }
    /// True when the token is the given punctuation.
    public func isPunctuation(_ text: String) -> Bool {
        if case .punctuation(let p) = kind { return p == text }
        return false
    }
    /// True when the token is the given identifier (keywords are identifiers recognised by position).
    public func isWord(_ word: String) -> Bool {
        if case .identifier(let name) = kind { return name == word }
        return false
    }
}
