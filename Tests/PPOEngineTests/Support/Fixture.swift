@testable import PPOEngine

/// Small rules and data written inline, loaded through the real parser, checker and reader.
enum Fixture {
    static let categories = """
    categories
      group burglary   = burglary_dwelling, burglary_other
      group auto_crime = theft_of_vehicle, theft_from_vehicle, twoc
      shoplifting, theft_other, assault, robbery, drugs_possession
      code "28" -> burglary_dwelling
    end
    """

    static func rules(_ text: String, path: String = "test.ppo", withCategories: Bool = true) -> RuleSet {
        var files = [SourceFile(path: path, text: text)]
        if withCategories { files.insert(SourceFile(path: "categories.ppo", text: categories), at: 0) }
        return Engine.load(files: files)
    }

    /// The matrix of `text`, which must load without errors.
    static func matrix(_ text: String) throws -> CompiledMatrix {
        let rules = rules(text)
        let errors = rules.diagnostics.filter { $0.severity == .error }.map(\.message)
        guard errors.isEmpty, let name = rules.matrixNames.first, let matrix = rules.matrix(named: name) else {
            throw FixtureError(message: "rules did not load: \(errors)")
        }
        return matrix
    }

    static func offenders(_ jsonl: String, rules: RuleSet? = nil) throws -> [Offender] {
        let table = rules?.categories ?? Fixture.rules("").categories
        let batch = RecordReader(categories: table).read(bytes: Array(jsonl.utf8), path: "data.jsonl")
        guard batch.rejected.isEmpty else { throw FixtureError(message: "rejected: \(batch.rejected.map(\.rendered))") }
        return batch.offenders
    }

    static func score(_ matrixText: String, _ jsonl: String, asOf: String = "2026-11-22") throws -> [String: CompiledMatrix.Outcome] {
        let matrix = try matrix(matrixText)
        let offenders = try offenders(jsonl)
        guard let day = Day(iso: asOf) else { throw FixtureError(message: "bad date") }
        var result: [String: CompiledMatrix.Outcome] = [:]
        for o in offenders { result[o.id] = matrix.score(o, asOf: day) }
        return result
    }
}

struct FixtureError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}

extension CompiledMatrix.Outcome {
    var scored: ScoredOffender? {
        if case .scored(let s) = self { return s }
        return nil
    }
    var total: String? { scored?.score.description }
    func line(_ label: String) -> ScoreLine? { scored?.lines.first { $0.label == label } }
}
