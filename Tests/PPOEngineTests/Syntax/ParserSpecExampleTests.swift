import Testing
@testable import PPOEngine

/// Every example of SPEC.md §5.1–5.6 parses cleanly into the tree the later stages expect.
@Suite struct ParserSpecExampleTests {
    typealias S = SyntaxTestSupport

    @Test(arguments: Array(SpecExamples.all.enumerated()))
    func parsesWithoutDiagnostics(index: Int, text: String) {
        let (syntax, diagnostics, source) = S.parse(text)
        #expect(diagnostics.isEmpty, "\(S.render(diagnostics, in: source))")
        #expect(syntax.blocks.count == 1)
    }

    @Test func combinedFileHasEveryBlockInOrder() {
        let (syntax, diagnostics, source) = S.parse(SpecExamples.combined)
        #expect(diagnostics.isEmpty, "\(S.render(diagnostics, in: source))")
        let kinds = syntax.blocks.map { block -> String in
            switch block {
            case .categories: return "categories"
            case .matrix: return "matrix"
            case .calendar: return "calendar"
            case .checklist: return "checklist"
            case .alerts: return "alerts"
            case .scheme: return "scheme"
            case .test: return "test"
            }
        }
        #expect(kinds == ["categories", "matrix", "calendar", "checklist", "alerts", "test"])
        // Block ranges run from the keyword through `end`.
        for block in syntax.blocks {
            let text = source.slice(range(of: block))
            #expect(text.hasSuffix("end"))
            #expect(Parser.blockKeywords.contains { text.hasPrefix($0) })
        }
    }

    func range(of block: Block) -> SourceRange {
        switch block {
        case .categories(let b): return b.range
        case .matrix(let b): return b.range
        case .calendar(let b): return b.range
        case .checklist(let b): return b.range
        case .alerts(let b): return b.range
        case .scheme(let b): return b.range
        case .test(let b): return b.range
        }
    }

