import Testing
@testable import PPOEngine

/// Expression shapes: precedence, postfix tests, calls with `where`/`within`, and their errors.
@Suite struct ExpressionParserTests {
    typealias S = SyntaxTestSupport

    @Test(arguments: [
        // precedence, loosest first
        ("a or b and not c = 1", "(or a (and b (not (= c 1))))"),
        ("a and b or c", "(or (and a b) c)"),
        ("not not a", "(not (not a))"),
        ("not a = b", "(not (= a b))"),
        ("a + b * c", "(+ a (* b c))"),
        ("a * b + c", "(+ (* a b) c)"),
        ("a - b - c", "(- (- a b) c)"),
        ("a / b * c", "(* (/ a b) c)"),
        ("-a * b", "(* (neg a) b)"),
        ("- - a", "(neg (neg a))"),
        ("-2", "-2"),
        ("3 - -2", "(- 3 -2)"),
        ("(a + b) * c", "(* (+ a b) c)"),
        ("a + b >= c * 2", "(>= (+ a b) (* c 2))"),
        ("a.b.c", "(. (. a b) c)"),
        ("-a.b", "(neg (. a b))"),
        ("latest(intelligence).date", "(. (latest intelligence) date)"),
        ("a != b", "(!= a b)"),
        ("a < b", "(< a b)"),
        ("a <= b", "(<= a b)"),
        ("a > b", "(> a b)"),
        // literals
        ("\"x\"", "\"x\""),
        ("2026-11-22", "2026-11-22"),
        ("0.5", "0.5"),
        ("12 months", "<12 months>"),
        ("1 day", "<1 day>"),
        ("5 working days", "<5 working days>"),
        ("2 weeks", "<2 weeks>"),
        ("true", "true"),
        ("false", "false"),
        ("today", "today"),
        ("today - 3 days", "(- today <3 days>)"),
        // postfix tests
        ("source in [1, 2]", "(in source [1 2])"),
        ("x in []", "(in x [])"),
        ("\"crime_dependent\" in flags", "(in \"crime_dependent\" flags)"),
        ("\"x\" in offender.flags", "(in \"x\" (. offender flags))"),
        ("date in this month", "(in-this-month date)"),
        ("date within 28 days", "(within date <28 days>)"),
        ("release within next 28 days", "(within-next release <28 days>)"),
        ("x missing", "(missing x)"),
        ("x.y present", "(present (. x y))"),
        ("not x missing", "(not (missing x))"),
        ("a missing or b present", "(or (missing a) (present b))"),
        // conditionals
        ("if a then 1 else 2", "(if a 1 2)"),
        ("if a > 1 then b + 1 else if c then 2 else 3", "(if (> a 1) (+ b 1) (if c 2 3))"),
        ("1 + if a then 1 else 2", "(+ 1 (if a 1 2))"),
        // calls
        ("count(offences)", "(count offences)"),
        ("f()", "(f)"),
        ("sum(offences, points)", "(sum offences points)"),
        ("count(arrests within 12 months)", "(count (within arrests <12 months>))"),
        ("any(drug_tests where result = positive)", "(any (where drug_tests (= result positive)))"),
        ("count(offences where category = burglary within 6 months)",
         "(count (within (where offences (= category burglary)) <6 months>))"),
        ("count(offences where evidence = suspected and date within 6 months)",
         "(count (where offences (and (= evidence suspected) (within date <6 months>))))"),
        ("max(assessments where tool = ogrs, score)", "(max (where assessments (= tool ogrs)) score)"),
        ("days_since(latest(intelligence).date) <= 28", "(<= (days_since (. (latest intelligence) date)) 28)"),
        ("score(\"M\") >= 150", "(>= (score \"M\") 150)"),
    ])
    func shapes(text: String, expected: String) {
        let (expression, diagnostics) = S.expression(text)
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.message))")
        #expect(S.sexpr(expression) == expected)
    }

    @Test(arguments: [
        ("a or b and not c = 1", "a or b and not c = 1"),
        ("(a + b) * c", "(a + b) * c"),
        ("-2", "-2"),
        ("count(arrests within 12 months)", "count(arrests within 12 months)"),
        ("x in this month", "x in this month"),
        ("  a.b  ", "a.b"),
    ])
    func rangesCoverTheSource(text: String, covered: String) throws {
        let source = SourceFile(path: "expr", text: text)
        let expression = try #require(Parser.parseExpression(source, fileIndex: 0).expression)
        #expect(source.slice(expression.range) == covered)
    }

    @Test func subexpressionRanges() throws {
        let source = SourceFile(path: "expr", text: "a or b and not c = 1")
        let expression = try #require(Parser.parseExpression(source, fileIndex: 0).expression)
        guard case .binary(.or, let left, let right) = expression.kind,
              case .binary(.and, _, let negation) = right.kind,
              case .not(let comparison) = negation.kind else {
            Issue.record("unexpected shape"); return
        }
        #expect(source.slice(left.range) == "a")
        #expect(source.slice(right.range) == "b and not c = 1")
        #expect(source.slice(negation.range) == "not c = 1")
        #expect(source.slice(comparison.range) == "c = 1")
    }

    @Test(arguments: [
        ("a +", "expected a value after '+', found the end of the file", DiagnosticID.expectedToken),
        ("a < b < c", "comparisons cannot be chained: join them with 'and'", .expectedToken),
        ("(a + b", "expected ')' after 'b', found the end of the file", .expectedToken),
        ("f(a,)", "expected an argument after ',', found ')'", .expectedToken),
        ("a b", "unexpected 'b' after the expression", .expectedToken),
        ("x within 1.5 days", "a duration needs a whole number of days, not 1.5", .invalidDuration),
        ("x within 28", "expected a unit (days, weeks, months, years or working days) after '28', found the end of the file", .expectedToken),
        ("x in end", "expected a list in brackets, 'this month' or a list field after 'in', found 'end'", .expectedToken),
        ("[1, 2]", "a list in brackets is only allowed after 'in'", .expectedToken),
        ("a.", "expected a field name after '.', found the end of the file", .expectedToken),
        ("if a then b", "expected 'else' after 'b', found the end of the file", .expectedToken),
        ("", "expected a value at the start of the file, found the end of the file", .expectedToken),
    ])
    func errors(text: String, message: String, id: DiagnosticID) {
        let (_, diagnostics) = S.expression(text)
        #expect(diagnostics.first?.message == message)
        #expect(diagnostics.first?.id == id)
    }
}
