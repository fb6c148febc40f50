/// Typed reads of one field, for conditions that test a field against constants: the value
/// `FieldReader.read` gives, without boxing it in a `Value` (whose strings are reference counted)
/// and without its switch over every field of every record.
///
/// Each reader answers nil for the fields of other shapes, for a missing value and for a record
/// that does not exist, exactly where `read` answers `.missing`; the differential tests hold the
/// two to the same values field by field.
extension FieldReader {
    /// How a field's value can be read without a `Value`.
    enum Shape {
        case string
        /// Stored as a Swift enum and read as its raw value; the cases' raw values in ordinal order.
        case enumeration([String])
        case number, date, bool, category
        /// Records, lists and collections: read through `read` only.
        case other
    }

    static func shape(of field: Field) -> Shape {
        switch field {
        case .offenderID, .name, .pnc, .cro, .area, .offenceID, .offenceCode, .offenceArea, .intelligenceID,
             .arrestID, .arrestCode, .drugTestID, .drugTestSubstance, .assessmentID, .assessmentTool,
             .assessmentBand, .custodyID, .custodyEstablishment, .bailID, .courtID, .courtName, .courtKind,
             .warrantID, .caseID, .caseOfficer, .eventID, .eventType, .eventAgency, .eventNote:
            return .string
        case .impact: return .enumeration(Impact.allCases.map(\.rawValue))
        case .ppoStatus: return .enumeration(PPOMembership.Status.allCases.map(\.rawValue))
        case .offenceEvidence: return .enumeration(EvidenceLevel.allCases.map(\.rawValue))
        case .intelligenceAssessment: return .enumeration(Intelligence.Assessment.allCases.map(\.rawValue))
        case .intelligenceHandling: return .enumeration(Intelligence.Handling.allCases.map(\.rawValue))
        case .drugTestResult: return .enumeration(DrugTest.Result.allCases.map(\.rawValue))
        case .age, .intelligenceSource, .assessmentScore: return .number
        case .dob, .ppoSince, .offenceDate, .offenceConvictedOn, .intelligenceDate, .arrestDate, .drugTestDate,
             .assessmentDate, .custodyReceived, .custodyHDCEligibility, .custodyRelease, .bailGranted, .bailReportOn,
             .courtDate, .warrantIssued, .warrantExecuted, .eventDate:
            return .date
        case .juvenile, .inCustody, .offenceSeries, .offenceFinalised, .custodyReleased, .courtAttended,
             .eventScheduled:
            return .bool
        case .offenceCategory: return .category
        case .aliases, .ppo, .flags, .offences, .intelligence, .arrests, .drugTests, .assessments, .custody, .bail,
             .court, .warrants, .cases, .currentCustody, .offenceAggravating, .bailConditions, .caseOffences,
             .caseEvents:
            return .other
        // Read from the frame (the panel's decisions), which a test of the record in place cannot see.
        case .isPPO, .cohort, .daysOnScheme, .cohortStatus, .cohortStrand, .cohortSince, .cohortReviewDue,
             .cohortLastDecision, .cohortLastReason, .cohortLastDecided, .cohortScheme:
            return .other
        }
    }

