//! One article of a batch into `articles`, `article_tags`, `article_authors` and `comments`.

use std::collections::HashSet;

use broadsheet_content::{AuthorRef, Block, Comment, Inline, TopicRef};

use super::address::{self, Place};
use super::changes::{self, Membership};
use super::Entry;
use crate::db::sql::{params, Conn};
use crate::db::DbResult;
use crate::keys::Keys;

/// The columns of an article's row, as its digest sees them.
#[derive(serde::Serialize)]
struct Row<'a> {
    kind: &'a str,
    headline: &'a str,
    standfirst: &'a str,
    byline: String,
    byline_role: Option<&'a str>,
    published: &'a str,
    updated: Option<&'a str>,
    featured: bool,
    comments_open: bool,
    image_json: Option<String>,
    body_json: String,
    source: &'a str,
    /// The topics' names, for search.
    topics_text: String,
    /// The body's words, for search ([`body_text`]).
    body_text: String,
}

/// The names as a byline prints them: "A", "A and B", "A, B and C".
pub fn byline(authors: &[AuthorRef]) -> String {
    let names: Vec<&str> = authors.iter().map(|a| a.name.as_str()).collect();
    match names.split_last() {
        None => String::new(),
        Some((last, [])) => (*last).to_string(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
    }
}

/// The article's topics, each once, in the order given; empty slugs left out.
fn topics(entry: &Entry) -> Vec<&TopicRef> {
    let mut seen = HashSet::new();
    entry
        .article
        .topics
        .iter()
        .filter(|t| !t.slug.is_empty() && seen.insert(t.slug.as_str()))
        .collect()
}

/// What became of an entry.
pub enum Stored {
    Written,
    /// What is stored for it is the same (its digest).
    Unchanged,
    /// Another source's article holds its address (that one's `{origin}:{id}`): not written.
    Taken(String),
}

/// Stores `entry` under `source` unless what is stored for it is the same (its digest) or its address is another
/// source's; the keys of what changed go to `purge`.
pub fn store(
    tx: &Conn,
    entry: &Entry,
    origin: &str,
    source: &str,
    purge: &mut Keys,
) -> DbResult<Stored> {
    let a = &entry.article;
    let topics = topics(entry);
    let row = Row {
        kind: a.kind.slug(),
        headline: &a.headline,
        standfirst: &a.standfirst,
        byline: byline(&a.authors),
        byline_role: match a.authors.as_slice() {
            [only] => only.role.as_deref(),
            _ => None,
        },
        published: &a.published,
        updated: a.updated.as_deref(),
        featured: entry.featured,
        comments_open: a.comments_open,
        image_json: a.image.as_ref().and_then(|i| serde_json::to_string(i).ok()),
        body_json: serde_json::to_string(&a.body).unwrap_or_else(|_| "[]".into()),
        source,
        topics_text: topics
            .iter()
            .map(|t| t.name.as_str())
            .collect::<Vec<_>>()
            .join(" "),
        body_text: body_text(&a.body),
    };
    let digest = changes::digest(&serde_json::json!([row, topics, a.authors, entry.comments]));
    // An article's topics exist whether or not the article changed: a complete batch rebuilt the table.
    for t in &topics {
        tx.execute(
            "INSERT INTO topics (slug, name, origin) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING",
            params![t.slug, t.name, origin],
        )?;
    }
    let section = &a.section.slug;
    if let Place::Taken(other) = address::claim(tx, origin, source, (section, &a.slug), purge)? {
        return Ok(Stored::Taken(other));
    }
    let old = changes::stored(tx, section, &a.slug)?;
    if old.as_ref().and_then(|o| o.digest.as_deref()) == Some(digest.as_str()) {
        return Ok(Stored::Unchanged);
    }
    let id = upsert_row(tx, section, &a.slug, &row, &digest)?;
    // Rows of the same source left at other addresses (written before articles moved in place): gone.
    super::remove_source(tx, source, Some(id), purge)?;
    tx.execute("DELETE FROM article_tags WHERE article_id = ?1", [id])?;
    for (position, t) in topics.iter().enumerate() {
        tx.execute(
            "INSERT INTO article_tags (article_id, tag, position) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING",
            params![id, t.slug, position as i64],
        )?;
    }
    tx.execute("DELETE FROM article_authors WHERE article_id = ?1", [id])?;
    for (position, author) in a.authors.iter().enumerate() {
        tx.execute(
            "INSERT INTO article_authors (article_id, position, name, author_slug, role) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![id, position as i64, author.name, author.slug, author.role],
        )?;
    }
    insert_comments(tx, id, &entry.comments)?;
    let new = Membership {
        section: section.clone(),
        kind: a.kind,
        published: a.published.clone(),
        featured: entry.featured,
        topics: {
            let mut slugs: Vec<String> = topics.iter().map(|t| t.slug.clone()).collect();
            slugs.sort();
            slugs
        },
        authors: a.authors.iter().filter_map(|au| au.slug.clone()).collect(),
    };
    changes::article_changed(
        purge,
        section,
        &a.slug,
        old.as_ref().map(|o| &o.membership),
        Some(&new),
    );
    Ok(Stored::Written)
}

/// Inserts or updates the row of article `slug` in `section`; its id.
fn upsert_row(tx: &Conn, section: &str, slug: &str, row: &Row, digest: &str) -> DbResult<i64> {
    tx.query_row(
        "INSERT INTO articles (section_id, slug, kind, headline, standfirst, byline_name, byline_role, published,
                               updated, featured, comments_open, image_json, body_json, source, digest, topics_text,
                               body_text)
         VALUES ((SELECT id FROM sections WHERE slug = ?1), ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14,
                 ?15, ?16, ?17)
         ON CONFLICT (section_id, slug) DO UPDATE SET kind = excluded.kind, headline = excluded.headline,
             standfirst = excluded.standfirst, byline_name = excluded.byline_name,
             byline_role = excluded.byline_role, published = excluded.published, updated = excluded.updated,
             featured = excluded.featured, comments_open = excluded.comments_open,
             image_json = excluded.image_json, body_json = excluded.body_json, source = excluded.source,
             digest = excluded.digest, topics_text = excluded.topics_text,
             body_text = excluded.body_text
         RETURNING id",
        params![
            section,
            slug,
            row.kind,
            row.headline,
            row.standfirst,
            row.byline,
            row.byline_role,
            row.published,
            row.updated,
            row.featured,
            row.comments_open,
            row.image_json,
            row.body_json,
            row.source,
            digest,
            row.topics_text,
            row.body_text,
        ],
        |r| r.get(0),
    )
}

