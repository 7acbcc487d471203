//! What a write changed, as the surrogate keys to purge (`crate::keys` states the rule):
//! - an article added, edited or removed: its own key, [`keys::SEARCH`] and [`keys::SITEMAPS`];
//! - an article that joins, leaves or moves in a listing (added, removed, or a new section, kind, date,
//!   featured flag, topics or authors): the keys of the listings it was and is in;
//! - a section, topic or author whose own fields changed: its key;
//! - the front page and the rails: their keys when their answers differ from before the write.
//!
//! An article is edited when its [`digest`] (of every stored field) differs from the one stored with it.

use std::collections::BTreeMap;

use crate::db::sql::{Conn, OptionalExtension};
use broadsheet_content::Kind;
use sha2::{Digest, Sha256};

use crate::db::queries;
use crate::keys::{self, Keys};

/// What decides which listings an article is in, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Membership {
    pub section: String,
    pub kind: Kind,
    pub published: String,
    pub featured: bool,
    /// Topic slugs, sorted.
    pub topics: Vec<String>,
    /// Author slugs (of those with a page), in byline order.
    pub authors: Vec<String>,
}

impl Membership {
    /// The keys of every listing this places the article in.
    pub fn add_keys(&self, out: &mut Keys) {
        out.add(keys::ARTICLES);
        out.add(keys::section(&self.section));
        out.add(keys::kind(self.kind));
        for t in &self.topics {
            out.add(keys::topic(t));
        }
        for a in &self.authors {
            out.add(keys::author(a));
        }
    }
}

/// An article as it was before this write.
pub(crate) struct Stored {
    pub digest: Option<String>,
    pub membership: Membership,
}

/// The hex SHA-256 of `fields` as JSON: an article's digest is of everything the write stores for it.
pub(crate) fn digest(fields: &serde_json::Value) -> String {
    let hash = Sha256::digest(fields.to_string().as_bytes());
    hash.iter().map(|b| format!("{b:02x}")).collect()
}

/// The article `slug` in section `section` as stored, if it is.
pub(crate) fn stored(c: &Conn, section: &str, slug: &str) -> crate::db::DbResult<Option<Stored>> {
    let id: Option<i64> = c
        .query_row(
            "SELECT a.id FROM articles a JOIN sections s ON s.id = a.section_id
             WHERE s.slug = ?1 AND a.slug = ?2",
            [section, slug],
            |r| r.get(0),
        )
        .optional()?;
    match id {
        Some(id) => stored_by_id(c, id).map(|s| s.map(|(_, _, s)| s)),
        None => Ok(None),
    }
}

/// The article with row `id` as stored: its section, slug and what the write needs of it.
pub(crate) fn stored_by_id(
    c: &Conn,
    id: i64,
) -> crate::db::DbResult<Option<(String, String, Stored)>> {
    let row = c
        .query_row(
            "SELECT s.slug AS section_slug, a.slug, a.kind, a.published, a.featured, a.digest
             FROM articles a JOIN sections s ON s.id = a.section_id WHERE a.id = ?1",
            [id],
            |r| {
                Ok((
                    r.get::<_, String>("section_slug")?,
                    r.get::<_, String>("slug")?,
                    r.get::<_, String>("kind")?,
                    r.get::<_, String>("published")?,
                    r.get::<_, bool>("featured")?,
                    r.get::<_, Option<String>>("digest")?,
                ))
            },
        )
        .optional()?;
    let Some((section, slug, kind, published, featured, digest)) = row else {
        return Ok(None);
    };
    let strings = |sql: &str| -> crate::db::DbResult<Vec<String>> {
        let stmt = c.prepare_cached(sql)?;
        let rows = stmt.query_map([id], |r| r.get::<_, String>(0))?;
        rows.collect()
    };
    // Sorted here, not by the database, whose collation may differ from Rust's order.
    let mut topics = strings("SELECT tag FROM article_tags WHERE article_id = ?1")?;
    topics.sort();
    let authors = strings(
        "SELECT author_slug FROM article_authors
         WHERE article_id = ?1 AND author_slug IS NOT NULL ORDER BY position",
    )?;
    let membership = Membership {
        section: section.clone(),
        kind: Kind::from_slug(&kind).unwrap_or(Kind::Other),
        published,
        featured,
        topics,
        authors,
    };
    Ok(Some((section, slug, Stored { digest, membership })))
}

/// The keys of an article that changed from `old` (none: it is new) to `new` (none: it is gone).
pub(crate) fn article_changed(
    out: &mut Keys,
    section: &str,
    slug: &str,
    old: Option<&Membership>,
    new: Option<&Membership>,
) {
    out.add(keys::article(section, slug));
    out.add(keys::SEARCH);
    out.add(keys::SITEMAPS);
    if old != new {
        for m in [old, new].into_iter().flatten() {
            m.add_keys(out);
        }
    }
}

