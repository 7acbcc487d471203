//! Delivering the mail queue: due messages in order, each marked `sent` as soon as the relay takes it, so a
//! process killed half-way leaves the rest `pending` and the next run sends those and nothing twice.
//!
//! One deliverer at a time, across every process and machine on the store (`broadsheet_store::db::exclusive::MAIL_DELIVERY`:
//! a lock file beside a SQLite database, a session advisory lock on PostgreSQL), released when its holder dies.
//! Whoever takes it knows no other deliverer is half-way through a message. The one gap SMTP
//! itself leaves (RFC 1047: the relay has the message but the process dies before it reads the relay's `250`)
//! is the time between that reply and the next commit, a fraction of a millisecond; in it a message can go
//! twice, never zero times.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};

use broadsheet_store::db::sql::{params, Conn, OptionalExtension};
use lettre::address::Envelope;
use lettre::message::Mailbox;

use super::edition::{self, Built};
use super::mail::{self, Outgoing, ReaderLinks};
use super::store;
use broadsheet_store::db::Db;

pub use crate::transport::{SendError, Transport};

/// Builds a reader's links from their subscriber id and manage nonce.
pub type LinkMaker = Box<dyn Fn(i64, &str) -> ReaderLinks + Send + Sync>;

/// What the deliverer needs besides the database.
pub struct Deliverer {
    pub transport: Transport,
    pub from: Mailbox,
    /// Builds each reader's links from their subscriber id and manage nonce.
    pub links: LinkMaker,
    /// The host part of Message-IDs and List-Ids.
    pub id_host: String,
    /// The first retry's delay in seconds; it doubles with each attempt, up to an hour.
    pub retry_secs: i64,
}

/// What one pass did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Pass {
    pub sent: usize,
    pub deferred: usize,
    pub failed: usize,
    /// Another deliverer (this machine or another) was at work: nothing was tried.
    pub busy: bool,
}

/// Relay connections used at once. lettre writes a message's final `.` line in a write of its own, which Nagle's
/// algorithm holds until the relay acknowledges the body (up to its 40 ms delayed ACK), so one connection carries
/// about 25 messages a second; several carry several times that. Relays commonly allow ten per client.
pub const CONNECTIONS: usize = 8;

/// The most attempts before a message is given up (with an hour between the last ones: about two days).
const MAX_ATTEMPTS: i64 = 50;

impl Deliverer {
    /// The delay before attempt `attempts + 1`.
    fn backoff(&self, attempts: i64) -> i64 {
        let factor = 1i64 << attempts.clamp(0, 20);
        self.retry_secs.max(1).saturating_mul(factor).min(3600)
    }

    /// Sends what is due, oldest first, over [`CONNECTIONS`] relay connections at once, until nothing is due
    /// or the relay cannot take more. `wait`: block until the lock is free (the command line) rather than skip
    /// the pass (the server's timer).
    pub fn deliver(&self, db: &Db, wait: bool) -> broadsheet_store::db::DbResult<Pass> {
        let Some(turn) = db.exclusive(broadsheet_store::db::exclusive::MAIL_DELIVERY, wait)? else {
            return Ok(Pass {
                busy: true,
                ..Pass::default()
            });
        };
        let mut pass = Pass::default();
        loop {
            // A PostgreSQL lock goes with its connection: if that was lost, another deliverer may have the
            // queue now, so this one stops before the next batch (and the check keeps the connection busy, so
            // an idle timeout never cuts it).
            turn.still_held()?;
            let due = db.with_conn(|c| due(c, store::now()))?;
            if due.is_empty() {
                return Ok(pass);
            }
            // Each connection takes every CONNECTIONS-th message of the batch.
            let stop = AtomicBool::new(false);
            let results: Vec<broadsheet_store::db::DbResult<Pass>> = std::thread::scope(|scope| {
                let handles: Vec<_> = (0..CONNECTIONS)
                    .map(|k| {
                        let rows: Vec<&Due> = due.iter().skip(k).step_by(CONNECTIONS).collect();
                        let stop = &stop;
                        scope.spawn(move || self.deliver_rows(db, &rows, stop))
                    })
                    .collect();
                handles
                    .into_iter()
                    .map(|h| h.join().unwrap_or(Ok(Pass::default())))
                    .collect()
            });
            for r in results {
                let p = r?;
                pass.sent += p.sent;
                pass.deferred += p.deferred;
                pass.failed += p.failed;
            }
            if stop.load(Ordering::Relaxed) {
                // The relay is down or busy: the rest wait for the next pass rather than each failing now.
                return Ok(pass);
            }
        }
    }

