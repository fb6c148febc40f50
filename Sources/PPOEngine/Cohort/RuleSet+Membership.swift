extension RuleSet {
    /// The records of the JSON Lines file at `path` whose `ppo.status` contradicts the decisions
    /// these rules evaluate with (`with(decisions:)`), one warning each in file order, as
    /// `MembershipCheck` words them: what the evaluation commands print beside their answer, so
    /// that a list that treats someone as adopted against their record says why. Empty without
    /// decisions. Streamed: nothing is kept but the warnings. Throws `ReadError` when the file
    /// cannot be read.
    public func membershipWarnings(path: String, asOf: Day) throws -> [DataWarning] {
        guard let decisions, decisions.count > 0 else { return [] }
        var warnings: [DataWarning] = []
        let pass = RecordPass(categories: categories, buildsCases: false)
        _ = try pass.run(.file(path: path), makeWork: {
            { offender in MembershipCheck.contradiction(offender, standing: decisions.standing(of: offender.id, asOf: asOf)) }
        }) { accepted in
            if let message = accepted.output { warnings.append(DataWarning(file: path, line: accepted.line, message: message)) }
        }
        return warnings
    }
}
