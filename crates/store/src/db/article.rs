//! One article as the API answers it: its row, topics, byline, related articles and live blog row, all named by
//! the article's address so that they are sent at once (one round trip on PostgreSQL), and its comments.

use crate::db::listing::{teaser_row, ArticleRow, FROM, TEASER_COLS};
use crate::db::live::{blog_row, Blog, BLOG_COLS};
use crate::db::people;
use crate::db::sql::{Conn, Query};
use broadsheet_content::{Article, AuthorRef, Block, Comment, Teaser};

/// The id of the article at `/{?1}/{?2}` (its section's slug, its slug) as a scalar subquery, which both engines
/// evaluate once per statement: every read of an article names it so, and none waits for another's answer.
const ID_AT: &str = "(SELECT a.id FROM articles a JOIN sections s ON s.id = a.section_id
                      WHERE s.slug = ?1 AND a.slug = ?2)";

/// An article, its id and its live blog's row (`None` unless it is a live blog).
pub struct ArticleRead {
    pub id: i64,
    pub article: Article,
    pub blog: Option<Blog>,
}

/// The article's own row, beyond its teaser.
struct Own {
    row: ArticleRow,
    role: Option<String>,
    updated: Option<String>,
    body: String,
    comments_open: bool,
    comment_count: u32,
}

/// An article by section and slug, with its related articles and published comment count.
pub fn article(
    conn: &Conn,
    section: &str,
    slug: &str,
) -> crate::db::DbResult<Option<(i64, Article)>> {
    Ok(article_read(conn, section, slug)?.map(|read| (read.id, read.article)))
}

/// An article by section and slug with its live blog's row: six queries sent together, each naming the article
/// by its address ([`ID_AT`]).
pub fn article_read(
    conn: &Conn,
    section: &str,
    slug: &str,
) -> crate::db::DbResult<Option<ArticleRead>> {
    let own_sql = format!(
        "SELECT {TEASER_COLS}, a.byline_role, a.updated, a.body_json, a.comments_open,
                (SELECT COUNT(*) FROM comments c WHERE c.article_id = a.id AND c.status = 'published') AS comment_count
         {FROM} WHERE s.slug = ?1 AND a.slug = ?2"
    );
    let topics_sql = people::article_topics(ID_AT);
    let authors_sql = people::article_authors(ID_AT);
    let blog_sql = format!("SELECT {BLOG_COLS} FROM live_blogs WHERE article_id = {ID_AT}");
    let (by_tags_sql, in_section_sql) = related_queries();
    let address = || vec![section.to_string().into(), slug.to_string().into()];
    let (mut own, mut blog) = (None, None);
    let (mut topics, mut authors, mut by_tags, mut in_section) = (vec![], vec![], vec![], vec![]);
    conn.together(vec![
        Query::new(&own_sql, address(), |r| {
            own = Some(Own {
                row: teaser_row(r)?,
                role: r.get("byline_role")?,
                updated: r.get("updated")?,
                body: r.get("body_json")?,
                comments_open: r.get("comments_open")?,
                comment_count: r.get("comment_count")?,
            });
            Ok(())
        }),
        Query::new(&topics_sql, address(), |r| {
            topics.push(people::topic_ref(r)?);
            Ok(())
        }),
        Query::new(&authors_sql, address(), |r| {
            authors.push(people::author_ref(r)?);
            Ok(())
        }),
        Query::new(&by_tags_sql, address(), |r| {
            by_tags.push(teaser_row(r)?.teaser);
            Ok(())
        }),
        Query::new(&in_section_sql, address(), |r| {
            in_section.push(teaser_row(r)?.teaser);
            Ok(())
        }),
        Query::new(&blog_sql, address(), |r| {
            blog = Some(blog_row(r)?);
            Ok(())
        }),
    ])?;
    let Some(own) = own else {
        return Ok(None);
    };
    // A row written without authors (by another tool): its byline, as written.
    if authors.is_empty() {
        if let Some(name) = own
            .row
            .teaser
            .byline
            .clone()
            .filter(|n| !n.trim().is_empty())
        {
            authors.push(AuthorRef {
                name,
                slug: None,
                role: own.role,
            });
        }
    }
    let t = own.row.teaser;
    let body: Vec<Block> = serde_json::from_str(&own.body).unwrap_or_default();
    Ok(Some(ArticleRead {
        id: own.row.id,
        article: Article {
            section: t.section,
            slug: t.slug,
            kind: t.kind,
            headline: t.headline,
            standfirst: t.standfirst,
            authors,
            published: t.published,
            updated: own.updated,
            image: t.image,
            topics,
            body,
            related: related(by_tags, in_section),
            comments_open: own.comments_open,
            comment_count: own.comment_count,
            live: None,
        },
        blog,
    }))
}

/// The queries of an article's related articles (`?1`, `?2` its address): up to four sharing most of its tags,
/// and the newest eight of its section.
fn related_queries() -> (String, String) {
    (
        format!(
            "SELECT {TEASER_COLS} {FROM} JOIN (
                SELECT t.article_id AS aid, COUNT(*) AS shared FROM article_tags t
                WHERE t.tag IN (SELECT tag FROM article_tags WHERE article_id = {ID_AT}) AND t.article_id != {ID_AT}
                GROUP BY t.article_id ORDER BY shared DESC, t.article_id LIMIT 4
             ) r ON r.aid = a.id ORDER BY r.shared DESC, a.published DESC"
        ),
        format!(
            "SELECT {TEASER_COLS} {FROM}
             WHERE a.section_id = (SELECT id FROM sections WHERE slug = ?1) AND a.id != {ID_AT}
             ORDER BY a.published DESC, a.id DESC LIMIT 8"
        ),
    )
}

/// Up to four related articles: those sharing most tags first, then the newest of the same section not among
/// them.
fn related(by_tags: Vec<Teaser>, in_section: Vec<Teaser>) -> Vec<Teaser> {
    let mut out = by_tags;
    for t in in_section {
        if out.len() >= 4 {
            break;
        }
        if !out
            .iter()
            .any(|o| o.slug == t.slug && o.section.slug == t.section.slug)
        {
            out.push(t);
        }
    }
    out
}

/// An article's published comments, oldest first.
pub fn comments(conn: &Conn, article_id: i64) -> crate::db::DbResult<Vec<Comment>> {
    let stmt = conn.prepare_cached(
        "SELECT id, author, body, created FROM comments WHERE article_id = ?1 AND status = 'published'
         ORDER BY created, id",
    )?;
    let rows = stmt.query_map([article_id], |r| {
        Ok(Comment {
            id: r.get("id")?,
            author: r.get("author")?,
            body: r.get("body")?,
            posted: r.get("created")?,
        })
    })?;
    rows.collect()
}
