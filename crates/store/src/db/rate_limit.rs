//! A per-client limit on posts (comments, newsletter sign-ups): at most `limit` in any `window`. The posts are
//! counted in the database, so every instance over one database counts the same posts: N instances allow what
//! one allows.

use std::net::IpAddr;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::db::sql::{params, Conn};

use crate::db::{Db, StoreError};

/// Posts older than this are deleted from the log whatever their limit's window (a day).
const KEEP_MS: i64 = 86_400_000;

/// One limit: what it counts (`comments`, `newsletter`), how many, and over what window.
#[derive(Debug, Clone)]
pub struct RateLimiter {
    name: &'static str,
    limit: u32,
    window: Duration,
}

/// Milliseconds since the Unix epoch.
fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}

impl RateLimiter {
    /// At most `limit` posts of kind `name` by one client in any `window`.
    pub fn new(name: &'static str, limit: u32, window: Duration) -> RateLimiter {
        RateLimiter {
            name,
            limit,
            window,
        }
    }

    /// Counts a post by `client` now, or says how long until it may post again.
    pub async fn check(&self, db: &Db, client: IpAddr) -> Result<Result<(), Duration>, StoreError> {
        let this = self.clone();
        let bucket = format!("{}:{client}", self.name);
        db.run(move |c| this.check_at(c, &bucket, now_ms())).await
    }

    /// [`RateLimiter::check`] on a connection, at `now` (ms since the epoch), in one write transaction (which
    /// SQLite runs one at a time across processes).
    pub fn check_at(
        &self,
        c: &Conn,
        bucket: &str,
        now: i64,
    ) -> crate::db::DbResult<Result<(), Duration>> {
        let window = self.window.as_millis() as i64;
        let tx = c.transaction()?;
        if tx.dialect() == crate::db::Dialect::Postgres {
            // One check per client at a time across every instance (SQLite's write lock does this there).
            tx.execute("SELECT pg_advisory_xact_lock(hashtext(?1))", [bucket])?;
        }
        tx.execute(
            "DELETE FROM rate_hits WHERE bucket = ?1 AND at <= ?2",
            params![bucket, now - window],
        )?;
        let (count, oldest): (i64, Option<i64>) = tx.query_row(
            "SELECT COUNT(*) AS hits, MIN(at) AS oldest FROM rate_hits WHERE bucket = ?1",
            [bucket],
            |r| Ok((r.get("hits")?, r.get("oldest")?)),
        )?;
        if count >= i64::from(self.limit) {
            let wait = oldest.map_or(window, |o| o + window - now).max(0);
            return Ok(Err(Duration::from_millis(wait as u64)));
        }
        tx.execute(
            "INSERT INTO rate_hits (bucket, at) VALUES (?1, ?2)",
            params![bucket, now],
        )?;
        // Now and then, the posts of clients that have gone quiet.
        if now % 100 == 0 {
            tx.execute("DELETE FROM rate_hits WHERE at <= ?1", [now - KEEP_MS])?;
        }
        tx.commit()?;
        Ok(Ok(()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_each_client_within_the_window_counting_every_connection_alike() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let db = Db::open(&dir.path().join("t.db")).expect("a database");
        // Two connections stand for two instances over one database.
        let other = Db::open(&dir.path().join("t.db")).expect("a second handle");
        let limiter = RateLimiter::new("comments", 2, Duration::from_secs(60));
        let t0 = 1_800_000_000_000;
        let check = |db: &Db, bucket: &str, at: i64| {
            db.with_conn(|c| limiter.check_at(c, bucket, at))
                .expect("the database answers")
        };
        assert!(check(&db, "comments:10.0.0.1", t0).is_ok());
        assert!(check(&other, "comments:10.0.0.1", t0 + 1_000).is_ok());
        let wait = check(&db, "comments:10.0.0.1", t0 + 10_000).unwrap_err();
        assert_eq!(wait, Duration::from_secs(50));
        assert!(
            check(&other, "comments:10.0.0.2", t0 + 10_000).is_ok(),
            "others are not held back"
        );
        assert!(
            check(&other, "comments:10.0.0.1", t0 + 61_000).is_ok(),
            "the window moves on"
        );
    }
}
