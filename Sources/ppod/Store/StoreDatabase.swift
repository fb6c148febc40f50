import GRDB

/// Opens ppod's SQLite file and brings its schema up to date.
///
/// WAL mode (GRDB's `DatabasePool` always uses it) lets readers go on while an ingest writes, and
/// `synchronous = FULL` makes every acknowledged commit survive not just a killed process but a
/// power cut: the store holds the only copy of what an ingest acknowledged.
enum StoreDatabase {
    static func open(path: String) throws -> DatabasePool {
        var configuration = Configuration()
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        let pool = try DatabasePool(path: path, configuration: configuration)
        try migrator.migrate(pool)
        return pool
    }

    private static var migrator: DatabaseMigrator {
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
        migrator.registerMigration("v2-audit") { db in
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
        return migrator
    }
}
