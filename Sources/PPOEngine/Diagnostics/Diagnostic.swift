/// How serious a diagnostic is: errors stop evaluation, warnings do not.
public enum Severity: String, Sendable, Hashable, Codable {
    case error, warning, note
}

/// A stable name for each kind of problem, so editors and tests can match on it.
public enum DiagnosticID: String, Sendable, Hashable, CaseIterable {
    // Lexing and parsing
    case unexpectedCharacter = "unexpected-character"
    case unterminatedString = "unterminated-string"
    case invalidEscape = "invalid-escape"
    case invalidNumber = "invalid-number"
    case invalidDate = "invalid-date"
    case expectedToken = "expected-token"
    case unknownClause = "unknown-clause"
    case unknownBlock = "unknown-block"
    case missingEnd = "missing-end"
    case invalidDuration = "invalid-duration"
    case unknownLimit = "unknown-limit"
    // Names
    case unknownCategory = "unknown-category"
    case unknownName = "unknown-name"
    case unknownField = "unknown-field"
    case unknownValue = "unknown-value"
    case unknownFunction = "unknown-function"
    case unknownMatrix = "unknown-matrix"
    case unknownChecklist = "unknown-checklist"
    case unknownAlerts = "unknown-alerts"
    case unknownCalendar = "unknown-calendar"
    case unknownEventType = "unknown-event-type"
    case duplicateBlock = "duplicate-block"
    case duplicateDeclaration = "duplicate-declaration"
    case duplicateClause = "duplicate-clause"
    case monitoringField = "monitoring-field"
    // Types and structure
    case typeMismatch = "type-mismatch"
    case wrongArguments = "wrong-arguments"
    case notACollection = "not-a-collection"
    case invalidValue = "invalid-value"
    case overlappingWeighting = "overlapping-weighting"
    case unreachableArm = "unreachable-arm"
    case workingDaysOutsideChecklist = "working-days-outside-checklist"
    case invalidInterpolation = "invalid-interpolation"
    // Content that is going stale
    case calendarEnding = "calendar-ending"
    // Files
    case unreadableFile = "unreadable-file"
}

/// One problem found while loading rules: a value, rendered later by `DiagnosticRenderer`.
public struct Diagnostic: Sendable, Hashable {
    public let id: DiagnosticID
    public let severity: Severity
    public let message: String
    /// Where it is; `nil` for problems that concern a whole file or the whole load.
    public let range: SourceRange?
    /// A replacement the user probably meant ("did you mean …?").
    public let suggestion: String?
    /// Extra lines of explanation.
    public let notes: [String]

    public init(_ id: DiagnosticID, _ severity: Severity = .error, _ message: String,
                at range: SourceRange?, suggestion: String? = nil, notes: [String] = []) {
        self.id = id
        self.severity = severity
        self.message = message
        self.range = range
        self.suggestion = suggestion
        self.notes = notes
    }

    public static func error(_ id: DiagnosticID, _ message: String, at range: SourceRange?,
                             suggestion: String? = nil, notes: [String] = []) -> Diagnostic {
        Diagnostic(id, .error, message, at: range, suggestion: suggestion, notes: notes)
    }

    public static func warning(_ id: DiagnosticID, _ message: String, at range: SourceRange?,
                               suggestion: String? = nil, notes: [String] = []) -> Diagnostic {
        Diagnostic(id, .warning, message, at: range, suggestion: suggestion, notes: notes)
    }
}