    /// A `.string` field of `ref`.
    static func string(_ field: Field, of ref: RecordRef, at o: OffenderAddress) -> String? {
        let i = Int(ref.index)
        switch field {
        case .offenderID: return o.offender.id
        case .name: return o.offender.name
        case .pnc: return o.offender.pnc
        case .cro: return o.offender.cro
        case .area: return o.offender.area
        case .offenceID: return o.offender.offences.indices.contains(i) ? o.offender.offences[i].id : nil
        case .offenceCode: return o.offender.offences.indices.contains(i) ? o.offender.offences[i].code : nil
        case .offenceArea: return o.offender.offences.indices.contains(i) ? o.offender.offences[i].area : nil
        case .intelligenceID: return o.offender.intelligence.indices.contains(i) ? o.offender.intelligence[i].id : nil
        case .arrestID: return o.offender.arrests.indices.contains(i) ? o.offender.arrests[i].id : nil
        case .arrestCode: return o.offender.arrests.indices.contains(i) ? o.offender.arrests[i].code : nil
        case .drugTestID: return o.offender.drugTests.indices.contains(i) ? o.offender.drugTests[i].id : nil
        case .drugTestSubstance: return o.offender.drugTests.indices.contains(i) ? o.offender.drugTests[i].substance : nil
        case .assessmentID: return o.offender.assessments.indices.contains(i) ? o.offender.assessments[i].id : nil
        case .assessmentTool: return o.offender.assessments.indices.contains(i) ? o.offender.assessments[i].tool : nil
        case .assessmentBand: return o.offender.assessments.indices.contains(i) ? o.offender.assessments[i].band : nil
        case .custodyID: return o.offender.custody.indices.contains(i) ? o.offender.custody[i].id : nil
        case .custodyEstablishment:
            return o.offender.custody.indices.contains(i) ? o.offender.custody[i].establishment : nil
        case .bailID: return o.offender.bail.indices.contains(i) ? o.offender.bail[i].id : nil
        case .courtID: return o.offender.court.indices.contains(i) ? o.offender.court[i].id : nil
        case .courtName: return o.offender.court.indices.contains(i) ? o.offender.court[i].court : nil
        case .courtKind: return o.offender.court.indices.contains(i) ? o.offender.court[i].kind : nil
        case .warrantID: return o.offender.warrants.indices.contains(i) ? o.offender.warrants[i].id : nil
        case .caseID: return o.offender.cases.indices.contains(i) ? o.offender.cases[i].id : nil
        case .caseOfficer: return o.offender.cases.indices.contains(i) ? o.offender.cases[i].officer : nil
        case .eventID, .eventType, .eventAgency, .eventNote:
            let c = Int(ref.parent)
            guard o.offender.cases.indices.contains(c), o.offender.cases[c].events.indices.contains(i) else { return nil }
            switch field {
            case .eventID: return o.offender.cases[c].events[i].id
            case .eventType: return o.offender.cases[c].events[i].type
            case .eventAgency: return o.offender.cases[c].events[i].agency
            default: return o.offender.cases[c].events[i].note
            }
        default: return nil
        }
    }

    /// An `.enumeration` field of `ref`, as the position of its case in the shape's list.
    static func enumOrdinal(_ field: Field, of ref: RecordRef, at o: OffenderAddress) -> Int? {
        let i = Int(ref.index)
        switch field {
        case .impact: return o.offender.impact?.ordinal
        case .ppoStatus: return o.offender.ppo?.status?.ordinal
        case .offenceEvidence:
            return o.offender.offences.indices.contains(i) ? o.offender.offences[i].evidence?.ordinal : nil
        case .intelligenceAssessment:
            return o.offender.intelligence.indices.contains(i) ? o.offender.intelligence[i].assessment?.ordinal : nil
        case .intelligenceHandling:
            return o.offender.intelligence.indices.contains(i) ? o.offender.intelligence[i].handling?.ordinal : nil
        case .drugTestResult:
            return o.offender.drugTests.indices.contains(i) ? o.offender.drugTests[i].result?.ordinal : nil
        default: return nil
        }
    }

    /// A `.number` field of `ref`.
    static func number(_ field: Field, of ref: RecordRef, at o: OffenderAddress, asOf: Day) -> ExactDecimal? {
        let i = Int(ref.index)
        switch field {
        case .age: return age(dob: o.offender.dob, asOf).flatMap { ExactDecimal($0) }
        case .intelligenceSource:
            guard o.offender.intelligence.indices.contains(i), let source = o.offender.intelligence[i].source else { return nil }
            return ExactDecimal(source)
        case .assessmentScore: return o.offender.assessments.indices.contains(i) ? o.offender.assessments[i].score : nil
        default: return nil
        }
    }

