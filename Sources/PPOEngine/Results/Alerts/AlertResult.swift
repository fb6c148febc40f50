/// One alert raised for one offender (SPEC §5.5).
public struct AlertResult: Sendable, Hashable {
    /// The `alerts` block the alert belongs to.
    public let block: String
    public let alert: String
    public let offender: String
    public let name: String?
    public let severity: CheckedAlerts.Severity
    public let notify: String?
    /// The message with its `{…}` holes filled in; the alert's name when it has no message.
    public let message: String
    /// Ids of the records the alert's condition selected.
    public let evidence: [String]

    public init(block: String, alert: String, offender: String, name: String?, severity: CheckedAlerts.Severity,
                notify: String?, message: String, evidence: [String]) {
        self.block = block; self.alert = alert; self.offender = offender; self.name = name
        self.severity = severity; self.notify = notify; self.message = message; self.evidence = evidence
    }
}

/// The day's alerts over a data set.
public struct AlertReport: Sendable {
    /// Names of the alerts blocks evaluated.
    public let blocks: [String]
    public let asOf: Day
    public let rulesDigest: String
    public let dataDigest: String
    /// Digest of the previous snapshot compared by `changed()`; `nil` when none was given.
    public let previousDigest: String?
    /// High severity first; within a severity, in the order the alerts are declared, then data order.
    public let results: [AlertResult]
    public let rejected: [RejectedRecord]

    public init(blocks: [String], asOf: Day, rulesDigest: String, dataDigest: String, previousDigest: String?,
                results: [AlertResult], rejected: [RejectedRecord]) {
        self.blocks = blocks; self.asOf = asOf; self.rulesDigest = rulesDigest; self.dataDigest = dataDigest
        self.previousDigest = previousDigest; self.results = results; self.rejected = rejected
    }
}
