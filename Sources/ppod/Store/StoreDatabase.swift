import Foundation
import GRDB
import GRDBSQLite
import PPOEngine

/// Opens ppod's SQLite file and brings its schema up to date.
///
/// WAL mode (GRDB's `DatabasePool` always uses it) lets readers go on while an ingest writes, and
/// `synchronous = FULL` makes every acknowledged commit survive not just a killed process but a
/// power cut: the store holds the only copy of what an ingest acknowledged.
enum StoreDatabase {
    /// How long a statement waits for another connection's lock before failing.
    static let busyTimeout: TimeInterval = 5

    static func open(path: String) throws -> DatabasePool {
        var configuration = Configuration()
        // Another connection's write (a second process on the file, a checkpoint) makes SQLite
        // answer "database is locked" at once by default; waiting a little turns that into a delay.
        configuration.busyMode = .timeout(busyTimeout)
        configuration.prepareDatabase { db in
            // Only a new file takes it (before its first table): 16 KB pages hold five records of
            // 2.8 KB where 4 KB pages held one, wasting a third of the file (BENCHMARKS.md, issue 15).
            try db.execute(sql: "PRAGMA page_size = 16384")
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        let pool = try DatabasePool(path: path, configuration: configuration)
        // GRDB sets `synchronous = NORMAL` on the writer after `prepareDatabase`, when it turns WAL
        // on; a commit under NORMAL survives a killed process but not a power cut. FULL again, on the
        // one connection that writes.
        // A log grown by a large ingest is cut back to 64 MB once it has been copied into the file.
        try pool.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
            try db.execute(sql: "PRAGMA journal_size_limit = 67108864")
        }
        try migrator.migrate(pool)
        return pool
    }

    /// Copies the write-ahead log of `db`'s file into the database file on a thread and a
    /// connection of their own (a passive checkpoint: it never waits for a reader or a writer, and
    /// none waits for it). A checkpoint already running makes this one return at once; whatever it
    /// leaves is copied by the next.
    static func checkpointInBackground(of db: Database) {
        guard let connection = db.sqliteConnection, let name = sqlite3_db_filename(connection, "main") else { return }
        let path = String(cString: name)
        guard !path.isEmpty else { return }
        let thread = Thread {
            var handle: OpaquePointer?
            defer { sqlite3_close(handle) }
            guard sqlite3_open_v2(path, &handle, SQLITE_OPEN_READWRITE, nil) == SQLITE_OK, let handle else { return }
            sqlite3_busy_timeout(handle, Int32(busyTimeout * 1000))
            sqlite3_exec(handle, "PRAGMA synchronous = FULL", nil, nil, nil)
            sqlite3_wal_checkpoint_v2(handle, nil, SQLITE_CHECKPOINT_PASSIVE, nil, nil)
        }
        thread.name = "ppod-checkpoint"
        thread.start()
    }

