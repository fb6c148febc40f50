/// The `categories` block: groups, rows of categories, and offence-code mappings.
extension Parser.Session {
    mutating func parseCategories(_ keyword: Token) -> CategoriesBlock {
        stopWords = []
        var items: [CategoriesBlock.Item] = []
        var endToken: Token? = nil
        while true {
            let before = position
            let token = current
            if token.isWord("end") {
                endToken = advance()
                break
            }
            if atEnd || looksLikeBlockStart(position) {
                reportMissingEnd("categories", opener: keyword)
                break
            }
            failed = false
            if token.isWord("group"), peek(1).identifier != nil || peek(1).isPunctuation("=") {
                advance()
                if let name = expectName("a group name"), expect(punctuation: "=") != nil {
                    let members = expectNames("a category name")
                    if !failed { items.append(.group(name, members)) }
                }
            } else if token.isWord("code"), case .string = peek(1).kind {
                advance()
                if let code = expectString("an offence code in quotes"), expect(punctuation: "->") != nil,
                   let category = expectName("the category the code maps to") {
                    items.append(.code(code, category))
                }
            } else if let word = token.identifier, !Parser.Session.reservedWords.contains(word) {
                if let row = parseCategoryRow() { items.append(.row(row)) }
            } else {
                report(.expectedToken, "expected a category name, 'group', 'code' or 'end', found \(describe(token))",
                       at: token.range)
                lastErrorIndex = position
                failed = true
            }
            // Any name can start a row, so recovery stops at the next line.
            if failed { recoverToNextLine() }
            if position == before { advance() }
        }
        return CategoriesBlock(items: items, range: blockRange(keyword, endToken))
    }

    /// `a, b, c` on a line of its own; anything else on the line is an error.
    mutating func parseCategoryRow() -> [Name]? {
        let names = expectNames("a category name")
        guard !failed else { return nil }
        if currentStartsLine || isWord("end") { return names }
        let found = current
        if names.count == 1, let first = names.first,
           (found.identifier != nil && peek(1).isPunctuation("=")) || isStringToken(found) {
            report(.unknownClause, "unknown clause '\(first.text)' in categories", at: first.range,
                   suggestion: Suggestion.closest(to: first.text, in: ["group", "code"]),
                   notes: ["write 'group NAME = a, b', 'code \"28\" -> a', or categories separated by commas"])
            lastErrorIndex = position - 1
            failed = true
            return nil
        }
        expected("',' or a new line")
        return nil
    }
}
