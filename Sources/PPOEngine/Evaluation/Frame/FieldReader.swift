/// Reads record fields at evaluation time, including the fields derived at `as_of` (SPEC §3).
enum FieldReader {
    static func read(_ field: Field, of ref: RecordRef, in frame: inout EvaluationFrame) -> Value {
        // Fields read through the address: binding `frame.offenderAddress.offender` would copy the whole offender.
        let o = OffenderFields(frame.offenderAddress)
        let i = Int(ref.index)
        switch field {
        // offender
        case .offenderID: return .string(o.id)
        case .name: return o.name.map(Value.string) ?? .missing
        case .dob: return o.dob.map(Value.date) ?? .missing
        case .pnc: return o.pnc.map(Value.string) ?? .missing
        case .cro: return o.cro.map(Value.string) ?? .missing
        case .aliases: return .strings(o.aliases)
        case .area: return o.area.map(Value.string) ?? .missing
        case .ppo: return o.ppo == nil ? .missing : .record(RecordRef(kind: .ppo, index: 0))
        case .impact: return o.impact.map { .string($0.rawValue) } ?? .missing
        case .flags: return .strings(o.flags)
        case .offences, .intelligence, .arrests, .drugTests, .assessments, .custody, .bail, .court, .warrants, .cases, .caseEvents:
            return .missing   // collections are only read through aggregates
        case .age: return age(dob: o.dob, frame.asOf).flatMap { ExactDecimal($0) }.map(Value.number) ?? .missing
        case .juvenile: return age(dob: o.dob, frame.asOf).map { .bool($0 < 18) } ?? .missing
        // Where the panel has decided, its decisions say; elsewhere the record does (docs/cohort.md).
        // The decision is the evidence, as a record is of what is read from it.
        case .isPPO:
            guard let cohort = frame.cohort else { return .bool(o.ppo?.status == .adopted) }
            frame.addEvidence(id: cohort.member.last.id)
            return .bool(cohort.onScheme)
        case .cohort: return .record(RecordRef(kind: .cohort, index: 0))
        case .daysOnScheme, .cohortStatus, .cohortStrand, .cohortSince, .cohortReviewDue, .cohortLastDecision,
             .cohortLastReason, .cohortLastDecided, .cohortScheme:
            if let cohort = frame.cohort { frame.addEvidence(id: cohort.member.last.id) }
            return cohortField(field, frame.cohort)
        case .currentCustody: return currentCustody(o.custody, frame.asOf).map { .record(RecordRef(kind: .custody, index: Int32($0))) } ?? .missing
        case .inCustody: return .bool(currentCustody(o.custody, frame.asOf) != nil)
        // ppo
        case .ppoStatus: return o.ppo?.status.map { .string($0.rawValue) } ?? .missing
        case .ppoSince: return o.ppo?.since.map(Value.date) ?? .missing
        // offence
        case .offenceID: return element(o.offences, i) { .string($0.id) }
        case .offenceCategory: return element(o.offences, i) { .category($0.category) }
        case .offenceCode: return element(o.offences, i) { $0.code.map(Value.string) ?? .missing }
        case .offenceDate: return element(o.offences, i) { $0.date.map(Value.date) ?? .missing }
        case .offenceEvidence: return element(o.offences, i) { $0.evidence.map { .string($0.rawValue) } ?? .missing }
        case .offenceConvictedOn: return element(o.offences, i) { $0.convictedOn.map(Value.date) ?? .missing }
        case .offenceArea: return element(o.offences, i) { $0.area.map(Value.string) ?? .missing }
        case .offenceSeries: return element(o.offences, i) { .bool($0.series) }
        case .offenceFinalised: return element(o.offences, i) { $0.finalised.map(Value.bool) ?? .missing }
        case .offenceAggravating: return element(o.offences, i) { .strings($0.aggravating) }
        // intelligence
        case .intelligenceID: return element(o.intelligence, i) { .string($0.id) }
        case .intelligenceDate: return element(o.intelligence, i) { $0.date.map(Value.date) ?? .missing }
        case .intelligenceSource: return element(o.intelligence, i) { $0.source.flatMap { ExactDecimal($0) }.map(Value.number) ?? .missing }
        case .intelligenceAssessment: return element(o.intelligence, i) { $0.assessment.map { .string($0.rawValue) } ?? .missing }
        case .intelligenceHandling: return element(o.intelligence, i) { $0.handling.map { .string($0.rawValue) } ?? .missing }
        // arrest
        case .arrestID: return element(o.arrests, i) { .string($0.id) }
        case .arrestDate: return element(o.arrests, i) { $0.date.map(Value.date) ?? .missing }
        case .arrestCode: return element(o.arrests, i) { $0.code.map(Value.string) ?? .missing }
        // drug test
        case .drugTestID: return element(o.drugTests, i) { .string($0.id) }
        case .drugTestDate: return element(o.drugTests, i) { $0.date.map(Value.date) ?? .missing }
        case .drugTestResult: return element(o.drugTests, i) { $0.result.map { .string($0.rawValue) } ?? .missing }
        case .drugTestSubstance: return element(o.drugTests, i) { $0.substance.map(Value.string) ?? .missing }
        // assessment
        case .assessmentID: return element(o.assessments, i) { .string($0.id) }
        case .assessmentTool: return element(o.assessments, i) { $0.tool.map(Value.string) ?? .missing }
        case .assessmentDate: return element(o.assessments, i) { $0.date.map(Value.date) ?? .missing }
        case .assessmentScore: return element(o.assessments, i) { $0.score.map(Value.number) ?? .missing }
        case .assessmentBand: return element(o.assessments, i) { $0.band.map(Value.string) ?? .missing }
        // custody
        case .custodyID: return element(o.custody, i) { .string($0.id) }
        case .custodyEstablishment: return element(o.custody, i) { $0.establishment.map(Value.string) ?? .missing }
        case .custodyReceived: return element(o.custody, i) { $0.received.map(Value.date) ?? .missing }
        case .custodyHDCEligibility: return element(o.custody, i) { $0.hdcEligibility.map(Value.date) ?? .missing }
        case .custodyRelease: return element(o.custody, i) { $0.release.map(Value.date) ?? .missing }
        case .custodyReleased: return element(o.custody, i) { .bool($0.released) }
        // bail
        case .bailID: return element(o.bail, i) { .string($0.id) }
        case .bailGranted: return element(o.bail, i) { $0.granted.map(Value.date) ?? .missing }
        case .bailReportOn: return element(o.bail, i) { $0.reportOn.map(Value.date) ?? .missing }
        case .bailConditions: return element(o.bail, i) { .strings($0.conditions) }
        // court
        case .courtID: return element(o.court, i) { .string($0.id) }
        case .courtDate: return element(o.court, i) { $0.date.map(Value.date) ?? .missing }
        case .courtName: return element(o.court, i) { $0.court.map(Value.string) ?? .missing }
        case .courtKind: return element(o.court, i) { $0.kind.map(Value.string) ?? .missing }
        case .courtAttended: return element(o.court, i) { $0.attended.map(Value.bool) ?? .missing }
        // warrant
        case .warrantID: return element(o.warrants, i) { .string($0.id) }
        case .warrantIssued: return element(o.warrants, i) { $0.issued.map(Value.date) ?? .missing }
        case .warrantExecuted: return element(o.warrants, i) { $0.executed.map(Value.date) ?? .missing }
        // case
        case .caseID: return element(o.cases, i) { .string($0.id) }
        case .caseOffences: return element(o.cases, i) { .strings($0.offences) }
        case .caseOfficer: return element(o.cases, i) { $0.officer.map(Value.string) ?? .missing }
        // event
        case .eventID, .eventType, .eventDate, .eventAgency, .eventNote, .eventScheduled:
            let c = Int(ref.parent)
            guard o.cases.indices.contains(c) else { return .missing }
            return element(o.cases[c].events, i) { event in
                switch field {
                case .eventID: return .string(event.id)
                case .eventType: return event.type.map(Value.string) ?? .missing
                case .eventDate: return event.date.map(Value.date) ?? .missing
                case .eventAgency: return event.agency.map(Value.string) ?? .missing
                case .eventNote: return event.note.map(Value.string) ?? .missing
                default: return .bool(event.scheduled)
                }
            }
        }
    }

