use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use r2d2_sqlite::SqliteConnectionManager;
use rusqlite::{Connection, OpenFlags};

use super::pg_link::PgManager;
use super::sql::{Conn, Dialect, SqliteConn};
use super::StoreError;

/// A handle on the store: a SQLite file or a PostgreSQL database, each through an r2d2 connection pool. Work runs
/// on tokio's blocking threads ([`Db::run`]), which drive their PostgreSQL connection themselves (`pg_link`).
#[derive(Clone)]
pub struct Db {
    pub(super) inner: Arc<Store>,
    /// The instance's writers' turn ([`Db::write`]).
    writer: Arc<tokio::sync::Mutex<()>>,
}

pub(super) enum Store {
    Sqlite {
        path: PathBuf,
        pool: r2d2::Pool<SqliteConnectionManager>,
    },
    Postgres {
        /// Connections each driven by the thread that waits on it (`pg_link`).
        pool: r2d2::Pool<PgManager>,
        /// The pool's manager again (r2d2 does not lend its own): the schema's connection, and how long a
        /// request waits while connections cannot be opened (`PgManager::wait`).
        links: Box<PgManager>,
    },
}

/// The fewest PostgreSQL connections an instance keeps: mail delivery holds one for its lock and reads what is due
/// on another, and a reader and a writer ([`Db::write`]) need one each beside them.
pub const MIN_CONNECTIONS: usize = 4;
/// SQLite connections per instance: readers run at once under WAL, writers take turns on the file's lock.
const SQLITE_POOL: u32 = 16;
/// How long a request waits for a free connection before it is answered `503` (StoreError::Unavailable); on
/// PostgreSQL a quarter of a second while connections cannot be opened (`pg_link::FAILING_WAIT`).
pub(super) const POOL_WAIT: Duration = Duration::from_secs(10);
/// Every SQLite connection's settings: write-ahead log (readers never wait for the writer), foreign keys, and
/// a writer waits up to 5 s for another's lock before giving up.
/// (`busy_timeout` first: switching to WAL waits for another process's lock like any other statement.)
const SQLITE_PRAGMAS: &str = "PRAGMA busy_timeout = 5000; PRAGMA journal_mode = WAL; \
    PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;";

impl Db {
    /// PostgreSQL connections per instance unless told (`Db::connect_with`): twice this machine's cores, from
    /// [`MIN_CONNECTIONS`] to 16. Each holds a server process, so N instances hold N times this. PostgreSQL's own
    /// rule of thumb is twice the database's cores plus its disks (wiki: "Number Of Database Connections"); more
    /// only queue inside it. Measured at 100,000 articles with the database on the same 2 cores, wrk `-c32`: 16
    /// connections gave an article p99 of 109–216 ms and a section page 100–298 ms; 4 gave 16–17 and 15–17 ms at
    /// the same throughput (about 4,000 req/s). At most 16, the fixed number before, so that a many-core host does
    /// not take a default PostgreSQL's 100 connections on its own.
    pub fn default_connections() -> usize {
        let cores = std::thread::available_parallelism().map_or(2, usize::from);
        (2 * cores).clamp(MIN_CONNECTIONS, 16)
    }

