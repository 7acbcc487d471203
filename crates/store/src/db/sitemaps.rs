//! What the sitemaps list, read from the database. Times are stored as RFC 3339 in UTC (`…Z`), so they compare
//! as text and a month is a range of the date index.

use crate::db::sql::{params, Conn};

/// The most URLs one sitemap may hold (sitemaps.org protocol; Google's limit too): a month with more is split
/// into parts of this many.
pub const MAX_URLS: u32 = 50_000;

/// One month's articles: `YYYY-MM`, how many, and the newest change among them.
pub struct Month {
    pub month: String,
    pub count: u32,
    pub modified: String,
}

/// Every month that has articles, newest first.
pub fn months(conn: &Conn) -> crate::db::DbResult<Vec<Month>> {
    let stmt = conn.prepare_cached(
        "SELECT substr(published, 1, 7) AS month, COUNT(*) AS articles,
                MAX(COALESCE(updated, published)) AS modified
         FROM articles GROUP BY 1 ORDER BY 1 DESC",
    )?;
    let rows = stmt.query_map((), |r| {
        Ok(Month {
            month: r.get("month")?,
            count: r.get("articles")?,
            modified: r.get("modified")?,
        })
    })?;
    rows.collect()
}

/// The month after `month` (`2026-12` → `2027-01`), the end of its range.
fn next_month(month: &str) -> String {
    let (y, m) = month.split_once('-').unwrap_or(("0", "0"));
    let (y, m): (u32, u32) = (y.parse().unwrap_or(0), m.parse().unwrap_or(0));
    if m >= 12 {
        format!("{:04}-01", y + 1)
    } else {
        format!("{y:04}-{:02}", m + 1)
    }
}

/// An article as sitemaps list it: section and slug, its last change, and for the news sitemap its headline and
/// publication time.
pub struct Entry {
    pub section: String,
    pub slug: String,
    pub modified: String,
    pub published: String,
    pub headline: String,
}

fn entry(r: &crate::db::sql::Row) -> crate::db::DbResult<Entry> {
    Ok(Entry {
        section: r.get("section_slug")?,
        slug: r.get("slug")?,
        modified: r.get("modified")?,
        published: r.get("published")?,
        headline: r.get("headline")?,
    })
}

const COLS: &str = "s.slug AS section_slug, a.slug, COALESCE(a.updated, a.published) AS modified, a.published, a.headline
     FROM articles a JOIN sections s ON s.id = a.section_id";

/// Part `part` (from 1) of the articles published in `month`, oldest first, at most [`MAX_URLS`].
pub fn month_part(conn: &Conn, month: &str, part: u32) -> crate::db::DbResult<Vec<Entry>> {
    let stmt = conn.prepare_cached(&format!(
        "SELECT {COLS} WHERE a.published >= ?1 AND a.published < ?2
         ORDER BY a.published, a.id LIMIT ?3 OFFSET ?4"
    ))?;
    let offset = i64::from(part.saturating_sub(1)) * i64::from(MAX_URLS);
    let rows = stmt.query_map(params![month, next_month(month), MAX_URLS, offset], entry)?;
    rows.collect()
}

/// The articles published at or after `since` (RFC 3339, UTC), newest first, at most 1,000 (Google News's limit).
pub fn published_since(conn: &Conn, since: &str) -> crate::db::DbResult<Vec<Entry>> {
    let stmt = conn.prepare_cached(&format!(
        "SELECT {COLS} WHERE a.published >= ?1 ORDER BY a.published DESC, a.id DESC LIMIT 1000"
    ))?;
    let rows = stmt.query_map([since], entry)?;
    rows.collect()
}

#[cfg(test)]
mod tests {
    use super::next_month;

    #[test]
    fn months_roll_over_the_year() {
        assert_eq!(next_month("2026-11"), "2026-12");
        assert_eq!(next_month("2026-12"), "2027-01");
    }
}