    /// A field of the offender's standing with the panel: `cohort.status` is `none` without a
    /// decision; the rest are missing where they do not apply.
    private static func cohortField(_ field: Field, _ cohort: CohortStanding?) -> Value {
        switch field {
        case .daysOnScheme: return cohort?.member.daysOnScheme.flatMap { ExactDecimal($0) }.map(Value.number) ?? .missing
        case .cohortStatus: return .string(CohortStanding.statusText(cohort))
        case .cohortStrand: return cohort?.member.strand.map(Value.string) ?? .missing
        case .cohortSince: return cohort?.member.since.map(Value.date) ?? .missing
        case .cohortReviewDue: return cohort?.member.reviewDue.map(Value.date) ?? .missing
        case .cohortLastDecision: return cohort.map { .string($0.member.last.decision.rawValue) } ?? .missing
        case .cohortLastReason: return cohort.map { .string($0.member.last.reason) } ?? .missing
        case .cohortLastDecided: return cohort.map { .date($0.member.last.effective) } ?? .missing
        case .cohortScheme: return cohort.map { .string($0.scheme) } ?? .missing
        default: return .missing
        }
    }

    /// Whether `field` is a list of strings (`flags`, `aggravating`, …), which `list(_:of:in:contains:)` reads.
    static func isStringList(_ field: Field) -> Bool {
        switch field {
        case .aliases, .flags, .offenceAggravating, .bailConditions, .caseOffences: return true
        default: return false
        }
    }

