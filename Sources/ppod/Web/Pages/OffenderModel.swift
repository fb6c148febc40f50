import PPOEngine

/// What the offender page shows, worked out from the form, the record, the cohort and the duties.
struct OffenderModel {
    struct Evidence {
        let id: String
        let href: String
    }

    /// An offence line of the form: a category's points with its convicted, admitted and suspected
    /// offences counted as the national form's columns.
    struct OffenceLine {
        let category: String
        let convicted: Int
        let admitted: Int
        let suspected: Int
        let points: String
        let detail: String
        let evidence: [Evidence]
    }

    struct FactorLine {
        let label: String
        let points: String
        let detail: String
        let evidence: [Evidence]
    }

    struct Event {
        let anchor: String
        let date: String
        let kind: String
        let text: String
        let id: String
    }

    struct Duty {
        let caseID: String
        let rule: String
        let owner: String
        let status: String
        let breached: Bool
        let due: String
        let late: String
    }

    struct Alert {
        let severity: String
        let alert: String
        let message: String
        let notify: String?
    }

    let id: String
    let name: String
    let dob: String
    let pnc: String
    let area: String
    let matrix: String
    let version: String
    let asOf: String
    let rulesDigest: String
    let dataDigest: String
    let ranked: Bool
    let rank: String
    let score: String
    let tier: String
    let recommended: Bool
    let tie: Bool
    let ineligibleReason: String?
    let status: String
    let strand: String?
    let since: String?
    let reviewDue: String?
    let offenceLines: [OffenceLine]
    let factorLines: [FactorLine]
    let weighting: String?
    let total: String
    let timeline: [Event]
    let showsTasking: Bool
    let duties: [Duty]
    let alerts: [Alert]
    let back: String
    /// The decision form, for roles that record panel decisions.
    var decide: String?

    init(offender: Offender, scored: ScoredOffender?, ineligible: IneligibleOffender?, ranking: PackedRanking, area: String,
         member: Cohort.Member?, duties: [DutyResult], alerts: [AlertResult], categories: CategoryTable, showsTasking: Bool,
         backQuery: String) {
        let timeline = Self.timeline(offender, categories: categories)
        var anchors: [ExactText: String] = [:]
        for event in timeline where !event.id.isEmpty { anchors[ExactText(event.id)] = event.anchor }
        func evidence(_ ids: [String]) -> [Evidence] {
            ids.map { Evidence(id: $0, href: anchors[ExactText($0)].map { "#" + $0 } ?? "#timeline") }
        }
        var levels: [ExactText: EvidenceLevel] = [:]
        for offence in offender.offences { if let level = offence.evidence { levels[ExactText(offence.id)] = level } }

        id = offender.id
        name = offender.name ?? ""
        dob = offender.dob?.description ?? ""
        pnc = offender.pnc ?? ""
        self.area = area
        matrix = ranking.matrix.name
        version = ranking.matrix.version ?? ""
        asOf = ranking.asOf.description
        rulesDigest = ranking.rulesDigest
        dataDigest = ranking.dataDigest
        ranked = scored != nil
        rank = scored.map { String($0.rank) } ?? "—"
        score = scored?.score.description ?? "—"
        tier = scored?.tier ?? ""
        recommended = scored?.recommended ?? false
        tie = scored?.tieAtCapacity ?? false
        ineligibleReason = scored == nil ? ineligible?.reason ?? "not ranked" : nil
        status = member?.status.rawValue ?? "no decision"
        strand = member?.strand
        since = member?.since?.description
        reviewDue = member?.reviewDue?.description
        let lines = scored?.lines ?? []
        offenceLines = lines.filter { $0.section != .factor }.map { line in
            let counted = line.evidence.compactMap { levels[ExactText($0)] }
            return OffenceLine(category: line.label, convicted: counted.filter { $0 == .convicted }.count,
                               admitted: counted.filter { $0 == .admitted }.count,
                               suspected: counted.filter { $0 == .suspected }.count,
                               points: line.points.description, detail: line.detail, evidence: evidence(line.evidence))
        }
        factorLines = lines.filter { $0.section == .factor }.map {
            FactorLine(label: $0.label, points: $0.points.description, detail: $0.detail, evidence: evidence($0.evidence))
        }
        weighting = scored?.mainWeighting.map { main in
            "\(main.label): × \(main.weight.description)" + (main.row.map { " (\($0))" } ?? " (no category scored)")
        }
        total = scored?.score.description ?? "—"
        self.timeline = timeline
        self.showsTasking = showsTasking
        self.duties = duties.filter { $0.status != .notApplicable }.map { duty in
            Duty(caseID: duty.caseID, rule: duty.rule, owner: duty.owner, status: duty.status.rawValue,
                 breached: duty.status == .breached, due: duty.due?.description ?? "",
                 late: duty.daysLate.map { "\($0) \(duty.workingDays ? "working " : "")days late" }
                    ?? duty.daysLeft.map { "\($0) \(duty.workingDays ? "working " : "")days left" } ?? "")
        }
        self.alerts = alerts.map { Alert(severity: $0.severity.rawValue, alert: $0.alert, message: $0.message, notify: $0.notify) }
        back = "/ui/matrices/" + WebPage.encoded(ranking.matrix.name) + backQuery
    }