    /// Sends `rows` in order on one relay connection, recording each; stops when any connection meets a relay
    /// that cannot take more (`stop`). A database connection is taken for each read and write, not held while
    /// the relay talks, so requests keep the pool while mail goes.
    fn deliver_rows(
        &self,
        db: &Db,
        rows: &[&Due],
        stop: &AtomicBool,
    ) -> broadsheet_store::db::DbResult<Pass> {
        let mut pass = Pass::default();
        let mut editions: HashMap<String, Option<Built>> = HashMap::new();
        for row in rows {
            if stop.load(Ordering::Relaxed) {
                break;
            }
            let raw = match db.with_conn(|c| self.message(c, row, &mut editions))? {
                Ok(raw) => raw,
                Err(e) => {
                    db.with_conn(|c| fail(c, row.id, &e))?;
                    pass.failed += 1;
                    continue;
                }
            };
            let envelope = row
                .recipient
                .parse::<lettre::Address>()
                .ok()
                .and_then(|to| Envelope::new(Some(self.from.email.clone()), vec![to]).ok());
            let Some(envelope) = envelope else {
                db.with_conn(|c| fail(c, row.id, "the address no longer parses"))?;
                pass.failed += 1;
                continue;
            };
            match self.transport.send(&envelope, &raw) {
                Ok(()) => {
                    db.with_conn(|c| mark_sent(c, row.id))?;
                    pass.sent += 1;
                }
                Err(SendError::Permanent(e)) if relay_refuses_us(&e) => {
                    // The relay refuses us, not this reader (bad login, sender refused): every message would
                    // fail alike, so none is failed; they wait, as for a relay that is down.
                    tracing::warn!(id = row.id, "the relay refuses to take mail: {e}");
                    db.with_conn(|c| {
                        c.execute(
                            "UPDATE mail_queue SET next_attempt = ?2, last_error = ?3 WHERE id = ?1",
                            params![row.id, store::now() + self.backoff(row.attempts), e],
                        )
                    })?;
                    pass.deferred += 1;
                    stop.store(true, Ordering::Relaxed);
                }
                Err(SendError::Permanent(e)) => {
                    db.with_conn(|c| fail(c, row.id, &e))?;
                    pass.failed += 1;
                }
                Err(SendError::Transient(e)) => {
                    tracing::warn!(id = row.id, "mail deferred: {e}");
                    let attempts = row.attempts + 1;
                    if attempts >= MAX_ATTEMPTS {
                        db.with_conn(|c| fail(c, row.id, &e))?;
                        pass.failed += 1;
                    } else {
                        db.with_conn(|c| {
                            c.execute(
                                "UPDATE mail_queue SET attempts = ?2, next_attempt = ?3, last_error = ?4 WHERE id = ?1",
                                params![row.id, attempts, store::now() + self.backoff(row.attempts), e],
                            )
                        })?;
                        pass.deferred += 1;
                    }
                    stop.store(true, Ordering::Relaxed);
                }
            }
        }
        Ok(pass)
    }

    /// The message of a queued row: stored (a confirmation), or this reader's copy of a stored edition.
    fn message(
        &self,
        c: &Conn,
        row: &Due,
        editions: &mut HashMap<String, Option<Built>>,
    ) -> broadsheet_store::db::DbResult<Result<Vec<u8>, String>> {
        if let Some(raw) = &row.message {
            return Ok(Ok(raw.clone()));
        }
        let Some(key) = &row.edition_key else {
            return Ok(Err("nothing to send".into()));
        };
        if !editions.contains_key(key) {
            editions.insert(key.clone(), edition::stored(c, key)?);
        }
        let Some(Some(built)) = editions.get(key) else {
            return Ok(Err(format!("edition {key} is not stored")));
        };
        let nonce: Option<String> = c
            .query_row(
                "SELECT manage_nonce FROM subscribers WHERE id = ?1",
                [row.subscriber_id],
                |r| r.get(0),
            )
            .optional()?;
        let Some(nonce) = nonce else {
            return Ok(Err("the subscriber has gone".into()));
        };
        let links = (self.links)(row.subscriber_id, &nonce);
        let (text, html) = built.personal(&links);
        let list = format!("{}.newsletter.{}", built.edition.slug(), self.id_host);
        Ok(mail::build(Outgoing {
            from: &self.from,
            to: &row.recipient,
            subject: &built.subject,
            text,
            html,
            message_id: format!("<{}.{}@{}>", built.key, row.subscriber_id, self.id_host),
            links: &links,
            list_id: Some((built.edition.name(), list)),
        })
        .map_err(|e| e.to_string()))
    }
}

struct Due {
    id: i64,
    subscriber_id: i64,
    recipient: String,
    edition_key: Option<String>,
    message: Option<Vec<u8>>,
    attempts: i64,
}

