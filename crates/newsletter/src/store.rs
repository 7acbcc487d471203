//! The newsletter's tables: subscribers and their editions, built editions, and the outgoing mail queue (which
//! is also the record of every send). Times are Unix seconds.

use broadsheet_content::Edition;
use broadsheet_store::db::sql::{params, Conn, OptionalExtension};

use super::address::Address;
use super::token::random;

/// Now, in Unix seconds.
pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

/// A subscriber as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subscriber {
    pub id: i64,
    pub email: String,
    pub email_key: String,
    pub confirmed: bool,
    pub confirm_nonce: Option<String>,
    pub manage_nonce: String,
    pub signed_up: i64,
    pub confirmed_at: Option<i64>,
    pub editions: Vec<Edition>,
}

fn editions_of(c: &Conn, id: i64) -> broadsheet_store::db::DbResult<Vec<Edition>> {
    let st = c.prepare_cached(
        "SELECT edition FROM subscriptions WHERE subscriber_id = ?1 ORDER BY edition",
    )?;
    let rows = st.query_map([id], |r| r.get::<_, String>(0))?;
    let mut out: Vec<Edition> = rows
        .filter_map(|r| r.ok().and_then(|s| Edition::parse(&s)))
        .collect();
    out.sort();
    Ok(out)
}

fn subscriber_where(
    c: &Conn,
    clause: &str,
    value: &dyn broadsheet_store::db::sql::ToValue,
) -> broadsheet_store::db::DbResult<Option<Subscriber>> {
    let sql = format!(
        "SELECT id, email, email_key, state, confirm_nonce, manage_nonce, signed_up, confirmed
         FROM subscribers WHERE {clause}"
    );
    let found = c
        .query_row(&sql, [value], |r| {
            Ok(Subscriber {
                id: r.get("id")?,
                email: r.get("email")?,
                email_key: r.get("email_key")?,
                confirmed: r.get::<_, String>("state")? == "confirmed",
                confirm_nonce: r.get("confirm_nonce")?,
                manage_nonce: r.get("manage_nonce")?,
                signed_up: r.get("signed_up")?,
                confirmed_at: r.get("confirmed")?,
                editions: Vec::new(),
            })
        })
        .optional()?;
    match found {
        Some(mut s) => {
            s.editions = editions_of(c, s.id)?;
            Ok(Some(s))
        }
        None => Ok(None),
    }
}

/// The subscriber with id `id`.
pub fn subscriber(c: &Conn, id: i64) -> broadsheet_store::db::DbResult<Option<Subscriber>> {
    subscriber_where(c, "id = ?1", &id)
}

/// The subscriber whose normalised address is `key`.
pub fn subscriber_by_key(
    c: &Conn,
    key: &str,
) -> broadsheet_store::db::DbResult<Option<Subscriber>> {
    subscriber_where(c, "email_key = ?1", &key)
}

/// Replaces the editions `id` receives.
pub fn set_editions(c: &Conn, id: i64, editions: &[Edition]) -> broadsheet_store::db::DbResult<()> {
    c.execute("DELETE FROM subscriptions WHERE subscriber_id = ?1", [id])?;
    for e in editions {
        c.execute(
            "INSERT INTO subscriptions (subscriber_id, edition) VALUES (?1, ?2) ON CONFLICT DO NOTHING",
            params![id, e.slug()],
        )?;
    }
    Ok(())
}

/// What a sign-up did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignedUp {
    /// A new pending subscriber: send them the one confirmation (id, nonce).
    New { id: i64, nonce: String },
    /// Already pending: their choice of editions is updated, nothing is sent.
    StillPending,
    /// Already confirmed: nothing changes (an unsigned form may not change a subscriber's choices).
    AlreadyConfirmed,
}

/// The confirmation message of a new sign-up, made from `(subscriber id, confirm nonce, manage nonce)`; an error
/// says why it could not be made.
pub type Confirmation<'a> = &'a dyn Fn(i64, &str, &str) -> Result<Vec<u8>, String>;