/// The searchable words of a body, a block a line: paragraphs, headings, quotes and list items as plain text,
/// pull quotes, image captions and video titles.
pub fn body_text(blocks: &[Block]) -> String {
    let mut out = String::new();
    for b in blocks {
        let text = match b {
            Block::Paragraph { content } | Block::Heading { content, .. } => {
                Inline::plain_text(content)
            }
            // Who said it is searched too: readers look for the people quoted.
            Block::Quote {
                content,
                attribution,
            } => format!(
                "{} {}",
                Inline::plain_text(content),
                attribution.as_deref().unwrap_or_default()
            ),
            Block::PullQuote { text, attribution } => {
                format!("{text} {}", attribution.as_deref().unwrap_or_default())
            }
            Block::List { items, .. } => items
                .iter()
                .map(|i| Inline::plain_text(i))
                .collect::<Vec<_>>()
                .join(" "),
            Block::Image { image } => image.caption.clone().unwrap_or_default(),
            Block::Video { video } => video.title.clone(),
            Block::Unsupported => String::new(),
        };
        out.push_str(&text);
        out.push('\n');
    }
    out
}

fn insert_comments(tx: &Conn, id: i64, comments: &[Comment]) -> DbResult<()> {
    for c in comments {
        tx.execute(
            "INSERT INTO comments (article_id, author, body, status, created, updated)
             VALUES (?1, ?2, ?3, 'published', ?4, ?4) ON CONFLICT DO NOTHING",
            params![id, c.author, c.body, c.posted],
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn author(name: &str) -> AuthorRef {
        AuthorRef {
            name: name.into(),
            slug: None,
            role: None,
        }
    }

    #[test]
    fn a_byline_names_everyone_with_and_before_the_last() {
        assert_eq!(byline(&[]), "");
        assert_eq!(byline(&[author("A")]), "A");
        assert_eq!(byline(&[author("A"), author("B")]), "A and B");
        assert_eq!(
            byline(&[author("A"), author("B"), author("C")]),
            "A, B and C"
        );
    }
}