/// The answers the whole site shares, as they were at one moment of the write.
pub(crate) struct Snapshot {
    front: String,
    rails: String,
    sections: BTreeMap<String, String>,
    topics: BTreeMap<String, String>,
    authors: BTreeMap<String, String>,
}

/// `slug` and `fields` of each row of `sql`, by slug.
fn rows(c: &Conn, sql: &str) -> crate::db::DbResult<BTreeMap<String, String>> {
    let stmt = c.prepare(sql)?;
    let rows = stmt.query_map((), |r| {
        Ok((r.get::<_, String>("slug")?, r.get::<_, String>("fields")?))
    })?;
    rows.collect()
}

/// The front page, the rails, and each section's, topic's and author's own fields.
pub(crate) fn snapshot(c: &Conn) -> crate::db::DbResult<Snapshot> {
    Ok(Snapshot {
        front: serde_json::to_string(&queries::front(c)?).unwrap_or_default(),
        rails: serde_json::to_string(&queries::rails(c)?).unwrap_or_default(),
        // Fields joined with a unit separator (U+001F), which no field holds.
        sections: rows(
            c,
            "SELECT slug, name || '\u{1f}' || description || '\u{1f}' || CAST(position AS TEXT) AS fields
             FROM sections",
        )?,
        topics: rows(c, "SELECT slug, name || '\u{1f}' || description AS fields FROM topics")?,
        authors: rows(
            c,
            "SELECT slug, name || '\u{1f}' || COALESCE(role, '') || '\u{1f}' || bio || '\u{1f}' ||
                    COALESCE(photo_json, '') || '\u{1f}' || links_json AS fields FROM authors",
        )?,
    })
}

/// The slugs whose rows differ between `a` and `b` (added, removed or changed).
fn differing<'a>(
    a: &'a BTreeMap<String, String>,
    b: &'a BTreeMap<String, String>,
) -> impl Iterator<Item = &'a String> {
    a.iter()
        .filter(|(k, v)| b.get(*k) != Some(v))
        .map(|(k, _)| k)
        .chain(b.keys().filter(|k| !a.contains_key(*k)))
}

/// Adds the keys of what differs between the snapshots taken `before` and `after` the write. A section whose
/// name changed also purges its articles' keys: every teaser of them shows the name.
pub(crate) fn compare(
    c: &Conn,
    before: &Snapshot,
    after: &Snapshot,
    out: &mut Keys,
) -> crate::db::DbResult<()> {
    if before.front != after.front {
        out.add(keys::FRONT);
    }
    if before.rails != after.rails {
        out.add(keys::RAILS);
    }
    for s in differing(&before.sections, &after.sections) {
        out.add(keys::SECTIONS);
        out.add(keys::section(s));
        out.add(keys::SITEMAPS);
        let slugs = c.query_map(
            "SELECT a.slug FROM articles a JOIN sections s ON s.id = a.section_id WHERE s.slug = ?1",
            [s.as_str()],
            |r| r.get::<_, String>(0),
        )?;
        for slug in slugs {
            out.add(keys::article(s, &slug));
        }
    }
    for t in differing(&before.topics, &after.topics) {
        out.add(keys::topic(t));
        out.add(keys::SITEMAPS);
    }
    for a in differing(&before.authors, &after.authors) {
        out.add(keys::author(a));
        out.add(keys::SITEMAPS);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn membership(section: &str, topics: &[&str]) -> Membership {
        Membership {
            section: section.into(),
            kind: Kind::News,
            published: "2026-06-30T23:30:00Z".into(),
            featured: false,
            topics: topics.iter().map(|t| t.to_string()).collect(),
            authors: Vec::new(),
        }
    }

    #[test]
    fn an_edit_in_place_purges_the_article_alone_with_search_and_sitemaps() {
        let m = membership("policy", &["housing"]);
        let mut out = Keys::new();
        article_changed(&mut out, "policy", "budget", Some(&m), Some(&m));
        assert_eq!(out.header_value(), "article:policy/budget search sitemaps");
    }

    #[test]
    fn a_move_purges_the_listings_it_left_and_joined() {
        let (old, new) = (
            membership("policy", &["housing"]),
            membership("policy", &["tax"]),
        );
        let mut out = Keys::new();
        article_changed(&mut out, "policy", "budget", Some(&old), Some(&new));
        for key in [
            "topic:housing",
            "topic:tax",
            "section:policy",
            "kind:news",
            "articles",
        ] {
            assert!(
                out.contains(key),
                "{key} missing from {}",
                out.header_value()
            );
        }
    }
}
