/// The kinds of record a rule can reach.
public enum RecordKind: String, Sendable, Hashable, CaseIterable {
    case offender, ppo, offence, intelligence, arrest, drugTest, assessment, custody, bail, court, warrant
    case `case`, event
    /// Where the offender stands with the panel (`cohort.*`): from the decisions, not the record.
    case cohort

    var singular: String {
        switch self {
        case .drugTest: return "drug test"
        case .court: return "court appearance"
        case .event: return "case event"
        case .intelligence: return "intelligence item"
        default: return rawValue
        }
    }

    /// "an offence", "a warrant": for messages.
    var withArticle: String { ValueType.article(singular) }

    var plural: String {
        switch self {
        case .offence: return "offences"
        case .intelligence: return "intelligence items"
        case .arrest: return "arrests"
        case .drugTest: return "drug tests"
        case .assessment: return "assessments"
        case .custody: return "custody entries"
        case .bail: return "bail records"
        case .court: return "court appearances"
        case .warrant: return "warrants"
        case .case: return "cases"
        case .event: return "case events"
        case .offender: return "offenders"
        case .ppo: return "ppo entries"
        case .cohort: return "cohort standings"
        }
    }

    /// Whether elements of this kind are past events that `as_of` cuts and a matrix window limits.
    var isPastEvent: Bool {
        switch self {
        case .offence, .intelligence, .arrest, .drugTest, .assessment: return true
        default: return false
        }
    }
}

/// Every field a rule can read, with its record kind and type (SPEC §3).
public enum Field: String, Sendable, Hashable, CaseIterable {
    // offender
    case offenderID, name, dob, pnc, cro, aliases, area, ppo, impact, flags
    case offences, intelligence, arrests, drugTests, assessments, custody, bail, court, warrants, cases
    case age, juvenile, isPPO, currentCustody, inCustody
    // the panel's decisions as of `as_of` (docs/cohort.md), not the record
    case cohort, daysOnScheme
    case cohortStatus, cohortStrand, cohortSince, cohortReviewDue, cohortLastDecision, cohortLastReason
    case cohortLastDecided, cohortScheme
    // ppo
    case ppoStatus, ppoSince
    // offence
    case offenceID, offenceCategory, offenceCode, offenceDate, offenceEvidence, offenceConvictedOn
    case offenceArea, offenceSeries, offenceFinalised, offenceAggravating
    // intelligence
    case intelligenceID, intelligenceDate, intelligenceSource, intelligenceAssessment, intelligenceHandling
    // arrest
    case arrestID, arrestDate, arrestCode
    // drug test
    case drugTestID, drugTestDate, drugTestResult, drugTestSubstance
    // assessment
    case assessmentID, assessmentTool, assessmentDate, assessmentScore, assessmentBand
    // custody
    case custodyID, custodyEstablishment, custodyReceived, custodyHDCEligibility, custodyRelease, custodyReleased
    // bail
    case bailID, bailGranted, bailReportOn, bailConditions
    // court
    case courtID, courtDate, courtName, courtKind, courtAttended
    // warrant
    case warrantID, warrantIssued, warrantExecuted
    // case
    case caseID, caseOffences, caseOfficer, caseEvents
    // event
    case eventID, eventType, eventDate, eventAgency, eventNote, eventScheduled
}

/// Names and types of the record fields, as rules spell them.
public enum Schema {
    /// Fields held for equality monitoring only: no rule may read them.
    public static let monitoringOnly: Set<String> = ["ethnicity", "gender", "religion"]

    /// The fields of a record kind, by the name a rule uses.
    public static func fields(of kind: RecordKind) -> [String: (Field, ValueType)] {
        table[kind] ?? [:]
    }

