//! One PostgreSQL connection driven by the thread that waits on it, and the r2d2 pool of them.
//!
//! tokio-postgres splits a connection in two: a `Client` that queries, and a `Connection` future that does the
//! socket's I/O. Spawned as a task on a runtime of its own (as deadpool-postgres does), every query crossed two
//! threads: the store's blocking thread handed it to the connection's task and slept until that task woke it.
//! Here each connection keeps its own single-threaded runtime, on which its socket is registered, and whoever
//! waits on a query polls the connection in the same call ([`PgLink::block_on`]), as the synchronous `postgres`
//! crate does; unlike that crate, queries polled together are still pipelined (`PgConn::rows_together`). While no
//! one waits, the connection is not polled: PostgreSQL's answers wait in the socket.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use futures_util::future::{select, Either};
use tokio_postgres::config::SslMode;
use tokio_postgres::{Client, Config, Statement};
use tokio_postgres_rustls::MakeRustlsConnect;

use super::StoreError;

/// A connection's I/O, its kind of socket and TLS erased.
type Driving = Pin<Box<dyn Future<Output = Result<(), tokio_postgres::Error>> + Send>>;

/// How long each attempt at one of a URL's addresses may take to connect (unless the URL's `connect_timeout` says),
/// so that a host that does not answer gives way to the next (`host=a,b`).
pub(super) const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
/// How long opening a connection may take in all: name lookup, every address tried, TLS and authentication (a
/// server that accepts and then stalls fails `Unavailable` here).
pub(super) const OPEN_TIMEOUT: Duration = Duration::from_secs(30);
/// How long a request waits for a connection while the last attempt to open one failed within
/// [`FAILING_FOR`]: PostgreSQL is down or refusing, so the request is answered `503` at once rather than after
/// the pool's full wait (r2d2 opens connections on its own threads and reports a failure only when a wait ends).
pub(super) const FAILING_WAIT: Duration = Duration::from_millis(250);
/// How recent a failed attempt to open a connection must be for [`FAILING_WAIT`] to apply: r2d2 tries again at
/// most every 5 s (half its 10 s wait), and an attempt may take [`CONNECT_TIMEOUT`], with a margin.
const FAILING_FOR: Duration = Duration::from_secs(15);

/// One PostgreSQL connection with the runtime its I/O runs on and its prepared statements.
pub struct PgLink {
    pub(super) client: Client,
    driving: RefCell<Driving>,
    /// Statements prepared on this connection, by their SQL.
    statements: RefCell<HashMap<String, Statement>>,
    /// The connection's I/O has ended (closed by the server, a cut link): the pool drops it.
    ended: Cell<bool>,
    /// Last, so that it is dropped after the client and the connection that live on it.
    runtime: Option<tokio::runtime::Runtime>,
}

impl Drop for PgLink {
    fn drop(&mut self) {
        // Without waiting: a link may be dropped on an async thread, where a runtime may not be dropped.
        if let Some(rt) = self.runtime.take() {
            rt.shutdown_background();
        }
    }
}

impl PgLink {
    /// Opens a connection as `config` says, over TLS with `tls` (given when its `sslmode` is `require`).
    ///
    /// # Errors
    /// `Unavailable` when PostgreSQL cannot be reached in [`CONNECT_TIMEOUT`] or refuses; `Failed` when no
    /// runtime can be made.
    pub fn connect(config: &Config, tls: Option<&MakeRustlsConnect>) -> Result<PgLink, StoreError> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| StoreError::Failed(format!("cannot start the driver: {e}")))?;
        let mut config = config.clone();
        if config.get_connect_timeout().is_none() {
            config.connect_timeout(CONNECT_TIMEOUT);
        }
        let opening = async {
            Ok::<(Client, Driving), tokio_postgres::Error>(match tls {
                Some(tls) => {
                    let (client, connection) = config.connect(tls.clone()).await?;
                    (client, Box::pin(connection))
                }
                None => {
                    let (client, connection) = config.connect(tokio_postgres::NoTls).await?;
                    (client, Box::pin(connection))
                }
            })
        };
        let opened =
            runtime.block_on(async { tokio::time::timeout(CONNECT_TIMEOUT, opening).await });
        let (client, driving) = match opened {
            Ok(Ok(opened)) => opened,
            failed => {
                // Without waiting for a name lookup that may still be running on the runtime's threads.
                runtime.shutdown_background();
                return Err(match failed {
                    Ok(Err(e)) => StoreError::from(e),
                    _ => StoreError::Unavailable(format!(
                        "PostgreSQL did not accept a connection within {} s",
                        OPEN_TIMEOUT.as_secs()
                    )),
                });
            }
        };
        Ok(PgLink {
            client,
            driving: RefCell::new(driving),
            statements: RefCell::default(),
            ended: Cell::new(false),
            runtime: Some(runtime),
        })
    }

    /// Runs `work` (queries on [`PgLink::client`]) to its end on this thread, driving the connection meanwhile.
    /// Must not be called on an async task's thread.
    ///
    /// # Errors
    /// `work`'s own error, or `Unavailable` when the connection ends before `work` does.
    pub fn block_on<T, E: Into<StoreError>>(
        &self,
        work: impl Future<Output = Result<T, E>>,
    ) -> Result<T, StoreError> {
        drive(
            self.runtime.as_ref(),
            &mut self.driving.borrow_mut(),
            &self.ended,
            work,
        )
    }

    /// Brings the schema up to date over this connection (`schema::migrate_postgres`, which needs the client
    /// mutably).
    pub(super) fn migrate(&mut self) -> Result<(), StoreError> {
        let PgLink {
            client,
            driving,
            ended,
            runtime,
            ..
        } = self;
        let work = super::schema::migrate_postgres(client);
        drive(runtime.as_ref(), driving.get_mut(), ended, work)
    }

    /// `sql` prepared on this connection: from the cache after its first use (no round trip).
    pub(super) async fn prepared(&self, sql: &str) -> Result<Statement, tokio_postgres::Error> {
        if let Some(s) = self.statements.borrow().get(sql) {
            return Ok(s.clone());
        }
        let statement = self.client.prepare(sql).await?;
        self.statements
            .borrow_mut()
            .insert(sql.to_string(), statement.clone());
        Ok(statement)
    }

    /// Marks the connection unusable, so that the pool drops (closes) it instead of handing it out again.
    pub(super) fn discard(&self) {
        self.ended.set(true);
    }

    /// Whether the connection can no longer be used.
    fn is_broken(&self) -> bool {
        self.ended.get() || self.client.is_closed()
    }

    /// Whether PostgreSQL has closed the connection (a restart, an idle timeout), found without a round trip:
    /// the connection's I/O takes what has already arrived (two turns of its runtime: one to learn the socket's
    /// state, one to read it), so a pooled connection closed while idle is not handed to a request.
    fn found_closed(&self) -> bool {
        let turns = async {
            tokio::task::yield_now().await;
            tokio::task::yield_now().await;
            Ok::<(), StoreError>(())
        };
        self.block_on(turns).is_err() || self.is_broken()
    }
}

