//! The one write path: every content source (the Markdown folder today; WordPress and Ghost next) turns what it
//! reads into a [`Batch`] of the contract's types and writes nothing itself. [`apply`] writes a batch in one
//! transaction on either engine: sections, authors and topics upserted, articles upserted unless their digest is
//! unchanged, a complete batch's stale articles removed, and the surrogate keys of everything that changed
//! returned for purging (`changes` states the rule).
//!
//! No search index is written here: triggers on `articles` note each change in `search_outbox`, in this same
//! transaction, and each instance's index applies it from there (`crate::search::feed`), so the index can always
//! be rebuilt from the store. The body's plain text is a column (`article::body_text`) the index reads.

mod address;
mod article;
pub(crate) mod changes;
pub mod live;

use std::collections::HashSet;

use broadsheet_content::{Article, Author, Comment, Section};

pub use crate::db::redirects::{Redirect, RedirectTo};
use crate::db::sql::{params, Conn};
use crate::db::{DbResult, Dialect, ADVISORY_LOCK};
use crate::keys::Keys;

/// A topic as a source curates it: its page's name and description.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Topic {
    pub slug: String,
    pub name: String,
    pub description: String,
}

/// One article as a source gives it.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The source's own name for the article, unique within it and stable across reads (a file's path under the
    /// content folder, a post's id): the stale sweep of a complete batch goes by it.
    pub source_id: String,
    /// The article as the API shows it; `related` and `comment_count` are the store's to work out and are
    /// ignored. An author's `slug` names an author with a page; a topic's `name` is used for a topic the batch's
    /// `topics` do not describe.
    pub article: Article,
    /// On the front page's top stories.
    pub featured: bool,
    /// Published comments that come with the article (the demo's); a comment is stored once by author and time.
    pub comments: Vec<Comment>,
    /// A live blog's state and posts (kind `live` only), written with the article ([`live::sync`]).
    pub live: Option<live::LiveSource>,
}

/// What a source read: everything it holds, or what changed since its last read.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Batch {
    /// The source's name (`markdown`): an article's stored `source` is `{origin}:{source_id}`.
    pub origin: String,
    /// Sections in navigation order, upserted by slug (a section the batch does not name is kept).
    pub sections: Vec<Section>,
    pub authors: Vec<Author>,
    pub topics: Vec<Topic>,
    pub articles: Vec<Entry>,
    /// The batch is the whole source: its articles that the batch does not hold, and the authors and topics it
    /// wrote before and no longer names, are removed. An incremental batch removes only what `removed` names.
    pub complete: bool,
    /// The batch's authors and topics are all its source has (a CMS's full read, made when its tags or users
    /// changed): this origin's others that no stored article names are removed, as a renamed tag (whose topic
    /// slug comes from its name) or a deleted user leaves them. An article the site keeps keeps its pages.
    pub people_complete: bool,
    /// Source ids of articles the source deleted or unpublished (an incremental read's deletions): removed.
    pub removed: Vec<String>,
    /// The source's old addresses (its permalinks, its archives) and where they lead now; kept until the same
    /// address is given another target.
    pub redirects: Vec<Redirect>,
}

/// What [`apply`] did.
#[derive(Debug, Default)]
pub struct Written {
    pub sections: usize,
    /// Articles in the batch (stored, or found unchanged).
    pub articles: usize,
    /// Articles written because they were new or changed.
    pub changed: usize,
    pub removed: usize,
    /// The surrogate keys of what changed, for the shared caches.
    pub purge: Keys,
    /// Entries not written because another source's article holds their address, each as a sentence.
    pub taken: Vec<String>,
}

/// A batch of at least this many articles, on PostgreSQL, counts its sections' articles once at the end
/// (`recount`) instead of through the row trigger (migration V7). Each of the trigger's updates of a section's one
/// counts row in a transaction leaves a row version that every later update walks: loading 100,000 articles in one
/// transaction took 63 s with the trigger and 26 s counting once; 1,000,000 ran for over 30 minutes before it was
/// stopped, and took 248 s counting once (`scripts/bench/archive.py`'s COPY). A recount is one scan of `articles`.
const RECOUNT_FROM: usize = 500;

