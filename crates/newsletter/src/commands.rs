//! The editor's commands: `newsletter send` and `subscribers export|delete|counts`.

use broadsheet_content::Edition;
use chrono::NaiveDate;
use serde_json::json;

use super::{edition, queue, store, Newsletter};
use broadsheet_store::db::Db;

/// `newsletter send --edition E [--date D] [--dry-run]`: builds the edition dated `date` (default today, UTC),
/// queues it for every confirmed subscriber of it who has not had it, and delivers the queue. Run again after
/// a failure or a kill, it sends to the rest and to nobody twice. Prints what it did; errors are for people.
pub fn send(
    db: &Db,
    n: &Newsletter,
    site: &str,
    edition_slug: &str,
    date: Option<&str>,
    dry_run: bool,
) -> Result<String, String> {
    let which = Edition::parse(edition_slug).ok_or_else(|| {
        let all: Vec<&str> = Edition::ALL.iter().map(|e| e.slug()).collect();
        format!("--edition must be one of: {}", all.join(", "))
    })?;
    let date = match date {
        Some(d) => NaiveDate::parse_from_str(d, "%Y-%m-%d")
            .map_err(|_| format!("--date {d:?} is not a date like 2026-11-27"))?,
        // A morning briefing covers the day before it; the weekly round-up, the week to the day it goes.
        None => {
            let today = chrono::Utc::now().date_naive();
            match which {
                Edition::Daily => today.pred_opt().unwrap_or(today),
                Edition::Weekly => today,
            }
        }
    };
    let db_err = |e: broadsheet_store::db::StoreError| format!("database: {e}");
    let started = std::time::Instant::now();
    let built = db
        .with_conn(|c| edition::build(c, which, date, site))
        .map_err(db_err)?
        .ok_or_else(|| {
            format!(
                "{} of {date} has no articles (it covers the {} days to {date})",
                which.name(),
                which.period_days()
            )
        })?;
    let build_ms = started.elapsed().as_millis();
    if dry_run {
        let audience = db
            .with_conn(|c| queue::audience(c, which))
            .map_err(db_err)?;
        // One sample, to the outbox folder whatever the transport, so the editor can open it.
        let sample = sample(n, &built)?;
        return Ok(format!(
            "dry run: {} ({} articles, built in {build_ms} ms) would go to {audience} confirmed subscribers; sample written to {sample}",
            built.subject, built.articles
        ));
    }
    let stored = db
        .with_conn(|c| {
            let stored = edition::store(c, &built, store::now())?;
            queue::enqueue_edition(c, &stored, 1000)?;
            Ok(stored)
        })
        .map_err(db_err)?;
    let pass = n.deliverer.deliver(db, true).map_err(db_err)?;
    let (sent, pending, failed) = db
        .with_conn(|c| queue::progress(c, &stored.key))
        .map_err(db_err)?;
    let took = started.elapsed().as_secs_f64();
    let mut out = format!(
        "{}: {sent} sent ({} in this run), {pending} waiting, {failed} failed, in {took:.1} s via {}",
        stored.key,
        pass.sent,
        n.deliverer.transport.describe()
    );
    if pending > 0 {
        out.push_str(
            "\nthe relay did not take every message: the server retries them, or run this again",
        );
    }
    Ok(out)
}

/// Writes one copy of `built` (with placeholder links) to the outbox folder; its path.
fn sample(n: &Newsletter, built: &edition::Built) -> Result<String, String> {
    let d = &n.deliverer;
    let links = (d.links)(0, "sample");
    let (text, html) = built.personal(&links);
    let raw = super::mail::build(super::mail::Outgoing {
        from: &d.from,
        to: d.from.email.as_ref(),
        subject: &built.subject,
        text,
        html,
        message_id: format!("<{}.sample@{}>", built.key, d.id_host),
        links: &links,
        list_id: Some((
            built.edition.name(),
            format!("{}.newsletter.{}", built.edition.slug(), d.id_host),
        )),
    })
    .map_err(|e| e.to_string())?;
    let dir = n.outbox.clone();
    std::fs::create_dir_all(&dir).map_err(|e| format!("outbox {}: {e}", dir.display()))?;
    let path = dir.join(format!("{}-sample.eml", built.key));
    std::fs::write(&path, raw).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(path.display().to_string())
}

/// `subscribers export EMAIL`: everything held about the address, as JSON (a subject access request).
pub fn export(db: &Db, email: &str) -> Result<String, String> {
    let key = super::address::parse(email).map_err(|e| e.message)?.key;
    let found = db
        .with_conn(|c| {
            let Some(s) = store::subscriber_by_key(c, &key)? else {
                return Ok(None);
            };
            let mail = store::mail_of(c, s.id)?;
            Ok(Some((s, mail)))
        })
        .map_err(|e| format!("database: {e}"))?;
    let Some((s, mail)) = found else {
        return Err(format!("we hold nothing about {email}"));
    };
    let time = |t: i64| {
        chrono::DateTime::from_timestamp(t, 0)
            .map(|d| d.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
            .unwrap_or_default()
    };
    let doc = json!({
        "email": s.email,
        "email_normalised": s.email_key,
        "state": if s.confirmed { "confirmed" } else { "pending" },
        "editions": s.editions.iter().map(|e| e.slug()).collect::<Vec<_>>(),
        "signed_up": time(s.signed_up),
        "confirmed": s.confirmed_at.map(time),
        "mail": mail.iter().map(|(what, state, queued, sent)| json!({
            "what": what.split(':').next().unwrap_or_default(),
            "id": what,
            "state": state,
            "queued": time(*queued),
            "sent": sent.map(time),
        })).collect::<Vec<_>>(),
    });
    serde_json::to_string_pretty(&doc).map_err(|e| e.to_string())
}

/// `subscribers delete EMAIL`: erases the subscriber and every record of mail to them.
pub fn delete(db: &Db, email: &str) -> Result<String, String> {
    let key = super::address::parse(email).map_err(|e| e.message)?.key;
    let deleted = db
        .with_conn(|c| {
            let Some(s) = store::subscriber_by_key(c, &key)? else {
                return Ok(false);
            };
            store::delete(c, s.id)
        })
        .map_err(|e| format!("database: {e}"))?;
    if deleted {
        Ok(format!("deleted {email} and the record of mail sent to it"))
    } else {
        Err(format!("we hold nothing about {email}"))
    }
}

/// `subscribers counts`: subscribers by edition and state.
pub fn counts(db: &Db) -> Result<String, String> {
    let rows = db
        .with_conn(store::counts)
        .map_err(|e| format!("database: {e}"))?;
    let mut out = format!("{:<10} {:>10} {:>10}\n", "edition", "confirmed", "pending");
    for e in Edition::ALL {
        let n = |state: &str| {
            rows.iter()
                .find(|(ed, st, _)| ed == e.slug() && st == state)
                .map_or(0, |r| r.2)
        };
        out.push_str(&format!(
            "{:<10} {:>10} {:>10}\n",
            e.slug(),
            n("confirmed"),
            n("pending")
        ));
    }
    Ok(out)
}
