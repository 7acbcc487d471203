//! Jobs that one process at a time may do, across every process that shares the store, on one machine or many:
//! a lock on a file beside a SQLite database (the OS releases it when its holder dies), or a PostgreSQL
//! session-level advisory lock (`pg_try_advisory_lock`, released by `pg_advisory_unlock` or when the holder's
//! connection ends, so a killed instance never leaves it taken).

use std::fs::File;
use std::sync::{Mutex, PoisonError};

use super::pg_link::PgManager;
use super::pool::{Db, Store};
use super::StoreError;

/// A job only one process may do at a time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Job {
    /// The SQLite lock file's suffix: `<database file>.<name>-lock`.
    pub name: &'static str,
    /// The PostgreSQL advisory lock's key: any number no other application on the database uses, and not
    /// [`super::ADVISORY_LOCK`] (schema changes and imports).
    pub key: i64,
}

/// Delivering the newsletter's mail queue (`newsletter::queue::Deliverer`): two deliverers would both pick up
/// the same due messages and send them twice.
pub const MAIL_DELIVERY: Job = Job {
    name: "mail",
    key: super::ADVISORY_LOCK + 1,
};

/// A held [`Job`], released when dropped: a lock file's lock at once; a PostgreSQL lock by an unlock over its
/// connection (on a thread of its own, waited for: dropping may happen on an async thread, which must not wait on
/// a connection itself), which then goes back to the pool, or is closed if the unlock did not happen (closing
/// unlocks too; a connection back in the pool still holding the lock would hold it for ever, as PostgreSQL's
/// advisory locks stack within a session).
pub struct Exclusive {
    _held: Held,
}

/// One of the pool's PostgreSQL connections.
type Pooled = r2d2::PooledConnection<PgManager>;

enum Held {
    File(#[allow(dead_code)] File),
    /// Behind a mutex so that [`Exclusive::still_held`] may ask over it from a thread of its own; `None` once
    /// handed to the unlock.
    Postgres {
        link: Box<Mutex<Option<Pooled>>>,
        key: i64,
    },
}

/// A connection on its way back from holding a lock: closed (discarded) when dropped unless `unlocked`.
struct Unlocking {
    link: Pooled,
    unlocked: bool,
}

impl Drop for Unlocking {
    fn drop(&mut self) {
        if !self.unlocked {
            self.link.discard();
        }
    }
}

impl Drop for Held {
    fn drop(&mut self) {
        let Held::Postgres { link, key } = self else {
            return;
        };
        let link = link
            .get_mut()
            .unwrap_or_else(PoisonError::into_inner)
            .take();
        let Some(link) = link else {
            return;
        };
        let key = *key;
        let mut unlocking = Unlocking {
            link,
            unlocked: false,
        };
        // If no thread can be made, the closure is dropped unrun, and with it `unlocking`: the connection closes.
        std::thread::scope(|s| {
            let unlock = move || {
                let sql = "SELECT pg_advisory_unlock($1)";
                let done = unlocking
                    .link
                    .block_on(unlocking.link.client.execute(sql, &[&key]));
                unlocking.unlocked = done.is_ok();
            };
            if let Ok(running) = std::thread::Builder::new().spawn_scoped(s, unlock) {
                let _ = running.join();
            }
        });
    }
}

impl Exclusive {
    /// Whether this process still holds the job. A lock file is held until dropped; a PostgreSQL session lock
    /// is lost with its connection (a restart, a failover, a cut link), so this asks the database over it.
    ///
    /// # Errors
    /// [`StoreError::Unavailable`] when the lock's connection is gone: stop, and take the job again later.
    pub fn still_held(&self) -> Result<(), StoreError> {
        let Held::Postgres { link, .. } = &self._held else {
            return Ok(());
        };
        let ask = || {
            let link = link
                .lock()
                .map_err(|_| StoreError::Failed("a lock's connection was poisoned".into()))?;
            match link.as_ref() {
                Some(link) => link.block_on(link.client.simple_query("SELECT 1")),
                None => Err(StoreError::Unavailable("the lock was let go".into())),
            }
        };
        match std::thread::scope(|s| s.spawn(ask).join()) {
            Ok(Ok(_)) => Ok(()),
            Ok(Err(e)) => Err(StoreError::Unavailable(format!(
                "the lock's connection: {e}"
            ))),
            Err(_) => Err(StoreError::Failed("checking a lock panicked".into())),
        }
    }
}

impl Db {
    /// Takes `job` for this process. `wait`: block until whoever holds it lets go (the command line); else
    /// `Ok(None)` at once when another process holds it (the server's timer, which tries again later).
    ///
    /// # Errors
    /// The lock file cannot be opened, or PostgreSQL cannot be reached.
    pub fn exclusive(&self, job: Job, wait: bool) -> Result<Option<Exclusive>, StoreError> {
        match &*self.inner {
            Store::Sqlite { path, .. } => {
                let mut lock_path = path.clone().into_os_string();
                lock_path.push(format!(".{}-lock", job.name));
                let file = File::options()
                    .create(true)
                    .truncate(false)
                    .write(true)
                    .open(&lock_path)
                    .map_err(|e| {
                        StoreError::Failed(format!("lock file {}: {e}", lock_path.display()))
                    })?;
                // Only "someone else has it" is an answer; any other failure (no locks on this file system) is
                // an error, not a job that is forever busy.
                let locked = if wait {
                    file.lock().map(|()| true)
                } else {
                    match file.try_lock() {
                        Ok(()) => Ok(true),
                        Err(std::fs::TryLockError::WouldBlock) => Ok(false),
                        Err(std::fs::TryLockError::Error(e)) => Err(e),
                    }
                };
                let locked = locked.map_err(|e| {
                    StoreError::Failed(format!("locking {}: {e}", lock_path.display()))
                })?;
                Ok(locked.then(|| Exclusive {
                    _held: Held::File(file),
                }))
            }
            Store::Postgres { pool, links } => {
                // On a thread of its own, as `Db::with_conn`: the caller may be on an async thread.
                let take = || {
                    let link = pool.get_timeout(
                        links.wait(pool.state().connections, super::pool::POOL_WAIT),
                    )?;
                    let got: bool = if wait {
                        link.block_on(
                            link.client
                                .execute("SELECT pg_advisory_lock($1)", &[&job.key]),
                        )?;
                        true
                    } else {
                        let row = link.block_on(
                            link.client
                                .query_one("SELECT pg_try_advisory_lock($1)", &[&job.key]),
                        )?;
                        row.try_get(0)?
                    };
                    Ok(got.then(|| Exclusive {
                        _held: Held::Postgres {
                            link: Box::new(Mutex::new(Some(link))),
                            key: job.key,
                        },
                    }))
                };
                std::thread::scope(|s| {
                    s.spawn(take).join().unwrap_or_else(|_| {
                        Err(StoreError::Failed("taking a lock panicked".into()))
                    })
                })
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_taker_is_refused_until_the_first_lets_go() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("site.db");
        // Two handles on one file, as two processes would have.
        let (a, b) = (Db::open(&path).unwrap(), Db::open(&path).unwrap());
        let held = a.exclusive(MAIL_DELIVERY, false).unwrap();
        assert!(held.is_some(), "the first taker has it");
        assert!(b.exclusive(MAIL_DELIVERY, false).unwrap().is_none());
        assert!(held.as_ref().is_some_and(|h| h.still_held().is_ok()));
        drop(held);
        assert!(b.exclusive(MAIL_DELIVERY, false).unwrap().is_some());
        assert!(dir.path().join("site.db.mail-lock").exists());
    }
}
