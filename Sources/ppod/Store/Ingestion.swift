import Foundation
import PPOEngine

/// One ingest in progress: the body read as it arrives, exactly as `ppo` reads a data file (on
/// several threads, `BodyBlocks`), plus the token's area checks; then the valid records upserted in
/// one transaction.
///
/// Records wait in memory up to `IngestLimits.startAfter` bytes; past that the transaction starts
/// while the body is still arriving and takes the records as they come (at most
/// `IngestLimits.queueLimit` bytes ahead), so a body of any size is stored in bounded memory, still
/// all or nothing: a body that fails (too large, too slow, the client gone) rolls it back.
struct Ingestion {
    let caller: Caller
    let source: String
    private let run: Run

    /// The records rejected so far, in line order (at the end, with those the store refused).
    var rejected: [RejectedRecord] { run.rejected }

    /// An ingest checked against `rules`' categories; rejects name `source` as their file. `held`
    /// are the areas the store holds when the ingest starts. `store` is where a body too large to
    /// wait in memory is written as it arrives (by default the store of the request being served,
    /// `OffenderStore.serving`); without one, the records wait for `commit`.
    init(rules: RuleSet, caller: Caller, source: String, held: [String] = [],
         store: OffenderStore? = OffenderStore.serving, limits: IngestLimits = IngestLimits()) {
        self.caller = caller
        self.source = source
        run = Run(rules: rules, caller: caller, source: source, held: held, store: store, limits: limits)
    }

    mutating func feed(_ piece: ArraySlice<UInt8>) {
        run.feed(piece)
    }

    /// Ends the body and stores what was valid, with `audit` naming the records stored (in the same
    /// transaction), counting it in `metrics`; returns once it is on disk.
    mutating func commit(to store: OffenderStore, metrics: Metrics, audit: AuditEntry) async throws -> IngestOutcome {
        let outcome = try await run.commit(to: store, audit: audit)
        // Committed: the next ranking asked for sees this ingest (`RankingCache`).
        store.clock.advance(to: outcome.ingest)
        metrics.count("ppod_records_ingested_total", by: Double(run.stored))
        metrics.count("ppod_records_rejected_total", by: Double(run.rejected.count))
        return outcome
    }

    /// The answer of `PUT /v1/offenders`.
    func answer(_ outcome: IngestOutcome) -> JSONValue {
        Answer.object([
            ("ingest", Answer.number(outcome.ingest)),
            ("received", Answer.number(run.received)),
            ("inserted", Answer.number(outcome.inserted)),
            ("updated", Answer.number(outcome.updated)),
            ("unchanged", Answer.number(outcome.unchanged)),
            ("rejected", .array(run.rejected.map { record in
                Answer.object([("line", Answer.number(record.line)), ("reason", .string(record.reason)),
                               ("message", .string(record.rendered)),
                               ("bytes_base64", .string(Data(record.bytes).base64EncodedString()))])
            })),
            ("offenders", Answer.number(outcome.offenders)),
        ])
    }

    /// The state of one ingest, shared by the copies of its `Ingestion`; used by one request at a
    /// time. Dropped before `commit` (the request failed), it rolls back a transaction it started.
    final class Run {
        let caller: Caller
        let source: String
        private let blocks: BodyBlocks
        private let store: OffenderStore?
        private let limits: IngestLimits
        private var checks: AreaChecks
        private(set) var rejected: [RejectedRecord] = []
        /// Records accepted so far (stored, unless the store refuses some).
        private var accepted = 0
        /// Records the store refused (an id held outside the token's areas).
        private var refused = 0
        /// Blocks waiting in memory, before a transaction starts.
        private var waiting: [StagedBlock] = []
        private var waitingBytes = 0
        private var transaction: IngestTransaction?
        private var committed = false

        init(rules: RuleSet, caller: Caller, source: String, held: [String], store: OffenderStore?, limits: IngestLimits) {
            self.caller = caller
            self.source = source
            self.store = store
            self.limits = limits
            blocks = BodyBlocks(categories: rules.categories, path: source, blockSize: limits.blockSize, threads: limits.threads)
            checks = AreaChecks(caller: caller, held: held)
        }

        deinit { if !committed { transaction?.abandon() } }

        /// Lines read: records stored or rejected.
        var received: Int { accepted + rejected.count - refused }
        /// Records stored.
        var stored: Int { accepted - refused }

        func feed(_ piece: ArraySlice<UInt8>) {
            blocks.feed(piece) { take($0) }
        }

