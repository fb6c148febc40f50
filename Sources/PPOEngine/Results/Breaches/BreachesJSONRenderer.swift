/// Renders a checklist's results as the JSON object of SPEC §7, keys in a fixed order.
///
/// `{checklist, as_of, rules_digest, data_digest, results: [...], summary: [...], warnings: [...], rejected: [...]}`.
/// Absent values are `null`; compliance is an exact number, or `null` when nothing was met or breached.
public struct BreachesJSONRenderer: Sendable {
    /// Indented output when `true`, one line when `false`.
    public var pretty: Bool

    public init(pretty: Bool = true) { self.pretty = pretty }

    /// The whole report as JSON text.
    public func render(_ report: BreachReport) -> String {
        JSONWriter(pretty: pretty).render(Self.value(report))
    }

    /// The same text as `render`, handed to `output` in pieces as it is written (the lists rendered on every core):
    /// the results of a national run are never held as one tree and one string.
    public func write(_ report: BreachReport, to output: ([UInt8]) throws -> Void) throws {
        var object = JSONObjectStream(pretty: pretty)
        object.member("checklist", .string(report.checklist))
        object.member("as_of", .string(report.asOf.description))
        object.member("rules_digest", .string(report.rulesDigest))
        object.member("data_digest", .string(report.dataDigest))
        try object.objects("results", report.results, Self.resultValue, to: output)
        try object.objects("summary", report.summary, Self.summaryValue, to: output)
        try object.objects("warnings", report.warnings, Self.warningValue, to: output)
        try object.objects("rejected", report.rejected, RankingJSONRenderer.rejectedValue, to: output)
        try object.finish(to: output)
    }

    /// The whole report as a JSON value.
    public static func value(_ report: BreachReport) -> JSONValue {
        .fields([
            ("checklist", .string(report.checklist)),
            ("as_of", .string(report.asOf.description)),
            ("rules_digest", .string(report.rulesDigest)),
            ("data_digest", .string(report.dataDigest)),
            ("results", .array(report.results.map(resultValue))),
            ("summary", .array(report.summary.map(summaryValue))),
            ("warnings", .array(report.warnings.map(warningValue))),
            ("rejected", .array(report.rejected.map(RankingJSONRenderer.rejectedValue))),
        ])
    }

    /// One duty on one case: `offender`, `name`, `case`, `rule`, `owner`, `status`, `trigger`, `due`,
    /// `days_late`, `days_left` (pending duties), `working_days` (whether those count working days) and `evidence`.
    public static func resultValue(_ result: DutyResult) -> JSONValue {
        .fields([
            ("offender", .string(result.offender)),
            ("name", .optional(result.offenderName)),
            ("case", .string(result.caseID)),
            ("rule", .string(result.rule)),
            ("owner", .string(result.owner)),
            ("status", .string(result.status.rawValue)),
            ("trigger", .optional(result.trigger)),
            ("due", .optional(result.due?.description)),
            ("days_late", result.daysLate.map(JSONValue.int) ?? .null),
            ("days_left", result.daysLeft.map(JSONValue.int) ?? .null),
            ("working_days", .bool(result.workingDays)),
            ("evidence", .strings(result.evidence)),
        ])
    }

    /// One owner's counts: `owner`, `met`, `pending`, `breached`, `not_applicable`, `compliance`.
    public static func summaryValue(_ summary: OwnerSummary) -> JSONValue {
        .fields([
            ("owner", .string(summary.owner)),
            ("met", .int(summary.met)),
            ("pending", .int(summary.pending)),
            ("breached", .int(summary.breached)),
            ("not_applicable", .int(summary.notApplicable)),
            ("compliance", summary.compliance.map(JSONValue.decimal) ?? .null),
        ])
    }

    /// A data warning: `line`, `message`.
    public static func warningValue(_ warning: DataWarning) -> JSONValue {
        .fields([("line", .int(warning.line)), ("message", .string(warning.message))])
    }
}
