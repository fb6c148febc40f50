/// Reads a decisions file (JSON Lines, one decision per line; docs/cohort.md, "The decisions file"),
/// checking each decision against the loaded schemes. A decision that cannot be used is rejected
/// with its reason, as a record is: never silently dropped or half-used.
public struct DecisionReader: Sendable {
    let schemes: [CheckedScheme]

    public init(schemes: [CheckedScheme]) { self.schemes = schemes }

    static let keys: Set<ExactText> = Set([
        "id", "offender", "scheme", "decision", "strand", "reason", "note", "decided_by", "role", "panel_date",
        "effective", "next_review", "supersedes", "saw", "recorded_at",
    ].map(ExactText.init))

    /// The decisions of `bytes` in file order, and the lines rejected.
    public func read(bytes: [UInt8], path: String) -> (decisions: [PanelDecision], rejected: [RejectedRecord]) {
        var decisions: [PanelDecision] = []
        var rejected: [RejectedRecord] = []
        var byID: [ExactText: PanelDecision] = [:]
        var superseded: [ExactText: Int] = [:]
        for line in TextLine.lines(of: bytes) where !line.isBlank {
            do {
                let decision = try decode(line.content, line: line.number, known: byID, superseded: superseded)
                byID[ExactText(decision.id)] = decision
                if let old = decision.supersedes { superseded[ExactText(old)] = line.number }
                decisions.append(decision)
            } catch {
                rejected.append(RejectedRecord(file: path, line: line.number, reason: error.reason, bytes: Array(line.raw)))
            }
        }
        return (decisions, rejected)
    }

    private func decode(_ bytes: ArraySlice<UInt8>, line: Int, known: [ExactText: PanelDecision],
                        superseded: [ExactText: Int]) throws(RecordProblem) -> PanelDecision {
        let value: JSONValue
        switch JSONParser.parse(bytes) {
        case .success(let parsed): value = parsed
        case .failure(let error): throw RecordProblem("not valid JSON: \(error)")
        }
        guard case .object = value else { throw RecordProblem("not a JSON object: found \(value.kindDescription)") }
        let fields = try RecordFields(value, path: "", known: Self.keys)
        func required(_ key: String) throws(RecordProblem) -> String {
            guard let text = try fields.string(key), !text.isEmpty else {
                throw RecordProblem("\"\(key)\" is required: a non-empty string")
            }
            return text
        }
        let id = try required("id")
        if let problem = OffenderIDRule.problem(id) { throw RecordProblem(problem) }
        guard known[ExactText(id)] == nil else {
            throw RecordProblem("duplicate decision id \"\(SafeText.escaped(id))\" (first seen on line \(known[ExactText(id)]?.line ?? 0))")
        }
        let offender = try required("offender")
        if let problem = OffenderIDRule.problem(offender, field: "offender") { throw RecordProblem(problem) }
        let schemeName = try required("scheme")
        guard let scheme = schemes.first(where: { ExactText.same($0.name, schemeName) }) else {
            let names = schemes.map(\.name)
            let hint = Suggestion.closest(to: schemeName, in: names).map { " (did you mean \"\($0)\"?)" } ?? ""
            throw RecordProblem("unknown scheme \"\(SafeText.escaped(schemeName))\"\(hint)")
        }
        guard let decision = try fields.enumeration("decision", CohortDecision.self) else {
            throw RecordProblem("\"decision\" is required: adopt, decline, defer, review or deselect")
        }
        let reason = try required("reason")
        let allowed = scheme.reasons[decision] ?? []
        guard ExactText.list(allowed, contains: reason) else {
            let hint = Suggestion.closest(to: reason, in: allowed).map { " (did you mean '\($0)'?)" } ?? ""
            throw RecordProblem("reason '\(SafeText.escaped(reason))' is not one of scheme \"\(SafeText.escaped(scheme.name))\"'s "
                                + "reasons for \(decision.rawValue)\(hint): \(allowed.joined(separator: ", "))")
        }
        let strand = try fields.string("strand")
        switch (decision, strand) {
        case (.adopt, nil) where !scheme.strands.isEmpty:
            throw RecordProblem("an adoption names its strand: \(scheme.strands.joined(separator: ", "))")
        case (.adopt, let strand?), (.review, let strand?):
            guard ExactText.list(scheme.strands, contains: strand) else {
                let hint = Suggestion.closest(to: strand, in: scheme.strands).map { " (did you mean '\($0)'?)" } ?? ""
                throw RecordProblem("strand '\(SafeText.escaped(strand))' is not one of scheme \"\(SafeText.escaped(scheme.name))\"'s "
                                    + "strands\(hint): \(scheme.strands.joined(separator: ", "))")
            }
        case (_, .some):
            throw RecordProblem("\"strand\" is given only with adopt or review, not with \(decision.rawValue)")
        default:
            break
        }
        guard let effective = try fields.day("effective") else {
            throw RecordProblem("\"effective\" is required: the date from which the decision holds")
        }
        let nextReview = try fields.day("next_review")
        if let nextReview, nextReview <= effective {
            throw RecordProblem("next_review \(nextReview) is not after the effective date \(effective)")
        }
        let supersedes = try fields.string("supersedes")
        if let supersedes {
            guard let old = known[ExactText(supersedes)] else {
                throw RecordProblem("supersedes \"\(SafeText.escaped(supersedes))\", which no earlier decision in the file is")
            }
            guard ExactText.same(old.offender, offender), ExactText.same(old.scheme, scheme.name) else {
                throw RecordProblem("supersedes \"\(SafeText.escaped(supersedes))\", a decision about another offender or scheme")
            }
            if let by = superseded[ExactText(supersedes)] {
                throw RecordProblem("supersedes \"\(SafeText.escaped(supersedes))\", already superseded on line \(by); "
                                    + "correct the correction instead")
            }
        }
        var saw: [JSONMember] = []
        if let value = fields.value("saw") {
            guard case .object(let members) = value else { throw fields.wrongType("saw", expected: "an object", found: value) }
            saw = members
        }
        return PanelDecision(id: id, offender: offender, scheme: scheme.name, decision: decision, strand: strand,
                             reason: reason, note: try fields.string("note"), decidedBy: try fields.string("decided_by"),
                             role: try fields.string("role"), panelDate: try fields.day("panel_date"),
                             effective: effective, nextReview: nextReview, supersedes: supersedes, saw: saw,
                             recordedAt: try fields.string("recorded_at"), line: line)
    }
}