        func commit(to store: OffenderStore, audit: AuditEntry) async throws -> IngestOutcome {
            blocks.finish { take($0) }
            committed = true
            let outcome: IngestOutcome
            if let transaction {
                transaction.finish(.init(received: accepted + rejected.count, rejected: rejected.count, audit: audit))
                outcome = try await transaction.outcome()
            } else {
                outcome = try await store.ingest(waiting, received: accepted + rejected.count, rejected: rejected.count,
                                                 token: caller.name, sees: caller.areaCheck, audit: audit)
            }
            waiting = []
            if !outcome.refused.isEmpty {
                // The id is another area's offender: neither moved nor overwritten, and the reason does
                // not name the area it is held for.
                for record in outcome.refused {
                    rejected.append(RejectedRecord(file: source, line: record.line,
                                                   reason: "id is held for an area outside this token's areas",
                                                   bytes: record.bytes))
                }
                rejected.sort { $0.line < $1.line }
                refused = outcome.refused.count
            }
            return outcome
        }

        /// A merged block: its rejects kept, its records checked against the token's areas and
        /// handed on to be stored.
        private func take(_ block: MergedBlock) {
            var staged = StagedBlock(bytes: block.bytes)
            for line in block.lines {
                switch line {
                case .rejected(let record):
                    rejected.append(record)
                case .offender(let offender):
                    if let reason = checks.problem(offender.area) {
                        rejected.append(RejectedRecord(file: source, line: offender.line, reason: reason,
                                                       bytes: Array(block.bytes[offender.text.clamped(to: block.bytes.indices)])))
                        continue
                    }
                    // `BodyBlocks` asks for digests; one is made here only if a record came without.
                    let digest = offender.digest
                        ?? SHA256Digester().digest(Array(block.bytes[offender.content.clamped(to: block.bytes.indices)]))
                    staged.records.append(StagedRecord(id: offender.id, area: offender.area, line: offender.line,
                                                       text: offender.text, content: offender.content, digest: digest))
                }
            }
            guard !staged.records.isEmpty else { return }
            accepted += staged.records.count
            if let transaction {
                transaction.add(staged)
                return
            }
            waiting.append(staged)
            waitingBytes += staged.size
            if waitingBytes > limits.startAfter, let store, !committed {
                transaction = IngestTransaction(pool: store.pool, token: caller.name, sees: caller.areaCheck,
                                                queueLimit: limits.queueLimit, first: waiting)
                waiting = []
                waitingBytes = 0
            }
        }
    }
}

/// How an ingest reads its body and when it starts writing.
struct IngestLimits: Sendable {
    /// Bytes of records that wait in memory before the transaction starts: a smaller body is stored
    /// at its end, in a transaction as short as its writes.
    var startAfter = 64 << 20
    /// Bytes handed to an open transaction and not yet written, at most.
    var queueLimit = 32 << 20
    /// The bytes of body decoded at a time by one worker.
    var blockSize = 1 << 20
    /// Worker threads decoding blocks.
    var threads = min(4, max(1, ProcessInfo.processInfo.activeProcessorCount))
}

/// The token's area checks of an ingest, in body order (docs/ppod.md, "Areas"): a record's area must
/// be a usable name, one of the token's, and not differ only in case from an area held or seen
/// earlier in the body. The verdict on an area never changes once given, so each distinct area is
/// judged once.
struct AreaChecks {
    let caller: Caller
    /// Each area held or seen in this body so far, by its case-folded bytes.
    private var areasByFold: [ExactText: String] = [:]
    /// The verdict on each area met so far: nil when it is accepted, else the reason.
    private var verdicts: [ExactText: String?] = [:]
    /// The verdict on records with no area.
    private lazy var noArea: String? = caller.sees(nil) ? nil : "a record with no area is outside the areas of token '\(SafeText.escaped(caller.name))'"

    init(caller: Caller, held: [String]) {
        self.caller = caller
        for area in held { areasByFold[AreaName.fold(area)] = areasByFold[AreaName.fold(area)] ?? area }
    }

    /// Why a record of `area` is rejected, or nil when it may be stored.
    mutating func problem(_ area: String?) -> String? {
        guard let area else { return noArea }
        let key = ExactText(area)
        if let verdict = verdicts[key] { return verdict }
        let verdict = judge(area)
        verdicts[key] = verdict
        return verdict
    }

    private mutating func judge(_ area: String) -> String? {
        if let problem = AreaName.problem(area) {
            return "area '\(SafeText.escaped(area))' is not allowed: \(problem)"
        }
        guard caller.sees(area) else {
            return "area '\(SafeText.escaped(area))' is outside the areas of token '\(SafeText.escaped(caller.name))'"
        }
        let fold = AreaName.fold(area)
        if let held = areasByFold[fold], !ExactText.same(held, area) {
            // Areas compare by their bytes: taken, it would be an area no token names.
            let other = caller.areas == nil ? " '\(SafeText.escaped(held))'" : ""
            return "area '\(SafeText.escaped(area))' differs only in case from the area\(other) "
                + "already held; areas compare by their exact bytes, so write it as held"
        }
        areasByFold[fold] = area
        return nil
    }
}
