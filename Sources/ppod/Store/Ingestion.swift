import Foundation
import PPOEngine

/// One ingest in progress: the body read as it arrives, exactly as `ppo` reads a data file, plus the
/// token's area check; then the valid records upserted in one transaction.
struct Ingestion {
    let caller: Caller
    let source: String
    private var stream: RecordStream
    private(set) var records: [IncomingRecord] = []
    private(set) var rejected: [RejectedRecord] = []

    /// Each area held or seen in this body so far, by its case-folded bytes: a record whose area
    /// differs from one of them only in case is refused (docs/ppod.md, "Areas").
    private var areasByFold: [ExactText: String] = [:]

    /// An ingest checked against `rules`' categories; rejects name `source` as their file. `held`
    /// are the areas the store holds when the ingest starts.
    init(rules: RuleSet, caller: Caller, source: String, held: [String] = []) {
        self.caller = caller
        self.source = source
        for area in held { areasByFold[AreaName.fold(area)] = areasByFold[AreaName.fold(area)] ?? area }
        // The store's digest is taken over the scope when it is read, not over a request body.
        self.stream = RecordStream(categories: rules.categories, path: source, digest: false)
    }

    mutating func feed(_ piece: ArraySlice<UInt8>) {
        var taken: [Taken] = []
        stream.feed(piece) { outcome, line in taken.append(Taken(outcome, line)) }
        for item in taken { take(item) }
    }

    /// Ends the body and stores what was valid, with `audit` naming the records stored (in the same
    /// transaction), counting it in `metrics`; returns once it is on disk.
    mutating func commit(to store: OffenderStore, metrics: Metrics, audit: AuditEntry) async throws -> IngestOutcome {
        var taken: [Taken] = []
        _ = stream.finish { outcome, line in taken.append(Taken(outcome, line)) }
        for item in taken { take(item) }
        let outcome = try await store.ingest(records, received: records.count + rejected.count,
                                             rejected: rejected.count, token: caller.name,
                                             sees: caller.areaCheck, audit: audit)
        if !outcome.refused.isEmpty {
            // The id is another area's offender: neither moved nor overwritten, and the reason does
            // not name the area it is held for.
            for index in outcome.refused {
                let record = records[index]
                rejected.append(RejectedRecord(file: source, line: record.number,
                                               reason: "id is held for an area outside this token's areas",
                                               bytes: record.bytes))
            }
            rejected.sort { $0.line < $1.line }
            let refused = Set(outcome.refused)
            records = records.enumerated().filter { !refused.contains($0.offset) }.map(\.element)
        }
        metrics.count("ppod_records_ingested_total", by: Double(records.count))
        metrics.count("ppod_records_rejected_total", by: Double(rejected.count))
        return outcome
    }

    /// A record the stream completed, with an offender's line copied out of the stream's buffer (a
    /// reject carries its own).
    private struct Taken {
        let outcome: RecordOutcome
        /// The line's exact bytes: an offender outside the token's areas is rejected with them.
        let bytes: [UInt8]
        /// Where in `bytes` the decoded part is, which the store keeps.
        let content: Range<Int>

        init(_ outcome: RecordOutcome, _ line: RecordLine) {
            self.outcome = outcome
            guard case .offender = outcome else {
                bytes = []
                content = 0..<0
                return
            }
            bytes = Array(line.bytes)
            content = line.contentRange
        }
    }

    private mutating func take(_ item: Taken) {
        switch item.outcome {
        case .rejected(let record):
            rejected.append(record)
        case .offender(let offender):
            if let area = offender.area, let problem = AreaName.problem(area) {
                rejected.append(RejectedRecord(file: source, line: offender.line,
                                               reason: "area '\(SafeText.escaped(area))' is not allowed: \(problem)",
                                               bytes: item.bytes))
                return
            }
            guard caller.sees(offender.area) else {
                let area = offender.area.map { "area '\(SafeText.escaped($0))'" } ?? "a record with no area"
                rejected.append(RejectedRecord(file: source, line: offender.line,
                                               reason: "\(area) is outside the areas of token '\(SafeText.escaped(caller.name))'",
                                               bytes: item.bytes))
                return
            }
            if let area = offender.area {
                let fold = AreaName.fold(area)
                if let held = areasByFold[fold], !ExactText.same(held, area) {
                    // Areas compare by their bytes: taken, it would be an area no token names.
                    let other = caller.areas == nil ? " '\(SafeText.escaped(held))'" : ""
                    rejected.append(RejectedRecord(file: source, line: offender.line,
                                                   reason: "area '\(SafeText.escaped(area))' differs only in case from the area\(other) "
                                                       + "already held; areas compare by their exact bytes, so write it as held",
                                                   bytes: item.bytes))
                    return
                }
                areasByFold[fold] = area
            }
            // Usually the whole line; a carriage return or byte order mark is not part of the record.
            let line = item.content == item.bytes.indices ? item.bytes : Array(item.bytes[item.content])
            records.append(IncomingRecord(id: offender.id, area: offender.area, line: line, number: offender.line,
                                          bytes: caller.areas == nil ? [] : item.bytes))
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
                               ("message", .string(record.rendered)),
                               ("bytes_base64", .string(Data(record.bytes).base64EncodedString()))])
            })),
            ("offenders", Answer.number(outcome.offenders)),
        ])
    }
}