/// Writes `batch` in one transaction. On PostgreSQL, writers take turns with each other and with schema changes
/// (an advisory lock); on SQLite the transaction takes the write lock from the start (IMMEDIATE), so writers
/// queue instead of failing.
pub fn apply(conn: &Conn, batch: &Batch) -> DbResult<Written> {
    let tx = conn.transaction()?;
    let recount = tx.dialect() == Dialect::Postgres && batch.articles.len() >= RECOUNT_FROM;
    if tx.dialect() == Dialect::Postgres {
        tx.execute("SELECT pg_advisory_xact_lock(?1)", [ADVISORY_LOCK])?;
    }
    if recount {
        // Read by the counts trigger (V7); `true`: for this transaction only.
        tx.execute("SELECT set_config('broadsheet.recount', 'on', true)", ())?;
    }
    let before = changes::snapshot(&tx)?;
    let mut written = Written::default();
    for (position, s) in batch.sections.iter().enumerate() {
        tx.execute(
            "INSERT INTO sections (slug, name, description, position) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (slug) DO UPDATE SET name = excluded.name, description = excluded.description,
             position = excluded.position",
            params![s.slug, s.name, s.description, position as i64],
        )?;
        written.sections += 1;
    }
    write_people(&tx, batch)?;
    let mut kept = HashSet::new();
    for entry in &batch.articles {
        let source = format!("{}:{}", batch.origin, entry.source_id);
        // Kept even when not written: the source still has it, wherever it was stored before.
        kept.insert(source.clone());
        let stored = article::store(&tx, entry, &batch.origin, &source, &mut written.purge)?;
        let live_changed = match stored {
            article::Stored::Taken(_) => false,
            article::Stored::Written => {
                write_live(&tx, entry, &batch.origin, true, &mut written.purge)?
            }
            article::Stored::Unchanged => {
                write_live(&tx, entry, &batch.origin, false, &mut written.purge)?
            }
        };
        match stored {
            article::Stored::Written => written.changed += 1,
            article::Stored::Unchanged if live_changed => written.changed += 1,
            article::Stored::Unchanged => {}
            article::Stored::Taken(other) => {
                let a = &entry.article;
                written.taken.push(format!(
                    "{}/{} is {other}'s: not written",
                    a.section.slug, a.slug
                ));
                continue;
            }
        }
        written.articles += 1;
    }
    crate::db::redirects::write(&tx, &batch.origin, &batch.redirects)?;
    if batch.complete {
        written.removed = remove_stale(&tx, &batch.origin, &kept, &mut written.purge)?;
    }
    for id in &batch.removed {
        let source = format!("{}:{id}", batch.origin);
        if !kept.contains(&source) {
            written.removed += remove_source(&tx, &source, None, &mut written.purge)?;
        }
    }
    if batch.people_complete {
        remove_unnamed_people(&tx, batch, &mut written.purge)?;
    }
    if recount {
        tx.execute_batch(
            "SELECT set_config('broadsheet.recount', 'off', true);
             DELETE FROM article_counts;
             INSERT INTO article_counts (section_id, kind, n)
                 SELECT section_id, kind, COUNT(*) FROM articles GROUP BY section_id, kind;",
        )?;
    }
    let after = changes::snapshot(&tx)?;
    changes::compare(&tx, &before, &after, &mut written.purge)?;
    crate::search::feed::prune(&tx)?;
    tx.commit()?;
    Ok(written)
}

/// An entry's live blog, if it has one, beside its stored article; true if it changed (its keys go to `purge`).
/// An article `written` anew without one (its kind changed) is a live blog no more: its blog's row goes, its posts
/// stay (should it be live again, they are there).
fn write_live(
    tx: &Conn,
    entry: &Entry,
    origin: &str,
    written: bool,
    purge: &mut Keys,
) -> DbResult<bool> {
    if entry.live.is_none() && !written {
        return Ok(false);
    }
    let (section, slug) = (&entry.article.section.slug, &entry.article.slug);
    let Some(id) = crate::db::reads::article_id(tx, section, slug)? else {
        return Ok(false);
    };
    let changed = match &entry.live {
        Some(src) => live::sync(tx, id, origin, src)?,
        None => tx.execute("DELETE FROM live_blogs WHERE article_id = ?1", [id])? > 0,
    };
    if changed {
        purge.add(crate::keys::article(section, slug));
        purge.add(crate::keys::live(section, slug));
    }
    Ok(changed)
}

/// Authors and curated topics, owned by the batch's origin; a complete batch replaces those its origin stored
/// before (another source's stay). The topics of each article are added as it is stored (`article::store`),
/// named as the article names them when no curated topic is.
fn write_people(tx: &Conn, batch: &Batch) -> DbResult<()> {
    if batch.complete {
        tx.execute("DELETE FROM authors WHERE origin = ?1", [&batch.origin])?;
        tx.execute("DELETE FROM topics WHERE origin = ?1", [&batch.origin])?;
    }
    for a in &batch.authors {
        tx.execute(
            "INSERT INTO authors (slug, name, role, bio, photo_json, links_json, origin)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
             ON CONFLICT (slug) DO UPDATE SET name = excluded.name, role = excluded.role, bio = excluded.bio,
                 photo_json = excluded.photo_json, links_json = excluded.links_json, origin = excluded.origin",
            params![
                a.slug,
                a.name,
                a.role,
                a.bio,
                a.photo.as_ref().and_then(|p| serde_json::to_string(p).ok()),
                serde_json::to_string(&a.links).unwrap_or_else(|_| "[]".into()),
                batch.origin,
            ],
        )?;
    }
    for t in &batch.topics {
        tx.execute(
            "INSERT INTO topics (slug, name, description, origin) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (slug) DO UPDATE SET name = excluded.name, description = excluded.description,
                 origin = excluded.origin",
            params![t.slug, t.name, t.description, batch.origin],
        )?;
    }
    Ok(())
}