/// The next due messages, oldest first.
fn due(c: &Conn, now: i64) -> broadsheet_store::db::DbResult<Vec<Due>> {
    let st = c.prepare_cached(
        "SELECT id, subscriber_id, recipient, edition_key, message, attempts FROM mail_queue
         WHERE state = 'pending' AND next_attempt <= ?1 ORDER BY id LIMIT 200",
    )?;
    let rows = st.query_map([now], |r| {
        Ok(Due {
            id: r.get("id")?,
            subscriber_id: r.get("subscriber_id")?,
            recipient: r.get("recipient")?,
            edition_key: r.get("edition_key")?,
            message: r.get("message")?,
            attempts: r.get("attempts")?,
        })
    })?;
    rows.collect()
}

/// Records that the relay took message `id`. Tried again for a while if the database is busy: a message the
/// relay has must not stay `pending` (it would go twice).
fn mark_sent(c: &Conn, id: i64) -> broadsheet_store::db::DbResult<()> {
    let mut tries = 0;
    loop {
        match c.execute(
            "UPDATE mail_queue SET state = 'sent', sent = ?2, attempts = attempts + 1,
                 message = NULL, last_error = NULL WHERE id = ?1",
            params![id, store::now()],
        ) {
            Ok(_) => return Ok(()),
            Err(e) if tries < 20 => {
                tries += 1;
                tracing::warn!(id, "recording a sent message: {e}; trying again");
                std::thread::sleep(std::time::Duration::from_millis(250));
            }
            Err(e) => return Err(e),
        }
    }
}

/// A permanent answer about us rather than the recipient: authentication (530, 534, 535, 538) or the sender
/// refused (5.7.x policy on MAIL FROM shows as 550/553/554 with the sender in the text, which we cannot tell
/// apart reliably, so only the authentication codes count).
fn relay_refuses_us(error: &str) -> bool {
    ["530", "534", "535", "538"]
        .iter()
        .any(|code| error.starts_with(&format!("permanent error ({code})")))
}

fn fail(c: &Conn, id: i64, error: &str) -> broadsheet_store::db::DbResult<()> {
    tracing::warn!(id, "mail failed for good: {error}");
    c.execute(
        "UPDATE mail_queue SET state = 'failed', last_error = ?2 WHERE id = ?1",
        params![id, error],
    )?;
    Ok(())
}

/// Queues an edition for every confirmed subscriber of it who has not had it, in batches of `batch` per
/// transaction; how many were queued.
pub fn enqueue_edition(
    c: &Conn,
    built: &Built,
    batch: usize,
) -> broadsheet_store::db::DbResult<usize> {
    let now = store::now();
    let mut queued = 0;
    loop {
        let tx = c.transaction()?;
        let n = tx.execute(
            "INSERT INTO mail_queue (dedupe, subscriber_id, recipient, edition_key, state, next_attempt, created)
             SELECT ?1 || ':' || s.id, s.id, s.email, ?1, 'pending', ?2, ?2
             FROM subscribers s JOIN subscriptions x ON x.subscriber_id = s.id AND x.edition = ?3
             WHERE s.state = 'confirmed'
               AND NOT EXISTS (SELECT 1 FROM mail_queue q WHERE q.dedupe = ?1 || ':' || s.id)
             ORDER BY s.id LIMIT ?4
             ON CONFLICT DO NOTHING",
            params![built.key, now, built.edition.slug(), batch as i64],
        )?;
        tx.commit()?;
        queued += n;
        if n < batch {
            return Ok(queued);
        }
    }
}

/// How many confirmed subscribers an edition goes to.
pub fn audience(
    c: &Conn,
    edition: broadsheet_content::Edition,
) -> broadsheet_store::db::DbResult<i64> {
    c.query_row(
        "SELECT COUNT(*) FROM subscribers s JOIN subscriptions x ON x.subscriber_id = s.id
         WHERE x.edition = ?1 AND s.state = 'confirmed'",
        [edition.slug()],
        |r| r.get(0),
    )
}

/// The edition's sends: `(sent, pending, failed)`.
pub fn progress(c: &Conn, key: &str) -> broadsheet_store::db::DbResult<(i64, i64, i64)> {
    c.query_row(
        "SELECT COUNT(CASE WHEN state = 'sent' THEN 1 END) AS sent,
                COUNT(CASE WHEN state = 'pending' THEN 1 END) AS pending,
                COUNT(CASE WHEN state = 'failed' THEN 1 END) AS failed
         FROM mail_queue WHERE edition_key = ?1",
        [key],
        |r| Ok((r.get("sent")?, r.get("pending")?, r.get("failed")?)),
    )
}
