//! One pass over a query's matches, segment by segment: every match counted by section, and the best `keep` of
//! those in the asked section kept for the page, by relevance (score × recency) or by date.
//!
//! It is written for the archive's broadest queries, where this pass is the whole cost (a word in nearly every one
//! of 1,000,000 articles, docs/search.md): the counts are kept in an array indexed by section id, fast fields are
//! read a batch at a time, and a match's id only when it enters the page. Since recency multiplies a score by at most
//! [`MAX_RECENCY`], a match whose score times that is below the page's last entry cannot enter it, and is skipped
//! unread; the page is the same as with every match weighed.

use std::cmp::{Ordering, Reverse};
use std::collections::{BinaryHeap, HashMap};

use tantivy::columnar::Column;
use tantivy::fastfield::AliveBitSet;
use tantivy::query::{EnableScoring, Query};
use tantivy::{DocId, Score, Searcher, SegmentReader};

use crate::relevance::{recency, MAX_RECENCY};

/// How the page is ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Order {
    /// Score × recency at `now` (seconds since the epoch); equal keys newer first, then the higher id.
    Relevance { now: i64 },
    /// Newest first; within the same second the higher id (the later written) first.
    Date,
}

/// What one pass found: matches by section id (every section), and the kept page's article ids, best first.
pub(crate) struct Found {
    pub sections: HashMap<i64, u64>,
    pub best: Vec<i64>,
}

/// Runs `query` over every segment of `searcher`, counting every live match by section and keeping the best
/// `keep` matches in `section` (or in all, when `None`) in `order`. Errors: the index cannot be read.
pub(crate) fn pass(
    searcher: &Searcher,
    query: &dyn Query,
    order: Order,
    section: Option<i64>,
    keep: usize,
) -> tantivy::Result<Found> {
    let mut tally = Tally::default();
    let mut best = Best::new(keep);
    let scoring = match order {
        Order::Relevance { .. } => EnableScoring::enabled_from_searcher(searcher),
        Order::Date => EnableScoring::disabled_from_searcher(searcher),
    };
    let weight = query.weight(scoring)?;
    for reader in searcher.segment_readers() {
        let mut s = Segment {
            columns: Columns::of(reader),
            alive: reader.alive_bitset(),
            order,
            section,
            tally: &mut tally,
            best: &mut best,
            batch: Batch::default(),
        };
        match order {
            Order::Relevance { .. } => {
                weight.for_each(reader, &mut |doc, score| s.push(doc, score))?
            }
            Order::Date => weight.for_each_no_score(reader, &mut |docs: &[DocId]| {
                for &doc in docs {
                    s.push(doc, 0.0);
                }
            })?,
        }
        s.flush();
    }
    Ok(Found {
        sections: tally.into_map(),
        best: best.into_ids(),
    })
}

/// Matches are weighed this many at a time: a fast field is read for a batch in one call.
const BATCH: usize = 64;

#[derive(Default)]
struct Batch {
    docs: Vec<DocId>,
    scores: Vec<Score>,
    sections: Vec<Option<i64>>,
    published: Vec<Option<i64>>,
}

/// One segment's part of the pass.
struct Segment<'a> {
    columns: Columns,
    alive: Option<&'a AliveBitSet>,
    order: Order,
    section: Option<i64>,
    tally: &'a mut Tally,
    best: &'a mut Best,
    batch: Batch,
}

impl Segment<'_> {
    fn push(&mut self, doc: DocId, score: Score) {
        if self.alive.is_some_and(|a| a.is_deleted(doc)) {
            return;
        }
        self.batch.docs.push(doc);
        self.batch.scores.push(score);
        if self.batch.docs.len() >= BATCH {
            self.flush();
        }
    }

    /// Counts and weighs the batch, and empties it.
    fn flush(&mut self) {
        let b = &mut self.batch;
        let n = b.docs.len();
        b.sections.clear();
        b.sections.resize(n, None);
        self.columns.section.first_vals(&b.docs, &mut b.sections);
        b.published.clear();
        b.published.resize(n, None);
        self.columns.published.first_vals(&b.docs, &mut b.published);
        for i in 0..n {
            let s = b.sections[i].unwrap_or(0);
            self.tally.add(s);
            if self.section.is_some_and(|w| w != s) {
                continue;
            }
            let (doc, score) = (b.docs[i], b.scores[i]);
            let at = b.published[i].unwrap_or(0);
            let score = match self.order {
                Order::Relevance { now } => {
                    // The bound first: most matches of a broad query stop here, before the recency table.
                    if !self.best.admits(|floor| score * MAX_RECENCY >= floor.score) {
                        continue;
                    }
                    score * recency(now - at)
                }
                Order::Date => 0.0,
            };
            // The id is read only for a match that reaches the page (or ties its last entry).
            if !self.best.admits(|floor| {
                score
                    .total_cmp(&floor.score)
                    .then(at.cmp(&floor.published))
                    .is_ge()
            }) {
                continue;
            }
            self.best.offer(Key {
                score,
                published: at,
                id: self.columns.id.first(doc).unwrap_or(0),
            });
        }
        b.docs.clear();
        b.scores.clear();
    }
}