/// Removes `batch`'s origin's topics and authors that neither the batch nor any stored article names, with
/// their pages' keys (`Batch::people_complete`).
fn remove_unnamed_people(tx: &Conn, batch: &Batch, purge: &mut Keys) -> DbResult<()> {
    let topics: HashSet<&str> = batch.topics.iter().map(|t| t.slug.as_str()).collect();
    let unnamed: Vec<String> = tx.query_map(
        "SELECT slug FROM topics WHERE origin = ?1
           AND NOT EXISTS (SELECT 1 FROM article_tags t WHERE t.tag = topics.slug)",
        [&batch.origin],
        |r| r.get("slug"),
    )?;
    for slug in unnamed.iter().filter(|s| !topics.contains(s.as_str())) {
        tx.execute("DELETE FROM topics WHERE slug = ?1", [slug])?;
        purge.add(crate::keys::topic(slug));
    }
    let authors: HashSet<&str> = batch.authors.iter().map(|a| a.slug.as_str()).collect();
    let unnamed: Vec<String> = tx.query_map(
        "SELECT slug FROM authors WHERE origin = ?1
           AND NOT EXISTS (SELECT 1 FROM article_authors a WHERE a.author_slug = authors.slug)",
        [&batch.origin],
        |r| r.get("slug"),
    )?;
    for slug in unnamed.iter().filter(|s| !authors.contains(s.as_str())) {
        tx.execute("DELETE FROM authors WHERE slug = ?1", [slug])?;
        purge.add(crate::keys::author(slug));
    }
    Ok(())
}

/// One origin's articles, source id (`origin:id`) and id, read as a range of the source index alone: the ids from
/// `?1` (`origin:`) up to `?2` (`origin;`, the next byte), compared byte by byte. SQLite's text compares so
/// (`BINARY`); on PostgreSQL the pattern operators do, over the index's `text_pattern_ops` (migration V8), since a
/// range under a linguistic collation is not a prefix. Reading every origin's (as before V8) took 0.3 s of each
/// import of the content folder beside a 1,000,000-article archive.
fn sources_sql(dialect: Dialect) -> &'static str {
    match dialect {
        Dialect::Sqlite => "SELECT id, source FROM articles WHERE source >= ?1 AND source < ?2",
        Dialect::Postgres => {
            "SELECT id, source FROM articles WHERE source ~>=~ ?1 AND source ~<~ ?2"
        }
    }
}

/// The source ids (`origin:id`) and ids of `origin`'s stored articles ([`sources_sql`]).
fn sources_of(c: &Conn, origin: &str) -> DbResult<Vec<(i64, String)>> {
    c.query_map(
        sources_sql(c.dialect()),
        [format!("{origin}:"), format!("{origin};")],
        |r| Ok((r.get::<_, i64>("id")?, r.get::<_, String>("source")?)),
    )
}

/// The articles stored under one source id `?1`, through the same index.
pub(crate) const BY_SOURCE: &str = "SELECT id FROM articles WHERE source = ?1";

/// Removes `origin`'s articles whose source is not in `kept`; rows with no source (written by another tool)
/// and other sources' rows are left alone. Returns how many went.
fn remove_stale(
    tx: &Conn,
    origin: &str,
    kept: &HashSet<String>,
    purge: &mut Keys,
) -> DbResult<usize> {
    let stale: Vec<i64> = sources_of(tx, origin)?
        .into_iter()
        .filter(|(_, source)| !kept.contains(source))
        .map(|(id, _)| id)
        .collect();
    for id in &stale {
        remove_article(tx, *id, purge)?;
    }
    Ok(stale.len())
}

/// The source ids of `origin`'s stored articles (what a source reconciles its listing with).
pub fn source_ids(c: &Conn, origin: &str) -> DbResult<HashSet<String>> {
    let prefix = format!("{origin}:");
    Ok(sources_of(c, origin)?
        .into_iter()
        .filter_map(|(_, s)| s.strip_prefix(&prefix).map(str::to_string))
        .collect())
}

/// Removes the articles stored under `source` (but not the one with id `keep`: the article as it is now, when it
/// moved to another section or slug). Returns how many went.
pub(super) fn remove_source(
    tx: &Conn,
    source: &str,
    keep: Option<i64>,
    purge: &mut Keys,
) -> DbResult<usize> {
    let ids: Vec<i64> = tx.query_map(BY_SOURCE, [source], |r| r.get("id"))?;
    let gone: Vec<i64> = ids.into_iter().filter(|id| Some(*id) != keep).collect();
    for id in &gone {
        remove_article(tx, *id, purge)?;
    }
    Ok(gone.len())
}

fn remove_article(tx: &Conn, id: i64, purge: &mut Keys) -> DbResult<()> {
    if let Some((section, slug, old)) = changes::stored_by_id(tx, id)? {
        changes::article_changed(purge, &section, &slug, Some(&old.membership), None);
    }
    tx.execute("DELETE FROM articles WHERE id = ?1", [id])?;
    Ok(())
}

#[cfg(test)]
mod tests;
