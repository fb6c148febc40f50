import PPOEngine

/// One ingest in progress: the body read as it arrives, exactly as `ppo` reads a data file, plus the
/// token's area check; then the valid records upserted in one transaction.
struct Ingestion {
    let caller: Caller
    let source: String
    private var stream: RecordStream
    private(set) var records: [IncomingRecord] = []
    private(set) var rejected: [RejectedRecord] = []

    /// An ingest checked against `rules`' categories; rejects name `source` as their file.
    init(rules: RuleSet, caller: Caller, source: String) {
        self.caller = caller
        self.source = source
        // The store's digest is taken over the scope when it is read, not over a request body.
        self.stream = RecordStream(categories: rules.categories, path: source, digest: false)
    }

    mutating func feed(_ piece: ArraySlice<UInt8>) {
        var taken: [(RecordOutcome, [UInt8])] = []
        stream.feed(piece) { outcome, line in taken.append((outcome, Array(line))) }
        for (outcome, line) in taken { take(outcome, line) }
    }

    /// Ends the body and stores what was valid, with `audit` naming the records stored (in the same
    /// transaction), counting it in `metrics`; returns once it is on disk.
    mutating func commit(to store: OffenderStore, metrics: Metrics, audit: AuditEntry) async throws -> IngestOutcome {
        var taken: [(RecordOutcome, [UInt8])] = []
        _ = stream.finish { outcome, line in taken.append((outcome, Array(line))) }
        for (outcome, line) in taken { take(outcome, line) }
        var audit = audit
        audit.offenders = Distinct.ids(records.map(\.id))
        let outcome = try await store.ingest(records, received: records.count + rejected.count,
                                             rejected: rejected.count, token: caller.name, audit: audit)
        metrics.count("ppod_records_ingested_total", by: Double(records.count))
        metrics.count("ppod_records_rejected_total", by: Double(rejected.count))
        return outcome
    }

    private mutating func take(_ outcome: RecordOutcome, _ line: [UInt8]) {
        switch outcome {
        case .rejected(let record):
            rejected.append(record)
        case .offender(let offender):
            guard caller.sees(offender.area) else {
                let area = offender.area.map { "area '\($0)'" } ?? "a record with no area"
                rejected.append(RejectedRecord(file: source, line: offender.line,
                                               reason: "\(area) is outside the areas of token '\(caller.name)'",
                                               text: String(decoding: line, as: UTF8.self)))
                return
            }
            records.append(IncomingRecord(id: offender.id, area: offender.area, line: line))
        }
    }

    /// The answer of `PUT /v1/offenders`.
    func answer(_ outcome: IngestOutcome) -> JSONValue {
        Answer.object([
            ("ingest", Answer.number(outcome.ingest)),
            ("received", Answer.number(records.count + rejected.count)),
            ("inserted", Answer.number(outcome.inserted)),
            ("updated", Answer.number(outcome.updated)),
            ("unchanged", Answer.number(outcome.unchanged)),
            ("rejected", .array(rejected.map { record in
                Answer.object([("line", Answer.number(record.line)), ("reason", .string(record.reason)),
                               ("message", .string(record.rendered))])
            })),
            ("offenders", Answer.number(outcome.offenders)),
        ])
    }
}
