//! The schema, versioned with refinery (`crates/store/migrations/{sqlite,postgres}/V{n}__{name}.sql`): run at
//! start, each version once, one instance at a time (SQLite's write lock; a PostgreSQL advisory lock), and a
//! database that has a version this binary does not know is refused (refinery's `abort_missing`).

use rusqlite::Connection;

use super::StoreError;

mod sqlite {
    refinery::embed_migrations!("migrations/sqlite");
}

mod postgres {
    refinery::embed_migrations!("migrations/postgres");
}

/// The advisory lock that schema changes and imports hold on PostgreSQL, so that instances starting at once
/// take turns (any number that no other application on the database uses).
pub const ADVISORY_LOCK: i64 = 0x4272_6f61_6473;

fn refused(e: refinery::Error) -> StoreError {
    StoreError::Failed(format!(
        "the database schema cannot be brought up to date: {e} (a database written by a newer Broadsheet \
         is refused; run that version or restore a backup)"
    ))
}

/// Whether `table` has `column` (SQLite).
fn has_column(conn: &Connection, table: &str, column: &str) -> rusqlite::Result<bool> {
    conn.query_row(
        "SELECT COUNT(*) > 0 FROM pragma_table_info(?1) WHERE name = ?2",
        [table, column],
        |r| r.get(0),
    )
}

/// A SQLite database from before versioned migrations gets the columns version 1 has, so that version 1's
/// `IF NOT EXISTS` statements find what they expect.
fn before_versions(conn: &Connection) -> rusqlite::Result<()> {
    let versioned: bool = conn.query_row(
        "SELECT COUNT(*) > 0 FROM sqlite_master WHERE name = 'refinery_schema_history'",
        [],
        |r| r.get(0),
    )?;
    let old: bool = conn.query_row(
        "SELECT COUNT(*) > 0 FROM sqlite_master WHERE name = 'articles'",
        [],
        |r| r.get(0),
    )?;
    if versioned || !old {
        return Ok(());
    }
    for (table, column, ddl) in [
        (
            "comments",
            "key",
            "ALTER TABLE comments ADD COLUMN key TEXT",
        ),
        (
            "articles",
            "digest",
            "ALTER TABLE articles ADD COLUMN digest TEXT",
        ),
        (
            "article_tags",
            "position",
            "ALTER TABLE article_tags ADD COLUMN position INTEGER NOT NULL DEFAULT 0",
        ),
    ] {
        if !has_column(conn, table, column)? {
            conn.execute_batch(ddl)?;
        }
    }
    // Every article is imported again (its digest is new), which writes its topics' positions.
    conn.execute_batch(
        "UPDATE articles SET digest = NULL;
         DROP INDEX IF EXISTS comments_demo_once;",
    )?;
    // A database from before the counts table: fill it once from the articles.
    conn.execute_batch(
        "CREATE TABLE IF NOT EXISTS article_counts (
             section_id INTEGER NOT NULL, kind TEXT NOT NULL, n INTEGER NOT NULL,
             PRIMARY KEY (section_id, kind)) WITHOUT ROWID;
         INSERT INTO article_counts (section_id, kind, n)
             SELECT section_id, kind, COUNT(*) FROM articles
             WHERE NOT EXISTS (SELECT 1 FROM article_counts) GROUP BY section_id, kind;",
    )
}

/// Brings a SQLite database's schema up to date, under its write lock.
pub fn migrate_sqlite(conn: &mut Connection) -> Result<(), StoreError> {
    conn.execute_batch("BEGIN IMMEDIATE")?;
    let upgraded = before_versions(conn);
    conn.execute_batch(if upgraded.is_ok() {
        "COMMIT"
    } else {
        "ROLLBACK"
    })?;
    upgraded?;
    let run = |conn: &mut Connection| {
        sqlite::migrations::runner()
            .set_abort_missing(true)
            .set_abort_divergent(true)
            .run(conn)
    };
    // Two processes starting on a new file may both try a version; the one that lost finds it applied when it
    // tries again.
    if run(conn).is_err() {
        std::thread::sleep(std::time::Duration::from_millis(200));
        run(conn).map_err(refused)?;
    }
    Ok(())
}

/// Brings a PostgreSQL database's schema up to date, holding [`ADVISORY_LOCK`] so that instances starting at
/// once take turns.
pub async fn migrate_postgres(client: &mut tokio_postgres::Client) -> Result<(), StoreError> {
    client
        .execute("SELECT pg_advisory_lock($1)", &[&ADVISORY_LOCK])
        .await?;
    let result = postgres::migrations::runner()
        .set_abort_missing(true)
        .set_abort_divergent(true)
        .run_async(client)
        .await
        .map_err(refused);
    client
        .execute("SELECT pg_advisory_unlock($1)", &[&ADVISORY_LOCK])
        .await?;
    result.map(|_| ())
}
