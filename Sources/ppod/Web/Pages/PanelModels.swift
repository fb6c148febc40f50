import PPOEngine

/// The panel pack page: four sections, each offender with rank, score, tier, strand and why.
struct PanelModel {
    struct Item {
        let rank: String
        let offender: String
        let href: String
        let name: String
        let score: String
        let tier: String
        let strand: String
        let why: String
        let decide: String?
    }

    struct Section {
        let key: String
        let title: String
        let count: Int
        let items: [Item]
    }

    let scheme: String
    let date: String
    let area: String
    let matrix: String
    let version: String
    let rulesDigest: String
    let dataDigest: String
    let onScheme: Int
    let sections: [Section]

    init(pack: PanelPack, date: Day, area: WebScope, decides: Bool) {
        scheme = pack.cohort.scheme.name
        self.date = date.description
        self.area = area.label
        matrix = pack.matrix
        version = pack.version ?? ""
        rulesDigest = pack.rulesDigest
        dataDigest = pack.dataDigest
        onScheme = pack.cohort.members.filter(\.isOnScheme).count
        let areaQuery = area.parameter
        let scheme = pack.cohort.scheme.name
        sections = pack.sections.map { section in
            Section(key: section.key, title: section.title, count: section.items.count, items: section.items.map { item in
                Item(rank: item.rank.map(String.init) ?? "—", offender: item.offender,
                     href: "/ui/offenders/" + WebPage.encoded(item.offender)
                        + WebPage.query([("area", areaQuery), ("as_of", date.description)]),
                     name: item.name ?? "", score: item.score?.description ?? "—", tier: item.tier ?? "",
                     strand: item.member?.strand ?? "", why: item.why,
                     decide: decides ? "/ui/offenders/" + WebPage.encoded(item.offender) + "/decide"
                        + WebPage.query([("scheme", scheme), ("panel_date", date.description)]) : nil)
            })
        }
    }
}

/// The form that records a decision, with the offender's history under the scheme.
struct DecisionForm {
    struct Group {
        let label: String
        let options: [WebOption]
    }

    struct Past {
        let id: String
        let decision: String
        let strand: String
        let reason: String
        let effective: String
        let panelDate: String
        let decidedBy: String
        let note: String
        let superseded: Bool
        let supersedes: String?
    }

    let id: String
    let name: String
    let scheme: String
    let problem: String?
    let recorded: String?
    let formAction: String
    let back: String
    let decisions: [WebOption]
    let strands: [WebOption]
    let reasons: [Group]
    let supersedable: [WebOption]
    let note: String
    let panelDate: String
    let effective: String
    let nextReview: String
    let status: String
    let history: [Past]

    init(id: String, query: RequestQuery, scheme requested: String? = nil, caller: Caller, daemon: Daemon, problem: String?,
         values: [String: String]) async throws {
        let rules = daemon.rules.current
        guard let name = requested ?? query["scheme"] ?? (rules.schemeNames.count == 1 ? rules.schemeNames.first : nil),
              let scheme = rules.scheme(named: name) else {
            throw APIError.badRequest("bad-parameter", "name the scheme: scheme=NAME (" + rules.schemeNames.joined(separator: ", ") + ")")
        }
        let today = daemon.calendar.today
        let found = try await daemon.decisions.lines(seenBy: caller.areaCheck, offender: id)
        let mine = rules.decisions(bytes: found.bytes, path: "decisions").decisions.filter { ExactText.same($0.scheme, scheme.name) }
        let superseded = Set(mine.compactMap(\.supersedes))
        let cohort = Cohort(scheme: scheme, decisions: mine, asOf: today)
        let record = try await daemon.store.record(id: id)
        let offender = record.flatMap { RecordReader(categories: rules.categories).read(bytes: $0.body, path: "record").offenders.first }

        self.id = id
        self.name = offender?.name ?? ""
        self.scheme = scheme.name
        self.problem = problem
        recorded = query["recorded"]
        formAction = "/ui/offenders/" + WebPage.encoded(id) + "/decide"
        back = "/ui/offenders/" + WebPage.encoded(id)
        let chosen = values["decision"]
        decisions = CohortDecision.allCases.map { WebOption(value: $0.rawValue, label: $0.rawValue, selected: $0.rawValue == chosen) }
        strands = scheme.strands.map { WebOption(value: $0, label: $0, selected: $0 == values["strand"]) }
        reasons = CohortDecision.allCases.compactMap { kind in
            guard let codes = scheme.reasons[kind], !codes.isEmpty else { return nil }
            return Group(label: kind.rawValue, options: codes.map {
                WebOption(value: $0, label: $0, selected: $0 == values["reason"] && kind.rawValue == chosen)
            })
        }
        supersedable = mine.filter { !superseded.contains($0.id) }.map {
            WebOption(value: $0.id, label: "\($0.id): \($0.decision.rawValue) \($0.reason) (\($0.effective))",
                   selected: $0.id == values["supersedes"])
        }
        note = values["note"] ?? ""
        panelDate = values["panel_date"] ?? query["panel_date"] ?? today.description
        effective = values["effective"] ?? query["panel_date"] ?? today.description
        nextReview = values["next_review"] ?? ""
        if let member = cohort.member(id) {
            status = member.status.rawValue + (member.strand.map { ", \($0) strand" } ?? "")
                + (member.since.map { " since \($0)" } ?? "") + (member.reviewDue.map { "; review due \($0)" } ?? "")
        } else {
            status = "no decision yet"
        }
        history = mine.reversed().map {
            Past(id: $0.id, decision: $0.decision.rawValue, strand: $0.strand ?? "", reason: $0.reason,
                 effective: $0.effective.description, panelDate: $0.panelDate?.description ?? "",
                 decidedBy: [$0.decidedBy, $0.role].compactMap { $0 }.joined(separator: ", "), note: $0.note ?? "",
                 superseded: superseded.contains($0.id), supersedes: $0.supersedes)
        }
    }
}
