//! An edition, built once from the period's articles for everyone who receives it: the editor's comment (the
//! period's newest editorial) first, then the other articles by section, in the masthead's order. Each reader's
//! copy differs only in their own links, written in at sending (`slot`).

use broadsheet_content::{dates, Edition, Kind, Teaser};
use broadsheet_store::db::sql::{params, Conn, OptionalExtension};
use chrono::{Duration, NaiveDate};

use super::email_html;
use broadsheet_store::db::queries;

/// An edition ready to send.
#[derive(Debug, Clone)]
pub struct Built {
    /// `weekly-2026-11-27`: the edition and the last day it covers.
    pub key: String,
    pub edition: Edition,
    pub subject: String,
    /// Both parts, with `{slot}-unsubscribe` and `{slot}-preferences` where each reader's links go.
    pub html: String,
    pub text: String,
    pub slot: String,
    pub articles: usize,
}

/// The days an edition dated `date` covers, as Unix seconds `[start, end)`: `period_days` days ending with
/// `date` (UTC).
pub fn period(edition: Edition, date: NaiveDate) -> (i64, i64) {
    let end = (date + Duration::days(1))
        .and_hms_opt(0, 0, 0)
        .unwrap_or_default()
        .and_utc();
    let start = end - Duration::days(edition.period_days());
    (start.timestamp(), end.timestamp())
}

/// The lead article and the rest by section name.
pub type Contents = (Option<Teaser>, Vec<(String, Vec<Teaser>)>);

/// The articles of the period: the lead (the newest editorial) and the rest grouped by section in masthead order,
/// newest first within each.
pub fn contents(
    c: &Conn,
    edition: Edition,
    date: NaiveDate,
) -> broadsheet_store::db::DbResult<Contents> {
    let (start, end) = period(edition, date);
    // Timestamps may carry offsets: a day's margin in SQL, the exact period in Rust.
    let from = chrono::DateTime::from_timestamp(start - 86_400, 0)
        .map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_default();
    let mut lead: Option<Teaser> = None;
    let mut rest: Vec<Teaser> = Vec::new();
    for t in queries::published_since(c, &from)? {
        let Some(at) = dates::unix_time(&t.published) else {
            continue;
        };
        if at < start || at >= end {
            continue;
        }
        rest.push(t);
    }
    if let Some(i) = rest
        .iter()
        .enumerate()
        .filter(|(_, t)| t.kind == Kind::Editorial)
        .max_by_key(|(_, t)| dates::unix_time(&t.published))
        .map(|(i, _)| i)
    {
        lead = Some(rest.remove(i));
    }
    let mut sections: Vec<(String, Vec<Teaser>)> = Vec::new();
    for t in rest {
        match sections.last_mut() {
            Some((name, list)) if *name == t.section.name => list.push(t),
            _ => sections.push((t.section.name.clone(), vec![t])),
        }
    }
    Ok((lead, sections))
}

/// Builds the edition of `edition` dated `date`, with links under `site` (the public URL, no trailing `/`).
/// `None` when the period has no articles.
pub fn build(
    c: &Conn,
    edition: Edition,
    date: NaiveDate,
    site: &str,
) -> broadsheet_store::db::DbResult<Option<Built>> {
    let (lead, sections) = contents(c, edition, date)?;
    let articles = lead.iter().count() + sections.iter().map(|(_, l)| l.len()).sum::<usize>();
    if articles == 0 {
        return Ok(None);
    }
    let day = date.format("%-d %B %Y").to_string();
    let subject = match &lead {
        Some(l) => format!("{}, {day}: {}", edition.name(), l.headline),
        None => format!("{}, {day}", edition.name()),
    };
    let slot = format!("bs{}", super::token::random(12).replace(['-', '_'], "x"));
    let doc = email_html::Edition {
        site: site.to_string(),
        edition,
        day,
        lead,
        sections,
        unsubscribe: format!("{slot}-unsubscribe"),
        preferences: format!("{slot}-preferences"),
    };
    Ok(Some(Built {
        key: format!("{}-{}", edition.slug(), date.format("%Y-%m-%d")),
        edition,
        subject: subject.clone(),
        html: email_html::edition_html(&subject, doc.clone()),
        text: email_html::edition_text(&doc),
        slot,
        articles,
    }))
}

/// Stores `b` unless an edition with its key is stored already; returns the stored one (a resumed send keeps
/// what it started with).
pub fn store(c: &Conn, b: &Built, now: i64) -> broadsheet_store::db::DbResult<Built> {
    c.execute(
        "INSERT INTO editions (key, edition, subject, html, text, articles, built, slot)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT DO NOTHING",
        params![
            b.key,
            b.edition.slug(),
            b.subject,
            b.html,
            b.text,
            b.articles as i64,
            now,
            b.slot
        ],
    )?;
    Ok(stored(c, &b.key)?.unwrap_or_else(|| b.clone()))
}

/// The stored edition with `key`.
pub fn stored(c: &Conn, key: &str) -> broadsheet_store::db::DbResult<Option<Built>> {
    c.query_row(
        "SELECT key, edition, subject, html, text, articles, slot FROM editions WHERE key = ?1",
        [key],
        |r| {
            Ok(Built {
                key: r.get("key")?,
                edition: Edition::parse(&r.get::<_, String>("edition")?).unwrap_or(Edition::Weekly),
                subject: r.get("subject")?,
                html: r.get("html")?,
                text: r.get("text")?,
                articles: r.get::<_, i64>("articles")? as usize,
                slot: r.get("slot")?,
            })
        },
    )
    .optional()
}

impl Built {
    /// One reader's copy of the parts: `(text, html)` with their links in.
    pub fn personal(&self, links: &super::mail::ReaderLinks) -> (String, String) {
        let fill = |s: &str| {
            s.replace(&format!("{}-unsubscribe", self.slot), &links.unsubscribe)
                .replace(&format!("{}-preferences", self.slot), &links.preferences)
        };
        (fill(&self.text), fill(&self.html))
    }
}