    /// A `.date` field of `ref`.
    static func date(_ field: Field, of ref: RecordRef, at o: OffenderAddress) -> Day? {
        let i = Int(ref.index)
        switch field {
        case .dob: return o.offender.dob
        case .ppoSince: return o.offender.ppo?.since
        case .offenceDate: return o.offender.offences.indices.contains(i) ? o.offender.offences[i].date : nil
        case .offenceConvictedOn: return o.offender.offences.indices.contains(i) ? o.offender.offences[i].convictedOn : nil
        case .intelligenceDate: return o.offender.intelligence.indices.contains(i) ? o.offender.intelligence[i].date : nil
        case .arrestDate: return o.offender.arrests.indices.contains(i) ? o.offender.arrests[i].date : nil
        case .drugTestDate: return o.offender.drugTests.indices.contains(i) ? o.offender.drugTests[i].date : nil
        case .assessmentDate: return o.offender.assessments.indices.contains(i) ? o.offender.assessments[i].date : nil
        case .custodyReceived: return o.offender.custody.indices.contains(i) ? o.offender.custody[i].received : nil
        case .custodyHDCEligibility:
            return o.offender.custody.indices.contains(i) ? o.offender.custody[i].hdcEligibility : nil
        case .custodyRelease: return o.offender.custody.indices.contains(i) ? o.offender.custody[i].release : nil
        case .bailGranted: return o.offender.bail.indices.contains(i) ? o.offender.bail[i].granted : nil
        case .bailReportOn: return o.offender.bail.indices.contains(i) ? o.offender.bail[i].reportOn : nil
        case .courtDate: return o.offender.court.indices.contains(i) ? o.offender.court[i].date : nil
        case .warrantIssued: return o.offender.warrants.indices.contains(i) ? o.offender.warrants[i].issued : nil
        case .warrantExecuted: return o.offender.warrants.indices.contains(i) ? o.offender.warrants[i].executed : nil
        case .eventDate:
            let c = Int(ref.parent)
            guard o.offender.cases.indices.contains(c), o.offender.cases[c].events.indices.contains(i) else { return nil }
            return o.offender.cases[c].events[i].date
        default: return nil
        }
    }

    /// A `.bool` field of `ref`.
    static func bool(_ field: Field, of ref: RecordRef, at o: OffenderAddress, asOf: Day) -> Bool? {
        let i = Int(ref.index)
        switch field {
        case .juvenile: return age(dob: o.offender.dob, asOf).map { $0 < 18 }
        case .inCustody: return currentCustody(o.offender.custody, asOf) != nil
        case .offenceSeries: return o.offender.offences.indices.contains(i) ? o.offender.offences[i].series : nil
        case .offenceFinalised: return o.offender.offences.indices.contains(i) ? o.offender.offences[i].finalised : nil
        case .custodyReleased: return o.offender.custody.indices.contains(i) ? o.offender.custody[i].released : nil
        case .courtAttended: return o.offender.court.indices.contains(i) ? o.offender.court[i].attended : nil
        case .eventScheduled:
            let c = Int(ref.parent)
            guard o.offender.cases.indices.contains(c), o.offender.cases[c].events.indices.contains(i) else { return nil }
            return o.offender.cases[c].events[i].scheduled
        default: return nil
        }
    }

    /// The `.category` field (an offence's category index) of `ref`.
    static func category(_ field: Field, of ref: RecordRef, at o: OffenderAddress) -> Int? {
        let i = Int(ref.index)
        guard field == .offenceCategory, o.offender.offences.indices.contains(i) else { return nil }
        return o.offender.offences[i].category
    }
}

// Positions in `allCases`, which `FieldReader.Shape.enumeration` lists in the same order.
extension Impact {
    var ordinal: Int {
        switch self {
        case .serious: return 0
        case .moderate: return 1
        case .slight: return 2
        }
    }
}

extension PPOMembership.Status {
    var ordinal: Int {
        switch self {
        case .adopted: return 0
        case .candidate: return 1
        case .removed: return 2
        }
    }
}

extension EvidenceLevel {
    var ordinal: Int {
        switch self {
        case .convicted: return 0
        case .admitted: return 1
        case .suspected: return 2
        }
    }
}

extension Intelligence.Assessment {
    var ordinal: Int {
        switch self {
        case .A: return 0
        case .B: return 1
        case .C: return 2
        case .D: return 3
        case .E: return 4
        }
    }
}

extension Intelligence.Handling {
    var ordinal: Int {
        switch self {
        case .P: return 0
        case .C: return 1
        }
    }
}

extension DrugTest.Result {
    var ordinal: Int {
        switch self {
        case .positive: return 0
        case .negative: return 1
        }
    }
}
