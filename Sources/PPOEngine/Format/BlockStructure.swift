/// What the layout needs from the syntax tree: which tokens open a section that an `end` closes (and
/// of what kind, for the tables of points), and which `-` tokens subtract rather than negate.
///
/// `end` is a reserved word, so in a file that parses every `end` token closes the innermost section
/// still open; knowing the openers is enough to pair them.
struct BlockStructure {
    enum SectionKind: Equatable {
        case block, categories, offences, weighting, tiers, band, match, nested
    }

    /// Opening token index → what it opens.
    private(set) var openers: [Int: SectionKind] = [:]
    /// Indexes of the `-` tokens that are binary minus.
    private(set) var binaryMinus: Set<Int> = []

    /// `nil` when the openers found do not pair with the `end` tokens (the layout then refuses).
    init?(syntax: SyntaxFile, tokens: [Token]) {
        var byStart: [Int: Int] = [:]
        for (index, token) in tokens.enumerated() { byStart[token.range.start] = index }

        func open(_ offset: Int, _ kind: SectionKind) {
            if let index = byStart[offset] { openers[index] = kind }
        }

        for block in syntax.blocks {
            switch block {
            case .categories(let categories):
                open(categories.range.start, .categories)
            case .matrix(let matrix):
                open(matrix.range.start, .block)
                if let offences = matrix.offences { open(offences.range.start, .offences) }
                if let weighting = matrix.weighting { open(weighting.range.start, .weighting) }
                for factor in matrix.factors {
                    switch factor.body {
                    case .band(let subject, _):
                        if let index = byStart[subject.range.start], index > 0 { openers[index - 1] = .band }
                    case .match(let subject, _):
                        if let index = byStart[subject.range.start], index > 0 { openers[index - 1] = .match }
                    case .when, .expression:
                        break
                    }
                }
                if let first = matrix.tiers.first {
                    if let index = byStart[first.range.start], index > 0 { openers[index - 1] = .tiers }
                } else if let index = BlockStructure.emptyTiers(in: matrix.range, tokens: tokens, byStart: byStart,
                                                                 openers: openers) {
                    openers[index] = .tiers
                }
            case .calendar(let calendar):
                open(calendar.range.start, .block)
            case .checklist(let checklist):
                open(checklist.range.start, .block)
                for rule in checklist.rules { open(rule.range.start, .nested) }
            case .alerts(let alerts):
                open(alerts.range.start, .block)
                for alert in alerts.alerts { open(alert.range.start, .nested) }
            case .scheme(let scheme):
                open(scheme.range.start, .block)
            case .test(let test):
                open(test.range.start, .block)
            }
        }

        // Every opener must meet an `end`, and every `end` an opener.
        var depth = 0
        for (index, token) in tokens.enumerated() {
            if token.isWord("end") {
                depth -= 1
                if depth < 0 { return nil }
            } else if openers[index] != nil {
                depth += 1
            }
        }
        guard depth == 0 else { return nil }

        SyntaxWalk.forEachExpression(in: syntax) { expression in
            guard case .binary(.minus, let left, let right) = expression.kind else { return }
            var index = 0
            // The first token at or after the left operand's end; binary search would do, but the
            // dictionary of starts cannot answer "at or after", and operators are few.
            var low = 0, high = tokens.count
            while low < high {
                let mid = (low + high) / 2
                if tokens[mid].range.start < left.range.end { low = mid + 1 } else { high = mid }
            }
            index = low
            if index < tokens.count, tokens[index].isPunctuation("-"), tokens[index].range.end <= right.range.start {
                binaryMinus.insert(index)
            }
        }
    }

    /// `tiers` written with no rows: the `tiers` token right before an `end` in the matrix that no opener
    /// found so far accounts for.
    private static func emptyTiers(in range: SourceRange, tokens: [Token], byStart: [Int: Int],
                                   openers: [Int: SectionKind]) -> Int? {
        guard let first = byStart[range.start] else { return nil }
        var ends = 0, opened = 0
        var candidate: Int? = nil
        var index = first
        while index < tokens.count, tokens[index].range.start < range.end {
            if tokens[index].isWord("end") { ends += 1 }
            if openers[index] != nil { opened += 1 }
            if candidate == nil, tokens[index].isWord("tiers"), index + 1 < tokens.count, tokens[index + 1].isWord("end") {
                candidate = index
            }
            index += 1
        }
        return ends == opened + 1 ? candidate : nil
    }
}

/// Visits every expression of a syntax tree, whatever clause it sits in, by reflection: a clause added
/// to the tree later is walked without a change here.
enum SyntaxWalk {
    static func forEachExpression(in value: Any, _ body: (Expression) -> Void) {
        if let expression = value as? Expression { body(expression) }
        if value is SourceRange || value is String { return }
        for child in Mirror(reflecting: value).children {
            forEachExpression(in: child.value, body)
        }
    }

    /// A text that two trees share exactly when they are equal but for where their parts were written:
    /// every source range is left out.
    static func shape(of value: Any) -> String {
        var out = ""
        describe(value, into: &out)
        return out
    }

    private static func describe(_ value: Any, into out: inout String) {
        if value is SourceRange { return }
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .enum?:
            if mirror.children.isEmpty {
                out += "\(value)"
            } else {
                for child in mirror.children {
                    out += child.label ?? "?"
                    out += "("
                    describe(child.value, into: &out)
                    out += ")"
                }
            }
        case .optional?:
            if let child = mirror.children.first {
                describe(child.value, into: &out)
            } else {
                out += "nil"
            }
        case .struct?, .class?, .tuple?, .collection?:
            out += "\(mirror.subjectType){"
            for child in mirror.children where !(child.value is SourceRange) {
                if let label = child.label { out += label + ":" }
                describe(child.value, into: &out)
                out += ","
            }
            out += "}"
        default:
            out += String(reflecting: value)
        }
    }
}