    /// `ppod_sha256(body)`: the SHA-256 of a BLOB as 32 bytes, for the migration that digests the
    /// records already stored.
    static let sha256Function = DatabaseFunction("ppod_sha256", argumentCount: 1, pure: true) { values in
        guard let bytes = values.first.flatMap({ Data.fromDatabaseValue($0) }) else { return nil }
        return Data(SHA256Digester().digest(Array(bytes)).bytes)
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            // One row per offender: the record's line as received, the version `changed()` compares
            // with, and the order records first arrived in (the order every evaluation reads them).
            try db.execute(sql: """
                CREATE TABLE offender (
                    id TEXT PRIMARY KEY,
                    seq INTEGER NOT NULL UNIQUE,
                    area TEXT,
                    body BLOB NOT NULL,
                    previous BLOB,
                    changed_ingest INTEGER NOT NULL
                );
                CREATE INDEX offender_area ON offender(area, seq);
                CREATE TABLE ingest (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    at TEXT NOT NULL,
                    token TEXT NOT NULL,
                    received INTEGER NOT NULL,
                    inserted INTEGER NOT NULL,
                    updated INTEGER NOT NULL,
                    unchanged INTEGER NOT NULL,
                    rejected INTEGER NOT NULL
                );
                CREATE TABLE run (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    as_of TEXT NOT NULL,
                    trigger TEXT NOT NULL,
                    requested_by TEXT NOT NULL,
                    created_at TEXT NOT NULL,
                    rules_digest TEXT NOT NULL,
                    data_digest TEXT NOT NULL,
                    previous_digest TEXT NOT NULL,
                    last_ingest INTEGER NOT NULL,
                    offenders INTEGER NOT NULL,
                    areas TEXT NOT NULL,
                    rejected TEXT NOT NULL
                );
                CREATE TABLE run_output (
                    run_id INTEGER NOT NULL REFERENCES run(id),
                    kind TEXT NOT NULL,
                    name TEXT NOT NULL,
                    area TEXT NOT NULL,
                    json BLOB NOT NULL,
                    csv BLOB NOT NULL,
                    offenders TEXT NOT NULL,
                    PRIMARY KEY (run_id, kind, name, area)
                );
                CREATE TABLE audit (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    at TEXT NOT NULL,
                    token TEXT NOT NULL,
                    role TEXT NOT NULL,
                    method TEXT NOT NULL,
                    path TEXT NOT NULL,
                    status INTEGER NOT NULL,
                    action TEXT NOT NULL,
                    offenders TEXT NOT NULL,
                    hash TEXT NOT NULL
                );
                CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
                    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
                CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
                    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
                """)
        }
        migrator.registerMigration("v2-exact-identifiers") { db in
            // Identifiers become BLOBs of their exact UTF-8 bytes (`StoredText`): bound as TEXT they
            // were cut at a NUL, so `Q-1\u0000` and `Q-1` were one row. BLOBs compare with `memcmp`.
            // Rows stored before were cut already; their text is kept as it is, as bytes.
            try db.execute(sql: """
                CREATE TABLE offender_exact (
                    id BLOB PRIMARY KEY,
                    seq INTEGER NOT NULL UNIQUE,
                    area BLOB,
                    body BLOB NOT NULL,
                    previous BLOB,
                    changed_ingest INTEGER NOT NULL
                );
                INSERT INTO offender_exact (id, seq, area, body, previous, changed_ingest)
                    SELECT CAST(id AS BLOB), seq, CAST(area AS BLOB), body, previous, changed_ingest
                    FROM offender ORDER BY seq;
                DROP TABLE offender;
                ALTER TABLE offender_exact RENAME TO offender;
                CREATE INDEX offender_area ON offender(area, seq);
                CREATE TABLE run_output_exact (
                    run_id INTEGER NOT NULL REFERENCES run(id),
                    kind TEXT NOT NULL,
                    name BLOB NOT NULL,
                    area BLOB NOT NULL,
                    json BLOB NOT NULL,
                    csv BLOB NOT NULL,
                    offenders TEXT NOT NULL,
                    PRIMARY KEY (run_id, kind, name, area)
                );
                INSERT INTO run_output_exact (run_id, kind, name, area, json, csv, offenders)
                    SELECT run_id, kind, CAST(name AS BLOB), CAST(area AS BLOB), json, csv, offenders
                    FROM run_output ORDER BY rowid;
                DROP TABLE run_output;
                ALTER TABLE run_output_exact RENAME TO run_output;
                """)
        }
        migrator.registerMigration("v3-every-area-flag") { db in
            // The every-area scope was stored as the area `*`, a name a record could also hold: its
            // outputs then clashed on the key and every run failed. It is now a flag no data value
            // can set; its area is empty. Rows stored before with `*` were the every-area ones (a
            // record's `*` made the whole run fail, so none of those was stored).
            try db.execute(sql: """
                CREATE TABLE run_output_scoped (
                    run_id INTEGER NOT NULL REFERENCES run(id),
                    kind TEXT NOT NULL,
                    name BLOB NOT NULL,
                    every_area INTEGER NOT NULL,
                    area BLOB NOT NULL,
                    json BLOB NOT NULL,
                    csv BLOB NOT NULL,
                    offenders TEXT NOT NULL,
                    PRIMARY KEY (run_id, kind, name, every_area, area)
                );
                INSERT INTO run_output_scoped (run_id, kind, name, every_area, area, json, csv, offenders)
                    SELECT run_id, kind, name, area = CAST('*' AS BLOB),
                           CASE WHEN area = CAST('*' AS BLOB) THEN X'' ELSE area END, json, csv, offenders
                    FROM run_output ORDER BY rowid;
                DROP TABLE run_output;
                ALTER TABLE run_output_scoped RENAME TO run_output;
                """)
        }
        migrator.registerMigration("v4-run-area-counts") { db in
            // Each area's offenders, so that a token limited to some areas is told the counts of its
            // own areas, never the whole store's.
            try db.execute(sql: "ALTER TABLE run ADD COLUMN area_offenders TEXT NOT NULL DEFAULT '[]'")
        }
        migrator.registerMigration("v5-audit") { db in
            // Entries of format 2 chain the client's address, the digest of a disclosure kept apart
            // and the number of ids disclosed too (see AuditLog). A disclosure of many ids is kept
            // once, by the digest of its id list; `audit_head` is the anchor (the last entry, written
            // with it) and `audit_checkpoint` how far the chain has been verified.
            try db.execute(sql: """
                ALTER TABLE audit ADD COLUMN format INTEGER NOT NULL DEFAULT 1;
                ALTER TABLE audit ADD COLUMN client TEXT;
                ALTER TABLE audit ADD COLUMN disclosure TEXT;
                ALTER TABLE audit ADD COLUMN offender_count INTEGER NOT NULL DEFAULT 0;
                CREATE TABLE audit_disclosure (
                    digest TEXT PRIMARY KEY,
                    count INTEGER NOT NULL,
                    ids TEXT NOT NULL
                );
                CREATE TRIGGER audit_disclosure_no_update BEFORE UPDATE ON audit_disclosure
                    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
                CREATE TRIGGER audit_disclosure_no_delete BEFORE DELETE ON audit_disclosure
                    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
                CREATE TABLE audit_head (
                    id INTEGER PRIMARY KEY CHECK (id = 1),
                    seq INTEGER NOT NULL,
                    hash TEXT NOT NULL
                );
                INSERT INTO audit_head (id, seq, hash) SELECT 1, seq, hash FROM audit ORDER BY seq DESC LIMIT 1;
                CREATE TABLE audit_checkpoint (
                    id INTEGER PRIMARY KEY CHECK (id = 1),
                    seq INTEGER NOT NULL,
                    hash TEXT NOT NULL
                );
                """)
        }
        migrator.registerMigration("v6-decisions") { db in
            // The selection panel's decisions (docs/cohort.md): append-only, like the audit log. Each
            // row keeps the decision as the JSON line `GET /v1/decisions` exports and `ppo` reads.
            try db.execute(sql: """
                CREATE TABLE decision (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    id BLOB NOT NULL UNIQUE,
                    offender BLOB NOT NULL,
                    scheme BLOB NOT NULL,
                    line BLOB NOT NULL
                );
                CREATE INDEX decision_offender ON decision(offender, seq);
                CREATE TRIGGER decision_no_update BEFORE UPDATE ON decision
                    BEGIN SELECT RAISE(ABORT, 'decisions are append-only: record a decision that supersedes'); END;
                CREATE TRIGGER decision_no_delete BEFORE DELETE ON decision
                    BEGIN SELECT RAISE(ABORT, 'decisions are append-only: record a decision that supersedes'); END;
                """)
        }
        migrator.registerMigration("v7-ingest") { db in
            // Ingest at a million records (issue 15). `seq` becomes the rowid: rows are stored in
            // arrival order and a table scan is store order, with no index of its own. Each row keeps
            // the SHA-256 of its body, and the area index carries it, so an ingest reads every held
            // id with its digest from two indexes (never the bodies) and compares by digest.
            db.add(function: sha256Function)
            try db.execute(sql: """
                CREATE TABLE offender_v7 (
                    seq INTEGER PRIMARY KEY,
                    id BLOB NOT NULL,
                    area BLOB,
                    body BLOB NOT NULL,
                    previous BLOB,
                    changed_ingest INTEGER NOT NULL,
                    body_sha256 BLOB NOT NULL
                );
                INSERT INTO offender_v7 (seq, id, area, body, previous, changed_ingest, body_sha256)
                    SELECT seq, id, area, body, previous, changed_ingest, ppod_sha256(body)
                    FROM offender ORDER BY seq;
                DROP TABLE offender;
                ALTER TABLE offender_v7 RENAME TO offender;
                CREATE UNIQUE INDEX offender_id ON offender(id);
                CREATE INDEX offender_area ON offender(area, seq, body_sha256);
                """)
            db.remove(function: sha256Function)
        }
        migrator.registerMigration("v8-run-rankings") { db in
            // A run's rankings kept as packed forms (`RunRankings`), not as renderings: a million
            // offenders' JSON is gigabytes per scope. `run_ranking` holds each matrix's archive in
            // parts (negative parts: the layout and what ppod adds), `run_rules` the rule files of
            // every digest a run was made with, so a run's forms can be read after the rules change.
            try db.execute(sql: """
                CREATE TABLE run_ranking (
                    run_id INTEGER NOT NULL REFERENCES run(id),
                    matrix BLOB NOT NULL,
                    part INTEGER NOT NULL,
                    bytes BLOB NOT NULL,
                    PRIMARY KEY (run_id, matrix, part)
                );
                CREATE TABLE run_rules (
                    digest TEXT PRIMARY KEY,
                    files TEXT NOT NULL
                );
                """)
        }
        migrator.registerMigration("v9-drafts") { db in
            // Drafts of rule files (docs/ppod.md, "Drafts"): kept for the record, never deleted. The
            // text and the digest it is published and audited under cannot change once submitted,
            // and a status only moves forward (draft → submitted → published).
            try db.execute(sql: """
                CREATE TABLE draft (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    file TEXT NOT NULL,
                    text BLOB NOT NULL,
                    digest TEXT NOT NULL,
                    base_digest TEXT,
                    author TEXT NOT NULL,
                    author_role TEXT NOT NULL,
                    created_at TEXT NOT NULL,
                    updated_at TEXT NOT NULL,
                    status TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'published')),
                    submitted_at TEXT,
                    published_at TEXT,
                    published_by TEXT
                );
                CREATE TRIGGER draft_fixed_once_submitted BEFORE UPDATE OF file, text, digest, base_digest, author ON draft
                    WHEN OLD.status != 'draft'
                    BEGIN SELECT RAISE(ABORT, 'a submitted draft cannot be altered'); END;
                CREATE TRIGGER draft_status_forward BEFORE UPDATE OF status ON draft
                    WHEN OLD.status = 'published' OR (OLD.status = 'submitted' AND NEW.status = 'draft')
                    BEGIN SELECT RAISE(ABORT, 'a draft status only moves forward'); END;
                CREATE TRIGGER draft_no_delete BEFORE DELETE ON draft
                    BEGIN SELECT RAISE(ABORT, 'drafts are kept for the record'); END;
                """)
        }
        return migrator
    }
}
