import Foundation
import GRDB
import PPOEngine

/// A run's rankings, kept as the evaluation they came from rather than as renderings.
///
/// A run used to store each matrix's JSON and CSV for every scope: at a million offenders that is
/// gigabytes a run, and most of the run's time. It now keeps each matrix's `StoreRanking`: the whole
/// store's packed forms (`PackedRanking.archive`, in parts of 8 MB), where each record sat in the
/// run's data (`StoreLayout`), and the rule files of the run's rules digest, so the forms can be read
/// again after the rules change. Every scope's list is cut from it on demand, exactly as the live
/// answers are (`StoreRanking.scope`), and renders the bytes the run would have stored.
///
/// `run_ranking` parts: 0 and up the archive, -1 the layout, -2 what ppod adds (the ingest, the
/// ineligible offenders' places, how many were scored again).
extension RunArchive {
    static let layoutPart: Int64 = -1
    static let factsPart: Int64 = -2

    /// Stores `ranking` as matrix `name` of run `id`, and the files of `rules` once per digest,
    /// inside the caller's transaction.
    static func store(_ ranking: StoreRanking, as name: String, run id: Int64, rules: RuleSet, in db: Database) throws {
        let insert = try db.cachedStatement(sql: """
            INSERT INTO run_ranking (run_id, matrix, part, bytes) VALUES (?, \(StoredText.parameter), ?, ?)
            """)
        let matrix = StoredText.argument(name)
        var part: Int64 = 0
        try ranking.whole.archive { piece in
            try insert.execute(arguments: [id, matrix, part, Data(piece)])
            part += 1
        }
        try insert.execute(arguments: [id, matrix, layoutPart, Data(ranking.layout.encoded())])
        var facts = BinaryWriter()
        facts.int(ranking.ingest)
        facts.int(Int64(ranking.rescored))
        facts.int(Int64(ranking.ineligibleOrdinals.count))
        for ordinal in ranking.ineligibleOrdinals { facts.int(Int64(ordinal)) }
        try insert.execute(arguments: [id, matrix, factsPart, Data(facts.bytes)])
        let files = rules.sources.files.map { ["path": $0.path, "text": $0.text] }
        let text = String(decoding: try JSONSerialization.data(withJSONObject: files, options: [.sortedKeys]), as: UTF8.self)
        try db.execute(sql: "INSERT OR IGNORE INTO run_rules (digest, files) VALUES (?, ?)", arguments: [rules.digest, text])
    }

