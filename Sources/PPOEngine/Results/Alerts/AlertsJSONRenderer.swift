/// Renders the day's alerts as the JSON object of SPEC §7, keys in a fixed order.
///
/// `{blocks, as_of, rules_digest, data_digest, previous_digest, alerts: [...], rejected: [...]}`;
/// `previous_digest` is `null` when no previous snapshot was given.
public struct AlertsJSONRenderer: Sendable {
    /// Indented output when `true`, one line when `false`.
    public var pretty: Bool

    public init(pretty: Bool = true) { self.pretty = pretty }

    /// The whole list as JSON text.
    public func render(_ report: AlertReport) -> String {
        JSONWriter(pretty: pretty).render(Self.value(report))
    }

    /// The same text as `render`, handed to `output` in pieces as it is written (the lists rendered on every core):
    /// the alerts of a national run are never held as one tree and one string.
    public func write(_ report: AlertReport, to output: ([UInt8]) throws -> Void) throws {
        var object = JSONObjectStream(pretty: pretty)
        object.member("blocks", .strings(report.blocks))
        object.member("as_of", .string(report.asOf.description))
        object.member("rules_digest", .string(report.rulesDigest))
        object.member("data_digest", .string(report.dataDigest))
        object.member("previous_digest", .optional(report.previousDigest))
        try object.objects("alerts", report.results, Self.alertValue, to: output)
        try object.objects("rejected", report.rejected, RankingJSONRenderer.rejectedValue, to: output)
        try object.finish(to: output)
    }

    /// The whole list as a JSON value.
    public static func value(_ report: AlertReport) -> JSONValue {
        .fields([
            ("blocks", .strings(report.blocks)),
            ("as_of", .string(report.asOf.description)),
            ("rules_digest", .string(report.rulesDigest)),
            ("data_digest", .string(report.dataDigest)),
            ("previous_digest", .optional(report.previousDigest)),
            ("alerts", .array(report.results.map(alertValue))),
            ("rejected", .array(report.rejected.map(RankingJSONRenderer.rejectedValue))),
        ])
    }

    /// One alert for one offender: `alert`, `block` (its alerts block), `offender`, `name`, `severity`,
    /// `notify`, `message`, `evidence`.
    public static func alertValue(_ result: AlertResult) -> JSONValue {
        .fields([
            ("alert", .string(result.alert)),
            ("block", .string(result.block)),
            ("offender", .string(result.offender)),
            ("name", .optional(result.name)),
            ("severity", .string(result.severity.rawValue)),
            ("notify", .optional(result.notify)),
            ("message", .string(result.message)),
            ("evidence", .strings(result.evidence)),
        ])
    }
}