    /// A test of whether the string list `field` of a record contains `needle`: `read` then
    /// `contains`, without copying the list into a `Value`; false when the record does not exist.
    /// One closure per field, so the test makes no choice of field when it runs.
    static func listTest(_ field: Field, contains needle: StringConstant) -> RecordTest? {
        switch field {
        case .aliases:
            return { o, _, _ in needle.isIn(o.offender.aliases) }
        case .flags:
            return { o, _, _ in needle.isIn(o.offender.flags) }
        case .offenceAggravating:
            return { o, ref, _ in
                let i = Int(ref.index)
                return o.offender.offences.indices.contains(i) && needle.isIn(o.offender.offences[i].aggravating)
            }
        case .bailConditions:
            return { o, ref, _ in
                let i = Int(ref.index)
                return o.offender.bail.indices.contains(i) && needle.isIn(o.offender.bail[i].conditions)
            }
        case .caseOffences:
            return { o, ref, _ in
                let i = Int(ref.index)
                return o.offender.cases.indices.contains(i) && needle.isIn(o.offender.cases[i].offences)
            }
        default:
            return nil
        }
    }

    @inline(__always)
    private static func element<T>(_ items: [T], _ index: Int, _ body: (T) -> Value) -> Value {
        items.indices.contains(index) ? body(items[index]) : .missing
    }

    /// Whole years from date of birth to `as_of`.
    static func age(_ offender: Offender, _ asOf: Day) -> Int? { age(dob: offender.dob, asOf) }

    static func age(dob: Day?, _ asOf: Day) -> Int? {
        guard let dob, dob <= asOf else { return nil }
        let b = dob.parts, a = asOf.parts
        var years = a.year - b.year
        if (a.month, a.day) < (b.month, b.day) { years -= 1 }
        return years
    }

    /// The latest custody entry received on or before `as_of` and not released (SPEC §3).
    static func currentCustody(_ offender: Offender, _ asOf: Day) -> Int? { currentCustody(offender.custody, asOf) }

    static func currentCustody(_ custody: [Custody], _ asOf: Day) -> Int? {
        var best: Int? = nil
        for (i, entry) in custody.enumerated() where !entry.released {
            guard let received = entry.received, received <= asOf else { continue }
            if let b = best, let bestReceived = custody[b].received, received < bestReceived { continue }
            best = i
        }
        return best
    }
}
