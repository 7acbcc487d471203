//! What a feed says about each article, read from the database.

use crate::db::sql::{params, Conn, OptionalExtension};
use broadsheet_content::{FeedScope, Image, Page};

use crate::db::queries::section;

/// One article as feeds describe it. Times are RFC 3339 as stored.
#[derive(Debug, Clone)]
pub struct FeedItem {
    /// Its page's path (`/housing/a-story`).
    pub path: String,
    pub headline: String,
    /// The standfirst: the feeds' summary.
    pub standfirst: String,
    pub byline: Option<String>,
    pub section: String,
    pub published: String,
    pub updated: Option<String>,
    pub image: Option<Image>,
}

impl FeedItem {
    /// When it last changed: its update, or its publication.
    pub fn modified(&self) -> &str {
        self.updated.as_deref().unwrap_or(&self.published)
    }
}

/// The feed's title and description, and its items (newest first, at most `limit`); `None` for a section that
/// does not exist.
pub fn items(
    conn: &Conn,
    scope: &FeedScope,
    limit: u32,
) -> crate::db::DbResult<Option<(String, String, Vec<FeedItem>)>> {
    let one = |sql: &str, slug: &str| -> crate::db::DbResult<Option<(String, String)>> {
        conn.prepare_cached(sql)?
            .query_row([slug], |r| Ok((r.get("name")?, r.get("about")?)))
            .optional()
    };
    let (mut section_id, mut topic, mut author) = (None, None, None);
    let (title, description) = match scope {
        FeedScope::Live { section, slug } => return live_items(conn, section, slug, limit),
        FeedScope::Site => (
            "Broadsheet".to_string(),
            "News and analysis for people who run public services.".to_string(),
        ),
        FeedScope::Section(slug) => match section(conn, slug)? {
            Some((id, s)) => {
                section_id = Some(id);
                (format!("Broadsheet: {}", s.name), s.description)
            }
            None => return Ok(None),
        },
        FeedScope::Topic(slug) => {
            match one(
                "SELECT name, description AS about FROM topics WHERE slug = ?1",
                slug,
            )? {
                Some((name, description)) => {
                    topic = Some(slug.clone());
                    let description = if description.is_empty() {
                        format!("Articles filed under {name}.")
                    } else {
                        description
                    };
                    (format!("Broadsheet: {name}"), description)
                }
                None => return Ok(None),
            }
        }
        FeedScope::Author(slug) => {
            match one(
                "SELECT name, bio AS about FROM authors WHERE slug = ?1",
                slug,
            )? {
                Some((name, _)) => {
                    author = Some(slug.clone());
                    (
                        format!("Broadsheet: {name}"),
                        format!("Articles by {name}."),
                    )
                }
                None => return Ok(None),
            }
        }
    };
    let stmt = conn.prepare_cached(
        "SELECT s.slug AS section_slug, a.slug, a.headline, a.standfirst, a.byline_name, s.name AS section_name,
                a.published, a.updated, a.image_json
         FROM articles a JOIN sections s ON s.id = a.section_id
         WHERE (CAST(?1 AS BIGINT) IS NULL OR a.section_id = ?1)
           AND (CAST(?2 AS TEXT) IS NULL OR a.id IN (SELECT article_id FROM article_tags WHERE tag = ?2))
           AND (CAST(?3 AS TEXT) IS NULL OR a.id IN (SELECT article_id FROM article_authors WHERE author_slug = ?3))
         ORDER BY a.published DESC, a.id DESC LIMIT ?4",
    )?;
    let rows = stmt.query_map(params![section_id, topic, author, limit], |r| {
        let (section_slug, slug): (String, String) = (r.get("section_slug")?, r.get("slug")?);
        Ok((
            Page::article(&section_slug, &slug).map(|p| p.href()),
            FeedItem {
                path: String::new(),
                headline: r.get("headline")?,
                standfirst: r.get("standfirst")?,
                byline: r.get("byline_name")?,
                section: r.get("section_name")?,
                published: r.get("published")?,
                updated: r.get("updated")?,
                image: r
                    .get::<_, Option<String>>("image_json")?
                    .and_then(|j| serde_json::from_str(&j).ok()),
            },
        ))
    })?;
    let mut items = Vec::new();
    for row in rows {
        // An article without a valid address has no link to give: it is left out.
        if let (Some(path), item) = row? {
            items.push(FeedItem { path, ..item });
        }
    }
    Ok(Some((title, description, items)))
}

/// A live blog's feed: its latest posts, each linked by its permalink; `None` when there is no live blog there.
fn live_items(
    conn: &Conn,
    section: &str,
    slug: &str,
    limit: u32,
) -> crate::db::DbResult<Option<(String, String, Vec<FeedItem>)>> {
    use broadsheet_content::live::{key_event, post_href, summary, SUMMARY_CHARS};
    let Some((id, article)) = crate::db::queries::article(conn, section, slug)? else {
        return Ok(None);
    };
    let Some(path) = Page::article(section, slug).map(|p| p.href()) else {
        return Ok(None);
    };
    if crate::db::live::blog(conn, id)?.is_none() {
        return Ok(None);
    }
    let byline = article
        .authors
        .iter()
        .map(|a| a.name.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    let items = crate::db::live::latest(conn, id, limit as usize)?
        .into_iter()
        .map(|post| FeedItem {
            path: post_href(&path, &post.id),
            headline: key_event(&post).title,
            standfirst: summary(&post, SUMMARY_CHARS),
            byline: (!byline.is_empty()).then(|| byline.clone()),
            section: article.section.name.clone(),
            published: post.published,
            updated: post.updated,
            image: None,
        })
        .collect();
    Ok(Some((
        format!("Broadsheet: {}", article.headline),
        article.standfirst,
        items,
    )))
}
