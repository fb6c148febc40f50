import PPOEngine

/// A draft checked as the engine would load it once published: the live rules with the draft's
/// file in place of the live one (or added where a folder listing would put it).
struct DraftCheck: Sendable {
    /// The rules as they would be with the draft published.
    let rules: RuleSet
    /// Why publishing would be refused by the reload even without errors (it would leave ppod
    /// without every matrix, checklist or alerts block it serves), or nil.
    let loss: String?

    var errors: Int { rules.diagnostics.filter { $0.severity == .error }.count }
    var warnings: Int { rules.diagnostics.filter { $0.severity == .warning }.count }
    /// The draft could go live: no errors, nothing lost.
    var publishable: Bool { errors == 0 && loss == nil }

    init(file: String, text: String, live: RuleSet, folders: [String]) {
        var files = live.sources.files
        let draft = SourceFile(path: file, text: text)
        if let index = files.firstIndex(where: { ExactText.same($0.path, file) }) {
            files[index] = draft
        } else {
            // A folder is loaded in sorted order: the new file goes before the first later name of
            // its folder, else after the folder's last file, else at the end.
            let folder = file.split(separator: "/").dropLast().joined(separator: "/")
            let siblings = files.indices.filter {
                ExactText.same(files[$0].path.split(separator: "/").dropLast().joined(separator: "/"), folder)
            }
            let position = siblings.first { files[$0].path > file } ?? siblings.last.map { $0 + 1 } ?? files.count
            files.insert(draft, at: position)
        }
        rules = Engine.load(files: files)
        loss = rules.hasErrors ? nil : LiveRules.loss(from: live, to: rules, paths: folders)
    }

    /// The names of the blocks the draft's file defines under the draft, and under the live rules
    /// those the live file defines: what the draft can change.
    func blocks(file: String, live: RuleSet) -> (matrices: [String], checklists: [String], alerts: [String]) {
        var matrices: [String] = [], checklists: [String] = [], alerts: [String] = []
        func add(_ names: [String], to list: inout [String]) {
            for name in names where !ExactText.list(list, contains: name) { list.append(name) }
        }
        for (set, index) in [(rules, rules.sources.files.firstIndex { ExactText.same($0.path, file) }),
                             (live, live.sources.files.firstIndex { ExactText.same($0.path, file) })] {
            guard let index else { continue }
            add(set.matrixNames(inFile: index), to: &matrices)
            add(set.checklistNames(inFile: index), to: &checklists)
            add(set.alertsNames(inFile: index), to: &alerts)
        }
        return (matrices, checklists, alerts)
    }
}
