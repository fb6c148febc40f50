
@testable import PPOEngine

/// Shared helpers for the syntax tests: parsing from a string, a plain diagnostic rendering, and a
/// compact S-expression form of expressions for shape assertions.
enum SyntaxTestSupport {
    static func parse(_ text: String, path: String = "test.ppo") -> (syntax: SyntaxFile, diagnostics: [Diagnostic], source: SourceFile) {
        let source = SourceFile(path: path, text: text)
        let (syntax, diagnostics) = Parser.parse(source, fileIndex: 0)
        return (syntax, diagnostics, source)
    }

    static func expression(_ text: String) -> (expression: Expression?, diagnostics: [Diagnostic]) {
        Parser.parseExpression(SourceFile(path: "expr", text: text), fileIndex: 0)
    }

    /// `path:line:col: error: message [id]`, then `suggestion:` and `note:` lines. The real renderer
    /// with carets lives elsewhere; this one pins down what the parser reports.
    static func render(_ diagnostics: [Diagnostic], in source: SourceFile) -> String {
        var lines: [String] = []
        for diagnostic in diagnostics {
            var location = source.path
            if let range = diagnostic.range {
                let start = source.location(of: range.start)
                location += ":\(start.line):\(start.column)"
            }
            lines.append("\(location): \(diagnostic.severity.rawValue): \(diagnostic.message) [\(diagnostic.id.rawValue)]")
            if let suggestion = diagnostic.suggestion { lines.append("  suggestion: \(suggestion)") }
            for note in diagnostic.notes { lines.append("  note: \(note)") }
        }
        return lines.joined(separator: "\n") + (lines.isEmpty ? "" : "\n")
    }

    /// A compact, unambiguous form of an expression: `(or a (and b (not (= c 1))))`.
    static func sexpr(_ expression: Expression) -> String {
        switch expression.kind {
        case .number(let value): return value.description
        case .string(let value): return "\"\(value)\""
        case .date(let day): return day.description
        case .duration(let duration): return "<\(duration)>"
        case .bool(let value): return value ? "true" : "false"
        case .today: return "today"
        case .name(let name): return name
        case .member(let base, let field): return "(. \(sexpr(base)) \(field.text))"
        case .call(let function, let arguments):
            return "(\(([function.text] + arguments.map(sexpr)).joined(separator: " ")))"
        case .negate(let operand): return "(neg \(sexpr(operand)))"
        case .not(let operand): return "(not \(sexpr(operand)))"
        case .binary(let op, let left, let right): return "(\(op.rawValue) \(sexpr(left)) \(sexpr(right)))"
        case .inList(let value, let list): return "(in \(sexpr(value)) [\(list.map(sexpr).joined(separator: " "))])"
        case .inCollection(let value, let collection): return "(in \(sexpr(value)) \(sexpr(collection)))"
        case .inThisMonth(let value): return "(in-this-month \(sexpr(value)))"
        case .within(let value, let duration, let next):
            return "(\(next ? "within-next" : "within") \(sexpr(value)) <\(duration.value)>)"
        case .presence(let value, let present): return "(\(present ? "present" : "missing") \(sexpr(value)))"
        case .conditional(let c, let a, let b): return "(if \(sexpr(c)) \(sexpr(a)) \(sexpr(b)))"
        case .filter(let collection, let predicate): return "(where \(sexpr(collection)) \(sexpr(predicate)))"
        }
    }

    static func sexpr(_ expression: Expression?) -> String { expression.map { sexpr($0) } ?? "nil" }
}