    @Test func categories() throws {
        let (syntax, _, source) = S.parse(SpecExamples.categories)
        guard case .categories(let block) = try #require(syntax.blocks.first) else {
            Issue.record("not a categories block"); return
        }
        #expect(block.items.count == 3)
        guard case .group(let name, let members) = block.items[0] else { Issue.record("not a group"); return }
        #expect(name.text == "burglary")
        #expect(members.map(\.text) == ["burglary_dwelling", "burglary_other", "handling_stolen_goods"])
        #expect(source.slice(members[1].range) == "burglary_other")
        guard case .code(let code, let category) = block.items[2] else { Issue.record("not a code"); return }
        #expect(code.value == "28")
        #expect(source.slice(code.range) == "\"28\"")
        #expect(category.text == "burglary_dwelling")
    }

    @Test func matrixHeaderClauses() throws {
        let matrix = try parsedMatrix()
        #expect(matrix.name.value == "Prolific Offender Prioritisation")
        #expect(matrix.version?.value == "2026-11")
        #expect(matrix.window?.value == PPODuration(count: 3, unit: .year))
        #expect(matrix.evidence.map(\.level.text) == ["convicted", "admitted", "suspected"])
        #expect(matrix.evidence.map(\.weight.value.description) == ["1", "1", "0.5"])
        #expect(S.sexpr(matrix.intelligence) == "(and (in source [1 2]) (in assessment [A B C]))")
        #expect(S.sexpr(matrix.eligible) == "(>= age 10)")
        #expect(matrix.capacity?.value == ExactDecimal(20))
    }

    @Test func matrixOffencesWeightingAndTiers() throws {
        let matrix = try parsedMatrix()
        let offences = try #require(matrix.offences)
        #expect(offences.label?.value == "Crime categories")
        #expect(offences.rows.map(\.category.text) == ["burglary_dwelling", "shoplifting"])
        #expect(offences.rows.map(\.points.value) == [ExactDecimal(4), ExactDecimal(2)])
        #expect(offences.rows.map { $0.series?.value } == [ExactDecimal(5), nil])

        let weighting = try #require(matrix.weighting)
        #expect(weighting.label.value == "Priority crime category")
        #expect(weighting.mode == .main)
        #expect(weighting.rows.map(\.name.text) == ["burglary_dwelling", "auto_crime"])
        #expect(weighting.rows.map(\.weight.value) == [ExactDecimal(6), ExactDecimal(4)])

        #expect(matrix.tiers.map(\.name.value) == ["High", "Medium", "Low"])
        #expect(matrix.tiers.map { $0.threshold?.value } == [ExactDecimal(150), ExactDecimal(75), nil])
    }

    @Test func matrixFactorForms() throws {
        let matrix = try parsedMatrix()
        #expect(matrix.factors.map(\.label.value) == [
            "Current intelligence", "Serial offender", "Impact on public",
            "Arrests in previous 12 months", "Drug dependant (MDT)",
        ])
        let source = SourceFile(path: "test.ppo", text: SpecExamples.matrix)

        guard case .band(let subject, let arms) = matrix.factors[0].body else { Issue.record("not a band"); return }
        #expect(S.sexpr(subject) == "(days_since (. (latest intelligence) date))")
        #expect(arms.map { describe($0.condition) } == ["<= 28", "<= 56", "else", "missing"])
        #expect(arms.map(\.points.value) == [ExactDecimal(5), ExactDecimal(3), ExactDecimal(1), ExactDecimal(0)])
        #expect(source.slice(matrix.factors[0].range).hasPrefix("factor \"Current intelligence\" = band"))
        #expect(source.slice(matrix.factors[0].range).hasSuffix("end"))

        guard case .band(let serial, let serialArms) = matrix.factors[1].body else { Issue.record("not a band"); return }
        #expect(S.sexpr(serial) == "(count offences)")
        #expect(serialArms.map { describe($0.condition) } == [">= 7", ">= 2"])

        guard case .match(let impact, let cases) = matrix.factors[2].body else { Issue.record("not a match"); return }
        #expect(S.sexpr(impact) == "impact")
        #expect(cases.map { describe($0.pattern) } == ["serious", "moderate", "slight"])
        #expect(cases.map(\.points.value) == [ExactDecimal(5), ExactDecimal(3), ExactDecimal(1)])

        guard case .expression(let arrests) = matrix.factors[3].body else { Issue.record("not an expression"); return }
        #expect(S.sexpr(arrests) == "(* 3 (count (within arrests <12 months>)))")
        #expect(source.slice(arrests.range) == "3 * count(arrests within 12 months)")

        guard case .when(let points, let condition) = matrix.factors[4].body else { Issue.record("not a when"); return }
        #expect(points.value == ExactDecimal(5))
        #expect(S.sexpr(condition) == "(any (where drug_tests (= result positive)))")
    }

    @Test func calendar() throws {
        let (syntax, _, _) = S.parse(SpecExamples.calendar)
        guard case .calendar(let calendar) = try #require(syntax.blocks.first) else { Issue.record("not a calendar"); return }
        #expect(calendar.name.text == "england_and_wales")
        #expect(calendar.weekend.map(\.text) == ["saturday", "sunday"])
        #expect(calendar.holidays.map(\.date.value.description) == ["2026-12-25"])
        #expect(calendar.holidays.map { $0.label?.value } == ["Christmas Day"])
    }

    @Test func checklist() throws {
        let (syntax, _, _) = S.parse(SpecExamples.checklist)
        guard case .checklist(let checklist) = try #require(syntax.blocks.first) else { Issue.record("not a checklist"); return }
        #expect(checklist.name.value == "CJS Premium Service")
        #expect(checklist.scope?.text == "ppo")
        #expect(checklist.calendar?.text == "england_and_wales")
        #expect(checklist.events.count == 11)
        #expect(checklist.events.last?.text == "readiness_review")
        #expect(checklist.rules.map { $0.owner?.text } == ["police", "police", "cps", "cps"])
        let requirements = checklist.rules.map { rule -> String in
            switch rule.requirement {
            case .before(let a, let b): return "\(a.text) before \(b.text)"
            case .withinAfter(let a, let d, let b): return "\(a.text) within \(d.value) after \(b.text)"
            case .atLeastBefore(let a, let d, let b): return "\(a.text) at least \(d.value) before \(b.text)"
            case .forbid(let a, let r): return "forbid \(a.text) unless \(r.text)"
            case nil: return "none"
            }
        }
        #expect(requirements == [
            "cps_advice before charged",
            "mg6_sent within 5 working days after charged",
            "readiness_review at least 14 days before trial",
            "forbid charge_reduced unless exceptional_reason",
        ])
    }

    @Test func alerts() throws {
        let (syntax, _, source) = S.parse(SpecExamples.alerts)
        guard case .alerts(let block) = try #require(syntax.blocks.first) else { Issue.record("not alerts"); return }
        #expect(block.name.value == "Daily tasking")
        #expect(block.alerts.map(\.name.value) == [
            "Release from prison within 28 days", "Prison details changed since last run", "Candidate for adoption",
        ])
        let release = block.alerts[0]
        #expect(release.severity?.text == "high")
        #expect(release.scope?.text == "ppo")
        #expect(release.notify?.text == "offender_manager")
        #expect(S.sexpr(release.when) == "(within-next (. current_custody release) <28 days>)")
        let parts = try #require(release.message).parts.map { part -> String in
            switch part {
            case .text(let text): return "text:\(text)"
            case .hole(let expression): return "hole:\(S.sexpr(expression)):\(source.slice(expression.range))"
            }
        }
        #expect(parts == [
            "hole:name:name",
            "text:: release from ",
            "hole:(. current_custody establishment):current_custody.establishment",
            "text: on ",
            "hole:(. current_custody release):current_custody.release",
        ])
        #expect(S.sexpr(block.alerts[1].when) == "(or (or (changed (. current_custody establishment)) "
                + "(changed (. current_custody release))) (changed (. current_custody hdc_eligibility)))")
        #expect(block.alerts[2].scope?.text == "candidates")
        #expect(S.sexpr(block.alerts[2].when) == "(>= (score \"Prolific Offender Prioritisation\") 150)")
    }

    @Test func testBlock() throws {
        let (syntax, _, _) = S.parse(SpecExamples.test)
        guard case .test(let test) = try #require(syntax.blocks.first) else { Issue.record("not a test"); return }
        #expect(test.name.value == "Figure 3 worked example")
        #expect(test.targetKind == .matrix)
        #expect(test.target?.value == "Prolific Offender Prioritisation")
        #expect(test.asOf?.value.description == "2026-11-22")
        #expect(test.data?.value == "samples/figure3.jsonl")
        #expect(test.previous == nil)
        #expect(test.expectations.map(\.offender.value) == ["NT-0001", "NT-0001", "NT-0002", "NT-0003", "NT-0004", "NT-0005"])
        let kinds = test.expectations.map { describe($0.kind) }
        #expect(kinds == ["score 142", "tier High", "rank 1", "recommended",
                          "alert Release from prison within 28 days", "breach MG6 case file in all PPO cases"])
    }

    // MARK: helpers

    func parsedMatrix() throws -> MatrixBlock {
        let (syntax, _, _) = S.parse(SpecExamples.matrix)
        guard case .matrix(let matrix) = try #require(syntax.blocks.first) else {
            throw ParseFailure()
        }
        return matrix
    }

    struct ParseFailure: Error {}
}

func describe(_ condition: BandArm.Condition) -> String {
    switch condition {
    case .compare(let op, let number): return "\(op.rawValue) \(number.value)"
    case .otherwise: return "else"
    case .missing: return "missing"
    }
}

func describe(_ pattern: MatchArm.Pattern) -> String {
    switch pattern {
    case .value(let expression): return SyntaxTestSupport.sexpr(expression)
    case .otherwise: return "else"
    case .missing: return "missing"
    }
}

func describe(_ kind: PPOEngine.Expectation.Kind) -> String {
    switch kind {
    case .score(let n): return "score \(n.value)"
    case .tier(let s): return "tier \(s.value)"
    case .rank(let n): return "rank \(n.value)"
    case .recommended(let yes): return yes ? "recommended" : "not recommended"
    case .ineligible: return "ineligible"
    case .tieAtCapacity: return "tie at capacity"
    case .alert(let s, let yes): return "\(yes ? "alert" : "no alert") \(s.value)"
    case .breach(let s): return "breach \(s.value)"
    case .status(let status, let rule): return "status \(status.text) \(rule.value)"
    }
}