/// Records a sign-up of `address` for `editions` at `now` and, for a new one, queues its confirmation, all in one
/// transaction (a sign-up is never stored without its confirmation). A pending sign-up past its expiry counts as
/// new. The transaction takes the write lock at once (`IMMEDIATE`), so concurrent sign-ups of one address follow
/// each other and a reader never meets a busy database that a confirmed address would not.
pub fn sign_up(
    c: &Conn,
    address: &Address,
    editions: &[Edition],
    (now, expiry_secs): (i64, i64),
    confirmation: Confirmation<'_>,
) -> broadsheet_store::db::DbResult<Result<SignedUp, String>> {
    let tx = c.transaction()?;
    if tx.dialect() == broadsheet_store::db::Dialect::Postgres {
        // Sign-ups of one address follow each other across instances, as SQLite's write lock makes them do.
        tx.execute(
            "SELECT pg_advisory_xact_lock(hashtext(?1))",
            [address.key.as_str()],
        )?;
    }
    let outcome = match subscriber_by_key(&tx, &address.key)? {
        Some(s) if s.confirmed => SignedUp::AlreadyConfirmed,
        Some(s) if s.signed_up + expiry_secs > now => {
            set_editions(&tx, s.id, editions)?;
            SignedUp::StillPending
        }
        old => {
            if let Some(s) = old {
                tx.execute("DELETE FROM subscribers WHERE id = ?1", [s.id])?;
            }
            let (nonce, manage) = (random(16), random(16));
            let id: i64 = tx.query_row(
                "INSERT INTO subscribers (email, email_key, state, confirm_nonce, manage_nonce, signed_up)
                 VALUES (?1, ?2, 'pending', ?3, ?4, ?5) RETURNING id",
                params![address.typed, address.key, nonce, manage, now],
                |r| r.get(0),
            )?;
            set_editions(&tx, id, editions)?;
            let message = match confirmation(id, &nonce, &manage) {
                Ok(m) => m,
                // Dropping the transaction rolls the sign-up back.
                Err(e) => return Ok(Err(e)),
            };
            enqueue(
                &tx,
                &format!("confirm:{id}:{nonce}"),
                id,
                &address.typed,
                &message,
                now,
            )?;
            SignedUp::New { id, nonce }
        }
    };
    tx.commit()?;
    Ok(Ok(outcome))
}

/// Confirms subscriber `id` if `nonce` is their unused confirmation nonce; true when it was.
pub fn confirm(c: &Conn, id: i64, nonce: &str, now: i64) -> broadsheet_store::db::DbResult<bool> {
    let n = c.execute(
        "UPDATE subscribers SET state = 'confirmed', confirm_nonce = NULL, confirmed = ?3
         WHERE id = ?1 AND state = 'pending' AND confirm_nonce = ?2",
        params![id, nonce, now],
    )?;
    Ok(n == 1)
}

/// Deletes a subscriber and what is queued for them; true when there was one.
pub fn delete(c: &Conn, id: i64) -> broadsheet_store::db::DbResult<bool> {
    Ok(c.execute("DELETE FROM subscribers WHERE id = ?1", [id])? == 1)
}

/// Deletes sign-ups not confirmed by `cutoff` (their links have expired); how many.
pub fn delete_expired(c: &Conn, cutoff: i64) -> broadsheet_store::db::DbResult<usize> {
    c.execute(
        "DELETE FROM subscribers WHERE state = 'pending' AND signed_up < ?1",
        [cutoff],
    )
}

/// Subscribers by edition and state: `(edition, state, count)`, every edition and state listed.
pub fn counts(c: &Conn) -> broadsheet_store::db::DbResult<Vec<(String, String, i64)>> {
    let mut out = Vec::new();
    for e in Edition::ALL {
        for state in ["pending", "confirmed"] {
            let n: i64 = c.query_row(
                "SELECT COUNT(*) FROM subscriptions JOIN subscribers ON subscribers.id = subscriber_id
                 WHERE edition = ?1 AND state = ?2",
                params![e.slug(), state],
                |r| r.get(0),
            )?;
            out.push((e.slug().to_string(), state.to_string(), n));
        }
    }
    Ok(out)
}

