import Foundation

/// The loaded rules: every diagnostic, the checked program and its compiled matrices.
public struct RuleSet: Sendable {
    public let sources: SourceSet
    /// Errors and warnings of every file, sorted by file then position.
    public let diagnostics: [Diagnostic]
    /// SHA-256 of the loaded files (names and contents, in load order), recorded in every result.
    public let digest: String
    public let program: CheckedProgram
    private var matrices: [CompiledMatrix]
    private(set) var checklists: [CompiledChecklist]
    private(set) var alertBlocks: [CompiledAlerts]
    /// The panel's decisions every evaluation reads (`with(decisions:)`); nil when none are given,
    /// and then every record's `ppo.status` says who is a PPO.
    public private(set) var decisions: DecisionBook? = nil

    public var categories: CategoryTable { program.categories }
    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
    public var matrixNames: [String] { program.matrices.map(\.name) }

    init(sources: SourceSet, diagnostics: [Diagnostic], digest: String, program: CheckedProgram) {
        self.sources = sources
        self.diagnostics = diagnostics
        self.digest = digest
        self.program = program
        self.matrices = program.matrices.map { MatrixPlanner.plan($0, categories: program.categories) }
        self.checklists = program.checklists.map {
            CompiledChecklist($0, calendars: program.calendars, categories: program.categories)
        }
        self.alertBlocks = program.alerts.map { CompiledAlerts($0, categories: program.categories) }
    }

    /// The same rules evaluated with the panel's decisions (docs/cohort.md, "Where `is_ppo` comes
    /// from"): for an offender a panel has decided about, `is_ppo` and the `ppo` scope of
    /// checklists and alerts follow the cohort as of the evaluation's date, and the `cohort.*`
    /// fields describe it; for everyone else the record's `ppo.status` stands. `nil` takes them away.
    public func with(decisions book: DecisionBook?) -> RuleSet {
        var copy = self
        copy.decisions = book
        copy.matrices = matrices.map { var m = $0; m.decisions = book; return m }
        copy.checklists = checklists.map { var c = $0; c.decisions = book; return c }
        copy.alertBlocks = alertBlocks.map { var a = $0; a.decisions = book; return a }
        return copy
    }

    /// The compiled matrix of that name (its exact bytes: names asked for by users and requests
    /// compare as identifiers from data do).
    public func matrix(named name: String) -> CompiledMatrix? {
        matrices.first { ExactText.same($0.name, name) }
    }

    /// Names of the matrices declared in one loaded file.
    public func matrixNames(inFile index: Int) -> [String] {
        program.matrices.filter { $0.file == index }.map(\.name)
    }

    public var checklistNames: [String] { program.checklists.map(\.name) }
    public var alertsNames: [String] { program.alerts.map(\.name) }

    /// Names of the checklists declared in one loaded file.
    public func checklistNames(inFile index: Int) -> [String] {
        program.checklists.filter { $0.file == index }.map(\.name)
    }

    /// Names of the alerts blocks declared in one loaded file.
    public func alertsNames(inFile index: Int) -> [String] {
        program.alerts.filter { $0.file == index }.map(\.name)
    }

    /// The compiled checklist of that name (its exact bytes).
    public func checklist(named name: String) -> CompiledChecklist? {
        checklists.first { ExactText.same($0.name, name) }
    }
}

/// The public entry point: load rules from files, then score with the compiled matrices.
public enum Engine {
    /// Loads every `.ppo` under the given files and directories (directories recursively, in sorted
    /// order), naming the same file once; an unreadable path becomes an `unreadable-file` diagnostic.
    public static func load(paths: [String]) -> RuleSet {
        load(paths: paths, listing: { try FileManager.default.contentsOfDirectory(atPath: $0) })
    }

    /// `load(paths:)` with the way a directory is listed given (tests make a listing fail).
    static func load(paths: [String], listing: (String) throws -> [String]) -> RuleSet {
        var files: [SourceFile] = []
        var problems: [Diagnostic] = []
        var seen: Set<String> = []
        for path in paths {
            for file in expand(path, listing: listing, problems: &problems) {
                guard seen.insert(canonical(file)).inserted else { continue }
                guard let data = FileManager.default.contents(atPath: file) else {
                    problems.append(.error(.unreadableFile, "cannot read \(file)", at: nil))
                    continue
                }
                files.append(SourceFile(path: file, text: String(decoding: data, as: UTF8.self)))
            }
        }
        var rules = load(files: files)
        if !problems.isEmpty {
            rules = RuleSet(sources: rules.sources, diagnostics: problems + rules.diagnostics,
                            digest: rules.digest, program: rules.program)
        }
        return rules
    }

    /// Loads rules from text already in memory (tests, editors, the daemon).
    public static func load(files: [SourceFile]) -> RuleSet {
        var sources = SourceSet()
        var syntax: [SyntaxFile] = []
        var diagnostics: [Diagnostic] = []
        var digest = SHA256()
        for file in files {
            let index = sources.add(file)
            let parsed = Parser.parse(file, fileIndex: index)
            syntax.append(parsed.syntax)
            diagnostics += parsed.diagnostics
            // The file's name, not the path as typed, so `./matrices` and `matrices` give one digest.
            let name = file.path.split(separator: "/").last.map(String.init) ?? file.path
            digest.update(Array(name.utf8) + [0])
            digest.update(Array(file.text.utf8) + [0])
        }
        let checked = Checker.check(syntax, sources: sources)
        diagnostics += checked.diagnostics
        return RuleSet(sources: sources, diagnostics: inSourceOrder(diagnostics), digest: digest.finalize(),
                       program: checked.program)
    }

    /// Diagnostics by file, then position; those about no place first; otherwise as given.
    static func inSourceOrder(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        diagnostics.enumerated().sorted { a, b in
            let x = a.element.range, y = b.element.range
            switch (x, y) {
            case let (x?, y?) where x.file != y.file: return x.file < y.file
            case let (x?, y?) where x.start != y.start: return x.start < y.start
            case (nil, _?): return true
            case (_?, nil): return false
            default: return a.offset < b.offset
            }
        }.map(\.element)
    }

    static func canonical(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }

    /// The `.ppo` files under `path`, sorted. A directory that cannot be listed (no permission, no
    /// file descriptors left) is an error, never an empty folder: a set loaded without it would
    /// silently lack its rules.
    private static func expand(_ path: String, listing: (String) throws -> [String],
                               problems: inout [Diagnostic]) -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            problems.append(.error(.unreadableFile, "no such file or directory: \(path)", at: nil))
            return []
        }
        guard isDirectory.boolValue else { return [path] }
        let root = path.hasSuffix("/") ? path : path + "/"
        var found: [String] = []
        var folders = [""]
        while let folder = folders.popLast() {
            let directory = folder.isEmpty ? path : root + folder.dropLast()
            let entries: [String]
            do {
                entries = try listing(directory)
            } catch {
                problems.append(.error(.unreadableFile, "cannot list directory \(directory)", at: nil))
                continue
            }
            for entry in entries {
                let relative = folder + entry
                // Not following links into directories, as the directory enumerator did not.
                let type = (try? FileManager.default.attributesOfItem(atPath: root + relative))?[.type] as? FileAttributeType
                if type == .typeDirectory {
                    folders.append(relative + "/")
                } else if entry.hasSuffix(".ppo") {
                    found.append(relative)
                }
            }
        }
        return found.sorted().map { root + $0 }
    }
}
