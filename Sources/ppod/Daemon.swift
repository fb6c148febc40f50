import PPOEngine

/// Everything a route needs: the live rules, the store, the run archive, the audit log, metrics,
/// and the settings of this daemon.
struct Daemon: Sendable {
    let rules: LiveRules
    let tokens: TokenRegistry
    let store: OffenderStore
    let runs: RunArchive
    let audit: AuditLog
    let metrics: Metrics
    let calendar: LocalCalendar
    let maxRequestBytes: Int

    /// The engine answers for the rules in force now (one value for the whole request).
    var reports: Reports { Reports(rules: rules.current) }
}
