/// Resolves names and types across every loaded file and builds the `CheckedProgram`.
///
/// Every error of every file is reported; a block with errors is left out of the program.
public struct Checker {
    let sources: SourceSet
    var diagnostics: [Diagnostic] = []
    var program = CheckedProgram()
    /// The strands and reason codes every loaded `scheme` block declares, gathered before any
    /// expression is checked, for `cohort.strand` and `cohort.last_reason`; `nil` with no scheme.
    var schemeStrands: [String]? = nil
    var schemeReasons: [String]? = nil

    /// Checks parsed files together: blocks are found by name across all of them.
    public static func check(_ files: [SyntaxFile], sources: SourceSet) -> (program: CheckedProgram, diagnostics: [Diagnostic]) {
        var checker = Checker(sources: sources)
        checker.run(files)
        return (checker.program, checker.diagnostics)
    }

    private mutating func run(_ files: [SyntaxFile]) {
        let blocks = files.flatMap(\.blocks)
        for case .categories(let block) in blocks { declareCategories(block) }
        checkUniqueNames(blocks)
        gatherSchemeVocabulary(blocks)
        for case .calendar(let block) in blocks { checkCalendar(block) }
        for case .matrix(let block) in blocks {
            if let matrix = checkMatrix(block) { program.matrices.append(matrix) }
        }
        let matrixNames = blocks.compactMap { block -> String? in
            if case .matrix(let m) = block { return m.name.value }
            return nil
        }
        for case .checklist(let block) in blocks {
            if let checklist = checkChecklist(block) { program.checklists.append(checklist) }
        }
        let checklistNames = blocks.compactMap { block -> String? in
            if case .checklist(let c) = block { return c.name.value }
            return nil
        }
        for case .alerts(let block) in blocks {
            if let alerts = checkAlerts(block, matrices: matrixNames, checklists: checklistNames) { program.alerts.append(alerts) }
        }
        for case .scheme(let block) in blocks {
            if let scheme = checkScheme(block, matrices: matrixNames) { program.schemes.append(scheme) }
        }
        for case .test(let block) in blocks {
            if let test = checkTest(block, blocks: blocks) { program.tests.append(test) }
        }
    }

    // MARK: - categories

    private mutating func declareCategories(_ block: CategoriesBlock) {
        for item in block.items {
            switch item {
            case .group(let group, let members):
                if program.categories.index(of: group.text) != nil {
                    error(.duplicateDeclaration, "'\(group.text)' is already a category; a group needs a name of its own", group.range)
                    continue
                }
                let g = program.categories.declareGroup(group.text)
                for member in members {
                    if program.categories.group(named: member.text) != nil {
                        error(.duplicateDeclaration, "'\(member.text)' is a group, not a category", member.range)
                        continue
                    }
                    let c = program.categories.declare(member.text)
                    if let other = program.categories.assign(c, toGroup: g) {
                        error(.duplicateDeclaration,
                              "category '\(member.text)' is already in group '\(program.categories.groups[other])'; a category belongs to at most one group",
                              member.range)
                    }
                }
            case .row(let names):
                for name in names {
                    if program.categories.group(named: name.text) != nil {
                        error(.duplicateDeclaration, "'\(name.text)' is already a group", name.range)
                        continue
                    }
                    program.categories.declare(name.text)
                }
            case .code(let code, let category):
                if program.categories.group(named: category.text) != nil {
                    error(.typeMismatch, "an offence code maps to a category, and '\(category.text)' is a group", category.range)
                    continue
                }
                if let existing = program.categories.category(forCode: code.value),
                   program.categories.names[existing] != category.text {
                    error(.duplicateDeclaration,
                          "code \"\(code.value)\" already maps to '\(program.categories.names[existing])'", code.range)
                    continue
                }
                let c = program.categories.declare(category.text)
                program.categories.map(code: code.value, to: c)
            }
        }
    }

    // MARK: - names

    /// Every strand and reason code the `scheme` blocks declare, each once, in the order written.
    private mutating func gatherSchemeVocabulary(_ blocks: [Block]) {
        var strands: [String] = [], reasons: [String] = [], any = false
        for case .scheme(let block) in blocks {
            any = true
            for name in block.strands.map(\.text) where !strands.contains(name) { strands.append(name) }
            for name in block.reasons.flatMap({ $0.reasons.map(\.text) }) where !reasons.contains(name) { reasons.append(name) }
        }
        if any { schemeStrands = strands; schemeReasons = reasons }
    }

    /// An expression context for `place` that knows the schemes' vocabulary.
    func expressionContext(_ place: ExpressionContext.Place) -> ExpressionContext {
        var context = ExpressionContext(place: place)
        context.strands = schemeStrands
        context.reasons = schemeReasons
        return context
    }

    private mutating func checkUniqueNames(_ blocks: [Block]) {
        var seen: [String: SourceRange] = [:]
        for block in blocks {
            let key: String
            let name: String
            let range: SourceRange
            switch block {
            case .categories: continue
            case .matrix(let b): key = "matrix:" + b.name.value; name = "matrix \"\(b.name.value)\""; range = b.name.range
            case .calendar(let b): key = "calendar:" + b.name.text; name = "calendar \(b.name.text)"; range = b.name.range
            case .checklist(let b): key = "checklist:" + b.name.value; name = "checklist \"\(b.name.value)\""; range = b.name.range
            case .alerts(let b): key = "alerts:" + b.name.value; name = "alerts \"\(b.name.value)\""; range = b.name.range
            case .scheme(let b): key = "scheme:" + b.name.value; name = "scheme \"\(b.name.value)\""; range = b.name.range
            case .test(let b): key = "test:" + b.name.value; name = "test \"\(b.name.value)\""; range = b.name.range
            }
            if let first = seen[key] {
                diagnostics.append(.error(.duplicateBlock, "\(name) is declared twice; names are unique per kind", at: range,
                                          notes: ["first declared at \(describe(first))"]))
            } else {
                seen[key] = range
            }
        }
    }

    // MARK: - helpers

    mutating func error(_ id: DiagnosticID, _ message: String, _ range: SourceRange?, suggestion: String? = nil, notes: [String] = []) {
        diagnostics.append(.error(id, message, at: range, suggestion: suggestion, notes: notes))
    }

    /// `path:line:column` of a range.
    func describe(_ range: SourceRange) -> String {
        guard let file = sources[range.file] else { return "?" }
        let location = file.location(of: range.start)
        return "\(file.path):\(location.line):\(location.column)"
    }

    func text(_ range: SourceRange) -> String {
        sources[range.file]?.slice(range) ?? ""
    }

    /// Checks an expression in a context, collecting its diagnostics.
    mutating func withExpressions<T>(_ context: ExpressionContext, _ body: (inout ExpressionChecker) -> T) -> T {
        var checker = ExpressionChecker(categories: program.categories, context: context)
        let result = body(&checker)
        diagnostics += checker.diagnostics
        return result
    }

    /// A whole number ≥ 0 from a literal, or an error.
    mutating func count(_ literal: NumberLiteral, _ what: String) -> Int? {
        guard let whole = literal.value.wholeValue, whole >= 0 else {
            error(.invalidValue, "\(what) must be a whole number of 0 or more", literal.range)
            return nil
        }
        return whole
    }
}
