import Testing
@testable import PPOEngine

/// One case per kind of load error the checker reports (SPEC §4, §6).
@Suite struct CheckerTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let source: String
        let id: DiagnosticID
        let message: String
        var suggestion: String? = nil
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "unknown-category", source: """
             matrix "M"
               offences
                 burglary_dweling 4 series 5
               end
             end
             """, id: .unknownCategory, message: "unknown category 'burglary_dweling'", suggestion: "burglary_dwelling"),
        Case(name: "unknown-category-in-where", source: """
             matrix "M"
               factor "F" = count(offences where category = shopliftng)
             end
             """, id: .unknownCategory, message: "unknown category 'shopliftng'", suggestion: "shoplifting"),
        Case(name: "unknown-name", source: """
             matrix "M"
               factor "F" = 5 when imapct = serious
             end
             """, id: .unknownName, message: "unknown name 'imapct': not a field of an offender", suggestion: "impact"),
        Case(name: "unknown-field", source: """
             matrix "M"
               factor "F" = band days_since(latest(intelligence).dat)
                 <= 28 -> 5
               end
             end
             """, id: .unknownField, message: "an intelligence item has no field 'dat'", suggestion: "date"),
        Case(name: "unknown-value", source: """
             matrix "M"
               factor "F" = 5 when any(drug_tests where result = postive)
             end
             """, id: .unknownValue, message: "'postive' is not a drug test result; expected one of positive, negative", suggestion: "positive"),
        Case(name: "unknown-function", source: """
             matrix "M"
               factor "F" = cout(offences)
             end
             """, id: .unknownFunction, message: "unknown function 'cout'", suggestion: "count"),
        Case(name: "monitoring-field", source: """
             matrix "M"
               factor "F" = 5 when ethnicity = "x"
             end
             """, id: .monitoringField, message: "'ethnicity' is a monitoring-only field: no matrix, checklist or alert may read it"),
        Case(name: "monitoring-field-member", source: """
             alerts "A"
               alert "X"
                 when offender.religion present
               end
             end
             """, id: .monitoringField, message: "'religion' is a monitoring-only field: no matrix, checklist or alert may read it"),
        Case(name: "type-mismatch", source: """
             matrix "M"
               factor "F" = 5 when count(offences)
             end
             """, id: .typeMismatch, message: "expected a true/false condition, but this is a number"),
        Case(name: "type-mismatch-compare", source: """
             matrix "M"
               eligible when dob >= 10
             end
             """, id: .typeMismatch, message: "cannot compare a date with a number"),
        Case(name: "wrong-arguments", source: """
             matrix "M"
               factor "F" = sum(assessments)
             end
             """, id: .wrongArguments, message: "sum(…) takes a collection and a value, e.g. sum(assessments, score)"),
        Case(name: "not-a-collection", source: """
             matrix "M"
               factor "F" = count(impact)
             end
             """, id: .notACollection, message: "expected a collection such as offences, arrests or intelligence, but this is an impact level"),
        Case(name: "collection-as-record", source: """
             matrix "M"
               eligible when offences.date present
             end
             """, id: .notACollection, message: "'offences' is a collection of offences, not one record: pick one with latest(…) or earliest(…)"),
        Case(name: "overlapping-weighting", source: """
             matrix "M"
               weighting "P" on main category
                 burglary 5
                 burglary_dwelling 6
               end
             end
             """, id: .overlappingWeighting,
             message: "category 'burglary_dwelling' is covered by both 'burglary' and 'burglary_dwelling'; with 'on main category' each category may have one row"),
        Case(name: "duplicate-block", source: """
             matrix "M"
             end
             matrix "M"
             end
             """, id: .duplicateBlock, message: "matrix \"M\" is declared twice; names are unique per kind"),
        Case(name: "duplicate-declaration", source: """
             matrix "M"
               offences
                 assault 3
                 assault 4
               end
             end
             """, id: .duplicateDeclaration, message: "category 'assault' has two rows"),
        Case(name: "working-days-outside-checklist", source: """
             matrix "M"
               factor "F" = count(arrests within 5 working days)
             end
             """, id: .workingDaysOutsideChecklist, message: "working days count only in checklist requirements, which have a calendar"),
        Case(name: "unknown-event-type", source: """
             checklist "C"
               events cps_advice, charged
               rule "R"
                 owner police
                 require cps_advise before charged
               end
             end
             """, id: .unknownEventType, message: "'cps_advise' is not an event type this checklist declares", suggestion: "cps_advice"),
        Case(name: "unknown-calendar", source: """
             checklist "C"
               calendar englnd
               events a, b
               rule "R"
                 owner police
                 require a before b
               end
             end
             """, id: .unknownCalendar, message: "no calendar is called 'englnd'"),
        Case(name: "unknown-matrix", source: """
             alerts "A"
               alert "X"
                 for candidates
                 when score("Prolific Offender Prioritisaton") >= 150
               end
             end
             matrix "Prolific Offender Prioritisation"
             end
             """, id: .unknownMatrix, message: "no matrix is called \"Prolific Offender Prioritisaton\"", suggestion: "Prolific Offender Prioritisation"),
        Case(name: "changed-outside-alerts", source: """
             matrix "M"
               factor "F" = 5 when changed(impact)
             end
             """, id: .unknownFunction, message: "changed(…) compares with the previous snapshot and is only available in alerts"),
        Case(name: "invalid-interpolation", source: """
             alerts "A"
               alert "X"
                 when in_custody
                 message "{name} has {offences}"
               end
             end
             """, id: .invalidInterpolation, message: "a message can show a value, not a whole collection; try count(…)"),
        Case(name: "interpolation-type-error", source: """
             alerts "A"
               alert "X"
                 when in_custody
                 message "{nmae} is in custody"
               end
             end
             """, id: .unknownName, message: "unknown name 'nmae': not a field of an offender", suggestion: "name"),
        Case(name: "unknown-matrix-in-test", source: """
             test "T"
               matrix "Nope"
               as of 2026-11-22
               data "x.jsonl"
             end
             """, id: .unknownMatrix, message: "no matrix is called \"Nope\""),
        Case(name: "unknown-checklist", source: """
             test "T"
               checklist "CJS Premium Servce"
               as of 2026-11-22
               data "x.jsonl"
             end
             """, id: .unknownChecklist, message: "no checklist is called \"CJS Premium Servce\""),
        Case(name: "unknown-alerts", source: """
             test "T"
               alerts "Daily taskng"
               as of 2026-11-22
               data "x.jsonl"
             end
             """, id: .unknownAlerts, message: "no alerts block is called \"Daily taskng\""),
        Case(name: "invalid-value", source: """
             checklist "C"
               events a, b
               rule "R"
                 owner police
                 require a before b
               end
             end
             test "T"
               checklist "C"
               as of 2026-11-22
               data "x.jsonl"
               expect "X" score 4
             end
             """, id: .invalidValue, message: "this expectation does not apply to a checklist test"),
        Case(name: "unknown-scope", source: """
             alerts "A"
               alert "X"
                 for everyone
                 when in_custody
               end
             end
             """, id: .unknownValue, message: "'everyone' is not a scope; expected one of ppo, all, candidates"),
    ]

    @Test(arguments: cases)
    func reports(_ c: Case) throws {
        let rules = Fixture.rules(c.source)
        let errors = rules.diagnostics.filter { $0.severity == .error }
        let first = try #require(errors.first, "\(c.name): expected an error")
        #expect(first.id == c.id, "\(c.name)")
        #expect(first.message == c.message, "\(c.name)")
        if let suggestion = c.suggestion { #expect(first.suggestion == suggestion, "\(c.name)") }
        #expect(first.range != nil)
    }

    /// The rendered text an analyst sees, caret and suggestion included, for every kind.
    @Test(arguments: cases)
    func rendersLikeACompiler(_ c: Case) {
        let rules = Fixture.rules(c.source, path: "matrices/local.ppo")
        let text = DiagnosticRenderer(sources: rules.sources).text(rules.diagnostics)
        Golden.check(text, "\(c.name).txt", area: "Semantics")
    }

    @Test(arguments: [
        ("unreachable-arm", """
         matrix "M"
           factor "F" = band count(arrests)
             else -> 1
             >= 2 -> 3
           end
         end
         """, "this arm can never apply: 'else' above catches every value"),
        ("unreachable-tier", """
         matrix "M"
           tiers
             "Low" otherwise
             "High" >= 150
           end
         end
         """, "tier \"High\" can never apply: an earlier tier says 'otherwise'"),
    ])
    func warnsWithoutStopping(name: String, source: String, message: String) throws {
        let rules = Fixture.rules(source, path: "matrices/local.ppo")
        #expect(!rules.hasErrors)
        let warning = try #require(rules.diagnostics.first { $0.severity == .warning })
        #expect(warning.id == .unreachableArm)
        #expect(warning.message == message)
        #expect(rules.matrixNames == ["M"])
        Golden.check(DiagnosticRenderer(sources: rules.sources).text(rules.diagnostics), "\(name).txt", area: "Semantics")
    }

    @Test func everyErrorOfEveryFileIsReported() {
        let rules = Engine.load(files: [
            SourceFile(path: "categories.ppo", text: Fixture.categories),
            SourceFile(path: "a.ppo", text: "matrix \"A\"\n  factor \"F\" = cout(offences)\nend\n"),
            SourceFile(path: "b.ppo", text: "matrix \"B\"\n  eligible when ethnicity = \"x\"\n  factor \"G\" = imapct\nend\n"),
        ])
        let errors = rules.diagnostics.filter { $0.severity == .error }
        #expect(errors.map(\.id) == [.unknownFunction, .monitoringField, .unknownName])
        #expect(errors.compactMap { $0.range?.file } == [1, 2, 2])
    }

    @Test(arguments: ["ethnicity", "gender", "religion"])
    func monitoringFieldsAreRejectedEverywhere(field: String) {
        for source in [
            "matrix \"M\"\n  eligible when \(field) present\nend\n",
            "matrix \"M\"\n  factor \"F\" = match \(field)\n    \"x\" -> 1\n  end\nend\n",
            "alerts \"A\"\n  alert \"X\"\n    when \(field) = \"x\"\n  end\nend\n",
            "alerts \"A\"\n  alert \"X\"\n    when in_custody\n    message \"{\(field)}\"\n  end\nend\n",
        ] {
            let rules = Fixture.rules(source)
            #expect(rules.diagnostics.contains { $0.id == .monitoringField }, "\(source)")
            #expect(rules.hasErrors)
        }
    }

    @Test func theSpecExamplesLoadClean() {
        // SPEC's categories example does not declare `shoplifting`, which its matrix scores
        // (docs/decisions.md), so the examples are paired with the fixture's categories.
        let examples = [SpecExamples.matrix, SpecExamples.calendar, SpecExamples.checklist,
                        SpecExamples.alerts, SpecExamples.test]
        let rules = Fixture.rules(examples.joined(separator: "\n"))
        #expect(rules.diagnostics.filter { $0.severity == .error }.map(\.message) == [])
        #expect(rules.matrixNames == ["Prolific Offender Prioritisation"])
        #expect(rules.program.checklists.count == 1)
        #expect(rules.program.alerts.count == 1)
        #expect(rules.program.calendars.count == 1)
    }
}
