/// The type of a rules-language expression, known at load.
public indirect enum ValueType: Sendable, Hashable, CustomStringConvertible {
    case number, bool, string, date, duration
    /// A value of an enumerated field's domain (`category`, `evidence`, `impact`, …).
    case enumeration(Domain)
    /// One record: the offender, an offence, the current custody entry, …
    case record(RecordKind)
    /// A list of records (`offences`, `arrests`, …).
    case collection(RecordKind)
    /// A list of strings (`flags`, `aggravating`, `aliases`).
    case stringList

    public var description: String {
        switch self {
        case .number: return "number"
        case .bool: return "true/false"
        case .string: return "text"
        case .date: return "date"
        case .duration: return "duration"
        case .enumeration(let d): return d.name
        case .record(let k): return "\(k.singular) record"
        case .collection(let k): return "collection of \(k.plural)"
        case .stringList: return "list of text"
        }
    }

    /// "a number", "an impact value": for messages.
    var withArticle: String { ValueType.article(description) }

    /// A noun phrase with "a" or "an" in front.
    static func article(_ phrase: String) -> String {
        let vowel = phrase.first.map { "aeiou".contains($0) } ?? false
        return (vowel ? "an " : "a ") + phrase
    }

    /// Types that can be ordered with `<`, `<=`, `>`, `>=`.
    var isOrdered: Bool {
        switch self {
        case .number, .date, .string: return true
        default: return false
        }
    }
}

/// The set of values an enumerated field may take.
public enum Domain: Sendable, Hashable {
    /// The offence categories (and groups) the `categories` blocks declare.
    case category
    case evidence, impact, ppoStatus, assessment, handling, drugResult
    /// Open domains accept any bare word as a value (tools, court kinds, agencies, event types).
    case tool, courtKind, agency, eventType
    /// Where an offender stands with the panel (`cohort.status`) and the panel's decisions.
    case cohortStatus, cohortDecision
    /// A scheme's strands and reason codes: open, but checked against the loaded `scheme` blocks.
    case strand, reason

    var name: String {
        switch self {
        case .category: return "category"
        case .evidence: return "evidence level"
        case .impact: return "impact level"
        case .ppoStatus: return "ppo status"
        case .assessment: return "intelligence assessment"
        case .handling: return "handling code"
        case .drugResult: return "drug test result"
        case .tool: return "assessment tool"
        case .courtKind: return "court hearing kind"
        case .agency: return "agency"
        case .eventType: return "event type"
        case .cohortStatus: return "cohort status"
        case .cohortDecision: return "panel decision"
        case .strand: return "strand"
        case .reason: return "reason code"
        }
    }

    /// The fixed values of a closed domain; `nil` for open domains and categories.
    var closedValues: [String]? {
        switch self {
        case .evidence: return EvidenceLevel.allCases.map(\.rawValue)
        case .impact: return Impact.allCases.map(\.rawValue)
        case .ppoStatus: return PPOMembership.Status.allCases.map(\.rawValue)
        case .assessment: return Intelligence.Assessment.allCases.map(\.rawValue)
        case .handling: return Intelligence.Handling.allCases.map(\.rawValue)
        case .drugResult: return DrugTest.Result.allCases.map(\.rawValue)
        case .cohortStatus: return CohortStanding.statuses
        case .cohortDecision: return CohortDecision.allCases.map(\.rawValue)
        case .category, .tool, .courtKind, .agency, .eventType, .strand, .reason: return nil
        }
    }
}
