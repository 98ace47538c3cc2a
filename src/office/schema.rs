//! The office database's tables, and the migrations that bring an older file up to date.
//! The file's `user_version` says which migrations it has had; each runs once, in order, in
//! one transaction with the version it sets.

use rusqlite::Connection;

/// The tables of the first version (as `office.sqlite` files made before migrations have them).
const FIRST: &str = "
CREATE TABLE IF NOT EXISTS users (
    name TEXT PRIMARY KEY,
    role TEXT NOT NULL,
    hash TEXT NOT NULL,
    disabled INTEGER NOT NULL DEFAULT 0,
    created TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS audit (
    seq INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    user TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT NOT NULL,
    address TEXT NOT NULL,
    prev TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS states (
    path TEXT PRIMARY KEY,
    state TEXT NOT NULL,
    by TEXT NOT NULL,
    at TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT '',
    version INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS versions (
    path TEXT NOT NULL,
    seq INTEGER NOT NULL,
    text TEXT NOT NULL,
    by TEXT NOT NULL,
    at TEXT NOT NULL,
    PRIMARY KEY (path, seq)
);
CREATE TABLE IF NOT EXISTS comments (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL,
    parent INTEGER,
    field TEXT NOT NULL DEFAULT '',
    passage TEXT NOT NULL DEFAULT '',
    document TEXT NOT NULL DEFAULT '',
    author TEXT NOT NULL,
    at TEXT NOT NULL,
    text TEXT NOT NULL,
    resolved_by TEXT NOT NULL DEFAULT '',
    resolved_at TEXT NOT NULL DEFAULT ''
);
";

/// Each migration after the first, in order: the file's `user_version` is its place + 2.
const MIGRATIONS: &[&str] = &[
    // 2: a user's stamp changes with every change to the account (sessions made before it
    // end); an audit entry carries the hash of what it changed (a version's text, a state);
    // a record's state keeps the hash of the version under review and of the approved one.
    "ALTER TABLE users ADD COLUMN stamp INTEGER NOT NULL DEFAULT 0;
     ALTER TABLE audit ADD COLUMN detail TEXT NOT NULL DEFAULT '';
     ALTER TABLE states ADD COLUMN sha256 TEXT NOT NULL DEFAULT '';
     ALTER TABLE states ADD COLUMN approved_version INTEGER NOT NULL DEFAULT 0;
     ALTER TABLE states ADD COLUMN approved_sha256 TEXT NOT NULL DEFAULT '';
     ALTER TABLE states ADD COLUMN layout_sha256 TEXT NOT NULL DEFAULT '';",
    // 3: a person's credential at the remote signing service (`serve --csc`), "" for none.
    "ALTER TABLE users ADD COLUMN csc_credential TEXT NOT NULL DEFAULT '';",
];

/// The schema version a file has once every migration ran.
pub const VERSION: i64 = MIGRATIONS.len() as i64 + 1;

/// Brings `db` up to [`VERSION`].
pub fn migrate(db: &mut Connection) -> rusqlite::Result<()> {
    db.execute_batch("PRAGMA journal_mode = WAL;")?;
    let tx = db.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    let mut version: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if version == 0 {
        tx.execute_batch(FIRST)?;
        version = 1;
    }
    for (i, migration) in MIGRATIONS.iter().enumerate() {
        let to = i as i64 + 2;
        if version < to {
            tx.execute_batch(migration)?;
            version = to;
        }
    }
    tx.execute_batch(&format!("PRAGMA user_version = {version};"))?;
    tx.commit()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_first_version_file_is_migrated_once_and_keeps_its_rows() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("office.sqlite");
        let mut db = Connection::open(&path).unwrap();
        db.execute_batch(FIRST).unwrap();
        db.execute(
            "INSERT INTO users (name, role, hash, created) VALUES ('mai', 'van-thu', 'h', 'x')",
            [],
        )
        .unwrap();
        migrate(&mut db).unwrap();
        migrate(&mut db).unwrap();
        let (stamp, version): (i64, i64) = db
            .query_row(
                "SELECT stamp, (SELECT user_version FROM pragma_user_version) FROM users",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert_eq!((stamp, version), (0, VERSION));
    }
}
