//! Readers' comments: storing a post once, and the editors' moderation.

use crate::db::sql::{params, Conn};
use broadsheet_content::CommentStatus;
use serde::Serialize;

/// A comment as an editor sees it, with the article it is on.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ModeratedComment {
    pub id: i64,
    /// The article's path on the site, `/section/slug`.
    pub article: String,
    pub headline: String,
    pub author: String,
    pub body: String,
    pub status: CommentStatus,
    /// RFC 3339.
    pub posted: String,
}

/// The time a comment is posted or moderated, RFC 3339 to the millisecond.
pub fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

/// Stores a comment unless one with the same `key` is already on the article; returns its id and status.
pub fn post(
    conn: &Conn,
    article_id: i64,
    (author, body): (&str, &str),
    key: &str,
    status: CommentStatus,
    now: &str,
) -> crate::db::DbResult<(i64, CommentStatus)> {
    let tx = conn.transaction()?;
    tx.execute(
        "INSERT INTO comments (article_id, author, body, status, created, updated, key)
         VALUES (?1, ?2, ?3, ?4, ?5, ?5, ?6) ON CONFLICT DO NOTHING",
        params![article_id, author, body, status.as_str(), now, key],
    )?;
    let (id, stored): (i64, String) = tx.query_row(
        "SELECT id, status FROM comments WHERE article_id = ?1 AND key = ?2",
        params![article_id, key],
        |r| Ok((r.get("id")?, r.get("status")?)),
    )?;
    tx.commit()?;
    Ok((id, CommentStatus::parse(&stored).unwrap_or(status)))
}

/// Comments with `status`, oldest first.
pub fn list(conn: &Conn, status: CommentStatus) -> crate::db::DbResult<Vec<ModeratedComment>> {
    let stmt = conn.prepare_cached(
        "SELECT c.id, s.slug AS section_slug, a.slug, a.headline, c.author, c.body, c.created
         FROM comments c JOIN articles a ON a.id = c.article_id JOIN sections s ON s.id = a.section_id
         WHERE c.status = ?1 ORDER BY c.created, c.id",
    )?;
    let rows = stmt.query_map([status.as_str()], |r| {
        Ok(ModeratedComment {
            id: r.get("id")?,
            article: format!(
                "/{}/{}",
                r.get::<_, String>("section_slug")?,
                r.get::<_, String>("slug")?
            ),
            headline: r.get("headline")?,
            author: r.get("author")?,
            body: r.get("body")?,
            status,
            posted: r.get("created")?,
        })
    })?;
    rows.collect()
}

/// Sets a comment's status; `false` if there is no such comment.
pub fn set_status(
    conn: &Conn,
    id: i64,
    status: CommentStatus,
    now: &str,
) -> crate::db::DbResult<bool> {
    let n = conn.execute(
        "UPDATE comments SET status = ?2, updated = ?3 WHERE id = ?1",
        params![id, status.as_str(), now],
    )?;
    Ok(n == 1)
}

/// Deletes a comment; `false` if there is no such comment.
pub fn delete(conn: &Conn, id: i64) -> crate::db::DbResult<bool> {
    Ok(conn.execute("DELETE FROM comments WHERE id = ?1", [id])? == 1)
}

/// The section and slug of the article comment `id` is on; `None` if there is no such comment.
pub fn article_of(conn: &Conn, id: i64) -> crate::db::DbResult<Option<(String, String)>> {
    use crate::db::sql::OptionalExtension;
    conn.query_row(
        "SELECT s.slug AS section_slug, a.slug FROM comments c JOIN articles a ON a.id = c.article_id
         JOIN sections s ON s.id = a.section_id WHERE c.id = ?1",
        [id],
        |r| Ok((r.get("section_slug")?, r.get("slug")?)),
    )
    .optional()
}
