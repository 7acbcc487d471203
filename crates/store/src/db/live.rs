//! Live blogs as stored (`live_blogs`, `live_posts`: migrations sqlite V8 / postgres V10): one page of a blog's
//! posts, anchored at the oldest post (`broadsheet_content::live::page_bounds`), its key events, and what changed
//! since a sequence number. The writes are the write path's (`db::write::live`).

use broadsheet_content::live::{key_event, page_bounds, Live, LivePost, LiveStatus};

use crate::db::sql::{Conn, OptionalExtension, Row, Value};
use crate::db::DbResult;

/// A live blog's own row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Blog {
    pub status: LiveStatus,
    pub coverage_start: String,
    pub coverage_end: Option<String>,
    pub pinned: Option<String>,
    pub seq: u64,
}

/// The columns a post is read from.
const POST_COLS: &str = "id, title, body_json, published, updated, key_event, seq";

/// Newest first; posts published in the same second by id, so every page agrees on the order.
const NEWEST_FIRST: &str = "ORDER BY published DESC, id DESC";

fn post_row(r: &Row) -> DbResult<LivePost> {
    let body: String = r.get("body_json")?;
    Ok(LivePost {
        id: r.get("id")?,
        title: r.get("title")?,
        body: serde_json::from_str(&body).unwrap_or_default(),
        published: r.get("published")?,
        updated: r.get("updated")?,
        key_event: r.get::<_, i64>("key_event")? != 0,
        seq: r.get::<_, i64>("seq")?.max(0) as u64,
    })
}

/// The columns a blog's row is read from, by [`blog_row`].
pub(crate) const BLOG_COLS: &str = "status, coverage_start, coverage_end, pinned, seq";

/// A blog's row, read from [`BLOG_COLS`].
pub(crate) fn blog_row(r: &Row) -> DbResult<Blog> {
    let status: String = r.get("status")?;
    Ok(Blog {
        status: LiveStatus::from_slug(&status).unwrap_or(LiveStatus::Ended),
        coverage_start: r.get("coverage_start")?,
        coverage_end: r.get("coverage_end")?,
        pinned: r.get("pinned")?,
        seq: r.get::<_, i64>("seq")?.max(0) as u64,
    })
}

/// The blog row of article `article_id`, if it is a live blog.
pub fn blog(c: &Conn, article_id: i64) -> DbResult<Option<Blog>> {
    c.query_row(
        &format!("SELECT {BLOG_COLS} FROM live_blogs WHERE article_id = ?1"),
        [article_id],
        blog_row,
    )
    .optional()
}

/// One post of a blog, deleted or not (`None` if it never was).
pub fn post(c: &Conn, article_id: i64, id: &str) -> DbResult<Option<(LivePost, bool)>> {
    c.query_row(
        &format!("SELECT {POST_COLS}, deleted FROM live_posts WHERE article_id = ?1 AND id = ?2"),
        crate::db::sql::params![article_id, id],
        |r| Ok((post_row(r)?, r.get::<_, i64>("deleted")? != 0)),
    )
    .optional()
}

