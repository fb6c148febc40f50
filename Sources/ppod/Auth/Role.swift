/// What a token may do (docs/ppod.md, "Tokens, roles and areas").
enum Role: String, Sendable, CaseIterable {
    /// CDRP analysts: matrices and rankings.
    case analyst
    /// Scheme managers: rankings, Premium Service results, alerts and runs.
    case manager
    /// Police tasking groups: the day's alerts and Premium Service deadlines.
    case tasking
    /// Administrators: everything, and the only role that ingests, exports and reads the audit log.
    case admin
}

/// What a route does, for the role check.
enum Permission: Sendable {
    /// Health, metrics, the rules and the runs list: no offender data.
    case service
    /// Rankings, explanations and posted evaluations.
    case scores
    /// Premium Service results and alerts.
    case tasking
    /// Starting a run.
    case runs
    /// Ingest, export and the audit log.
    case administration
    /// Recording a selection panel's decision.
    case decide
    /// Reading decisions and the cohort (scoped by area like every read).
    case cohort
    /// Equality monitoring figures (docs/workbench.md): manager and admin only.
    case equality
    /// Uploading, reading and submitting drafts of rule files.
    case drafts
    /// Publishing a submitted draft into the rules folder.
    case publish

    func allows(_ role: Role) -> Bool {
        switch self {
        case .service: return true
        case .scores: return role != .tasking
        case .tasking: return role != .analyst
        case .runs: return role == .manager || role == .admin
        case .administration: return role == .admin
        case .decide: return role == .manager || role == .admin
        case .cohort: return true
        case .equality: return role == .manager || role == .admin
        case .drafts: return role != .tasking
        case .publish: return role == .manager || role == .admin
        }
    }
}