    /// The matrices whose rankings run `id` keeps, in the order they were stored.
    func rankedMatrices(of id: Int64) async throws -> [String] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT matrix FROM run_ranking WHERE run_id = ? AND part = ? ORDER BY rowid
                """, arguments: [id, Self.layoutPart]).map { StoredText.read($0, "matrix") }
        }
    }

    /// Run `run`'s ranking by matrix `name`, read back (the last few read are kept); nil when the
    /// run keeps no such ranking (a run stored before rankings were kept this way keeps renderings).
    /// `live` is the daemon's rankings: when one of them is the evaluation the run kept (the same
    /// rules, date and ingest), it is the run's list, and nothing is read.
    func storeRanking(run: RunRecord, matrix name: String, current: RuleSet,
                      live: RankingCache? = nil) async throws -> StoreRanking? {
        let key = LoadedRunRankings.Key(run: run.id, matrix: ExactText(name))
        if let kept = loaded.get(key) { return kept }
        guard try await rankedMatrices(of: run.id).contains(where: { ExactText.same($0, name) }) else { return nil }
        if let asOf = Day(iso: run.asOf),
           let same = live?.kept(rules: run.rulesDigest, matrix: name, asOf: asOf, ingest: run.lastIngest) {
            return same
        }
        let read: StoreRanking? = try await pool.read { db in
            guard let layoutBytes = try Self.part(Self.layoutPart, run: run.id, matrix: name, in: db),
                  let factsBytes = try Self.part(Self.factsPart, run: run.id, matrix: name, in: db) else { return nil }
            let rules = try Self.rules(run.rulesDigest, current: current, in: db)
            guard let compiled = rules.matrix(named: name) else {
                throw APIError(.internalServerError, "run-unreadable", "run \(run.id)'s rules no longer hold matrix '\(name)'")
            }
            let layout = try StoreLayout(decoding: Array(layoutBytes))
            var facts = BinaryReader(Array(factsBytes))
            let ingest = try facts.int(), rescored = Int(truncatingIfNeeded: try facts.int())
            var ordinals: [Int32] = []
            for _ in 0..<(try facts.count(size: 8)) {
                let ordinal = try facts.int()
                guard (0..<Int64(layout.count)).contains(ordinal) else {
                    throw BinaryReader.Damaged(description: "stored ranking names a place outside its data")
                }
                ordinals.append(Int32(ordinal))
            }
            let cursor = try Row.fetchCursor(db, sql: """
                SELECT bytes FROM run_ranking WHERE run_id = ? AND matrix = \(StoredText.parameter) AND part >= 0
                ORDER BY part
                """, arguments: [run.id, StoredText.argument(name)])
            let whole = try PackedRanking(archive: {
                guard let row = try cursor.next() else { return nil }
                let bytes: Data = row["bytes"]
                return Array(bytes)
            }, matrix: compiled)
            guard whole.ineligible.count == ordinals.count else {
                throw BinaryReader.Damaged(description: "stored ranking's ineligible offenders do not match their places")
            }
            return StoreRanking(rulesDigest: whole.rulesDigest, matrix: name, asOf: whole.asOf, ingest: ingest,
                                whole: whole, layout: layout, ineligibleOrdinals: ordinals, rescored: rescored)
        }
        if let read { loaded.put(key, read) }
        return read
    }

    private static func part(_ part: Int64, run: Int64, matrix: String, in db: Database) throws -> Data? {
        try Data.fetchOne(db, sql: """
            SELECT bytes FROM run_ranking WHERE run_id = ? AND matrix = \(StoredText.parameter) AND part = ?
            """, arguments: [run, StoredText.argument(matrix), part])
    }

    /// The rules a run was made with: those in force when the digest is theirs, else the files kept.
    private static func rules(_ digest: String, current: RuleSet, in db: Database) throws -> RuleSet {
        if current.digest == digest { return current }
        guard let text = try String.fetchOne(db, sql: "SELECT files FROM run_rules WHERE digest = ?", arguments: [digest]),
              let files = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: String]] else {
            throw APIError(.internalServerError, "run-unreadable", "the rules of digest \(digest) are not kept")
        }
        let rules = Engine.load(files: files.compactMap { file in
            file["path"].flatMap { path in file["text"].map { SourceFile(path: path, text: $0) } }
        })
        guard rules.digest == digest, !rules.hasErrors else {
            throw APIError(.internalServerError, "run-unreadable", "the kept rules of digest \(digest) no longer load as they did")
        }
        return rules
    }
}

/// The run rankings read back most recently: a panel reads one run's lists many times.
final class LoadedRunRankings: Sendable {
    struct Key: Hashable, Sendable {
        let run: Int64
        let matrix: ExactText
    }

    /// How many are kept: each is about as large as a live ranking.
    static let kept = 2
    private let entries = Locked<[(Key, StoreRanking)]>([])

    func get(_ key: Key) -> StoreRanking? {
        entries.update { entries in
            guard let index = entries.firstIndex(where: { $0.0 == key }) else { return nil }
            let entry = entries.remove(at: index)
            entries.append(entry)
            return entry.1
        }
    }

    func put(_ key: Key, _ ranking: StoreRanking) {
        entries.update { entries in
            entries.removeAll { $0.0 == key }
            entries.append((key, ranking))
            if entries.count > Self.kept { entries.removeFirst(entries.count - Self.kept) }
        }
    }
}
