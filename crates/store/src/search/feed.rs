//! The index fed from the store: the outbox (`search_outbox`, filled by triggers in each writer's transaction)
//! applied after the position the index last reached, or the whole index rebuilt from `articles`. The store is the
//! truth; the index only ever holds what these read from it.

use std::sync::Mutex;

use broadsheet_search::{Change, Document, SearchError, SearchIndex};

use crate::db::sql::{params, Conn, OptionalExtension, Row};
use crate::db::{DbResult, StoreError};

/// Outbox rows applied in one commit (an import of 100,000 articles catches up in steps of this many).
const STEP: i64 = 5_000;
/// Articles read per query while rebuilding.
const REBUILD_BATCH: i64 = 2_000;
/// Outbox rows kept (`prune`); an index further behind than this is rebuilt from the store.
pub const OUTBOX_KEPT: i64 = 200_000;

/// The columns a [`Document`] is read from.
const COLUMNS: &str =
    "id, section_id, published, headline, standfirst, topics_text, body_text FROM articles";

impl From<SearchError> for StoreError {
    fn from(e: SearchError) -> StoreError {
        StoreError::Failed(e.to_string())
    }
}

fn document(row: &Row) -> DbResult<Document> {
    let published: String = row.get("published")?;
    Ok(Document {
        id: row.get("id")?,
        section: row.get("section_id")?,
        // The store writes RFC 3339; anything else sorts as the oldest rather than failing the search.
        published: chrono::DateTime::parse_from_rfc3339(&published).map_or(0, |d| d.timestamp()),
        headline: row.get("headline")?,
        standfirst: row.get("standfirst")?,
        topics: row.get("topics_text")?,
        body: row.get("body_text")?,
    })
}

/// An instance's index with the lock that keeps two catch-ups from applying an older read over a newer one.
pub struct Search {
    pub index: SearchIndex,
    feeding: Mutex<()>,
}

impl Search {
    pub fn new(index: SearchIndex) -> Search {
        Search {
            index,
            feeding: Mutex::new(()),
        }
    }

    /// Brings the index up to the store: the outbox applied after the index's position, or everything rebuilt
    /// when the index was never built or the outbox no longer reaches back to it. Cheap when there is nothing new
    /// (one indexed query). Answers how many changes were applied.
    pub fn catch_up(&self, conn: &Conn) -> DbResult<u64> {
        let (oldest, newest) = bounds(conn)?;
        let applied = self.index.applied();
        if applied.is_some() && applied >= newest {
            return Ok(0);
        }
        let _feeding = self
            .feeding
            .lock()
            .map_err(|_| StoreError::Failed("search feeding lock poisoned".into()))?;
        let Some(mut at) = self.index.applied() else {
            return self.rebuild(conn, |_| {});
        };
        if oldest.is_some_and(|o| at < o - 1) {
            tracing::warn!(
                at,
                "the search index is behind the outbox's oldest row: rebuilding it"
            );
            return self.rebuild(conn, |_| {});
        }
        let mut applied = 0;
        loop {
            let rows: Vec<(i64, i64)> = {
                let stmt = conn.prepare_cached(
                    "SELECT seq, article_id FROM search_outbox WHERE seq > ?1 ORDER BY seq LIMIT ?2",
                )?;
                let rows = stmt.query_map(params![at, STEP], |r| Ok((r.get(0)?, r.get(1)?)))?;
                rows.collect::<DbResult<_>>()?
            };
            let Some(&(last, _)) = rows.last() else {
                return Ok(applied);
            };
            let mut ids: Vec<i64> = rows.into_iter().map(|(_, id)| id).collect();
            ids.sort_unstable();
            ids.dedup();
            let read = conn.prepare_cached(&format!("SELECT {COLUMNS} WHERE id = ?1"))?;
            let mut changes = Vec::with_capacity(ids.len());
            for id in ids {
                changes.push(match read.query_row([id], document).optional()? {
                    Some(d) => Change::Upsert(d),
                    None => Change::Delete(id),
                });
            }
            self.index.apply(&changes, last)?;
            applied += changes.len() as u64;
            at = last;
        }
    }

    /// Rebuilds the index from every article, reporting the count indexed so far to `progress`. Changes written
    /// meanwhile are in the outbox after the position recorded, and the next catch-up applies them.
    pub fn rebuild(&self, conn: &Conn, progress: impl FnMut(u64)) -> DbResult<u64> {
        let (_, newest) = bounds(conn)?;
        let mut after = i64::MIN;
        let batches = std::iter::from_fn(|| {
            let batch: DbResult<Vec<Document>> = (|| {
                let stmt = conn.prepare_cached(&format!(
                    "SELECT {COLUMNS} WHERE id > ?1 ORDER BY id LIMIT ?2"
                ))?;
                let rows = stmt.query_map(params![after, REBUILD_BATCH], document)?;
                rows.collect()
            })();
            match batch {
                Ok(b) if b.is_empty() => None,
                Ok(b) => {
                    after = b.last().map_or(after, |d| d.id);
                    Some(Ok(b))
                }
                Err(e) => Some(Err(SearchError::new(e.to_string()))),
            }
        });
        Ok(self.index.rebuild(batches, newest.unwrap_or(0), progress)?)
    }
}

/// The outbox's oldest and newest positions (`None` when it is empty).
fn bounds(conn: &Conn) -> DbResult<(Option<i64>, Option<i64>)> {
    let stmt = conn.prepare_cached("SELECT MIN(seq), MAX(seq) FROM search_outbox")?;
    stmt.query_row((), |r| Ok((r.get(0)?, r.get(1)?)))
}

/// Deletes outbox rows older than the newest [`OUTBOX_KEPT`]; the write path calls it after each batch.
pub fn prune(conn: &Conn) -> DbResult<()> {
    conn.execute(
        "DELETE FROM search_outbox WHERE seq <= (SELECT MAX(seq) FROM search_outbox) - ?1",
        [OUTBOX_KEPT],
    )?;
    Ok(())
}
