import Foundation
import GRDB
import PPOEngine

/// The selection panel's decisions (docs/cohort.md), append-only: SQLite triggers refuse UPDATE and
/// DELETE, so a correction is a new decision that supersedes. Each is kept as the JSON line that
/// `GET /v1/decisions` exports, byte for byte what `ppo cohort --decisions` reads.
struct DecisionStore: Sendable {
    let pool: DatabasePool

    /// Fields ppod writes itself: a request that sets one is refused rather than overridden.
    static let serverFields = ["id", "decided_by", "role", "recorded_at"]

    enum Outcome: Sendable {
        /// Stored, with their lines as exported.
        case stored([PanelDecision], lines: [String])
        /// Nothing stored: the request's lines that cannot be used, with their reasons.
        case rejected([RejectedRecord])
        /// Nothing stored: this offender is not held in the token's areas (or at all).
        case unknownOffender(String)
    }

    /// Validates the request's decisions against the rules' schemes and the decisions stored
    /// (a `supersedes` may name either), and stores them all with `audit` in one transaction, or
    /// none. Each gets its id (`PPOD-N`), who recorded it and when, from ppod.
    func record(_ body: [UInt8], rules: RuleSet, caller: Caller, audit: AuditEntry) async throws -> Outcome {
        let now = Date.now.ISO8601Format()
        return try await pool.write { db in
            var existing: [[UInt8]] = []
            let rows = try Row.fetchCursor(db, sql: "SELECT line FROM decision ORDER BY seq")
            while let row = try rows.next() { existing.append(Array(row["line"] as Data)) }
            var next = (try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(seq), 0) FROM decision") ?? 0) + 1
            var lines: [[UInt8]] = []
            var requestLines: [Int] = []
            var rejected: [RejectedRecord] = []
            for (index, raw) in body.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() {
                var content = raw
                if content.last == 0x0D { content = content.dropLast() }
                if content.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
                func reject(_ reason: String) {
                    rejected.append(RejectedRecord(file: "request", line: index + 1, reason: reason, bytes: Array(raw)))
                }
                guard case .success(let value) = JSONParser.parse(content), case .object(let members) = value else {
                    reject("not a JSON object")
                    continue
                }
                if let set = members.first(where: { member in Self.serverFields.contains { ExactText.same($0, member.key) } }) {
                    reject("\"\(SafeText.escaped(set.key))\" is set by ppod, not by the request")
                    continue
                }
                let stamped: [JSONMember] = [JSONMember(key: "id", value: .string("PPOD-\(next)"))] + members + [
                    JSONMember(key: "decided_by", value: .string(caller.name)),
                    JSONMember(key: "role", value: .string(caller.role.rawValue)),
                    JSONMember(key: "recorded_at", value: .string(now)),
                ]
                next += 1
                lines.append(Array(JSONWriter(pretty: false).render(.object(stamped)).utf8))
                requestLines.append(index + 1)
            }
            guard rejected.isEmpty else { return .rejected(rejected) }
            guard !lines.isEmpty else {
                return .rejected([RejectedRecord(file: "request", line: 1, reason: "no decision in the body", bytes: [])])
            }
            // Read with the stored ones first, so a supersedes may name a stored decision.
            let all = (existing + lines).joined(separator: [0x0A]).map { $0 }
            let read = rules.decisions(bytes: all, path: "request")
            for reject in read.rejected where reject.line > existing.count {
                let line = requestLines[reject.line - existing.count - 1]
                rejected.append(RejectedRecord(file: "request", line: line, reason: reject.reason, bytes: reject.bytes))
            }
            guard rejected.isEmpty else { return .rejected(rejected) }
            let new = read.decisions.filter { $0.line > existing.count }
            for decision in new {
                let row = try Row.fetchOne(db, sql: "SELECT area FROM offender WHERE id = \(StoredText.parameter)",
                                           arguments: [StoredText.argument(decision.offender)])
                // Checked inside the transaction, so no ingest can move the offender in between.
                guard let row, caller.sees(StoredText.readOptional(row, "area")) else {
                    return .unknownOffender(decision.offender)
                }
            }
            let insert = try db.cachedStatement(sql: """
                INSERT INTO decision (id, offender, scheme, line)
                VALUES (\(StoredText.parameter), \(StoredText.parameter), \(StoredText.parameter), ?)
                """)
            for (decision, line) in zip(new, lines) {
                try insert.execute(arguments: [StoredText.argument(decision.id), StoredText.argument(decision.offender),
                                               StoredText.argument(decision.scheme), Data(line)])
            }
            var entry = audit
            entry.offenders = Distinct.ids(new.map(\.offender))
            try AuditLog.append(entry, in: db)
            return .stored(new, lines: lines.map { String(decoding: $0, as: UTF8.self) })
        }
    }

    /// The number of the latest decision recorded (0 when none): it changes exactly when a
    /// decision is recorded, as decisions are never altered or deleted.
    func latest() async throws -> Int64 {
        try await pool.read { db in try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(seq), 0) FROM decision") ?? 0 }
    }

    /// The stored decisions about offenders held in the areas `sees` admits (nil: every one), as
    /// JSON Lines in the order they were recorded, with the offenders they name.
    func lines(seenBy sees: (@Sendable (String?) -> Bool)?, offender: String? = nil) async throws -> (bytes: [UInt8], offenders: [String]) {
        try await pool.read { db in
            var bytes: [UInt8] = []
            var offenders: [String] = []
            var sql = """
                SELECT decision.line, decision.offender, offender.area, offender.id AS held FROM decision
                LEFT JOIN offender ON offender.id = decision.offender
                """
            var arguments: StatementArguments = []
            if let offender {
                sql += " WHERE decision.offender = \(StoredText.parameter)"
                arguments = [StoredText.argument(offender)]
            }
            sql += " ORDER BY decision.seq"
            let rows = try Row.fetchCursor(db, sql: sql, arguments: arguments)
            while let row = try rows.next() {
                // An offender no longer held is in no area's scope, only the every-area one.
                let held = (row["held"] as Data?) != nil
                if let sees, !(held && sees(StoredText.readOptional(row, "area"))) { continue }
                bytes += Array(row["line"] as Data)
                bytes.append(0x0A)
                offenders.append(StoredText.read(row, "offender"))
            }
            return (bytes, offenders)
        }
    }
}