/// Runs `work` on `runtime` while polling the connection's I/O (`driving`); `ended` is set if that ends first.
fn drive<T, E: Into<StoreError>>(
    runtime: Option<&tokio::runtime::Runtime>,
    driving: &mut Driving,
    ended: &Cell<bool>,
    work: impl Future<Output = Result<T, E>>,
) -> Result<T, StoreError> {
    let Some(runtime) = runtime else {
        return Err(StoreError::Failed(
            "the connection's runtime is gone".into(),
        ));
    };
    // An ended connection's I/O is not polled again (tokio-postgres: its end is final).
    if ended.get() {
        return Err(StoreError::Unavailable(
            "the connection to PostgreSQL has ended".into(),
        ));
    }
    runtime.block_on(async {
        let work = std::pin::pin!(work);
        match select(work, driving.as_mut()).await {
            Either::Left((done, _)) => done.map_err(Into::into),
            Either::Right((end, _)) => {
                ended.set(true);
                let why = match end {
                    Ok(()) => "closed".to_string(),
                    Err(e) => StoreError::from(e).to_string(),
                };
                Err(StoreError::Unavailable(format!(
                    "the connection to PostgreSQL ended: {why}"
                )))
            }
        }
    })
}

/// Opens [`PgLink`]s for r2d2, and outside it.
#[derive(Clone)]
pub struct PgManager {
    config: Config,
    /// The TLS connector when `config`'s `sslmode` is `require` (`tls::connector`).
    tls: Option<MakeRustlsConnect>,
    /// When an attempt to open a connection last failed, `None` once one succeeds: shared by every clone (the
    /// pool's own and the store's).
    failed_at: Arc<Mutex<Option<Instant>>>,
}

impl PgManager {
    /// A manager for `config`, reading the machine's trusted roots once if it asks for TLS.
    ///
    /// # Errors
    /// `sslmode=require` with no trusted roots (`tls::connector`).
    pub fn new(config: Config) -> Result<PgManager, StoreError> {
        let tls = match config.get_ssl_mode() {
            SslMode::Require => Some(super::tls::connector()?),
            _ => None,
        };
        Ok(PgManager {
            config,
            tls,
            failed_at: Arc::default(),
        })
    }

    /// A connection of its own, outside the pool (schema changes).
    pub fn link(&self) -> Result<PgLink, StoreError> {
        let opened = PgLink::connect(&self.config, self.tls.as_ref());
        if let Ok(mut failed_at) = self.failed_at.lock() {
            *failed_at = opened.is_err().then(Instant::now);
        }
        opened
    }

    /// How long a request may wait for a pooled connection when the pool holds `open` connections:
    /// [`FAILING_WAIT`] while it holds none and they cannot be opened, else `usual` (with some open, a request
    /// queues for them as usual even if more cannot be opened: "too many clients").
    pub fn wait(&self, open: u32, usual: Duration) -> Duration {
        let failing = open == 0
            && self
                .failed_at
                .lock()
                .ok()
                .and_then(|f| *f)
                .is_some_and(|at| at.elapsed() < FAILING_FOR);
        if failing {
            FAILING_WAIT
        } else {
            usual
        }
    }
}

impl r2d2::ManageConnection for PgManager {
    type Connection = PgLink;
    type Error = StoreError;

    fn connect(&self) -> Result<PgLink, StoreError> {
        self.link()
    }

    /// On each checkout: not found closed ([`PgLink::found_closed`]; no round trip).
    fn is_valid(&self, link: &mut PgLink) -> Result<(), StoreError> {
        if link.found_closed() {
            return Err(StoreError::Unavailable(
                "PostgreSQL closed the connection".into(),
            ));
        }
        Ok(())
    }

    fn has_broken(&self, link: &mut PgLink) -> bool {
        link.is_broken()
    }
}
