/// One offender as read from a JSON Lines record: only the fields rules may see.
///
/// Monitoring-only fields (ethnicity, gender, religion) are never stored here, so no rule can read them.
public struct Offender: Sendable, Hashable {
    public var id: String
    /// 1-based line of the record in its input file.
    public var line: Int
    public var name: String?
    public var dob: Day?
    public var pnc: String?
    public var cro: String?
    public var aliases: [String] = []
    public var area: String?
    public var ppo: PPOMembership?
    public var impact: Impact?
    public var flags: [String] = []
    public var offences: [Offence] = []
    public var intelligence: [Intelligence] = []
    public var arrests: [Arrest] = []
    public var drugTests: [DrugTest] = []
    public var assessments: [Assessment] = []
    public var custody: [Custody] = []
    public var bail: [Bail] = []
    public var court: [CourtAppearance] = []
    public var warrants: [Warrant] = []
    public var cases: [Case] = []

    public init(id: String, line: Int) { self.id = id; self.line = line }
}

public struct PPOMembership: Sendable, Hashable {
    public enum Status: String, Sendable, Hashable, CaseIterable { case adopted, candidate, removed }
    public var status: Status?
    public var since: Day?
    public init(status: Status?, since: Day?) { self.status = status; self.since = since }
}

public enum Impact: String, Sendable, Hashable, CaseIterable { case serious, moderate, slight }

public enum EvidenceLevel: String, Sendable, Hashable, CaseIterable { case convicted, admitted, suspected }

public struct Offence: Sendable, Hashable {
    /// The record's id, or `offences[N]` (1-based) when the record gives none.
    public var id: String
    /// Index into the loaded `CategoryTable`.
    public var category: Int
    public var code: String?
    public var date: Day?
    public var evidence: EvidenceLevel?
    public var convictedOn: Day?
    public var area: String?
    public var series: Bool = false
    public var finalised: Bool?
    public var aggravating: [String] = []
    public init(id: String, category: Int) { self.id = id; self.category = category }
}

public struct Intelligence: Sendable, Hashable {
    public enum Assessment: String, Sendable, Hashable, CaseIterable { case A, B, C, D, E }
    public enum Handling: String, Sendable, Hashable, CaseIterable { case P, C }
    public var id: String
    public var date: Day?
    /// 1 reliable, 2 untested, 3 not reliable.
    public var source: Int?
    public var assessment: Assessment?
    public var handling: Handling?
    public init(id: String) { self.id = id }
    /// Graded items carry both a source and an assessment; only they can ever be scored.
    public var isGraded: Bool { source != nil && assessment != nil }
}

public struct Arrest: Sendable, Hashable {
    public var id: String
    public var date: Day?
    public var code: String?
    public init(id: String) { self.id = id }
}

public struct DrugTest: Sendable, Hashable {
    public enum Result: String, Sendable, Hashable, CaseIterable { case positive, negative }
    public var id: String
    public var date: Day?
    public var result: Result?
    public var substance: String?
    public init(id: String) { self.id = id }
}

public struct Assessment: Sendable, Hashable {
    public var id: String
    public var tool: String?
    public var date: Day?
    public var score: ExactDecimal?
    public var band: String?
    public init(id: String) { self.id = id }
}

public struct Custody: Sendable, Hashable {
    public var id: String
    public var establishment: String?
    public var received: Day?
    public var hdcEligibility: Day?
    public var release: Day?
    public var released: Bool = false
    public init(id: String) { self.id = id }
}

public struct Bail: Sendable, Hashable {
    public var id: String
    public var granted: Day?
    public var reportOn: Day?
    public var conditions: [String] = []
    public init(id: String) { self.id = id }
}

public struct CourtAppearance: Sendable, Hashable {
    public var id: String
    public var date: Day?
    public var court: String?
    public var kind: String?
    public var attended: Bool?
    public init(id: String) { self.id = id }
}

public struct Warrant: Sendable, Hashable {
    public var id: String
    public var issued: Day?
    public var executed: Day?
    public init(id: String) { self.id = id }
}

public struct Case: Sendable, Hashable {
    public var id: String
    public var offences: [String] = []
    public var officer: String?
    public var events: [CaseEvent] = []
    public init(id: String) { self.id = id }
}

public struct CaseEvent: Sendable, Hashable {
    public var id: String
    public var type: String?
    public var date: Day?
    public var agency: String?
    public var note: String?
    /// A listed future event (a trial date): never cut by `as_of`.
    public var scheduled: Bool = false
    public init(id: String) { self.id = id }
}
