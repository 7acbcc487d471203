//! The newest publication date in each window of [`WINDOW`] consecutive documents of a segment, so that a search
//! can bound what a whole window could score before it scores any of it ([`crate::collect`]).
//!
//! The bound is tight when neighbouring documents were published close together, as they are in an index built
//! from the store in its id order (articles are mostly written, imported and synced in date order) and in the
//! small segments that new articles make. A shuffled archive gives loose bounds: the page is the same, found by
//! scoring more.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use tantivy::index::SegmentId;
use tantivy::{DocId, Searcher, SegmentReader};

/// Documents a window: 256 is a day or two of a large archive's articles (137 a day over 20 years in
/// `scripts/bench/archive.py`'s million), so the newest windows' bounds follow recency's first days closely.
pub(crate) const WINDOW: u32 = 256;

/// Each segment's windows, computed once a segment (a segment never changes; deletions only loosen a bound).
#[derive(Default)]
pub(crate) struct WindowCache {
    segments: Mutex<HashMap<SegmentId, Arc<[i64]>>>,
}

impl WindowCache {
    /// For each segment of `searcher`, in its order: the newest `published` (seconds) of each window, its `k`th
    /// entry for documents `k·WINDOW .. (k+1)·WINDOW`. Segments no longer searched are forgotten.
    pub(crate) fn of(&self, searcher: &Searcher) -> Vec<Arc<[i64]>> {
        let readers = searcher.segment_readers();
        let mut cache = match self.segments.lock() {
            Ok(c) => c,
            // A panic while holding it left at worst a missing entry: the map is still whole.
            Err(poisoned) => poisoned.into_inner(),
        };
        let found: Vec<Arc<[i64]>> = readers
            .iter()
            .map(|r| {
                cache
                    .entry(r.segment_id())
                    .or_insert_with(|| newest_by_window(r))
                    .clone()
            })
            .collect();
        if cache.len() > readers.len() {
            cache.retain(|id, _| readers.iter().any(|r| r.segment_id() == *id));
        }
        found
    }
}

/// Reads a segment's `published` column once, a window at a time. A segment without the column gets `i64::MAX`
/// for every window: no bound, every window scored.
fn newest_by_window(segment: &SegmentReader) -> Arc<[i64]> {
    let max_doc = segment.max_doc();
    let windows = max_doc.div_ceil(WINDOW) as usize;
    let Ok(column) = segment.fast_fields().i64("published") else {
        return vec![i64::MAX; windows].into();
    };
    let mut docs: Vec<DocId> = Vec::with_capacity(WINDOW as usize);
    let mut values: Vec<Option<i64>> = Vec::with_capacity(WINDOW as usize);
    (0..windows as u32)
        .map(|w| {
            let start = w * WINDOW;
            docs.clear();
            docs.extend(start..(start + WINDOW).min(max_doc));
            values.clear();
            values.resize(docs.len(), None);
            column.first_vals(&docs, &mut values);
            values.iter().map(|v| v.unwrap_or(0)).max().unwrap_or(0)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Change, Document, SearchIndex};

    #[test]
    fn each_window_has_its_newest_date_and_old_segments_are_forgotten() {
        let index = SearchIndex::open(None).unwrap();
        let doc = |id: i64, published: i64| Document {
            id,
            section: 1,
            published,
            headline: format!("Story {id}"),
            standfirst: String::new(),
            topics: String::new(),
            body: String::new(),
        };
        // 600 articles dated by id, but one much newer.
        let docs: Vec<Change> = (0..600)
            .map(|i| Change::Upsert(doc(i, if i == 300 { 9_999 } else { i })))
            .collect();
        index.apply(&docs, 1).unwrap();
        let check = |index: &SearchIndex| {
            let searcher = index.reader.searcher();
            let windows = index.windows.of(&searcher);
            assert_eq!(windows.len(), searcher.segment_readers().len());
            let mut newest = i64::MIN;
            for (reader, windows) in searcher.segment_readers().iter().zip(&windows) {
                let column = reader.fast_fields().i64("published").unwrap();
                let mut seen = vec![i64::MIN; windows.len()];
                for doc in 0..reader.max_doc() {
                    let w = (doc / WINDOW) as usize;
                    seen[w] = seen[w].max(column.first(doc).unwrap());
                }
                assert_eq!(&seen[..], &windows[..], "each window's newest date");
                newest = newest.max(windows.iter().copied().max().unwrap());
            }
            assert_eq!(index.windows.segments.lock().unwrap().len(), windows.len());
            newest
        };
        assert_eq!(check(&index), 9_999);
        // A new segment gets its own; a merged-away one is forgotten.
        index.apply(&[Change::Upsert(doc(600, 10_000))], 2).unwrap();
        assert_eq!(check(&index), 10_000);
        index.apply(&[Change::Delete(300)], 3).unwrap();
        check(&index);
    }
}