/// Queues a message for subscriber `id` at `to`; nothing when `dedupe` is already queued. True when queued.
pub fn enqueue(
    c: &Conn,
    dedupe: &str,
    id: i64,
    to: &str,
    message: &[u8],
    now: i64,
) -> broadsheet_store::db::DbResult<bool> {
    Ok(c.execute(
        "INSERT INTO mail_queue (dedupe, subscriber_id, recipient, message, state, next_attempt, created)
         VALUES (?1, ?2, ?3, ?4, 'pending', ?5, ?5) ON CONFLICT DO NOTHING",
        params![dedupe, id, to, message, now],
    )? == 1)
}

/// One message's record: `(dedupe, state, created, sent)`.
pub type MailRecord = (String, String, i64, Option<i64>);

/// The mail a subscriber has been sent or has waiting.
pub fn mail_of(c: &Conn, id: i64) -> broadsheet_store::db::DbResult<Vec<MailRecord>> {
    let st = c.prepare(
        "SELECT dedupe, state, created, sent FROM mail_queue WHERE subscriber_id = ?1 ORDER BY id",
    )?;
    let rows = st.query_map([id], |r| {
        Ok((
            r.get("dedupe")?,
            r.get("state")?,
            r.get("created")?,
            r.get("sent")?,
        ))
    })?;
    rows.collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn db() -> Conn {
        broadsheet_store::db::Db::memory().unwrap()
    }

    fn up(c: &Conn, a: &Address, e: Edition, now: i64) -> SignedUp {
        sign_up(c, a, &[e], (now, 2 * 86_400), &|_, _, _| {
            Ok(b"mail".to_vec())
        })
        .unwrap()
        .unwrap()
    }

    #[test]
    fn a_message_that_cannot_be_made_stores_no_sign_up() {
        let c = db();
        let a = super::super::address::parse("ann@example.org").unwrap();
        let r = sign_up(&c, &a, &[Edition::Weekly], (0, 100), &|_, _, _| {
            Err("no".into())
        })
        .unwrap();
        assert_eq!(r, Err("no".to_string()));
        assert!(subscriber_by_key(&c, "ann@example.org").unwrap().is_none());
        assert!(matches!(
            up(&c, &a, Edition::Weekly, 0),
            SignedUp::New { .. }
        ));
        let queued: i64 = c
            .query_row("SELECT COUNT(*) FROM mail_queue", (), |r| r.get(0))
            .unwrap();
        assert_eq!(queued, 1, "the confirmation is queued with the sign-up");
    }

    #[test]
    fn a_sign_up_is_confirmed_once_and_an_unconfirmed_one_expires() {
        let c = db();
        let a = super::super::address::parse("Ann@Example.org").unwrap();
        let day = 86_400;
        let SignedUp::New { id, nonce } = up(&c, &a, Edition::Weekly, 0) else {
            panic!("a new address is new");
        };
        assert_eq!(
            up(&c, &a, Edition::Daily, day),
            SignedUp::StillPending,
            "no second confirmation while the first link works"
        );
        assert_eq!(
            subscriber(&c, id).unwrap().unwrap().editions,
            [Edition::Daily]
        );
        assert!(!confirm(&c, id, "wrong", day).unwrap());
        assert!(confirm(&c, id, &nonce, day).unwrap());
        assert!(!confirm(&c, id, &nonce, day).unwrap(), "single use");
        assert_eq!(up(&c, &a, Edition::Weekly, day), SignedUp::AlreadyConfirmed);
        assert_eq!(
            delete_expired(&c, 10 * day).unwrap(),
            0,
            "confirmed addresses stay"
        );

        let b = super::super::address::parse("bo@example.org").unwrap();
        up(&c, &b, Edition::Weekly, 0);
        assert_eq!(
            delete_expired(&c, 2 * day).unwrap(),
            1,
            "deleted once the link expired"
        );
        assert!(subscriber_by_key(&c, "bo@example.org").unwrap().is_none());
        assert!(matches!(
            up(&c, &b, Edition::Weekly, 3 * day),
            SignedUp::New { .. }
        ));
    }
}
