/// Lays out a file that parsed, line by line, keeping every token on the line it was written on (the
/// grammar reads some line breaks, and the author's breaks are theirs): indentation from the sections
/// open, one space between tokens except where punctuation binds, tables of points in columns,
/// trailing comments in columns, and at most one blank line at a time. docs/language.md, "Layout and
/// `ppo fmt`", describes the result.
struct LineLayout {
    static let indentWidth = 2

    let source: SourceLines
    let structure: BlockStructure

    // Per token: sections open before it, and the innermost one (its opener's index).
    private var depthAt: [Int] = []
    private var depthAfter: [Int] = []
    private var innermost: [Int?] = []

    init(source: SourceLines, structure: BlockStructure) {
        self.source = source
        self.structure = structure
        var stack: [Int] = []
        depthAt.reserveCapacity(source.tokens.count)
        for (index, token) in source.tokens.enumerated() {
            if token.isWord("end"), !stack.isEmpty {
                stack.removeLast()
                depthAt.append(stack.count)
                innermost.append(stack.last)
            } else {
                depthAt.append(stack.count)
                innermost.append(stack.last)
                if structure.openers[index] != nil { stack.append(index) }
            }
            depthAfter.append(stack.count)
        }
    }

    // MARK: the whole file

    func render() -> String {
        let lines = source.lines
        let code = lines.indices.filter { !lines[$0].isCommentOnly }
        let continuation = classify(code)
        let rows = tableRows(code, continuation: continuation)

        // Code text and indentation, in order: a continuation hangs from its statement's first line.
        var text = [String](repeating: "", count: lines.count)
        var indent = [Int](repeating: 0, count: lines.count)
        var hang = 0
        // The depth of each code line's statement: a continuation line has its first line's.
        var statementDepth = [Int](repeating: 0, count: lines.count)
        var depthOfStatement = 0
        for index in code {
            let line = lines[index]
            if continuation.contains(index) {
                indent[index] = hang
                statementDepth[index] = depthOfStatement
                text[index] = join(line.tokens).text
                continue
            }
            depthOfStatement = depth(of: line)
            statementDepth[index] = depthOfStatement
            indent[index] = depthOfStatement * LineLayout.indentWidth
            let laidOut = rows[index] ?? join(line.tokens)
            text[index] = laidOut.text
            hang = indent[index] + hangOffset(line.tokens, columns: laidOut.columns)
        }

        // Comment-only lines take the indentation of the code they come before (inside a section
        // when that code is its `end`).
        var following: Int? = nil
        for index in lines.indices.reversed() {
            if !lines[index].isCommentOnly {
                following = index
                continue
            }
            if let next = following {
                indent[index] = indent[next] + (startsWithEnd(lines[next]) ? LineLayout.indentWidth : 0)
            } else {
                indent[index] = 0
            }
        }

        // At most one blank line at a time (the lines keep one flag each), none at a section's start or end.
        let blankBefore = lines.indices.map { index in
            lines[index].blankBefore && index > 0 && !opensSection(lines[index - 1]) && !startsWithEnd(lines[index])
        }
        let commentColumns = alignComments(text: text, indent: indent, depth: statementDepth, blankBefore: blankBefore)

        var out = ""
        for (index, line) in lines.enumerated() {
            if blankBefore[index] { out += "\n" }
            if line.isCommentOnly {
                let column = commentColumns[index] ?? indent[index]
                out += String(repeating: " ", count: column) + (line.comment ?? "") + "\n"
                continue
            }
            var rendered = String(repeating: " ", count: indent[index]) + text[index]
            if let comment = line.comment {
                let width = indent[index] + TextLayout.width(text[index])
                let column = commentColumns[index] ?? width + 2
                rendered += String(repeating: " ", count: max(1, column - width)) + comment
            }
            out += rendered + "\n"
        }
        return out
    }

    // MARK: lines and sections

