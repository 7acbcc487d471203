//! The index fed from the store: the outbox (`search_outbox`, filled by triggers in each writer's transaction)
//! applied after the position the index last reached, or the whole index rebuilt from `articles`. The store is the
//! truth; the index only ever holds what these read from it.

use std::collections::HashMap;
use std::sync::Mutex;

use broadsheet_search::{Change, Document, SearchError, SearchIndex};

use crate::db::sql::{params, Conn, Row};
use crate::db::{DbResult, StoreError};

/// Outbox rows applied in one commit (an import of 100,000 articles catches up in steps of this many).
const STEP: i64 = 5_000;
/// Articles read per query while rebuilding.
const REBUILD_BATCH: i64 = 2_000;
/// Outbox rows kept (`prune`); an index further behind than this is rebuilt from the store.
pub const OUTBOX_KEPT: i64 = 200_000;
/// Whether a search's index held every write the store had when the search began.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Freshness {
    /// It did (it had nothing to apply, or the search applied it): the answer may be kept until purged.
    Current,
    /// Another catch-up was applying the newest writes (or reading the outbox failed), and the search went on
    /// without them rather than wait: the answer may miss a write whose purge has passed, so no cache keeps it.
    Behind,
}

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

    /// Brings the index up to the store, waiting for a catch-up under way: the outbox applied after the index's
    /// position, or everything rebuilt when the index was never built, is ahead of the store (another database,
    /// or one restored from a backup) or behind what the outbox still holds. Answers how many changes were
    /// applied. Start and the background task call it.
    pub fn catch_up(&self, conn: &Conn) -> DbResult<u64> {
        let _feeding = self
            .feeding
            .lock()
            .map_err(|_| StoreError::Failed("search feeding lock poisoned".into()))?;
        let (oldest, newest) = bounds(conn)?;
        match self.index.applied() {
            Some(at) if at <= newest.unwrap_or(0) && oldest.is_none_or(|o| at >= o - 1) => {
                self.apply_outbox(conn, at)
            }
            at => {
                tracing::warn!(
                    ?at,
                    ?oldest,
                    ?newest,
                    "rebuilding the search index from the store"
                );
                self.rebuild_held(conn, |_| {})
            }
        }
    }

    /// Before a search: applies what the outbox holds after the index's position, so the search sees every write
    /// before it. Cheap when there is nothing new (one indexed query). Never rebuilds (start and the background
    /// task do), and never waits for a catch-up under way: at 1,000,000 articles a commit under load held every
    /// search waiting for it, and a search's p99 beside an import a second rose from 165 to 401 ms
    /// (docs/search.md). A failure is logged, not the search's.
    pub fn catch_up_before_search(&self, conn: &Conn) -> Freshness {
        let Some(at) = self.index.applied() else {
            return Freshness::Behind;
        };
        match bounds(conn) {
            // Further behind than the outbox reaches: only a rebuild (the background task's) catches up.
            Ok((Some(oldest), _)) if at < oldest - 1 => return Freshness::Behind,
            Ok((_, Some(newest))) if newest > at => {}
            Ok(_) => return Freshness::Current,
            Err(e) => {
                tracing::warn!("search outbox: {e}");
                return Freshness::Behind;
            }
        }
        let Ok(_feeding) = self.feeding.try_lock() else {
            return Freshness::Behind;
        };
        // Read again under the lock: the catch-up that held it may have applied everything.
        let Some(at) = self.index.applied() else {
            return Freshness::Behind;
        };
        match self.apply_outbox(conn, at) {
            Ok(_) => Freshness::Current,
            Err(e) => {
                tracing::warn!("search index catch-up before a search: {e}");
                Freshness::Behind
            }
        }
    }

    /// Applies the outbox after position `at`, [`STEP`] rows a commit. The caller holds `feeding`.
    fn apply_outbox(&self, conn: &Conn, mut at: i64) -> DbResult<u64> {
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
            let mut found = HashMap::new();
            let read = conn.prepare_cached(&format!(
                "SELECT {COLUMNS} WHERE id IN ({})",
                super::id_list(conn.dialect())
            ))?;
            // The ids a read at a time, as JSON arrays of at most 1,000 (one round trip each on PostgreSQL).
            for chunk in ids.chunks(1_000) {
                for d in read.query_map([super::json_ids(chunk)], document)? {
                    let d = d?;
                    found.insert(d.id, d);
                }
            }
            let changes: Vec<Change> = ids
                .into_iter()
                .map(|id| match found.remove(&id) {
                    Some(d) => Change::Upsert(d),
                    None => Change::Delete(id),
                })
                .collect();
            self.index.apply(&changes, last)?;
            applied += changes.len() as u64;
            at = last;
        }
    }

    /// Rebuilds the index from every article, reporting the count indexed so far to `progress`. Changes written
    /// meanwhile are in the outbox after the position recorded, and the next catch-up applies them.
    pub fn rebuild(&self, conn: &Conn, progress: impl FnMut(u64)) -> DbResult<u64> {
        let _feeding = self
            .feeding
            .lock()
            .map_err(|_| StoreError::Failed("search feeding lock poisoned".into()))?;
        self.rebuild_held(conn, progress)
    }

    fn rebuild_held(&self, conn: &Conn, progress: impl FnMut(u64)) -> DbResult<u64> {
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
    // Two subqueries: each is one step down the primary key, where `MIN(seq), MAX(seq)` together scans the table.
    let stmt = conn.prepare_cached(
        "SELECT (SELECT MIN(seq) FROM search_outbox), (SELECT MAX(seq) FROM search_outbox)",
    )?;
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

#[cfg(test)]
mod tests {
    use broadsheet_content::{Article, Kind, SearchSort, Section, SectionRef};

    use super::*;
    use crate::db::write::{apply, Batch, Entry};
    use crate::db::Db;
    use crate::search::{search, SearchRequest};

    fn write(c: &Conn, slug: &str, headline: &str) {
        let section = Section {
            slug: "news".into(),
            name: "News".into(),
            description: String::new(),
        };
        let article = Article {
            section: SectionRef {
                slug: "news".into(),
                name: "News".into(),
            },
            slug: slug.into(),
            kind: Kind::News,
            headline: headline.into(),
            standfirst: String::new(),
            authors: vec![],
            published: "2026-12-03T18:00:00Z".into(),
            updated: None,
            image: None,
            topics: vec![],
            body: vec![],
            related: vec![],
            comments_open: false,
            comment_count: 0,
            live: None,
        };
        let entry = Entry {
            source_id: format!("news/{slug}.md"),
            article,
            featured: false,
            comments: vec![],
            live: None,
        };
        let batch = Batch {
            origin: "markdown".into(),
            sections: vec![section],
            articles: vec![entry],
            ..Batch::default()
        };
        apply(c, &batch).unwrap();
    }

    fn find(c: &Conn, s: &Search, query: &str) -> (u32, Freshness) {
        let request = SearchRequest {
            query: query.into(),
            section: None,
            sort: SearchSort::Relevance,
            page: 1,
            limit: 10,
        };
        let (listing, freshness) = search(c, s, &request).unwrap();
        (listing.meta.total, freshness)
    }

    #[test]
    fn a_search_never_waits_for_another_catch_up_and_says_when_it_went_on_without_it() {
        let c = Db::memory().unwrap();
        let s = Search::new(SearchIndex::open(None).unwrap());
        write(&c, "flood-defences", "Flood defences hold");
        s.catch_up(&c).unwrap();
        assert_eq!(find(&c, &s, "flood "), (1, Freshness::Current));
        write(&c, "tram-franchising", "Tram franchising begins");
        {
            // Another catch-up under way: the search goes on without the new article, and says so.
            let _under_way = s.feeding.lock().unwrap();
            assert_eq!(find(&c, &s, "tram "), (0, Freshness::Behind));
        }
        // The next search applies it itself, and sees it.
        assert_eq!(find(&c, &s, "tram "), (1, Freshness::Current));
        // Further behind than the outbox reaches (its older rows pruned): only a rebuild catches up.
        write(&c, "bus-lanes", "Bus lanes widen");
        write(&c, "cycle-paths", "Cycle paths open");
        c.execute_batch(
            "DELETE FROM search_outbox WHERE seq < (SELECT MAX(seq) FROM search_outbox)",
        )
        .unwrap();
        assert_eq!(find(&c, &s, "cycle "), (0, Freshness::Behind));
        s.catch_up(&c).unwrap();
        assert_eq!(find(&c, &s, "cycle "), (1, Freshness::Current));
    }
}