/// The page of `blog`'s posts that holds post `with` (the first page when `with` is `None` or no post of the
/// blog): its posts newest first, the pinned post on the first page, every key event, and its neighbours.
pub fn page(c: &Conn, article_id: i64, blog: &Blog, with: Option<&str>) -> DbResult<Live> {
    // Sorted here, byte by byte as the app sorts them: PostgreSQL's collation could order two posts of the same
    // second otherwise than SQLite.
    let mut rows: Vec<(String, String)> = c.query_map(
        "SELECT published, id FROM live_posts WHERE article_id = ?1 AND deleted = 0",
        [article_id],
        |r| Ok((r.get("published")?, r.get("id")?)),
    )?;
    rows.sort_unstable_by(|a, b| b.cmp(a));
    let ids: Vec<String> = rows.into_iter().map(|(_, id)| id).collect();
    let pages = page_bounds(ids.len());
    let position = with.and_then(|w| ids.iter().position(|id| id == w));
    let index = position
        .and_then(|p| {
            pages
                .iter()
                .position(|(start, end)| (*start..*end).contains(&p))
        })
        .unwrap_or(0);
    let (start, end) = pages[index];
    // The page's posts by the ids just read, so that a post written in between cannot shift the page.
    let wanted = &ids[start..end];
    let marks: Vec<String> = (0..wanted.len()).map(|i| format!("?{}", i + 2)).collect();
    let mut values = vec![Value::Int(article_id)];
    values.extend(wanted.iter().map(|id| Value::Text(id.clone())));
    let mut posts = if wanted.is_empty() {
        Vec::new()
    } else {
        c.query_map(
            &format!(
                "SELECT {POST_COLS} FROM live_posts WHERE article_id = ?1 AND id IN ({})",
                marks.join(", ")
            ),
            values,
            post_row,
        )?
    };
    posts.sort_by_key(|p| wanted.iter().position(|id| *id == p.id));
    let pinned = match index {
        0 => pinned(c, article_id, blog)?,
        _ => None,
    };
    let first_id = |i: usize| pages.get(i).and_then(|(s, _)| ids.get(*s)).cloned();
    Ok(Live {
        pinned,
        posts,
        newer: index.checked_sub(1).filter(|i| *i > 0).and_then(first_id),
        older: first_id(index + 1),
        page: index as u32 + 1,
        page_count: pages.len() as u32,
        ..state(c, article_id, blog)?
    })
}

/// The blog's state and key events, with no posts and no page: what a page and a changes answer both start from.
fn state(c: &Conn, article_id: i64, blog: &Blog) -> DbResult<Live> {
    Ok(Live {
        status: blog.status,
        coverage_start: blog.coverage_start.clone(),
        coverage_end: blog.coverage_end.clone(),
        seq: blog.seq,
        pinned: None,
        posts: Vec::new(),
        deleted: Vec::new(),
        key_events: key_events(c, article_id)?,
        newer: None,
        older: None,
        page: 0,
        page_count: 0,
    })
}

/// What changed in `blog` after change `after`: posts written since (oldest change first) and posts deleted
/// since, with the blog's state, pin and key events now.
pub fn changes(c: &Conn, article_id: i64, blog: &Blog, after: u64) -> DbResult<Live> {
    let after = after.min(i64::MAX as u64) as i64;
    let mut posts = Vec::new();
    let mut deleted = Vec::new();
    let rows = c.query_map(
        &format!(
            "SELECT {POST_COLS}, deleted FROM live_posts WHERE article_id = ?1 AND seq > ?2 ORDER BY seq"
        ),
        crate::db::sql::params![article_id, after],
        |r| Ok((post_row(r)?, r.get::<_, i64>("deleted")? != 0)),
    )?;
    for (post, gone) in rows {
        if gone {
            deleted.push(post.id);
        } else {
            posts.push(post);
        }
    }
    Ok(Live {
        pinned: pinned(c, article_id, blog)?,
        posts,
        deleted,
        ..state(c, article_id, blog)?
    })
}

/// The blog's pinned post, unless it is gone.
fn pinned(c: &Conn, article_id: i64, blog: &Blog) -> DbResult<Option<LivePost>> {
    Ok(match &blog.pinned {
        Some(id) => post(c, article_id, id)?
            .filter(|(_, deleted)| !deleted)
            .map(|(p, _)| p),
        None => None,
    })
}

/// Every key event of a blog, newest first.
fn key_events(c: &Conn, article_id: i64) -> DbResult<Vec<broadsheet_content::live::KeyEvent>> {
    c.query_map(
        &format!(
            "SELECT {POST_COLS} FROM live_posts WHERE article_id = ?1 AND deleted = 0 AND key_event = 1
             {NEWEST_FIRST}"
        ),
        [article_id],
        |r| Ok(key_event(&post_row(r)?)),
    )
}

/// Every post of a blog that is not deleted, newest first (feeds, JSON-LD).
pub fn latest(c: &Conn, article_id: i64, limit: usize) -> DbResult<Vec<LivePost>> {
    c.query_map(
        &format!(
            "SELECT {POST_COLS} FROM live_posts WHERE article_id = ?1 AND deleted = 0 {NEWEST_FIRST} LIMIT ?2"
        ),
        crate::db::sql::params![article_id, limit as i64],
        post_row,
    )
}

#[cfg(test)]
mod tests;