    private func depth(of line: SourceLines.Line) -> Int {
        line.tokens.first.map { depthAt[$0] } ?? 0
    }

    private func startsWithEnd(_ line: SourceLines.Line) -> Bool {
        line.tokens.first.map { source.tokens[$0].isWord("end") } ?? false
    }

    /// A line after which a section is open that was not before it: no blank line may follow.
    private func opensSection(_ line: SourceLines.Line) -> Bool {
        guard let first = line.tokens.first, let last = line.tokens.last else { return false }
        return depthAfter[last] > depthAt[first]
    }

    private func section(of line: SourceLines.Line) -> BlockStructure.SectionKind? {
        guard let first = line.tokens.first, let opener = innermost[first] else { return nil }
        return structure.openers[opener]
    }

    // MARK: continuation lines

    /// Tokens that cannot end a statement: a line ending in one goes on.
    private static let openEnded: Set<String> = [",", "=", "!=", "<", "<=", ">", ">=", "+", "-", "*", "/", "(", "[", ".", "->",
                                                 "and", "or", "not", "when", "where", "within", "in", "if", "then", "else"]
    /// Tokens that cannot start a statement (outside the arms of a band or match): a line starting
    /// with one goes on from the line before.
    private static let continuing: Set<String> = [")", "]", ",", ".", "+", "-", "*", "/", "=", "!=", "<", "<=", ">", ">=", "->",
                                                  "and", "or", "where", "within", "then", "else", "in"]

    private func word(_ index: Int) -> String? {
        switch source.tokens[index].kind {
        case .identifier(let word): return word
        case .punctuation(let p): return p
        default: return nil
        }
    }

    /// The code lines that continue the statement of the code line before them.
    private func classify(_ code: [Int]) -> Set<Int> {
        var result: Set<Int> = []
        for (position, index) in code.enumerated() where position > 0 {
            let line = source.lines[index]
            let previous = source.lines[code[position - 1]]
            guard let first = line.tokens.first, let last = previous.tokens.last else { continue }
            if source.tokens[first].isWord("end") { continue }
            if startsArm(line) { continue }
            if let word = word(last), LineLayout.openEnded.contains(word) {
                result.insert(index)
            } else if let word = word(first), LineLayout.continuing.contains(word) {
                result.insert(index)
            }
        }
        return result
    }

    /// Whether a line of a band or match is one of its arms (`<= 28 -> 5`, `serious -> 5`, `-1 -> 0`).
    private func startsArm(_ line: SourceLines.Line) -> Bool {
        let tokens = line.tokens.map { source.tokens[$0] }
        switch section(of: line) {
        case .band?:
            guard let first = tokens.first else { return false }
            if first.isWord("else") || first.isWord("missing") { return true }
            if case .punctuation(let p) = first.kind { return ["=", "!=", "<", "<=", ">", ">="].contains(p) }
            return false
        case .match?:
            if tokens.count > 1, tokens[1].isPunctuation("->") { return true }
            return tokens.count > 2 && tokens[0].isPunctuation("-") && tokens[2].isPunctuation("->")
        default:
            return false
        }
    }

    /// Where a statement's continuation lines start, from its first line's indentation: under the
    /// first token after `=`, `->` or `when`, else under the second token; two columns in when the
    /// first line ends there.
    private func hangOffset(_ tokens: [Int], columns: [Int]) -> Int {
        var target: Int? = tokens.count > 1 ? 1 : nil
        if let introducer = tokens.firstIndex(where: {
            let token = source.tokens[$0]
            return token.isPunctuation("=") || token.isPunctuation("->") || token.isWord("when")
        }) {
            target = introducer + 1 < tokens.count ? introducer + 1 : nil
        }
        guard let target else { return LineLayout.indentWidth }
        return columns[target]
    }

    // MARK: spacing within a line

