import Foundation
import GRDB
import PPOEngine

/// A stored run: when and on what it was computed.
struct RunRecord: Sendable {
    var id: Int64 = 0
    let asOf: String
    /// `daily` or `on_demand`.
    let trigger: String
    let requestedBy: String
    let createdAt: String
    let rulesDigest: String
    let dataDigest: String
    let previousDigest: String
    /// The last ingest the run saw: `changed()` after it compares with the data as it was then.
    let lastIngest: Int64
    let offenders: Int
    let areas: [String]
    /// Stored records that no longer read under the run's rules, as `ppo` reports them.
    let rejected: [RunReject]
    /// The offenders of each of `areas`, in the same order (empty for runs stored before they were
    /// counted): what a token limited to some areas is told instead of `offenders`.
    var areaOffenders: [Int] = []
}

/// A stored record a run could not use: its line in the run's data, the reason, and its id when it
/// has one.
struct RunReject: Sendable, Codable, Equatable {
    let line: Int
    let reason: String
}

/// One stored output of a run: a ranking, a checklist's results or the alerts, for one scope.
struct RunOutput: Sendable {
    /// `ranking`, `checklist` or `alerts`.
    let kind: String
    /// The matrix or checklist name; `*` for alerts (every block).
    let name: String
    /// The scope: an area, or every area (stored apart from every area name, so no data can clash with it).
    let scope: DataScope
    let json: [UInt8]
    let csv: [UInt8]
    /// The offenders the output holds, for the audit entry of whoever reads it.
    let offenders: [String]
}

/// The runs ppod has computed, kept so that yesterday's list stays retrievable.
struct RunArchive: Sendable {
    let pool: DatabasePool
    /// Run rankings read back lately (`storeRanking(run:matrix:current:)`).
    let loaded = LoadedRunRankings()

    /// Stores a run and its outputs in one transaction, with the audit entry `audit` makes of the
    /// saved run: both are stored, or neither. Returns the run with its id.
    /// `rankings` are kept as evaluations (`RunRankings`), each matrix's with its name, made with `rules`.
    func save(_ run: RunRecord, outputs: [RunOutput], rankings: [(name: String, ranking: StoreRanking)] = [],
              rules: RuleSet? = nil,
              audit: @escaping @Sendable (RunRecord) -> AuditEntry) async throws -> RunRecord {
        try await save(run, making: outputs.map { output in { output } }, rankings: rankings, rules: rules, audit: audit)
    }

