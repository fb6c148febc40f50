/// The file loop and what every block shares: finding clauses by their leading word, recovering after
/// an error, `end`, and duplicate clauses. Each block's own clauses live in its own file.
extension Parser {
    /// What the clause loop of one block (or of a rule or alert inside one) needs to know.
    struct BlockContext {
        /// The word that opened the block: missing `end` points here.
        let keyword: Token
        /// How messages name the block: `matrix "Northtown"`.
        let title: String
        /// Words that begin a clause of this block.
        let clauses: [String]
        /// Words that begin the next sibling (`rule` inside a rule): they end a block missing its `end`.
        var siblings: [String] = []
    }

    /// What the clause loop found next.
    enum ClauseStep {
        case clause(Token)
        case closed(Token)
        case unclosed
    }
}

extension Parser.Session {
    // MARK: file

    mutating func parseFile() -> [Block] {
        var blocks: [Block] = []
        while !atEnd {
            let before = position
            let token = current
            if let word = token.identifier, Parser.blockKeywords.contains(word) {
                failed = false
                if let block = parseBlock(word) { blocks.append(block) }
            } else {
                reportUnknownBlock(token)
                skipToNextBlock(column: column(of: token))
            }
            if position == before { advance() }
        }
        return blocks
    }

    mutating func parseBlock(_ word: String) -> Block? {
        let keyword = advance()
        switch word {
        case "categories": return .categories(parseCategories(keyword))
        case "matrix": return parseMatrix(keyword).map(Block.matrix)
        case "calendar": return parseCalendar(keyword).map(Block.calendar)
        case "checklist": return parseChecklist(keyword).map(Block.checklist)
        case "alerts": return parseAlerts(keyword).map(Block.alerts)
        case "scheme": return parseScheme(keyword).map(Block.scheme)
        default: return parseTest(keyword).map(Block.test)
        }
    }

    mutating func reportUnknownBlock(_ token: Token) {
        let blocks = Parser.blockKeywords.joined(separator: ", ")
        if token.isWord("end") {
            report(.unknownBlock, "'end' does not close any block", at: token.range,
                   notes: ["check for an extra 'end' above"])
        } else if let word = token.identifier {
            report(.unknownBlock, "unknown block '\(word)'", at: token.range,
                   suggestion: Suggestion.closest(to: word, in: Parser.blockKeywords),
                   notes: ["a file holds these blocks: \(blocks)"])
        } else {
            report(.unknownBlock, "expected a block (\(blocks)), found \(describe(token))", at: token.range)
        }
        lastErrorIndex = position
    }

    /// Skips a block we cannot read up to the next block header no further right than it.
    mutating func skipToNextBlock(column limit: Int) {
        skipErrorToken()
        while !atEnd, !(looksLikeBlockStart(position) && column(of: current) <= limit) { advance() }
        failed = false
    }

    // MARK: clause loop

    /// Advances to the next clause of a block, reporting unknown clauses and recovering from them, until
    /// it finds a clause word, the block's `end`, or evidence that the `end` is missing.
    /// `repeated` holds the single clauses already given (a second `matrix "X"` in a test starts a block).
    mutating func nextClause(_ context: Parser.BlockContext, repeated: Set<String>) -> Parser.ClauseStep {
        while true {
            let token = current
            if token.isWord("end") {
                advance()
                return .closed(token)
            }
            if atEnd {
                reportMissingEnd(context.title, opener: context.keyword)
                return .unclosed
            }
            if let word = token.identifier {
                let isClause = context.clauses.contains(word)
                // A repeated clause that could also open a block (a test's second `matrix "X"`) opens one
                // only when it is no further right than this block's keyword.
                let startsBlock = looksLikeBlockStart(position)
                    && (!isClause || (repeated.contains(word) && column(of: token) <= column(of: context.keyword)))
                let startsSibling = startsLine(position) && context.siblings.contains(word) && !isClause
                if startsBlock || startsSibling {
                    reportMissingEnd(context.title, opener: context.keyword)
                    return .unclosed
                }
                if isClause { return .clause(token) }
                let suggestion = Suggestion.closest(to: word, in: context.clauses + ["end"])
                if suggestion == nil, !currentStartsLine, let previous {
                    // Most likely the rest of the previous clause, not a clause of its own.
                    report(.expectedToken, "unexpected '\(word)' after \(describe(previous))", at: token.range,
                           notes: ["each clause of \(context.title) starts with one of: "
                                   + "\(context.clauses.joined(separator: ", ")); close it with 'end'"])
                } else {
                    report(.unknownClause, "unknown clause '\(word)' in \(context.title)", at: token.range,
                           suggestion: suggestion,
                           notes: ["its clauses are: \(context.clauses.joined(separator: ", ")); close it with 'end'"])
                }
            } else {
                report(.expectedToken, "expected a clause of \(context.title) or 'end', found \(describe(token))",
                       at: token.range,
                       notes: ["its clauses are: \(context.clauses.joined(separator: ", "))"])
            }
            lastErrorIndex = position
            recoverInBlock(context)
        }
    }

