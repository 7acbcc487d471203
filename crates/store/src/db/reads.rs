//! Most read: counts of reads by article and hour (`article_reads`, migrations sqlite V7 / postgres V9), and the
//! list made from them. Which reads count, and how a reader is counted once, is the web server's business; this
//! writes counts and reads them back. Nothing here names a reader.

use broadsheet_content::reads::{hour_of, PUBLISHED_WITHIN_DAYS, STALE_AFTER_HOURS, WINDOW_HOURS};
use broadsheet_content::Teaser;

use crate::db::listing::{teasers, FROM, TEASER_COLS};
use crate::db::sql::{params, Conn, OptionalExtension};
use crate::db::DbResult;

/// Reads of one article in one hour ([`hour_of`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Tally {
    pub article_id: i64,
    pub hour: i64,
    pub reads: i64,
}

/// How long hourly counts are kept: 30 days, for an editor's look back; the list reads only the last day.
pub const KEEP_HOURS: i64 = 30 * 24;

/// Adds `tallies` to the counts, in one transaction: several instances add to the same rows (an upsert that
/// sums), so they count into one list. Rows are written in (article, hour) order, so two instances' batches
/// take their row locks in the same order and never deadlock on PostgreSQL.
pub fn record(conn: &Conn, tallies: &[Tally]) -> DbResult<()> {
    let mut sorted = tallies.to_vec();
    sorted.sort_by_key(|t| (t.article_id, t.hour));
    let tx = conn.transaction()?;
    for t in &sorted {
        // An article removed since it was read has nowhere to count; its read is dropped.
        tx.execute(
            "INSERT INTO article_reads (article_id, hour, reads)
             SELECT id, ?2, ?3 FROM articles WHERE id = ?1
             ON CONFLICT (article_id, hour) DO UPDATE SET reads = article_reads.reads + excluded.reads",
            params![t.article_id, t.hour, t.reads],
        )?;
    }
    tx.commit()
}

/// Removes the counts of hours before `hour` − [`KEEP_HOURS`].
pub fn prune(conn: &Conn, hour: i64) -> DbResult<()> {
    conn.execute(
        "DELETE FROM article_reads WHERE hour < ?1",
        [hour - KEEP_HOURS],
    )?;
    Ok(())
}

/// The id of the article at `/{section}/{slug}`, if there is one.
pub fn article_id(conn: &Conn, section: &str, slug: &str) -> DbResult<Option<i64>> {
    conn.query_row(
        "SELECT a.id FROM articles a JOIN sections s ON s.id = a.section_id WHERE s.slug = ?1 AND a.slug = ?2",
        [section, slug],
        |r| r.get("id"),
    )
    .optional()
}

/// The most read articles at `now` (seconds since the Unix epoch), the site's or one section's (`section`, a
/// slug): the reads of the current hour and the [`WINDOW_HOURS`] before it, of articles published on or after
/// the day [`PUBLISHED_WITHIN_DAYS`] ago (compared as text, since a timestamp may carry an offset), most first
/// (the newer article first on a tie), at most `items`. Empty when nothing was counted in the last
/// [`STALE_AFTER_HOURS`]: a list from counts that have stopped would pass for today's.
pub fn most_read(
    conn: &Conn,
    now: i64,
    section: Option<&str>,
    items: u32,
) -> DbResult<Vec<Teaser>> {
    let hour = hour_of(now);
    let newest: Option<i64> = conn
        .query_row(
            "SELECT MAX(hour) AS newest FROM article_reads WHERE hour > ?1",
            [hour - STALE_AFTER_HOURS],
            |r| r.get("newest"),
        )
        .optional()?
        .flatten();
    if newest.is_none() {
        return Ok(Vec::new());
    }
    // Timestamps may carry offsets: compared as text from the day the window opens (a day's margin at most).
    let since = chrono::DateTime::from_timestamp(now - PUBLISHED_WITHIN_DAYS * 86_400, 0)
        .map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_default();
    let sql = |by_section: &str| {
        format!(
            "SELECT {TEASER_COLS} {FROM}
             JOIN (SELECT article_id, SUM(reads) AS total FROM article_reads WHERE hour >= ?1 GROUP BY article_id) r
               ON r.article_id = a.id
             WHERE a.published >= ?2 {by_section}
             ORDER BY r.total DESC, a.published DESC, a.id DESC LIMIT ?3"
        )
    };
    let (from, items) = (hour - WINDOW_HOURS, i64::from(items));
    match section {
        Some(s) => teasers(
            conn,
            &sql("AND s.slug = ?4"),
            params![from, since, items, s],
        ),
        None => teasers(conn, &sql(""), params![from, since, items]),
    }
}

#[cfg(test)]
mod tests;