    /// As `save(_:outputs:…)`, each output rendered only when it is written and let go after: a
    /// run's renderings at a million offenders are gigabytes, never all in memory at once.
    func save(_ run: RunRecord, making outputs: [@Sendable () throws -> RunOutput],
              rankings: [(name: String, ranking: StoreRanking)] = [], rules: RuleSet? = nil,
              audit: @escaping @Sendable (RunRecord) -> AuditEntry) async throws -> RunRecord {
        try await pool.write { db in
            try db.execute(sql: """
                INSERT INTO run (as_of, trigger, requested_by, created_at, rules_digest, data_digest,
                                 previous_digest, last_ingest, offenders, areas, rejected, area_offenders)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [run.asOf, run.trigger, run.requestedBy, run.createdAt, run.rulesDigest,
                                 run.dataDigest, run.previousDigest, run.lastIngest, run.offenders,
                                 StringList.encode(run.areas), Self.encode(run.rejected),
                                 Self.encode(run.areaOffenders)])
            var saved = run
            saved.id = db.lastInsertedRowID
            let insert = try db.cachedStatement(sql: """
                INSERT INTO run_output (run_id, kind, name, every_area, area, json, csv, offenders)
                VALUES (?, ?, \(StoredText.parameter), ?, \(StoredText.parameter), ?, ?, ?)
                """)
            for make in outputs {
                let output = try make()
                // The name and area as their exact bytes (`StoredText`).
                try insert.execute(arguments: [saved.id, output.kind, StoredText.argument(output.name),
                                               output.scope == .all, StoredText.argument(Self.area(output.scope)),
                                               Data(output.json), Data(output.csv),
                                               StringList.encode(output.offenders)])
            }
            if let rules {
                for (name, ranking) in rankings {
                    try Self.store(ranking, as: name, run: saved.id, rules: rules, in: db)
                }
            }
            try AuditLog.append(audit(saved), in: db)
            return saved
        }
    }

    func run(id: Int64) async throws -> RunRecord? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM run WHERE id = ?", arguments: [id]).map(Self.record)
        }
    }

    /// The latest run for a date; with `trigger`, the latest of that kind (the scheduler's "has
    /// today's daily run happened?").
    func latest(asOf: String, trigger: String? = nil) async throws -> RunRecord? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: """
                SELECT * FROM run WHERE as_of = ? AND (? IS NULL OR trigger = ?) ORDER BY id DESC LIMIT 1
                """, arguments: [asOf, trigger, trigger]).map(Self.record)
        }
    }

    /// Runs, newest first.
    func list(limit: Int) async throws -> [RunRecord] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM run ORDER BY id DESC LIMIT ?", arguments: [limit]).map(Self.record)
        }
    }

    /// The outputs a run holds, without their bodies: for every area then each area, its rankings,
    /// then its checklists' results and alerts.
    func outputs(of id: Int64) async throws -> [(kind: String, name: String, scope: DataScope)] {
        let matrices = try await rankedMatrices(of: id)
        return try await pool.read { db in
            let stored: [(kind: String, name: String, scope: DataScope)] = try Row.fetchAll(db, sql: """
                SELECT kind, name, every_area, area FROM run_output WHERE run_id = ? ORDER BY rowid
                """, arguments: [id]).map { row in
                let everyArea: Bool = row["every_area"]
                return (row["kind"], StoredText.read(row, "name"),
                        everyArea ? DataScope.all : .area(StoredText.read(row, "area")))
            }
            guard !matrices.isEmpty else { return stored }
            let areas = try Row.fetchOne(db, sql: "SELECT areas FROM run WHERE id = ?", arguments: [id])
                .map { row -> [String] in let text: String = row["areas"]; return StringList.decode(text) } ?? []
            var listed: [(kind: String, name: String, scope: DataScope)] = []
            for scope in [DataScope.all] + areas.map(DataScope.area) {
                listed += matrices.map { ("ranking", $0, scope) }
                listed += stored.filter { $0.scope == scope }
            }
            return listed
        }
    }

    /// A stored output with both renderings, or with only the one of `format` (the other empty):
    /// at a million offenders each is hundreds of MB.
    func output(run id: Int64, kind: String, name: String, scope: DataScope,
                format: OutputFormat? = nil) async throws -> RunOutput? {
        let columns: String
        switch format {
        case nil: columns = "json, csv"
        case .json?: columns = "json, x'' AS csv"
        case .csv?: columns = "x'' AS json, csv"
        }
        return try await pool.read { db in
            guard let row = try Row.fetchOne(db, sql: """
                SELECT \(columns), offenders FROM run_output
                WHERE run_id = ? AND kind = ? AND name = \(StoredText.parameter)
                  AND every_area = ? AND area = \(StoredText.parameter)
                """, arguments: [id, kind, StoredText.argument(name), scope == .all,
                                 StoredText.argument(Self.area(scope))]) else { return nil }
            let json: Data = row["json"], csv: Data = row["csv"], offenders: String = row["offenders"]
            return RunOutput(kind: kind, name: name, scope: scope, json: Array(json), csv: Array(csv),
                             offenders: StringList.decode(offenders))
        }
    }

    /// Whether run `id` stored that output, without reading it.
    func hasOutput(run id: Int64, kind: String, name: String, scope: DataScope) async throws -> Bool {
        try await pool.read { db in
            try Bool.fetchOne(db, sql: """
                SELECT EXISTS (SELECT 1 FROM run_output
                WHERE run_id = ? AND kind = ? AND name = \(StoredText.parameter)
                  AND every_area = ? AND area = \(StoredText.parameter))
                """, arguments: [id, kind, StoredText.argument(name), scope == .all,
                                 StoredText.argument(Self.area(scope))]) ?? false
        }
    }

    /// The `area` column of a scope: the every-area scope is told apart by `every_area`, not by a
    /// name, and keeps an empty area.
    private static func area(_ scope: DataScope) -> String {
        switch scope {
        case .all: return ""
        case .area(let name): return name
        }
    }

    private static func record(_ row: Row) -> RunRecord {
        let areas: String = row["areas"], rejected: String = row["rejected"], counts: String = row["area_offenders"]
        return RunRecord(id: row["id"], asOf: row["as_of"], trigger: row["trigger"], requestedBy: row["requested_by"],
                         createdAt: row["created_at"], rulesDigest: row["rules_digest"], dataDigest: row["data_digest"],
                         previousDigest: row["previous_digest"], lastIngest: row["last_ingest"],
                         offenders: row["offenders"],
                         areas: StringList.decode(areas), rejected: decode(rejected),
                         areaOffenders: (try? JSONDecoder().decode([Int].self, from: Data(counts.utf8))) ?? [])
    }

    private static func encode<Value: Encodable>(_ rejects: Value) -> String {
        (try? JSONEncoder().encode(rejects)).map { String(decoding: $0, as: UTF8.self) } ?? "[]"
    }

    private static func decode(_ text: String) -> [RunReject] {
        (try? JSONDecoder().decode([RunReject].self, from: Data(text.utf8))) ?? []
    }
}
