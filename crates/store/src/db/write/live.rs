//! Live blogs through the write path: a content source's whole blog (`Entry::live`, written with its article by
//! `apply`) and an editor's single changes ([`edit`]: post, edit, delete, pin, status). Every change moves the
//! blog's sequence on by one and stamps what it changed with it, so `db::live::changes` can answer what a page
//! has not seen; each returns the keys to purge: the article (its page shows the posts) and the blog's changes
//! ([`crate::keys::live`]).

use broadsheet_content::live::{is_post_id, LivePost, LiveStatus};
use broadsheet_content::Block;

use crate::db::live::{self, Blog};
use crate::db::sql::{params, Conn, OptionalExtension};
use crate::db::{DbResult, Dialect, ADVISORY_LOCK};
use crate::keys::{self, Keys};

/// Who writes posts through the editors' API and CLI; a content source's posts carry the source's name.
pub const EDITOR: &str = "editor";

/// True for the ids editors' new posts get, `e{sequence}` ([`edit`]): a source may not use them.
pub fn is_editors_id(id: &str) -> bool {
    id.strip_prefix('e')
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// The time now as posts carry it: RFC 3339 UTC to the second (`2026-12-03T21:44:00Z`), as the content folder
/// writes them, so posts order the same whoever wrote them.
pub fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// A live blog as a content source holds it: its state and every post.
#[derive(Debug, Clone, PartialEq)]
pub struct LiveSource {
    pub status: LiveStatus,
    /// RFC 3339.
    pub coverage_start: String,
    pub coverage_end: Option<String>,
    /// The pinned post's id.
    pub pinned: Option<String>,
    pub posts: Vec<LivePost>,
}

/// Writes a source's blog for article `article_id` in the batch's transaction: the blog's row, each post that is
/// new or differs from what is stored, and the source's own stored posts it no longer holds marked deleted (an
/// editor's posts stay). Nothing changed: the sequence stays. Returns whether anything changed.
pub(super) fn sync(tx: &Conn, article_id: i64, origin: &str, src: &LiveSource) -> DbResult<bool> {
    let before = live::blog(tx, article_id)?;
    let mut seq = before.as_ref().map_or(0, |b| b.seq);
    let mut next = || {
        seq += 1;
        seq as i64
    };
    let mut changed = false;
    for p in src.posts.iter().filter(|p| is_post_id(&p.id)) {
        // A post an editor has taken over (edited through the API) is theirs now: the source's copy is not written.
        if origin_of(tx, article_id, &p.id)?.is_some_and(|o| o != origin) {
            continue;
        }
        let stored = live::post(tx, article_id, &p.id)?;
        let same = stored.as_ref().is_some_and(|(s, deleted)| {
            !deleted
                && *s
                    == LivePost {
                        seq: s.seq,
                        ..p.clone()
                    }
        });
        if !same {
            upsert(tx, article_id, origin, p, next())?;
            changed = true;
        }
    }
    let held: Vec<&str> = src.posts.iter().map(|p| p.id.as_str()).collect();
    let mine: Vec<String> = tx.query_map(
        "SELECT id FROM live_posts WHERE article_id = ?1 AND origin = ?2 AND deleted = 0",
        params![article_id, origin],
        |r| r.get("id"),
    )?;
    for id in mine.iter().filter(|id| !held.contains(&id.as_str())) {
        mark_deleted(tx, article_id, id, origin, next())?;
        changed = true;
    }
    // The blog's state follows the source only when the source's own state changed since its last read: an
    // editor's pin or ending stays through reads of an unchanged file.
    let said = source_state(src);
    let said_before: Option<String> = tx
        .query_row(
            "SELECT source_state FROM live_blogs WHERE article_id = ?1",
            [article_id],
            |r| r.get("source_state"),
        )
        .optional()?
        .flatten();
    let follow = before.is_none() || said_before.as_deref() != Some(said.as_str());
    if follow && before.is_some() {
        next();
        changed = true;
    }
    let blog = match (&before, follow) {
        (Some(b), false) => Blog { seq, ..b.clone() },
        _ => Blog {
            status: src.status,
            coverage_start: src.coverage_start.clone(),
            coverage_end: src.coverage_end.clone(),
            pinned: src.pinned.clone(),
            seq,
        },
    };
    if changed || before.is_none() {
        write_blog(tx, article_id, &blog)?;
    }
    if follow {
        tx.execute(
            "UPDATE live_blogs SET source_state = ?2 WHERE article_id = ?1",
            params![article_id, said],
        )?;
    }
    Ok(changed || before.is_none())
}

/// The state a source gives a blog, as stored to compare with its next read.
fn source_state(src: &LiveSource) -> String {
    serde_json::json!([
        src.status.slug(),
        src.coverage_start,
        src.coverage_end,
        src.pinned
    ])
    .to_string()
}

fn origin_of(tx: &Conn, article_id: i64, id: &str) -> DbResult<Option<String>> {
    tx.query_row(
        "SELECT origin FROM live_posts WHERE article_id = ?1 AND id = ?2",
        params![article_id, id],
        |r| r.get("origin"),
    )
    .optional()
}

fn write_blog(tx: &Conn, article_id: i64, b: &Blog) -> DbResult<()> {
    tx.execute(
        "INSERT INTO live_blogs (article_id, status, coverage_start, coverage_end, pinned, seq)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (article_id) DO UPDATE SET status = excluded.status,
             coverage_start = excluded.coverage_start, coverage_end = excluded.coverage_end,
             pinned = excluded.pinned, seq = excluded.seq",
        params![
            article_id,
            b.status.slug(),
            b.coverage_start,
            b.coverage_end,
            b.pinned,
            b.seq as i64
        ],
    )?;
    Ok(())
}

fn upsert(tx: &Conn, article_id: i64, origin: &str, p: &LivePost, seq: i64) -> DbResult<()> {
    tx.execute(
        "INSERT INTO live_posts (article_id, id, origin, title, body_json, published, updated, key_event, deleted,
                                 seq)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 0, ?9)
         ON CONFLICT (article_id, id) DO UPDATE SET origin = excluded.origin, title = excluded.title,
             body_json = excluded.body_json, published = excluded.published, updated = excluded.updated,
             key_event = excluded.key_event, deleted = 0, seq = excluded.seq",
        params![
            article_id,
            p.id,
            origin,
            p.title,
            serde_json::to_string(&p.body).unwrap_or_else(|_| "[]".into()),
            p.published,
            p.updated,
            p.key_event as i64,
            seq
        ],
    )?;
    Ok(())
}