/// A segment's fast fields the pass reads (a document without a value reads as 0; the schema gives every
/// document each).
struct Columns {
    id: Column<i64>,
    section: Column<i64>,
    published: Column<i64>,
}

impl Columns {
    fn of(segment: &SegmentReader) -> Columns {
        let column = |name: &'static str| match segment.fast_fields().i64(name) {
            Ok(c) => c,
            Err(e) => {
                tracing::error!(field = name, error = %e, "a fast field is missing from the search index");
                Column::build_empty_column(segment.max_doc())
            }
        };
        Columns {
            id: column("id"),
            section: column("section"),
            published: column("published"),
        }
    }
}

/// Section ids below this are counted in an array (a store's sections are numbered from 1); others in a map.
const DENSE: usize = 1024;

/// Matches by section id.
struct Tally {
    dense: Vec<u64>,
    sparse: HashMap<i64, u64>,
}

impl Default for Tally {
    fn default() -> Tally {
        Tally {
            dense: vec![0; DENSE],
            sparse: HashMap::new(),
        }
    }
}

impl Tally {
    fn add(&mut self, section: i64) {
        match usize::try_from(section) {
            Ok(i) if i < DENSE => self.dense[i] += 1,
            _ => *self.sparse.entry(section).or_default() += 1,
        }
    }

    fn into_map(self) -> HashMap<i64, u64> {
        let mut all = self.sparse;
        for (i, &n) in self.dense.iter().enumerate() {
            if n > 0 {
                all.insert(i as i64, n);
            }
        }
        all
    }
}

/// A match's place in the page: greater is better.
#[derive(Debug, Clone, Copy)]
struct Key {
    score: f32,
    published: i64,
    id: i64,
}

impl Ord for Key {
    fn cmp(&self, other: &Key) -> Ordering {
        self.score
            .total_cmp(&other.score)
            .then(self.published.cmp(&other.published))
            .then(self.id.cmp(&other.id))
    }
}

impl PartialOrd for Key {
    fn partial_cmp(&self, other: &Key) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for Key {
    fn eq(&self, other: &Key) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Key {}

/// The best `keep` keys seen, the worst of them on top.
struct Best {
    keep: usize,
    heap: BinaryHeap<Reverse<Key>>,
}

impl Best {
    fn new(keep: usize) -> Best {
        Best {
            keep,
            heap: BinaryHeap::with_capacity(keep.min(4096) + 1),
        }
    }

    /// Whether a match could enter: always while there is room, never when nothing is kept, else when
    /// `could_beat` the worst kept key says so (a bound, so a `false` is certain and a `true` is checked again).
    fn admits(&self, could_beat: impl Fn(&Key) -> bool) -> bool {
        if self.keep == 0 {
            return false;
        }
        match self.heap.peek() {
            Some(Reverse(floor)) if self.heap.len() >= self.keep => could_beat(floor),
            _ => true,
        }
    }

    fn offer(&mut self, key: Key) {
        if self.heap.len() < self.keep {
            self.heap.push(Reverse(key));
        } else if self.heap.peek().is_some_and(|Reverse(floor)| key > *floor) {
            self.heap.pop();
            self.heap.push(Reverse(key));
        }
    }

    /// The kept ids, best first.
    fn into_ids(self) -> Vec<i64> {
        let mut keys: Vec<Key> = self.heap.into_iter().map(|Reverse(k)| k).collect();
        keys.sort_by(|a, b| b.cmp(a));
        keys.into_iter().map(|k| k.id).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(score: f32, published: i64, id: i64) -> Key {
        Key {
            score,
            published,
            id,
        }
    }

    #[test]
    fn the_best_are_kept_in_order_whatever_the_arrival() {
        let keys = [
            key(1.0, 5, 1),
            key(3.0, 1, 2),
            key(2.0, 9, 3),
            key(3.0, 2, 4),
            key(0.5, 9, 5),
        ];
        let mut best = Best::new(3);
        for k in keys.iter().rev() {
            best.offer(*k);
        }
        // Equal scores: the newer first.
        assert_eq!(best.into_ids(), [4, 2, 3]);
        let mut none = Best::new(0);
        assert!(!none.admits(|_| true));
        none.offer(key(9.0, 9, 9));
        assert!(none.into_ids().is_empty());
    }

    #[test]
    fn a_full_page_admits_only_what_could_beat_its_last() {
        let mut best = Best::new(2);
        best.offer(key(2.0, 0, 1));
        assert!(best.admits(|_| false), "room left");
        best.offer(key(4.0, 0, 2));
        assert!(best.admits(|floor| floor.score < 3.0));
        assert!(!best.admits(|floor| floor.score > 3.0));
    }

    #[test]
    fn sections_are_counted_dense_or_not() {
        let mut t = Tally::default();
        for s in [1, 1, 7, -3, 5_000_000] {
            t.add(s);
        }
        assert_eq!(
            t.into_map(),
            HashMap::from([(1, 2), (7, 1), (-3, 1), (5_000_000, 1)])
        );
    }
}
