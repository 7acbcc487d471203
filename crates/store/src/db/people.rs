//! Topics and authors: their pages' data, and what an article says of them.

use crate::db::sql::{Conn, OptionalExtension, Row};
use broadsheet_content::{Author, AuthorRef, Image, Listing, Pagination, TopicRef};

use super::listing::{list, ListFilter};

/// The query of the topics an article is filed under, in the order written, the article's id being the SQL
/// expression `id`; rows read by [`topic_ref`].
pub(crate) fn article_topics(id: &str) -> String {
    format!(
        "SELECT t.tag, COALESCE(p.name, t.tag) AS name FROM article_tags t LEFT JOIN topics p ON p.slug = t.tag
         WHERE t.article_id = {id} ORDER BY t.position, t.tag"
    )
}

/// A row of [`article_topics`].
pub(crate) fn topic_ref(r: &Row<'_>) -> crate::db::DbResult<TopicRef> {
    Ok(TopicRef {
        slug: r.get("tag")?,
        name: r.get("name")?,
    })
}

/// The query of the writers an article's byline names, in order, the article's id being the SQL expression `id`;
/// rows read by [`author_ref`].
pub(crate) fn article_authors(id: &str) -> String {
    format!("SELECT name, author_slug, role FROM article_authors WHERE article_id = {id} ORDER BY position")
}

/// A row of [`article_authors`].
pub(crate) fn author_ref(r: &Row<'_>) -> crate::db::DbResult<AuthorRef> {
    Ok(AuthorRef {
        name: r.get("name")?,
        slug: r.get("author_slug")?,
        role: r.get("role")?,
    })
}

/// Page `page` of a topic's articles; `None` for a topic that does not exist.
pub fn topic_listing(
    conn: &Conn,
    slug: &str,
    page: u32,
    limit: u32,
) -> crate::db::DbResult<Option<Listing>> {
    let topic: Option<(String, String)> = conn
        .prepare_cached("SELECT name, description FROM topics WHERE slug = ?1")?
        .query_row([slug], |r| Ok((r.get("name")?, r.get("description")?)))
        .optional()?;
    let Some((name, description)) = topic else {
        return Ok(None);
    };
    let filter = ListFilter {
        tag: Some(slug.to_string()),
        ..Default::default()
    };
    let (articles, total) = list(conn, &filter, page, limit)?;
    let description = if description.is_empty() {
        format!("Articles on Broadsheet filed under {name}.")
    } else {
        description
    };
    Ok(Some(Listing {
        title: name,
        description,
        section: None,
        articles,
        meta: Pagination::new(page, limit, total),
        author: None,
        search: None,
    }))
}

/// Page `page` of an author's articles with who they are; `None` for an author who does not exist.
pub fn author_page(
    conn: &Conn,
    slug: &str,
    page: u32,
    limit: u32,
) -> crate::db::DbResult<Option<Listing>> {
    let author = conn
        .prepare_cached(
            "SELECT slug, name, role, bio, photo_json, links_json FROM authors WHERE slug = ?1",
        )?
        .query_row([slug], |r| {
            Ok(Author {
                slug: r.get("slug")?,
                name: r.get("name")?,
                role: r.get("role")?,
                bio: r.get("bio")?,
                photo: r
                    .get::<_, Option<String>>("photo_json")?
                    .and_then(|j| serde_json::from_str::<Image>(&j).ok()),
                links: serde_json::from_str(&r.get::<_, String>("links_json")?).unwrap_or_default(),
            })
        })
        .optional()?;
    let Some(author) = author else {
        return Ok(None);
    };
    let filter = ListFilter {
        author: Some(slug.to_string()),
        ..Default::default()
    };
    let (articles, total) = list(conn, &filter, page, limit)?;
    Ok(Some(Listing {
        title: author.name.clone(),
        description: if author.bio.is_empty() {
            format!("Articles by {} on Broadsheet.", author.name)
        } else {
            author.bio.clone()
        },
        section: None,
        articles,
        meta: Pagination::new(page, limit, total),
        author: Some(author),
        search: None,
    }))
}

/// Every topic and author slug that has a page, for the sitemap: `(topics, authors)`.
pub fn slugs(conn: &Conn) -> crate::db::DbResult<(Vec<String>, Vec<String>)> {
    let all = |sql: &str| -> crate::db::DbResult<Vec<String>> {
        let stmt = conn.prepare_cached(sql)?;
        let rows = stmt.query_map((), |r| r.get(0))?;
        rows.collect()
    };
    Ok((
        all("SELECT slug FROM topics WHERE slug IN (SELECT tag FROM article_tags) ORDER BY slug")?,
        all("SELECT slug FROM authors ORDER BY slug")?,
    ))
}
