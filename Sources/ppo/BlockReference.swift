import Foundation
import PPOEngine

/// A kind of block a command names on its command line, with the words its messages use.
struct BlockKind: Sendable {
    /// The option that names it: `--matrix`.
    let option: String
    let singular: String
    let plural: String
    /// Every loaded block of this kind, by name.
    let names: @Sendable (RuleSet) -> [String]
    /// The blocks of this kind that the loaded file at an index defines.
    let namesInFile: @Sendable (RuleSet, Int) -> [String]

    static let matrix = BlockKind(option: "--matrix", singular: "matrix", plural: "matrices",
                                  names: { $0.matrixNames }, namesInFile: { $0.matrixNames(inFile: $1) })
    static let checklist = BlockKind(option: "--checklist", singular: "checklist", plural: "checklists",
                                     names: { $0.checklistNames }, namesInFile: { $0.checklistNames(inFile: $1) })
    static let alerts = BlockKind(option: "--alerts", singular: "alerts block", plural: "alerts blocks",
                                  names: { $0.alertsNames }, namesInFile: { $0.alertsNames(inFile: $1) })
    static let scheme = BlockKind(option: "--scheme", singular: "scheme", plural: "schemes",
                                  names: { $0.schemeNames }, namesInFile: { $0.schemeNames(inFile: $1) })
}

/// A block named on the command line (`--matrix`, `--checklist`, `--alerts`): by its name, or by a
/// `.ppo` file that defines it, which is loaded along with the rules when they do not already cover it.
struct BlockReference: Sendable {
    let kind: BlockKind
    /// As typed: a block name, or a path ending `.ppo`.
    let text: String

    var isFile: Bool { text.hasSuffix(".ppo") }

    /// The file to load besides `ruleDirectories`: this reference's file when they do not cover it.
    /// A usage error when the file does not exist.
    func extraPaths(ruleDirectories: [String]) throws -> [String] {
        guard isFile else { return [] }
        guard FileManager.default.fileExists(atPath: text) else {
            throw CommandFailure.usage("\(kind.option): no such file '\(text)'")
        }
        return RuleLoading.isCovered(text, by: ruleDirectories) ? [] : [text]
    }

    /// The one block this reference names: the named block, or the single one its file defines.
    func single(in rules: RuleSet) throws -> String {
        guard isFile else { return try named(text, in: rules) }
        let own = defined(in: rules)
        switch own.count {
        case 1:
            return try named(own[0], in: rules)
        case 0:
            throw CommandFailure.usage("\(kind.option): '\(text)' defines no \(kind.singular)")
        default:
            let names = own.sorted().map { "'\($0)'" }.joined(separator: ", ")
            throw CommandFailure.usage(
                "\(kind.option): '\(text)' defines several \(kind.plural) (\(names)); name one with \(kind.option) NAME")
        }
    }

    /// Every block this reference names: the named block, or each one its file defines.
    func all(in rules: RuleSet) throws -> [String] {
        guard isFile else { return [try named(text, in: rules)] }
        let own = defined(in: rules)
        if own.isEmpty { throw CommandFailure.usage("\(kind.option): '\(text)' defines no \(kind.singular)") }
        return own
    }

    /// The blocks of this kind that this reference's file defines, in file order.
    private func defined(in rules: RuleSet) -> [String] {
        RuleLoading.fileIndexes(in: rules, matching: [text]).sorted().flatMap { kind.namesInFile(rules, $0) }
    }

    /// `name` when a block of this kind has it; a usage error naming the closest one when none does.
    private func named(_ name: String, in rules: RuleSet) throws -> String {
        let names = kind.names(rules)
        if ExactText.list(names, contains: name) { return name }
        if names.isEmpty {
            throw CommandFailure.usage("unknown \(kind.singular) '\(name)': no \(kind.singular) is loaded")
        }
        if let closest = Suggestion.closest(to: name, in: names) {
            throw CommandFailure.usage("unknown \(kind.singular) '\(name)'; did you mean '\(closest)'?")
        }
        let known = names.sorted().map { "'\($0)'" }.joined(separator: ", ")
        throw CommandFailure.usage("unknown \(kind.singular) '\(name)'; the loaded \(kind.plural) are \(known)")
    }
}
