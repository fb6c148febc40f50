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
        // Fields against constants, read typed (ConditionPlanner+Fields).
        "any(offences where evidence = convicted)", "any(offences where evidence != suspected)",
        "any(offences where evidence in [admitted, suspected])",
        "any(offences where series = true)", "any(offences where finalised = false)",
        "any(offences where finalised != true)",
        "any(offences where date >= 2024-01-01)", "any(offences where 2024-01-01 < date)",
        "any(offences where date in [2026-02-01, 2025-02-24])",
        #"any(offences where code = "46")"#, #"any(offences where code != "46")"#,
        #"any(offences where code in ["46", "49"])"#, #"any(offences where "92D" = code)"#,
        #"any(offences where code < "5")"#,
        "any(offences where category != theft)", "any(offences where category in [theft, burglary_dwelling])",
        "any(offences where category = assault)", "any(offences where category != assault)",
        "any(intelligence where handling = P)", "any(intelligence where source != 1)",
        "any(intelligence where 2 >= source)",
        "ppo.status = adopted", "ppo.status in [candidate, removed]", "ppo.since <= 2025-06-01",
        "any(assessments where score < 50)", "any(assessments where 100 <= score)",
        "any(assessments where score in [100, 120])", #"any(assessments where tool != "ogrs")"#,
        "juvenile = false", "in_custody = false", "is_ppo != true",
        "current_custody.release >= 2026-01-01", #"current_custody.establishment = "HMP Northtown""#,
        "dob < 1990-01-01", #"name = "Rowan Pelludge""#, #"area != "Northtown""#, "age in [30, 31, 32]",
        // Aggregates over the view (ViewAggregate), with windows, nesting and no `where`.
        "any(arrests within 12 months)", "count(arrests within 12 months) >= 1",
        #"any(offences within 2 years where "racially_aggravated" in aggravating)"#,
        "any(offences where any(offender.offences where category = assault))",
        "any(cases where any(events where type = charged))",
        "any(offences where area present and area != offender.area within 12 months)",
        "latest(intelligence).date >= 2026-01-01", "earliest(offences where evidence = convicted).date < 2024-01-01",
        "latest(arrests within 6 months) present", "count(offences) >= 7",
    ]

    /// Number-valued expressions, planned with and without the fast paths.
    static let expressions = [
        "count(offences)", "count(arrests within 12 months)", "3 * count(arrests within 12 months)",
        "count(offences where evidence = convicted within 2 years)",
        "days_since(latest(intelligence).date)", "days_since(earliest(offences).date)",
        "days_since(latest(offences where category = theft within 2 years).date)",
        "count(drug_tests where result = positive) + count(assessments)",
        "days_since(latest(assessments where score >= 100).date)",
    ]

    @Test(arguments: expressions)
    func fastExpressionAgreesWithTheGeneralEvaluator(expression text: String) throws {
        let source = """
            matrix "C"
              offences "Crime categories"
                shoplifting 1
              end
              factor "C" = \(text)
            end
            """
        var files = ProjectFiles.shippedRules().map { SourceFile(path: $0.path, text: $0.text) }
        files.append(SourceFile(path: "expression.ppo", text: source))
        let loaded = Engine.load(files: files)
        let errors = loaded.diagnostics.filter { $0.severity == .error }.map(\.message)
        #expect(errors.isEmpty, "\(text): \(errors)")
        guard let matrix = loaded.matrix(named: "C"), let checked = matrix.checked,
              case .expression(let expression) = checked.factors.first?.body else {
            Issue.record("no expression factor for \(text)")
            return
        }
        let fast = ExpressionPlanner(categories: matrix.categories)
        let general = ExpressionPlanner(categories: matrix.categories, fastPaths: false)
        for recording in [false, true] {
            let a = fast.plan(expression, recording: recording), b = general.plan(expression, recording: recording)
            for offender in Self.offenders {
                for windowStart in [nil, Self.asOf.adding(days: -1000)] {
                    var view = OffenderView(offender, asOf: Self.asOf, windowStart: windowStart)
                    let (fastValue, fastEvidence) = EvaluationFrame.with(offender, view: &view, asOf: Self.asOf,
                                                                         categories: matrix.categories) { frame in
                        (a(&frame), frame.evidenceIDs)
                    }
                    let (generalValue, generalEvidence) = EvaluationFrame.with(offender, view: &view, asOf: Self.asOf,
                                                                               categories: matrix.categories) { frame in
                        (b(&frame), frame.evidenceIDs)
                    }
                    #expect(fastValue == generalValue, "\(text) on \(offender.id)")
                    #expect(fastEvidence == generalEvidence, "\(text) on \(offender.id)")
                }
            }
        }
    }

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
        let generalPlanner = ExpressionPlanner(categories: matrix.categories, fastPaths: false)
        var held = 0
        for recording in [false, true] {
            let typed = planner.planCondition(expression, recording: recording)
            let general = generalPlanner.plan(expression, recording: recording)
            for offender in Self.offenders {
                var view = OffenderView(offender, asOf: Self.asOf, windowStart: nil)
                let (typedResult, typedEvidence) = EvaluationFrame.with(offender, view: &view, asOf: Self.asOf,
                                                                        categories: matrix.categories) { frame in
                    (typed(&frame), frame.evidenceIDs)
                }
                let (generalResult, generalEvidence) = EvaluationFrame.with(offender, view: &view, asOf: Self.asOf,
                                                                            categories: matrix.categories) { frame in
                    (general(&frame).isTrue, frame.evidenceIDs)
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