    /// Reserved and clause words that a `(` after them does not make a call of.
    private static let notCalls: Set<String> = ["and", "or", "not", "in", "within", "where", "then", "else", "if",
                                                "when", "band", "match", "missing", "present", "true", "false", "today",
                                                "end"]

    /// Whether one space separates the tokens at `left` and `right` (adjacent on one line).
    private func spaced(_ left: Int, _ right: Int) -> Bool {
        let a = source.tokens[left], b = source.tokens[right]
        if b.isPunctuation(",") || b.isPunctuation(")") || b.isPunctuation("]") || b.isPunctuation(".") { return false }
        if a.isPunctuation("(") || a.isPunctuation("[") || a.isPunctuation(".") { return false }
        if a.isPunctuation("-"), !structure.binaryMinus.contains(left) { return false }
        if b.isPunctuation("("), let name = a.identifier, !LineLayout.notCalls.contains(name) { return false }
        return true
    }

    /// The tokens joined with canonical spacing, and the display column of each.
    private func join(_ tokens: [Int]) -> (text: String, columns: [Int]) {
        var text = ""
        var columns: [Int] = []
        var width = 0
        for (position, index) in tokens.enumerated() {
            if position > 0, spaced(tokens[position - 1], index) {
                text += " "
                width += 1
            }
            columns.append(width)
            let piece = source.texts[index]
            text += piece
            width += TextLayout.width(piece)
        }
        return (text, columns)
    }

    // MARK: tables of points

    /// Which table a row belongs to: the section's opener, and the kind of row within it.
    private struct TableKey: Hashable {
        let opener: Int
        let kind: String
    }

    /// The aligned text of every code line that is a row of a table of points, by line index, with the
    /// column of each of its tokens.
    private func tableRows(_ code: [Int], continuation: Set<Int>) -> [(text: String, columns: [Int])?] {
        var cells: [Int: (TableKey, [Range<Int>])] = [:]
        for index in code where !continuation.contains(index) {
            let line = source.lines[index]
            guard let first = line.tokens.first, let opener = innermost[first],
                  let kind = structure.openers[opener],
                  let row = rowCells(line.tokens, in: kind) else { continue }
            cells[index] = (TableKey(opener: opener, kind: row.kind), row.cells)
        }
        var widths: [TableKey: [Int]] = [:]
        for (index, (key, row)) in cells {
            let tokens = source.lines[index].tokens
            var current = widths[key] ?? []
            for (column, cell) in row.enumerated() {
                if column >= current.count { current.append(0) }
                current[column] = max(current[column], TextLayout.width(join(Array(tokens[cell])).text))
            }
            widths[key] = current
        }
        var result = [(text: String, columns: [Int])?](repeating: nil, count: source.lines.count)
        for (index, (key, row)) in cells {
            let tokens = source.lines[index].tokens
            var text = ""
            var columns: [Int] = []
            var width = 0
            for (column, cellWidth) in (widths[key] ?? []).enumerated() where cellWidth > 0 {
                if width > 0 { text += " "; width += 1 }
                let cell = column < row.count ? row[column] : tokens.count..<tokens.count
                let joined = join(Array(tokens[cell]))
                columns += joined.columns.map { $0 + width }
                text += TextLayout.padRight(joined.text, cellWidth)
                width += cellWidth
            }
            while text.hasSuffix(" ") { text.removeLast() }
            result[index] = (text, columns)
        }
        return result
    }

