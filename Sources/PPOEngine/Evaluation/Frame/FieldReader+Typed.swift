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
        case .juvenile, .isPPO, .inCustody, .offenceSeries, .offenceFinalised, .custodyReleased, .courtAttended,
             .eventScheduled:
            return .bool
        case .offenceCategory: return .category
        case .aliases, .ppo, .flags, .offences, .intelligence, .arrests, .drugTests, .assessments, .custody, .bail,
             .court, .warrants, .cases, .currentCustody, .offenceAggravating, .bailConditions, .caseOffences,
             .caseEvents:
            return .other
        }
    }

    /// A `.string` field of `ref`.
    static func string(_ field: Field, of ref: RecordRef, at o: UnsafePointer<Offender>) -> String? {
        let i = Int(ref.index)
        switch field {
        case .offenderID: return o.pointee.id
        case .name: return o.pointee.name
        case .pnc: return o.pointee.pnc
        case .cro: return o.pointee.cro
        case .area: return o.pointee.area
        case .offenceID: return o.pointee.offences.indices.contains(i) ? o.pointee.offences[i].id : nil
        case .offenceCode: return o.pointee.offences.indices.contains(i) ? o.pointee.offences[i].code : nil
        case .offenceArea: return o.pointee.offences.indices.contains(i) ? o.pointee.offences[i].area : nil
        case .intelligenceID: return o.pointee.intelligence.indices.contains(i) ? o.pointee.intelligence[i].id : nil
        case .arrestID: return o.pointee.arrests.indices.contains(i) ? o.pointee.arrests[i].id : nil
        case .arrestCode: return o.pointee.arrests.indices.contains(i) ? o.pointee.arrests[i].code : nil
        case .drugTestID: return o.pointee.drugTests.indices.contains(i) ? o.pointee.drugTests[i].id : nil
        case .drugTestSubstance: return o.pointee.drugTests.indices.contains(i) ? o.pointee.drugTests[i].substance : nil
        case .assessmentID: return o.pointee.assessments.indices.contains(i) ? o.pointee.assessments[i].id : nil
        case .assessmentTool: return o.pointee.assessments.indices.contains(i) ? o.pointee.assessments[i].tool : nil
        case .assessmentBand: return o.pointee.assessments.indices.contains(i) ? o.pointee.assessments[i].band : nil
        case .custodyID: return o.pointee.custody.indices.contains(i) ? o.pointee.custody[i].id : nil
        case .custodyEstablishment:
            return o.pointee.custody.indices.contains(i) ? o.pointee.custody[i].establishment : nil
        case .bailID: return o.pointee.bail.indices.contains(i) ? o.pointee.bail[i].id : nil
        case .courtID: return o.pointee.court.indices.contains(i) ? o.pointee.court[i].id : nil
        case .courtName: return o.pointee.court.indices.contains(i) ? o.pointee.court[i].court : nil
        case .courtKind: return o.pointee.court.indices.contains(i) ? o.pointee.court[i].kind : nil
        case .warrantID: return o.pointee.warrants.indices.contains(i) ? o.pointee.warrants[i].id : nil
        case .caseID: return o.pointee.cases.indices.contains(i) ? o.pointee.cases[i].id : nil
        case .caseOfficer: return o.pointee.cases.indices.contains(i) ? o.pointee.cases[i].officer : nil
        case .eventID, .eventType, .eventAgency, .eventNote:
            let c = Int(ref.parent)
            guard o.pointee.cases.indices.contains(c), o.pointee.cases[c].events.indices.contains(i) else { return nil }
            switch field {
            case .eventID: return o.pointee.cases[c].events[i].id
            case .eventType: return o.pointee.cases[c].events[i].type
            case .eventAgency: return o.pointee.cases[c].events[i].agency
            default: return o.pointee.cases[c].events[i].note
            }
        default: return nil
        }
    }

    /// An `.enumeration` field of `ref`, as the position of its case in the shape's list.
    static func enumOrdinal(_ field: Field, of ref: RecordRef, at o: UnsafePointer<Offender>) -> Int? {
        let i = Int(ref.index)
        switch field {
        case .impact: return o.pointee.impact?.ordinal
        case .ppoStatus: return o.pointee.ppo?.status?.ordinal
        case .offenceEvidence:
            return o.pointee.offences.indices.contains(i) ? o.pointee.offences[i].evidence?.ordinal : nil
        case .intelligenceAssessment:
            return o.pointee.intelligence.indices.contains(i) ? o.pointee.intelligence[i].assessment?.ordinal : nil
        case .intelligenceHandling:
            return o.pointee.intelligence.indices.contains(i) ? o.pointee.intelligence[i].handling?.ordinal : nil
        case .drugTestResult:
            return o.pointee.drugTests.indices.contains(i) ? o.pointee.drugTests[i].result?.ordinal : nil
        default: return nil
        }
    }

    /// A `.number` field of `ref`.
    static func number(_ field: Field, of ref: RecordRef, at o: UnsafePointer<Offender>, asOf: Day) -> ExactDecimal? {
        let i = Int(ref.index)
        switch field {
        case .age: return age(dob: o.pointee.dob, asOf).flatMap { ExactDecimal($0) }
        case .intelligenceSource:
            guard o.pointee.intelligence.indices.contains(i), let source = o.pointee.intelligence[i].source else { return nil }
            return ExactDecimal(source)
        case .assessmentScore: return o.pointee.assessments.indices.contains(i) ? o.pointee.assessments[i].score : nil
        default: return nil
        }
    }

    /// A `.date` field of `ref`.
    static func date(_ field: Field, of ref: RecordRef, at o: UnsafePointer<Offender>) -> Day? {
        let i = Int(ref.index)
        switch field {
        case .dob: return o.pointee.dob
        case .ppoSince: return o.pointee.ppo?.since
        case .offenceDate: return o.pointee.offences.indices.contains(i) ? o.pointee.offences[i].date : nil
        case .offenceConvictedOn: return o.pointee.offences.indices.contains(i) ? o.pointee.offences[i].convictedOn : nil
        case .intelligenceDate: return o.pointee.intelligence.indices.contains(i) ? o.pointee.intelligence[i].date : nil
        case .arrestDate: return o.pointee.arrests.indices.contains(i) ? o.pointee.arrests[i].date : nil
        case .drugTestDate: return o.pointee.drugTests.indices.contains(i) ? o.pointee.drugTests[i].date : nil
        case .assessmentDate: return o.pointee.assessments.indices.contains(i) ? o.pointee.assessments[i].date : nil
        case .custodyReceived: return o.pointee.custody.indices.contains(i) ? o.pointee.custody[i].received : nil
        case .custodyHDCEligibility:
            return o.pointee.custody.indices.contains(i) ? o.pointee.custody[i].hdcEligibility : nil
        case .custodyRelease: return o.pointee.custody.indices.contains(i) ? o.pointee.custody[i].release : nil
        case .bailGranted: return o.pointee.bail.indices.contains(i) ? o.pointee.bail[i].granted : nil
        case .bailReportOn: return o.pointee.bail.indices.contains(i) ? o.pointee.bail[i].reportOn : nil
        case .courtDate: return o.pointee.court.indices.contains(i) ? o.pointee.court[i].date : nil
        case .warrantIssued: return o.pointee.warrants.indices.contains(i) ? o.pointee.warrants[i].issued : nil
        case .warrantExecuted: return o.pointee.warrants.indices.contains(i) ? o.pointee.warrants[i].executed : nil
        case .eventDate:
            let c = Int(ref.parent)
            guard o.pointee.cases.indices.contains(c), o.pointee.cases[c].events.indices.contains(i) else { return nil }
            return o.pointee.cases[c].events[i].date
        default: return nil
        }
    }

    /// A `.bool` field of `ref`.
    static func bool(_ field: Field, of ref: RecordRef, at o: UnsafePointer<Offender>, asOf: Day) -> Bool? {
        let i = Int(ref.index)
        switch field {
        case .juvenile: return age(dob: o.pointee.dob, asOf).map { $0 < 18 }
        case .isPPO: return o.pointee.ppo?.status == .adopted
        case .inCustody: return currentCustody(o.pointee.custody, asOf) != nil
        case .offenceSeries: return o.pointee.offences.indices.contains(i) ? o.pointee.offences[i].series : nil
        case .offenceFinalised: return o.pointee.offences.indices.contains(i) ? o.pointee.offences[i].finalised : nil
        case .custodyReleased: return o.pointee.custody.indices.contains(i) ? o.pointee.custody[i].released : nil
        case .courtAttended: return o.pointee.court.indices.contains(i) ? o.pointee.court[i].attended : nil
        case .eventScheduled:
            let c = Int(ref.parent)
            guard o.pointee.cases.indices.contains(c), o.pointee.cases[c].events.indices.contains(i) else { return nil }
            return o.pointee.cases[c].events[i].scheduled
        default: return nil
        }
    }

    /// The `.category` field (an offence's category index) of `ref`.
    static func category(_ field: Field, of ref: RecordRef, at o: UnsafePointer<Offender>) -> Int? {
        let i = Int(ref.index)
        guard field == .offenceCategory, o.pointee.offences.indices.contains(i) else { return nil }
        return o.pointee.offences[i].category
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