    /// Opens (creating if needed) the SQLite database at `path` and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Db, StoreError> {
        let mut conn = Connection::open_with_flags(path, Db::sqlite_flags())?;
        conn.execute_batch(SQLITE_PRAGMAS)?;
        super::schema::migrate_sqlite(&mut conn)?;
        drop(conn);
        let manager = SqliteConnectionManager::file(path)
            .with_flags(Db::sqlite_flags())
            .with_init(|c| c.execute_batch(SQLITE_PRAGMAS));
        // Connections are opened when first needed (min_idle 0), so building the pool does not wait.
        let pool = r2d2::Pool::builder()
            .max_size(SQLITE_POOL)
            .min_idle(Some(0))
            .connection_timeout(POOL_WAIT)
            .build(manager)
            .map_err(|e| StoreError::Failed(format!("cannot make the pool: {e}")))?;
        Ok(Db {
            writer: Arc::default(),
            inner: Arc::new(Store::Sqlite {
                path: path.to_path_buf(),
                pool,
            }),
        })
    }

    /// Opens the store a `--database-url` names: `sqlite://path` (or a bare path) or `postgres://…`. Brings the
    /// schema up to date, one instance at a time; refuses a schema newer than this binary knows.
    pub fn connect(url: &str) -> Result<Db, StoreError> {
        Db::connect_with(url, Db::default_connections())
    }

    /// [`Db::connect`] with at most `connections` PostgreSQL connections, [`MIN_CONNECTIONS`] at least (SQLite's
    /// pool is fixed).
    pub fn connect_with(url: &str, connections: usize) -> Result<Db, StoreError> {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            let config: tokio_postgres::Config = url
                .parse()
                .map_err(|e| StoreError::Failed(format!("--database-url: {e}")))?;
            let links = PgManager::new(config)?;
            // On a connection and a thread of their own: this may be called from async code (the command line,
            // tests), where a connection may not be waited on.
            std::thread::scope(|s| {
                s.spawn(|| links.link()?.migrate())
                    .join()
                    .unwrap_or_else(|_| {
                        Err(StoreError::Failed("the schema update panicked".into()))
                    })
            })?;
            // Connections are opened when first needed (`Db::open_connections` opens them all for a server) and
            // kept, however long idle: each new one costs its first requests a server process's start. Each
            // checkout drops a connection PostgreSQL has closed (`PgManager::is_valid`, no round trip).
            let pool = r2d2::Pool::builder()
                .max_size(connections.max(MIN_CONNECTIONS) as u32)
                .min_idle(Some(0))
                .idle_timeout(None)
                .max_lifetime(None)
                .connection_timeout(POOL_WAIT)
                .build(links.clone())
                .map_err(|e| StoreError::Failed(format!("cannot make the pool: {e}")))?;
            return Ok(Db {
                writer: Arc::default(),
                inner: Arc::new(Store::Postgres {
                    pool,
                    links: Box::new(links),
                }),
            });
        }
        let path = url
            .strip_prefix("sqlite://")
            .or_else(|| url.strip_prefix("sqlite:"))
            .unwrap_or(url);
        Db::open(Path::new(path))
    }

    /// Opens the pool's connections now rather than on the first requests that need them, for a server about to
    /// take readers: on PostgreSQL each new connection costs its first requests a server process's start (at
    /// 100,000 articles the first 8 s of reads after a start had p99 586 ms, then 20 ms). SQLite's connections
    /// cost nothing to open. A connection that cannot be opened is logged and left to be opened when needed.
    pub fn open_connections(&self) {
        let Store::Postgres { pool, .. } = &*self.inner else {
            return;
        };
        // On a thread of its own: opening waits on each connection, and the caller may be on an async thread.
        let opened = std::thread::scope(|s| {
            s.spawn(|| {
                let size = pool.max_size() as usize;
                let mut held = Vec::with_capacity(size);
                for _ in 0..size {
                    held.push(pool.get()?);
                }
                Ok::<usize, r2d2::Error>(held.len())
            })
            .join()
        });
        match opened {
            Ok(Ok(n)) => tracing::debug!(connections = n, "PostgreSQL connections opened"),
            Ok(Err(e)) => {
                tracing::warn!("PostgreSQL: not every connection could be opened at start: {e}")
            }
            Err(_) => tracing::warn!("PostgreSQL: opening the connections panicked"),
        }
    }

    /// A SQLite database in memory with the schema, for unit tests.
    #[doc(hidden)]
    pub fn memory() -> Result<Conn, StoreError> {
        let mut conn = Connection::open_in_memory()?;
        conn.execute_batch("PRAGMA foreign_keys = ON;")?;
        super::schema::migrate_sqlite(&mut conn)?;
        Ok(Conn::Sqlite(conn.into()))
    }

    /// Which engine this is.
    pub fn dialect(&self) -> Dialect {
        match &*self.inner {
            Store::Sqlite { .. } => Dialect::Sqlite,
            Store::Postgres { .. } => Dialect::Postgres,
        }
    }

    fn sqlite_flags() -> OpenFlags {
        OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX
    }

    /// Runs `f` with a connection on this thread. Must not be called on an async task's thread with
    /// PostgreSQL; [`Db::with_conn`] and [`Db::run`] see to that.
    fn here<T>(&self, f: impl FnOnce(&Conn) -> Result<T, StoreError>) -> Result<T, StoreError> {
        match &*self.inner {
            Store::Sqlite { pool, .. } => {
                let conn = Conn::Sqlite(SqliteConn::Pooled(pool.get()?));
                f(&conn)
            }
            Store::Postgres { pool, links } => {
                let conn = Conn::Postgres(super::postgres::PgConn {
                    link: Box::new(
                        pool.get_timeout(links.wait(pool.state().connections, POOL_WAIT))?,
                    ),
                });
                f(&conn)
            }
        }
    }

    /// Runs `f` with a connection and waits for it (for the command line, the importer and tests). With
    /// PostgreSQL it runs on a thread of its own, so that it may be called from async code.
    pub fn with_conn<T: Send>(
        &self,
        f: impl FnOnce(&Conn) -> Result<T, StoreError> + Send,
    ) -> Result<T, StoreError> {
        match &*self.inner {
            Store::Sqlite { .. } => self.here(f),
            Store::Postgres { .. } => std::thread::scope(|s| {
                s.spawn(|| self.here(f))
                    .join()
                    .unwrap_or_else(|_| Err(StoreError::Failed("a database task panicked".into())))
            }),
        }
    }

    /// Runs the write path's `f` ([`super::write`]) with a connection on a blocking thread: one writer of this
    /// instance at a time. On PostgreSQL a writer waits for the write path's lock holding its connection; the
    /// instance's other writers wait here, in memory, so that writers queued behind a long import (26 s for
    /// 100,000 articles) never hold the connections its readers need.
    pub async fn write<T: Send + 'static>(
        &self,
        f: impl FnOnce(&Conn) -> Result<T, StoreError> + Send + 'static,
    ) -> Result<T, StoreError> {
        let _turn = self.writer.lock().await;
        self.run(f).await
    }

    /// Runs `f` with a connection on a blocking thread (for request handlers).
    pub async fn run<T: Send + 'static>(
        &self,
        f: impl FnOnce(&Conn) -> Result<T, StoreError> + Send + 'static,
    ) -> Result<T, StoreError> {
        let db = self.clone();
        tokio::task::spawn_blocking(move || db.here(f)).await?
    }
}
