import Testing
@testable import PPOEngine

@Suite struct MessageTemplateParserTests {
    typealias S = SyntaxTestSupport

    /// Parses `message <literal>` inside an alert and returns the template's parts as text.
    func parts(_ literal: String) -> (parts: [String], diagnostics: [Diagnostic]) {
        let text = "alerts \"A\"\n  alert \"B\"\n    message \(literal)\n  end\nend\n"
        let (syntax, diagnostics, source) = S.parse(text)
        guard case .alerts(let block)? = syntax.blocks.first, let template = block.alerts.first?.message else {
            return ([], diagnostics)
        }
        #expect(source.slice(template.range) == literal)
        let shown = template.parts.map { part -> String in
            switch part {
            case .text(let text): return "text:\(text)"
            case .hole(let expression): return "hole:\(S.sexpr(expression))@\(source.slice(expression.range))"
            }
        }
        return (shown, diagnostics)
    }

    @Test(arguments: [
        ("\"plain\"", ["text:plain"]),
        ("\"\"", []),
        ("\"{name}\"", ["hole:name@name"]),
        ("\"{ name }!\"", ["hole:name@name", "text:!"]),
        ("\"{{literal}} {a.b}\"", ["text:{literal} ", "hole:(. a b)@a.b"]),
        ("\"}} and {{\"", ["text:} and {"]),
        ("\"{age + 1} years\"", ["hole:(+ age 1)@age + 1", "text: years"]),
        ("\"{score(\\\"M\\\")}\"", ["hole:(score \"M\")@score(\\\"M\\\")"]),
        ("\"a \\\"quoted\\\" {x}\"", ["text:a \"quoted\" ", "hole:x@x"]),
        ("\"{if x then \\\"}\\\" else y}\"", ["hole:(if x \"}\" y)@if x then \\\"}\\\" else y"]),
    ])
    func holesAndText(literal: String, expected: [String]) {
        let (shown, diagnostics) = parts(literal)
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.message))")
        #expect(shown == expected)
    }

    @Test(arguments: [
        ("\"{name\"", "unclosed '{' in a message: close the hole with '}' or write '{{' for a brace"),
        ("\"{}\"", "empty '{}' in a message: put an expression inside, or write '{{}}' for braces"),
        ("\"{  }\"", "empty '{}' in a message: put an expression inside, or write '{{}}' for braces"),
        ("\"a } b\"", "a single '}' in a message must be written '}}'"),
        ("\"{a +}\"", "in the message hole '{a +}': expected a value after '+', found '}'"),
        ("\"{a b}\"", "in the message hole '{a b}': unexpected 'b' after the expression: a hole holds one expression"),
        ("\"{@}\"", "in the message hole '{@}': unexpected character '@'"),
    ])
    func badHoles(literal: String, message: String) {
        let (_, diagnostics) = parts(literal)
        #expect(diagnostics.map(\.message) == [message])
        #expect(diagnostics.allSatisfy { $0.id == .invalidInterpolation })
    }

    @Test func unclosedBraceKeepsLaterHoles() {
        let (shown, diagnostics) = parts("\"{name: release on {current_custody.release}\"")
        #expect(diagnostics.count == 1)
        #expect(shown == ["text:{name: release on ", "hole:(. current_custody release)@current_custody.release"])
    }
}