    /// The cells of a row of a table, or `nil` when the line is not shaped like one.
    /// Each cell is a range of the line's tokens (empty for a cell the row leaves blank).
    private func rowCells(_ tokens: [Int], in section: BlockStructure.SectionKind) -> (kind: String, cells: [Range<Int>])? {
        let all = tokens.map { source.tokens[$0] }
        /// The length of a number (with its sign) at `i`, or 0.
        func number(at i: Int) -> Int {
            guard i < all.count else { return 0 }
            if case .number = all[i].kind { return 1 }
            if all[i].isPunctuation("-"), i + 1 < all.count, case .number = all[i + 1].kind { return 2 }
            return 0
        }
        func isName(_ i: Int) -> Bool { i < all.count && all[i].identifier != nil && !all[i].isWord("end") }
        func isString(_ i: Int) -> Bool {
            guard i < all.count, case .string = all[i].kind else { return false }
            return true
        }

        switch section {
        case .offences:
            // CATEGORY "LABEL"? POINTS (series POINTS)?
            guard isName(0) else { return nil }
            var i = 1
            var label = 1..<1
            if isString(1) { label = 1..<2; i = 2 }
            let points = number(at: i)
            guard points > 0 else { return nil }
            let pointsCell = i..<(i + points)
            i += points
            var series = all.count..<all.count
            if i < all.count {
                let count = number(at: i + 1)
                guard all[i].isWord("series"), count > 0, i + 1 + count == all.count else { return nil }
                series = i..<all.count
            }
            return ("row", [0..<1, label, pointsCell, series])
        case .weighting:
            guard isName(0), number(at: 1) > 0, 1 + number(at: 1) == all.count else { return nil }
            return ("row", [0..<1, 1..<all.count])
        case .tiers:
            guard isString(0), all.count > 1 else { return nil }
            if all.count == 2, all[1].isWord("otherwise") { return ("row", [0..<1, 1..<2]) }
            guard all[1].isPunctuation(">="), number(at: 2) > 0, 2 + number(at: 2) == all.count else { return nil }
            return ("row", [0..<1, 1..<all.count])
        case .band, .match:
            guard let arrow = all.firstIndex(where: { $0.isPunctuation("->") }), arrow > 0, arrow <= 2,
                  number(at: arrow + 1) > 0, arrow + 1 + number(at: arrow + 1) == all.count else { return nil }
            return ("arm", [0..<arrow, arrow..<all.count])
        case .categories:
            if all.count >= 4, all[0].isWord("group"), isName(1), all[2].isPunctuation("=") {
                return ("group", [0..<2, 2..<all.count])
            }
            if all.count == 4, all[0].isWord("code"), isString(1), all[2].isPunctuation("->"), isName(3) {
                return ("code", [0..<2, 2..<4])
            }
            return nil
        case .block, .nested:
            return nil
        }
    }

    // MARK: comments

    /// The column of each trailing comment, and of each comment-only line that hangs under one, by
    /// line index. The trailing comments of a paragraph of code (consecutive lines of one depth, with no
    /// blank line or comment-only line between) share one column, two past the longest line that has
    /// one; a comment-only line right under a trailing comment, written to the right of where it would
    /// be indented, hangs under it and continues the paragraph.
    private func alignComments(text: [String], indent: [Int], depth: [Int], blankBefore: [Bool]) -> [Int: Int] {
        let lines = source.lines
        var columns: [Int: Int] = [:]
        var index = 0
        while index < lines.count {
            guard !lines[index].isCommentOnly else {
                index += 1
                continue
            }
            var paragraph = [index]
            var next = index + 1
            while next < lines.count, !blankBefore[next] {
                let line = lines[next]
                if line.isCommentOnly {
                    let hangs = lines[next - 1].comment != nil && line.commentColumn > indent[next]
                    guard hangs else { break }
                } else if depth[next] != depth[index] {
                    break
                }
                paragraph.append(next)
                next += 1
            }
            let commented = paragraph.filter { !lines[$0].isCommentOnly && lines[$0].comment != nil }
            if let widest = commented.map({ indent[$0] + TextLayout.width(text[$0]) }).max() {
                for member in paragraph where lines[member].comment != nil {
                    // A hanging comment stays right of where it would be indented, so it hangs again.
                    columns[member] = lines[member].isCommentOnly ? max(widest + 2, indent[member] + 1) : widest + 2
                }
            }
            index = next
        }
        return columns
    }
}
