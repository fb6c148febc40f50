import Foundation
import Testing
@testable import PPOEngine

/// Conditions compiled to `Bool` (`planCondition`) hold exactly when the general evaluator's value
/// is true, and leave the same evidence, on the shipped samples and generated offenders.
@Suite struct ConditionPlannerTests {
    static let rules = Engine.load(files: ProjectFiles.shippedRules().map { SourceFile(path: $0.path, text: $0.text) })
    static let asOf = Day(year: 2026, month: 11, day: 22) ?? Day(ordinal: 0)

    static let offenders: [Offender] = {
        var text = SyntheticPopulation(seed: 9).records(0..<400)
        text += (try? Data(contentsOf: ProjectFiles.root.appendingPathComponent("samples/offenders.jsonl"))).map(Array.init) ?? []
        return RecordReader(categories: rules.categories).read(bytes: text, path: "mixed.jsonl").offenders
    }()

    static let conditions = [
        #""crime_dependent" in flags"#,
        #""nobody" in aliases"#,
        "age >= 18", "18 <= age", "age = 30", "age != 30", "age < 25 and age > 20",
        "impact = serious", "impact != slight", "impact in [serious, moderate]",
        #"area = "Northtown""#, #"area in ["Northtown", "Southport"]"#,
        "is_ppo and age > 20", "in_custody or juvenile", "not juvenile", "true", "false",
        #"any(offences where "elderly_victim" in aggravating)"#,
        "any(offences where category = burglary_dwelling)",
        "any(offences where category in [shoplifting, assault])",
        "any(intelligence where source in [1, 2] and assessment in [A, B, C])",
        #"any(assessments where (tool = "oasys" and score >= 100) or (tool = "ogrs" and score >= 75))"#,
        "all(arrests where date >= 2025-01-01)",
        "count(offences) >= 3",
        "any(drug_tests where result = positive)",
    ]

    @Test(arguments: conditions)
    func typedConditionAgreesWithTheGeneralEvaluator(condition: String) throws {
        let text = """
            matrix "C"
              offences "Crime categories"
                shoplifting 1
              end
              factor "C" = 1 when \(condition)
            end
            """
        var files = ProjectFiles.shippedRules().map { SourceFile(path: $0.path, text: $0.text) }
        files.append(SourceFile(path: "condition.ppo", text: text))
        let loaded = Engine.load(files: files)
        let errors = loaded.diagnostics.filter { $0.severity == .error }.map(\.message)
        #expect(errors.isEmpty, "\(condition): \(errors)")
        guard let matrix = loaded.matrix(named: "C"), let checked = matrix.checked,
              case .when(_, let expression) = checked.factors.first?.body else {
            Issue.record("no `when` factor for \(condition)")
            return
        }
        let planner = ExpressionPlanner(categories: matrix.categories)
        var held = 0
        for recording in [false, true] {
            let typed = planner.planCondition(expression, recording: recording)
            let general = planner.plan(expression, recording: recording)
            for offender in Self.offenders {
                var view = OffenderView(offender, asOf: Self.asOf, windowStart: nil)
                let (typedResult, typedEvidence) = EvaluationFrame.with(offender, view: &view, asOf: Self.asOf,
                                                                        categories: matrix.categories) { frame in
                    (typed(&frame), frame.evidence)
                }
                let (generalResult, generalEvidence) = EvaluationFrame.with(offender, view: &view, asOf: Self.asOf,
                                                                            categories: matrix.categories) { frame in
                    (general(&frame).isTrue, frame.evidence)
                }
                #expect(typedResult == generalResult, "\(condition) on \(offender.id)")
                #expect(typedEvidence == generalEvidence, "\(condition) on \(offender.id)")
                if typedResult { held += 1 }
            }
        }
        _ = held
    }

    @Test func bindingsBehaveAsAStack() {
        var bindings = Bindings()
        let refs = (0..<7).map { RecordRef(kind: .offence, index: Int32($0)) }
        for ref in refs { bindings.append(ref) }
        #expect(bindings.count == 7)
        #expect((0..<7).map { bindings[$0] } == refs)
        #expect(bindings[7] == nil)
        #expect(bindings[-1] == nil)
        bindings.removeLast()
        bindings.removeLast()
        #expect(bindings.count == 5)
        #expect(bindings[4] == refs[4])
        #expect(bindings[5] == nil)
        bindings.append(refs[0])
        #expect(bindings[5] == refs[0])
        bindings.removeAll()
        #expect(bindings.count == 0 && bindings[0] == nil)
        let literal: Bindings = [refs[2]]
        #expect(literal.count == 1 && literal[0] == refs[2])
    }
}