/// A deleted post keeps its row (a tombstone, without its text) so that open pages learn to remove it; `origin`
/// is who deleted it (a source's next read does not bring back what an editor deleted).
fn mark_deleted(tx: &Conn, article_id: i64, id: &str, origin: &str, seq: i64) -> DbResult<()> {
    tx.execute(
        "UPDATE live_posts SET deleted = 1, seq = ?3, title = NULL, body_json = '[]', origin = ?4
         WHERE article_id = ?1 AND id = ?2",
        params![article_id, id, seq, origin],
    )?;
    Ok(())
}

/// What an editor writes to a live blog.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    /// A new post (its id chosen by the store, `e{seq}`), published at `now`.
    Post {
        title: Option<String>,
        body: Vec<Block>,
        key_event: bool,
    },
    /// A post's new text and flag; `updated` becomes `now`.
    Edit {
        id: String,
        title: Option<String>,
        body: Vec<Block>,
        key_event: bool,
    },
    Delete {
        id: String,
    },
    /// Pin a post (`None`: unpin).
    Pin {
        id: Option<String>,
    },
    /// End the blog (its coverage ends `now`) or take it up again.
    Status {
        status: LiveStatus,
    },
}

/// What [`edit`] did.
#[derive(Debug)]
pub enum Edited {
    /// Written: the post's id (for a post, edit or delete), the blog's new sequence and the keys to purge.
    Done {
        id: Option<String>,
        seq: u64,
        purge: Keys,
    },
    /// No live blog at that address.
    NoBlog,
    /// No post of that id in the blog.
    NoPost,
}

/// Applies an editor's `change` to the live blog at `/{section}/{slug}`, at `now` (RFC 3339), in one
/// transaction that takes the writers' turn (as `apply` does).
pub fn edit(c: &Conn, section: &str, slug: &str, change: &Change, now: &str) -> DbResult<Edited> {
    let tx = c.transaction()?;
    if tx.dialect() == Dialect::Postgres {
        tx.execute("SELECT pg_advisory_xact_lock(?1)", [ADVISORY_LOCK])?;
    }
    let Some(article_id) = crate::db::reads::article_id(&tx, section, slug)? else {
        return Ok(Edited::NoBlog);
    };
    let Some(mut blog) = live::blog(&tx, article_id)? else {
        return Ok(Edited::NoBlog);
    };
    blog.seq += 1;
    let seq = blog.seq as i64;
    let stored = |id: &str| -> DbResult<Option<LivePost>> {
        Ok(live::post(&tx, article_id, id)?
            .filter(|(_, deleted)| !deleted)
            .map(|(p, _)| p))
    };
    let id = match change {
        Change::Post {
            title,
            body,
            key_event,
        } => {
            let id = format!("e{seq}");
            let post = LivePost {
                id: id.clone(),
                title: title.clone(),
                body: body.clone(),
                published: now.to_string(),
                updated: None,
                key_event: *key_event,
                seq: 0,
            };
            upsert(&tx, article_id, EDITOR, &post, seq)?;
            Some(id)
        }
        Change::Edit {
            id,
            title,
            body,
            key_event,
        } => {
            let Some(old) = stored(id)? else {
                return Ok(Edited::NoPost);
            };
            let post = LivePost {
                title: title.clone(),
                body: body.clone(),
                updated: Some(now.to_string()),
                key_event: *key_event,
                ..old
            };
            upsert(&tx, article_id, EDITOR, &post, seq)?;
            Some(id.clone())
        }
        Change::Delete { id } => {
            if stored(id)?.is_none() {
                return Ok(Edited::NoPost);
            }
            mark_deleted(&tx, article_id, id, EDITOR, seq)?;
            if blog.pinned.as_deref() == Some(id) {
                blog.pinned = None;
            }
            Some(id.clone())
        }
        Change::Pin { id } => {
            if let Some(id) = id {
                if stored(id)?.is_none() {
                    return Ok(Edited::NoPost);
                }
            }
            blog.pinned = id.clone();
            None
        }
        Change::Status { status } => {
            blog.status = *status;
            blog.coverage_end = (*status == LiveStatus::Ended).then(|| now.to_string());
            None
        }
    };
    write_blog(&tx, article_id, &blog)?;
    tx.commit()?;
    Ok(Edited::Done {
        id,
        seq: blog.seq,
        purge: Keys::of([keys::article(section, slug), keys::live(section, slug)]),
    })
}