    static let table: [RecordKind: [String: (Field, ValueType)]] = [
        .offender: [
            "id": (.offenderID, .string), "name": (.name, .string), "dob": (.dob, .date),
            "pnc": (.pnc, .string), "cro": (.cro, .string), "aliases": (.aliases, .stringList),
            "area": (.area, .string), "ppo": (.ppo, .record(.ppo)), "impact": (.impact, .enumeration(.impact)),
            "flags": (.flags, .stringList),
            "offences": (.offences, .collection(.offence)),
            "intelligence": (.intelligence, .collection(.intelligence)),
            "arrests": (.arrests, .collection(.arrest)),
            "drug_tests": (.drugTests, .collection(.drugTest)),
            "assessments": (.assessments, .collection(.assessment)),
            "custody": (.custody, .collection(.custody)),
            "bail": (.bail, .collection(.bail)),
            "court": (.court, .collection(.court)),
            "warrants": (.warrants, .collection(.warrant)),
            "cases": (.cases, .collection(.case)),
            "age": (.age, .number), "juvenile": (.juvenile, .bool), "is_ppo": (.isPPO, .bool),
            "current_custody": (.currentCustody, .record(.custody)), "in_custody": (.inCustody, .bool),
            "cohort": (.cohort, .record(.cohort)), "days_on_scheme": (.daysOnScheme, .number),
        ],
        .cohort: [
            "status": (.cohortStatus, .enumeration(.cohortStatus)), "strand": (.cohortStrand, .enumeration(.strand)),
            "since": (.cohortSince, .date), "review_due": (.cohortReviewDue, .date),
            "last_decision": (.cohortLastDecision, .enumeration(.cohortDecision)),
            "last_reason": (.cohortLastReason, .enumeration(.reason)), "last_decided": (.cohortLastDecided, .date),
            "scheme": (.cohortScheme, .string),
        ],
        .ppo: [
            "status": (.ppoStatus, .enumeration(.ppoStatus)), "since": (.ppoSince, .date),
        ],
        .offence: [
            "id": (.offenceID, .string), "category": (.offenceCategory, .enumeration(.category)),
            "code": (.offenceCode, .string), "date": (.offenceDate, .date),
            "evidence": (.offenceEvidence, .enumeration(.evidence)),
            "convicted_on": (.offenceConvictedOn, .date), "area": (.offenceArea, .string),
            "series": (.offenceSeries, .bool), "finalised": (.offenceFinalised, .bool),
            "aggravating": (.offenceAggravating, .stringList),
        ],
        .intelligence: [
            "id": (.intelligenceID, .string), "date": (.intelligenceDate, .date),
            "source": (.intelligenceSource, .number),
            "assessment": (.intelligenceAssessment, .enumeration(.assessment)),
            "handling": (.intelligenceHandling, .enumeration(.handling)),
        ],
        .arrest: [
            "id": (.arrestID, .string), "date": (.arrestDate, .date), "code": (.arrestCode, .string),
        ],
        .drugTest: [
            "id": (.drugTestID, .string), "date": (.drugTestDate, .date),
            "result": (.drugTestResult, .enumeration(.drugResult)), "substance": (.drugTestSubstance, .string),
        ],
        .assessment: [
            "id": (.assessmentID, .string), "tool": (.assessmentTool, .enumeration(.tool)),
            "date": (.assessmentDate, .date), "score": (.assessmentScore, .number),
            "band": (.assessmentBand, .string),
        ],
        .custody: [
            "id": (.custodyID, .string), "establishment": (.custodyEstablishment, .string),
            "received": (.custodyReceived, .date), "hdc_eligibility": (.custodyHDCEligibility, .date),
            "release": (.custodyRelease, .date), "released": (.custodyReleased, .bool),
        ],
        .bail: [
            "id": (.bailID, .string), "granted": (.bailGranted, .date),
            "report_on": (.bailReportOn, .date), "conditions": (.bailConditions, .stringList),
        ],
        .court: [
            "id": (.courtID, .string), "date": (.courtDate, .date), "court": (.courtName, .string),
            "kind": (.courtKind, .enumeration(.courtKind)), "attended": (.courtAttended, .bool),
        ],
        .warrant: [
            "id": (.warrantID, .string), "issued": (.warrantIssued, .date), "executed": (.warrantExecuted, .date),
        ],
        .case: [
            "id": (.caseID, .string), "offences": (.caseOffences, .stringList),
            "officer": (.caseOfficer, .string), "events": (.caseEvents, .collection(.event)),
        ],
        .event: [
            "id": (.eventID, .string), "type": (.eventType, .enumeration(.eventType)),
            "date": (.eventDate, .date), "agency": (.eventAgency, .enumeration(.agency)),
            "note": (.eventNote, .string), "scheduled": (.eventScheduled, .bool),
        ],
    ]

    /// The field that dates an element (used by `within D`, `latest`, `earliest` and the time cut).
    static func dateField(of kind: RecordKind) -> Field? {
        switch kind {
        case .offence: return .offenceDate
        case .intelligence: return .intelligenceDate
        case .arrest: return .arrestDate
        case .drugTest: return .drugTestDate
        case .assessment: return .assessmentDate
        case .custody: return .custodyReceived
        case .bail: return .bailGranted
        case .court: return .courtDate
        case .warrant: return .warrantIssued
        case .event: return .eventDate
        case .offender, .ppo, .case, .cohort: return nil
        }
    }
}
