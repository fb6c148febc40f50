import Testing
@testable import PPOEngine

/// Block-level behaviour beyond the SPEC examples: keywords by position, recovery, ranges.
@Suite struct ParserTests {
    typealias S = SyntaxTestSupport

    func matrix(_ body: String) throws -> (MatrixBlock, [Diagnostic], SourceFile) {
        let (syntax, diagnostics, source) = S.parse("matrix \"M\"\n\(body)\nend\n")
        guard case .matrix(let matrix)? = syntax.blocks.first else { throw Missing() }
        return (matrix, diagnostics, source)
    }
    struct Missing: Error {}

    @Test func keywordsAreOrdinaryNamesElsewhere() throws {
        let (syntax, diagnostics, _) = S.parse("""
            categories
              series, window, factor
              group tiers = capacity, version
            end
            """)
        #expect(diagnostics.isEmpty)
        guard case .categories(let block)? = syntax.blocks.first else { Issue.record("no block"); return }
        #expect(block.items.count == 2)
    }

    @Test func seriesMustShareTheRowsLine() throws {
        let (matrix, diagnostics, _) = try matrix("""
              offences
                burglary 4
                series 5
                theft 2 series 3
              end
            """)
        #expect(diagnostics.isEmpty)
        let rows = try #require(matrix.offences).rows
        #expect(rows.map(\.category.text) == ["burglary", "series", "theft"])
        #expect(rows.map { $0.series?.value } == [nil, nil, ExactDecimal(3)])
    }

    @Test func negativeNumbersInPointsWeightsAndThresholds() throws {
        let (matrix, diagnostics, source) = try matrix("""
              offences
                theft -2
              end
              factor "F" = -3 when x
              factor "G" = band y
                < -1 -> -4
              end
              weighting "W" on each category
                theft -0.5
              end
              tiers
                "Low" >= -10
              end
            """)
        #expect(diagnostics.isEmpty)
        let row = try #require(matrix.offences?.rows.first)
        #expect(row.points.value.description == "-2")
        #expect(source.slice(row.points.range) == "-2")
        guard case .when(let points, _) = matrix.factors[0].body else { Issue.record("not a when"); return }
        #expect(points.value.description == "-3")
        guard case .band(_, let arms) = matrix.factors[1].body else { Issue.record("not a band"); return }
        #expect(arms.map { describe($0.condition) } == ["< -1"])
        #expect(arms.first?.points.value.description == "-4")
        #expect(matrix.weighting?.rows.first?.weight.value.description == "-0.5")
        #expect(matrix.tiers.first?.threshold?.value.description == "-10")
    }

    @Test func factorExpressionStopsAtTheNextClause() throws {
        let (matrix, diagnostics, source) = try matrix("""
              factor "A" = count(arrests) + 1 factor "B" = 2 when x = 1
              capacity 3
            """)
        #expect(diagnostics.isEmpty)
        #expect(matrix.factors.count == 2)
        guard case .expression(let a) = matrix.factors[0].body else { Issue.record("not an expression"); return }
        #expect(source.slice(a.range) == "count(arrests) + 1")
        #expect(source.slice(matrix.factors[0].range) == "factor \"A\" = count(arrests) + 1")
        #expect(matrix.capacity?.value == ExactDecimal(3))
    }

    @Test func matchSubjectMayUseMissingBeforeTheArms() throws {
        let (matrix, diagnostics, _) = try matrix("""
              factor "A" = match x missing
                true -> 1
                missing -> 2
              end
              factor "B" = match y
                missing -> 2
              end
            """)
        #expect(diagnostics.isEmpty)
        guard case .match(let a, let armsA) = matrix.factors[0].body,
              case .match(let b, let armsB) = matrix.factors[1].body else { Issue.record("not matches"); return }
        #expect(S.sexpr(a) == "(missing x)")
        #expect(armsA.map { describe($0.pattern) } == ["true", "missing"])
        #expect(S.sexpr(b) == "y")
        #expect(armsB.map { describe($0.pattern) } == ["missing"])
    }

    @Test func everyErrorInAFileIsReported() {
        let (syntax, diagnostics, _) = S.parse("""
            matrix "A"
              windw 3 years
              capacity twenty
            end
            calendar c
              weekend saturday,
            end
            test "T"
              as of 2025-02-29
              expect "X" scroe 1
            end
            """)
        #expect(diagnostics.map(\.id) == [.unknownClause, .expectedToken, .expectedToken, .invalidDate, .unknownClause])
        #expect(syntax.blocks.count == 3)
    }

    @Test func diagnosticsComeInSourceOrder() {
        let (_, diagnostics, _) = S.parse("matrix \"A\" @\n  window 1.5 years\n  capacity x\nend\n")
        let starts = diagnostics.compactMap { $0.range?.start }
        #expect(starts == starts.sorted())
        #expect(diagnostics.count == 3)
    }

    @Test func aMissingEndInsideAnIndentedSectionLeavesTheRestIntact() throws {
        let (matrix, diagnostics, _) = try matrix("""
              tiers
                "High" >= 10
              factor "F" = 1 when x
              capacity 2
            """)
        #expect(diagnostics.map(\.id) == [.missingEnd])
        #expect(matrix.tiers.count == 1)
        #expect(matrix.factors.count == 1)
        #expect(matrix.capacity != nil)
    }

    @Test func aTypoedSectionDoesNotSwallowTheBlocksEnd() throws {
        let (matrix, diagnostics, _) = try matrix("""
              tires
                "High" >= 10
              end
              capacity 2
            """)
        #expect(diagnostics.map(\.id) == [.unknownClause])
        #expect(diagnostics.first?.suggestion == "tiers")
        #expect(matrix.capacity != nil)
    }

    @Test func testBlockNamesItsTargetOnce() {
        let (syntax, diagnostics, _) = S.parse("""
            test "T"
              matrix "A"
            matrix "B"
              capacity 1
            end
            """)
        #expect(diagnostics.map(\.id) == [.missingEnd])
        #expect(syntax.blocks.count == 2)
    }

    @Test func checklistRequirementsAndRepeatedEvents() throws {
        let (syntax, diagnostics, _) = S.parse("""
            checklist "C"
              events a, b
              events c
              rule "R"
                when count(cases) > 0
                require a before b
                forbid c unless a
              end
            end
            """)
        #expect(diagnostics.map(\.id) == [.duplicateClause])
        guard case .checklist(let checklist)? = syntax.blocks.first else { Issue.record("no block"); return }
        #expect(checklist.events.map(\.text) == ["a", "b", "c"])
        #expect(checklist.rules.first?.when != nil)
        if case .before(let a, let b)? = checklist.rules.first?.requirement {
            #expect([a.text, b.text] == ["a", "b"])
        } else {
            Issue.record("the first requirement should be kept")
        }
    }
}