    /// Every dated entry of the record, latest first; each has an anchor the form's lines link to.
    static func timeline(_ offender: Offender, categories: CategoryTable) -> [Event] {
        var events: [(Day?, String, String, String)] = []
        func category(_ index: Int) -> String {
            categories.names.indices.contains(index) ? categories.names[index] : "unknown category"
        }
        for offence in offender.offences {
            var text = category(offence.category) + (offence.evidence.map { " — \($0.rawValue)" } ?? "")
            if let convicted = offence.convictedOn { text += ", convicted \(convicted)" }
            if offence.series { text += ", series" }
            events.append((offence.date, "Offence", text, offence.id))
        }
        for item in offender.intelligence {
            let grade = [item.source.map { "source \($0)" }, item.assessment.map { "assessment \($0.rawValue)" },
                         item.handling.map { "handling \($0.rawValue)" }].compactMap { $0 }.joined(separator: ", ")
            events.append((item.date, "Intelligence", grade.isEmpty ? "ungraded" : grade, item.id))
        }
        for arrest in offender.arrests { events.append((arrest.date, "Arrest", arrest.code.map { "code \($0)" } ?? "", arrest.id)) }
        for test in offender.drugTests {
            events.append((test.date, "Drug test", [test.result?.rawValue, test.substance].compactMap { $0 }.joined(separator: ", "), test.id))
        }
        for assessment in offender.assessments {
            let text = [assessment.tool, assessment.score.map { "score \($0.description)" }, assessment.band.map { "band \($0)" }]
                .compactMap { $0 }.joined(separator: ", ")
            events.append((assessment.date, "Assessment", text, assessment.id))
        }
        for custody in offender.custody {
            events.append((custody.received, "Custody", "received" + (custody.establishment.map { " at \($0)" } ?? ""), custody.id))
            if let release = custody.release {
                events.append((release, "Custody", custody.released ? "released" : "release date", ""))
            }
            if let hdc = custody.hdcEligibility { events.append((hdc, "Custody", "HDC eligibility", "")) }
        }
        for bail in offender.bail {
            let conditions = bail.conditions.isEmpty ? "" : " (" + bail.conditions.joined(separator: ", ") + ")"
            events.append((bail.granted, "Bail", "granted" + conditions, bail.id))
            if let report = bail.reportOn { events.append((report, "Bail", "to report", "")) }
        }
        for hearing in offender.court {
            var text = [hearing.kind, hearing.court].compactMap { $0 }.joined(separator: " at ")
            if let attended = hearing.attended { text += attended ? ", attended" : ", failed to attend" }
            events.append((hearing.date, "Court", text, hearing.id))
        }
        for warrant in offender.warrants {
            events.append((warrant.issued, "Warrant", "issued", warrant.id))
            if let executed = warrant.executed { events.append((executed, "Warrant", "executed", "")) }
        }
        for item in offender.cases {
            for event in item.events {
                let text = "case \(item.id): " + [event.type, event.agency.map { "(\($0))" }, event.scheduled ? "listed" : nil]
                    .compactMap { $0 }.joined(separator: " ")
                events.append((event.date, "Case", text, event.id))
            }
        }
        let ordered = events.enumerated().sorted { a, b in
            switch (a.element.0, b.element.0) {
            case let (x?, y?): return x != y ? x > y : a.offset < b.offset
            case (nil, nil): return a.offset < b.offset
            case (nil, _): return false
            case (_, nil): return true
            }
        }
        return ordered.enumerated().map { index, item in
            Event(anchor: "record-\(index + 1)", date: item.element.0?.description ?? "undated", kind: item.element.1,
                  text: item.element.2, id: item.element.3)
        }
    }
}