    /// The next clause word of a block, with `failed` cleared, or `nil` once the block is over; `end`
    /// then holds the closing token, when the block had one.
    mutating func nextClauseWord(_ context: Parser.BlockContext, repeated: Set<String>, end: inout Token?) -> Token? {
        switch nextClause(context, repeated: repeated) {
        case .closed(let token):
            end = token
            return nil
        case .unclosed:
            return nil
        case .clause(let clause):
            failed = false
            return clause
        }
    }

    /// After an error in a clause: skip to the next line that starts a clause of the block, or to the
    /// `end` that closes it. An indented `end` belongs to a section inside, not to the block.
    mutating func recoverInBlock(_ context: Parser.BlockContext) {
        skipErrorToken()
        let blockColumn = column(of: context.keyword)
        while !atEnd {
            if isWord("end"), !currentStartsLine || column(of: current) <= blockColumn { break }
            if currentStartsLine, let word = current.identifier,
               context.clauses.contains(word) || context.siblings.contains(word) { break }
            if looksLikeBlockStart(position) { break }
            advance()
        }
        failed = false
    }

    // MARK: end and duplicates

    mutating func reportMissingEnd(_ title: String, opener: Token) {
        let found = current
        let note: String
        if found.kind == .endOfFile {
            note = "the file ends before \(title) is closed"
        } else {
            note = "\(describe(found)) on line \(line(of: found)) starts before \(title) is closed"
        }
        report(.missingEnd, "expected 'end' to close \(title)", at: opener.range, notes: [note])
    }

    /// Notes a clause that may appear once; a repeat is reported and `false` tells the caller to
    /// parse it (for its errors) but keep the first.
    mutating func recordSingle(_ keyword: Token, as key: String? = nil, in seen: inout [String: Token]) -> Bool {
        let key = key ?? (keyword.identifier ?? "")
        if let first = seen[key] {
            report(.duplicateClause, "'\(text(of: keyword))' is given twice", at: keyword.range,
                   notes: ["the first is on line \(line(of: first)); a block takes one"])
            return false
        }
        seen[key] = keyword
        return true
    }

    /// The range of a block from its keyword through its `end` (or the last token read).
    func blockRange(_ keyword: Token, _ end: Token?) -> SourceRange {
        keyword.range.to(end?.range ?? previous?.range ?? keyword.range)
    }

    /// `matrix "Name"` for messages, or just the keyword when the name is missing.
    func title(_ keyword: Token, _ name: String?) -> String {
        guard let name else { return text(of: keyword) }
        return "\(text(of: keyword)) \"\(Parser.Session.shortened(name))\""
    }

    /// After a block's header: if it failed, skip the rest of the header line.
    mutating func finishHeader(_ context: Parser.BlockContext) {
        if failed { recoverInBlock(context) }
    }

    // MARK: sections of rows

    /// Like `nextClause` for a section of rows or arms closed by `end` (`offences`, `tiers`, `band`…).
    /// `outer` holds the enclosing block's clause words: one at the start of a line that does not look
    /// like a row means the section's `end` is missing.
    mutating func nextRow(_ title: String, opener: Token, outer: [String], looksLikeRow: Bool) -> Parser.ClauseStep {
        let token = current
        if token.isWord("end") {
            advance()
            return .closed(token)
        }
        if atEnd || (!looksLikeRow && (looksLikeBlockStart(position)
                                       || (currentStartsLine && (token.identifier.map(outer.contains) ?? false)))) {
            reportMissingEnd(title, opener: opener)
            return .unclosed
        }
        return .clause(token)
    }
}
