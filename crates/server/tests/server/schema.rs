//! The versioned schema: a database written by a newer Broadsheet is refused, on either store, and instances
//! that start at once on a new database take turns at creating it.

use crate::common;

use std::ffi::OsString;

use common::fleet::{free_port, Instance};
use common::{demo_content, fake_dist};

/// Marks the store as migrated to a version this binary does not have, as a newer release would leave it.
fn from_the_future(db: &broadsheet_server::Db) {
    db.with_conn(|c| {
        c.execute(
            "INSERT INTO refinery_schema_history (version, name, applied_on, checksum)
             VALUES (99, 'from_a_newer_release', '2027-01-01T00:00:00Z', '0')",
            (),
        )
    })
    .unwrap();
}

fn refused(result: Result<broadsheet_server::Db, broadsheet_store::db::StoreError>) -> String {
    match result {
        Ok(_) => panic!("a database from a newer release was opened"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn a_sqlite_database_from_a_newer_release_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.db");
    from_the_future(&broadsheet_server::Db::open(&path).unwrap());
    let message = refused(broadsheet_server::Db::open(&path));
    assert!(message.contains("newer Broadsheet"), "{message}");
}

#[test]
fn a_postgresql_database_from_a_newer_release_is_refused() {
    let url = common::postgres::url();
    from_the_future(&broadsheet_server::Db::connect(&url).unwrap());
    let message = refused(broadsheet_server::Db::connect(&url));
    assert!(message.contains("newer Broadsheet"), "{message}");
}

#[test]
fn three_instances_starting_at_once_on_a_new_postgresql_database_all_start_on_one_schema() {
    let dir = tempfile::tempdir().unwrap();
    let url = common::postgres::url();
    let args: Vec<OsString> = vec![
        "--database-url".into(),
        url.clone().into(),
        "--db".into(),
        dir.path().join("unused.db").into(),
        "--content".into(),
        demo_content().into(),
        "--dist".into(),
        fake_dist(dir.path()).into(),
        "--mail-outbox".into(),
        dir.path().join("outbox").into(),
    ];
    // Each migrates and imports at start; the advisory lock makes them take turns.
    let starting: Vec<_> = (0..3)
        .map(|i| {
            let (args, log) = (args.clone(), dir.path().join(format!("i{i}.log")));
            std::thread::spawn(move || Instance::start(free_port(), args, log))
        })
        .collect();
    let instances: Vec<Instance> = starting.into_iter().map(|t| t.join().unwrap()).collect();
    let db = broadsheet_server::Db::connect(&url).unwrap();
    let (versions, articles): (i64, i64) = db
        .with_conn(|c| {
            Ok((
                c.query_row("SELECT COUNT(*) FROM refinery_schema_history", (), |r| {
                    r.get(0)
                })?,
                c.query_row("SELECT COUNT(*) FROM articles", (), |r| r.get(0))?,
            ))
        })
        .unwrap();
    let known = std::fs::read_dir(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../store/migrations/postgres"
    ))
    .unwrap()
    .count() as i64;
    assert_eq!(versions, known, "each version applied once");
    assert_eq!(articles as u64, common::demo_article_count(None));
    drop(instances);
}

/// Every table's columns with a portable type (`integer`, `text`), as one engine describes them, sorted; the
/// migration history left out.
fn columns(db: &broadsheet_server::Db) -> Vec<(String, String, String)> {
    let sql = match db.dialect() {
        broadsheet_store::db::Dialect::Sqlite => {
            "SELECT m.name, p.name, lower(p.type) FROM sqlite_master m, pragma_table_info(m.name) p
             WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name <> 'refinery_schema_history'"
        }
        broadsheet_store::db::Dialect::Postgres => {
            "SELECT table_name::text, column_name::text, data_type::text FROM information_schema.columns
             WHERE table_schema = 'public' AND table_name <> 'refinery_schema_history'"
        }
    };
    let mut out: Vec<(String, String, String)> = db
        .with_conn(|c| {
            c.query_map(sql, (), |r| {
                let ty: String = r.get(2)?;
                let portable = match ty.as_str() {
                    "integer" | "bigint" => "integer",
                    "text" => "text",
                    other => other,
                };
                Ok((r.get(0)?, r.get(1)?, portable.to_string()))
            })
        })
        .unwrap();
    out.sort();
    out
}

#[test]
fn sqlite_and_postgresql_have_the_same_tables_columns_and_types() {
    let dir = tempfile::tempdir().unwrap();
    let sqlite = columns(&broadsheet_server::Db::open(&dir.path().join("t.db")).unwrap());
    let postgres = columns(&broadsheet_server::Db::connect(&common::postgres::url()).unwrap());
    // Search is no engine's own any more: both hold the same outbox the index is fed from.
    assert!(sqlite.len() > 40, "{sqlite:?}");
    assert!(sqlite.iter().any(|c| c.0 == "search_outbox"), "{sqlite:?}");
    assert_eq!(sqlite, postgres);
}

#[test]
fn the_outbox_trigger_takes_the_write_paths_lock_on_postgresql() {
    // One definition: the number in the V4 trigger is the store's ADVISORY_LOCK, so writers outside the write path
    // number their changes in commit order too.
    let db = broadsheet_server::Db::connect(&common::postgres::url()).unwrap();
    let source: String = db
        .with_conn(|c| {
            c.query_row(
                "SELECT prosrc FROM pg_proc WHERE proname = 'articles_outbox'",
                (),
                |r| r.get(0),
            )
        })
        .unwrap();
    let lock = format!(
        "pg_advisory_xact_lock({})",
        broadsheet_store::db::ADVISORY_LOCK
    );
    assert!(source.contains(&lock), "{source}");
}

/// A server about to take readers opens its PostgreSQL connections at start, so its first readers do not each
/// wait for a server process to start (at 100,000 articles the first seconds of reads had p99 586 ms); it opens
/// as many as it was given (`--database-connections`) and no more.
#[test]
fn a_postgresql_store_opens_its_connections_before_readers_come() {
    let db = broadsheet_server::Db::connect_with(&common::postgres::url(), 6).unwrap();
    let open = |db: &broadsheet_server::Db| -> i64 {
        db.with_conn(|c| {
            c.query_row(
                "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database()",
                (),
                |r| r.get(0),
            )
        })
        .unwrap()
    };
    let before = open(&db);
    db.open_connections();
    let after = open(&db);
    assert!(
        before <= 2,
        "connections are opened when needed until then: {before}"
    );
    assert_eq!(after, 6, "the pool's connections are open, and no more");
}

/// Writers queued behind another's long hold of the write path's lock (an import of a whole archive) wait their
/// turn in memory, not on a pooled connection: readers still get one with the smallest pool.
#[test]
fn writers_waiting_for_the_write_lock_leave_readers_a_connection() {
    let url = common::postgres::url();
    let db = broadsheet_server::Db::connect_with(&url, 4).unwrap();
    let lock = broadsheet_store::db::ADVISORY_LOCK;
    // Another process holds the write path's lock until told to let go.
    let other = broadsheet_server::Db::connect_with(&url, 4).unwrap();
    let (held_tx, held_rx) = std::sync::mpsc::channel();
    let (release_tx, release_rx) = std::sync::mpsc::channel::<()>();
    let holder = std::thread::spawn(move || {
        other
            .with_conn(move |c| {
                c.execute("SELECT pg_advisory_lock(?1)", [lock])?;
                held_tx.send(()).ok();
                release_rx.recv().ok();
                c.execute("SELECT pg_advisory_unlock(?1)", [lock])?;
                Ok(())
            })
            .unwrap();
    });
    held_rx.recv().unwrap();
    let rt = tokio::runtime::Runtime::new().unwrap();
    let writers: Vec<_> = (0..6)
        .map(|_| {
            let db = db.clone();
            rt.spawn(async move {
                db.write(move |c| c.execute("SELECT pg_advisory_xact_lock(?1)", [lock]))
                    .await
            })
        })
        .collect();
    // The writers are under way (one waiting on the lock, the rest for their turn) when a reader comes.
    std::thread::sleep(std::time::Duration::from_millis(300));
    let read = rt.block_on(db.run(|c| c.query_row("SELECT 1", (), |r| r.get::<_, i64>(0))));
    // Let go before asserting: a failed assertion would otherwise wait on the writers for ever.
    release_tx.send(()).unwrap();
    holder.join().unwrap();
    assert_eq!(
        read.ok(),
        Some(1),
        "a reader got a connection while writers waited"
    );
    for w in writers {
        assert!(rt.block_on(w).unwrap().is_ok(), "each writer had its turn");
    }
}
