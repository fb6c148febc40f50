/// Renders a ranking as the JSON object of SPEC §7, keys in a fixed order and scores as exact numbers.
///
/// `{matrix, version, as_of, rules_digest, data_digest, offenders: [...], ineligible: [...], rejected: [...]}`
public struct RankingJSONRenderer: Sendable {
    /// Indented output when `true`, one line when `false`.
    public var pretty: Bool
    /// The decisions whose `status` and `strand` each offender shows; nil leaves them out.
    public var decisions: DecisionBook?

    public init(pretty: Bool = true, decisions: DecisionBook? = nil) { self.pretty = pretty; self.decisions = decisions }

    /// The whole ranking as JSON text.
    public func render(_ ranking: Ranking) -> String {
        JSONWriter(pretty: pretty).render(Self.value(ranking, decisions: decisions))
    }

    /// The whole ranking as a JSON value.
    public static func value(_ ranking: Ranking, decisions: DecisionBook? = nil) -> JSONValue {
        .fields(auditMembers(ranking) + [
            ("offenders", .array(ranking.offenders.map { offender in
                .fields(cohortMembers(offenderMembers(offender), offender.id, decisions: decisions, asOf: ranking.asOf))
            })),
            ("ineligible", .array(ranking.ineligible.map(ineligibleValue))),
            ("rejected", .array(ranking.rejected.map(rejectedValue))),
        ])
    }

    /// The audit facts every result carries: `matrix`, `version`, `as_of`, `rules_digest`, `data_digest`.
    public static func auditMembers(_ ranking: Ranking) -> [(String, JSONValue)] {
        auditMembers(ranking.header)
    }

    static func auditMembers(_ header: RankingHeader) -> [(String, JSONValue)] {
        [
            ("matrix", .string(header.matrix)),
            ("version", .optional(header.version)),
            ("as_of", .string(header.asOf.description)),
            ("rules_digest", .string(header.rulesDigest)),
            ("data_digest", .string(header.dataDigest)),
        ]
    }

    /// One ranked offender: `id`, `name`, `rank`, `score`, `tier`, `recommended`, `tie_at_capacity`,
    /// `main_category` ({`label`, `row`, `weight`} or `null`) and `lines`.
    public static func offenderValue(_ offender: ScoredOffender) -> JSONValue {
        .fields(offenderMembers(offender))
    }

    /// The members of `offenderValue`, for objects that add to them.
    public static func offenderMembers(_ offender: ScoredOffender) -> [(String, JSONValue)] {
        let main = offender.mainWeighting.map(mainWeightingValue) ?? .null
        return [
            ("id", .string(offender.id)),
            ("name", .optional(offender.name)),
            ("rank", .int(offender.rank)),
            ("score", .decimal(offender.score)),
            ("tier", .optional(offender.tier)),
            ("recommended", .bool(offender.recommended)),
            ("tie_at_capacity", .bool(offender.tieAtCapacity)),
            ("main_category", main),
            ("lines", .array(offender.lines.map(lineValue))),
        ]
    }

    /// `members` with `status` and `strand` (the offender's standing with the panel on `asOf`)
    /// after `tie_at_capacity`, when `decisions` are given.
    static func cohortMembers(_ members: [(String, JSONValue)], _ id: String, decisions: DecisionBook?,
                              asOf: Day) -> [(String, JSONValue)] {
        guard let decisions, let at = members.firstIndex(where: { $0.0 == "tie_at_capacity" }) else { return members }
        let standing = decisions.standing(of: id, asOf: asOf)
        var members = members
        members.insert(contentsOf: [("status", .string(CohortStanding.statusText(standing))),
                                    ("strand", .optional(standing?.member.strand))], at: at + 1)
        return members
    }

    /// `main_category`: `label`, `row`, `weight`.
    static func mainWeightingValue(_ weighting: MainWeighting) -> JSONValue {
        .fields([
            ("label", .string(weighting.label)),
            ("row", .optional(weighting.row)),
            ("weight", .decimal(weighting.weight)),
        ])
    }

    /// One line of the form: `section`, `label`, `points`, `evidence`, `detail`.
    public static func lineValue(_ line: ScoreLine) -> JSONValue {
        .fields([
            ("section", .string(line.section.rawValue)),
            ("label", .string(line.label)),
            ("points", .decimal(line.points)),
            ("evidence", .strings(line.evidence)),
            ("detail", .string(line.detail)),
        ])
    }

    /// An offender the matrix does not rank: `id`, `name`, `reason`.
    public static func ineligibleValue(_ offender: IneligibleOffender) -> JSONValue {
        .fields(ineligibleMembers(offender))
    }

    static func ineligibleMembers(_ offender: IneligibleOffender) -> [(String, JSONValue)] {
        [("id", .string(offender.id)), ("name", .optional(offender.name)), ("reason", .string(offender.reason))]
    }

    /// A rejected record: `line`, `reason`.
    public static func rejectedValue(_ record: RejectedRecord) -> JSONValue {
        .fields([("line", .int(record.line)), ("reason", .string(record.reason))])
    }
}
