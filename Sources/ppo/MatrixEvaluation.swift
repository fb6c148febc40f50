import Foundation
import PPOEngine

/// The shared core of `score` and `explain`: load the rules, pick the matrix, read the data, rank.
///
/// The ranking is held packed (`PackedRanking`): a national file of a million offenders fits in a
/// few hundred megabytes, scored on every core.
struct MatrixEvaluation {
    let rules: RuleSet
    let packed: PackedRanking

    var rejected: [RejectedRecord] { packed.rejected }

    /// Runs the matrix named by `matrix` (a name, or a `.ppo` file holding exactly one matrix) over `data`.
    static func run(rules options: RulesOptions, matrix spec: String, data: DataOptions) throws -> MatrixEvaluation {
        let isFile = spec.hasSuffix(".ppo")
        if isFile && !FileManager.default.fileExists(atPath: spec) {
            throw CommandFailure.usage("--matrix: no such file '\(spec)'")
        }
        let extra = isFile && !RuleLoading.isCovered(spec, by: options.effectiveDirectories) ? [spec] : []
        let rules = try RuleLoading.load(paths: try options.paths(adding: extra))
        let matrix = try isFile ? matrixDefined(inFile: spec, rules: rules) : matrix(named: spec, in: rules)

        let packed: PackedRanking
        do {
            packed = try ParallelRanker(matrix: matrix, categories: rules.categories, asOf: data.day)
                .rank(path: data.data, rulesDigest: rules.digest)
        } catch let error as ReadError {
            throw CommandFailure.usage("cannot read the data file '\(error.path)': \(error.reason)")
        }
        return MatrixEvaluation(rules: rules, packed: packed)
    }

    /// The matrix called `name`; a usage error naming the closest one when there is none.
    static func matrix(named name: String, in rules: RuleSet) throws -> CompiledMatrix {
        if let matrix = rules.matrix(named: name) { return matrix }
        let names = rules.matrixNames
        if names.isEmpty {
            throw CommandFailure.usage("unknown matrix '\(name)': no matrix is loaded")
        }
        if let closest = Suggestion.closest(to: name, in: names) {
            throw CommandFailure.usage("unknown matrix '\(name)'; did you mean '\(closest)'?")
        }
        let known = names.sorted().map { "'\($0)'" }.joined(separator: ", ")
        throw CommandFailure.usage("unknown matrix '\(name)'; the loaded matrices are \(known)")
    }

    /// The single matrix that `path` defines.
    static func matrixDefined(inFile path: String, rules: RuleSet) throws -> CompiledMatrix {
        let indexes = RuleLoading.fileIndexes(in: rules, matching: [path])
        let own = indexes.sorted().flatMap { rules.matrixNames(inFile: $0) }
        switch own.count {
        case 1:
            return try matrix(named: own[0], in: rules)
        case 0:
            throw CommandFailure.usage("--matrix: '\(path)' defines no matrix")
        default:
            let names = own.sorted().map { "'\($0)'" }.joined(separator: ", ")
            throw CommandFailure.usage("--matrix: '\(path)' defines several matrices (\(names)); name one with --matrix NAME")
        }
    }

    /// Reports rejected records: each as `FILE:LINE: reason` on standard error, and verbatim to
    /// `rejectsPath` when given (an empty file when nothing was rejected, so no stale list survives).
    func reportRejects(to rejectsPath: String?) throws {
        if !rejected.isEmpty {
            OutputWriter.standardError(rejected.map { $0.rendered + "\n" }.joined())
        }
        if let rejectsPath {
            try OutputWriter.writeAtomically(rejected.map { $0.text + "\n" }.joined(), to: rejectsPath)
        }
    }

    /// Ends with status 3 when records were rejected (after the output is written).
    func finish() throws {
        if !rejected.isEmpty {
            let count = rejected.count
            OutputWriter.standardError("\(count) record\(count == 1 ? "" : "s") rejected\n")
            throw CommandFailure(.recordsRejected)
        }
    }
}
