//! One pass over a query's matches, segment by segment: every match counted by section, and the best `keep` of
//! those in the asked section kept for the page, by relevance (score × recency) or by date.
//!
//! It is written for the archive's broadest queries, a word in nearly every one of 1,000,000 articles
//! (docs/search.md), where scoring every match was most of the cost. The matches are walked a window of documents
//! at a time ([`crate::windows`]). A window whose newest article could not reach the page's last entry, even at
//! the query's highest possible score ([`Scored::max`]) and that article's recency, is counted but not scored.
//! The newest windows are scored first, so that the page's last entry is high from the start. Within a scored
//! window, a match's date and id are read only when its score could enter the page. The page is the same as with
//! every match weighed (the tests check it against a plain pass), to the rounding of a sum: a union that has
//! moved on may add a match's clauses in another order, which can change a score in its last bit.

use std::collections::HashMap;
use std::sync::Arc;

use tantivy::columnar::Column;
use tantivy::query::{EnableScoring, Scorer, Weight};
use tantivy::{DocId, DocSet, Score, Searcher, SegmentReader, TERMINATED};

use crate::page::{Best, Key, Tally};
use crate::query::Scored;
use crate::relevance::recency;
use crate::windows::WINDOW;

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

/// The most windows scored newest first, before the walk in document order (a query with few matches may never
/// fill its page, and would otherwise visit every window twice).
const FIRST_WINDOWS: usize = 64;

/// A score's bound is raised by this much: tantivy may sum a clause's scores in another order, and f32 sums can
/// round a hair above the sum of the maxima.
const MARGIN: Score = 1.001;

/// Runs `query` over every segment of `searcher` (`windows`: each segment's newest date by window, in the same
/// order), counting every live match by section and keeping the best `keep` matches in `section` (or in all, when
/// `None`) in `order`. Errors: the index cannot be read.
pub(crate) fn pass(
    searcher: &Searcher,
    query: &Scored,
    windows: &[Arc<[i64]>],
    order: Order,
    section: Option<i64>,
    keep: usize,
) -> tantivy::Result<Found> {
    let scoring = match order {
        Order::Relevance { .. } => EnableScoring::enabled_from_searcher(searcher),
        Order::Date => EnableScoring::disabled_from_searcher(searcher),
    };
    let weight = query.query.weight(scoring)?;
    let rule = Rule {
        order,
        section,
        max: query.max * MARGIN,
    };
    let mut segments: Vec<Segment> = (searcher.segment_readers().iter())
        .zip(windows)
        .map(|(reader, newest)| Segment {
            reader,
            columns: Columns::of(reader),
            newest,
            weighed: vec![false; newest.len()],
        })
        .collect();
    let mut best = Best::new(keep);
    newest_first(&*weight, &mut segments, &rule, &mut best)?;
    let mut tally = Tally::default();
    for segment in &mut segments {
        walk(&*weight, segment, &rule, &mut tally, &mut best)?;
    }
    Ok(Found {
        sections: tally.into_map(),
        best: best.into_ids(),
    })
}

/// One segment of the pass.
struct Segment<'a> {
    reader: &'a SegmentReader,
    columns: Columns,
    /// The newest date of each window ([`crate::windows`]).
    newest: &'a [i64],
    /// The windows [`newest_first`] scored already.
    weighed: Vec<bool>,
}

/// What the page wants.
struct Rule {
    order: Order,
    section: Option<i64>,
    /// The query's highest possible score, before recency.
    max: Score,
}

impl Rule {
    /// The most recency can multiply a score by in a window whose newest article is `newest` (1 by date).
    fn ceiling(&self, newest: i64) -> Score {
        match self.order {
            Order::Relevance { now } => recency(now - newest),
            Order::Date => 1.0,
        }
    }

    /// Whether any match of a window whose newest article is `newest` could enter the page.
    fn reaches(&self, best: &Best, newest: i64) -> bool {
        best.admits(|floor| match self.order {
            Order::Relevance { .. } => self.max * self.ceiling(newest) >= floor.score,
            Order::Date => newest >= floor.published,
        })
    }

    /// Offers a match of the asked section, scored `score` (0 by date) in a window whose recency is at most
    /// `ceiling`, to the page.
    fn weigh(&self, columns: &Columns, doc: DocId, score: Score, ceiling: Score, best: &mut Best) {
        // The bound first: most matches of a broad query stop here, before their date is read.
        if !best.admits(|floor| score * ceiling >= floor.score) {
            return;
        }
        let published = columns.published.first(doc).unwrap_or(0);
        let score = match self.order {
            Order::Relevance { now } => score * recency(now - published),
            Order::Date => 0.0,
        };
        // The id is read only for a match that reaches the page (or ties its last entry).
        if !best.admits(|floor| {
            score
                .total_cmp(&floor.score)
                .then(published.cmp(&floor.published))
                .is_ge()
        }) {
            return;
        }
        best.offer(Key {
            score,
            published,
            id: columns.id.first(doc).unwrap_or(0),
        });
    }
}

/// Scores the newest [`FIRST_WINDOWS`] windows across the segments, those that could still reach the page, and
/// marks them weighed. Each segment's are visited in document order by one scorer, as a scorer only moves
/// forward and a new one costs a lookup of every word (and a misspelling's automaton).
fn newest_first(
    weight: &dyn Weight,
    segments: &mut [Segment],
    rule: &Rule,
    best: &mut Best,
) -> tantivy::Result<()> {
    let mut queue: Vec<(i64, usize, usize)> = (segments.iter().enumerate())
        .flat_map(|(s, seg)| (seg.newest.iter().enumerate()).map(move |(w, &n)| (n, s, w)))
        .collect();
    if queue.len() > FIRST_WINDOWS {
        queue.select_nth_unstable_by(FIRST_WINDOWS, |a, b| b.0.cmp(&a.0));
        queue.truncate(FIRST_WINDOWS);
    }
    queue.sort_unstable_by_key(|&(_, s, w)| (s, w));
    for group in queue.chunk_by(|a, b| a.1 == b.1) {
        let seg = &mut segments[group[0].1];
        let mut scorer = weight.scorer(seg.reader, 1.0)?;
        for &(newest, _, w) in group {
            if !rule.reaches(best, newest) {
                continue;
            }
            seg.weighed[w] = true;
            let ceiling = rule.ceiling(newest);
            let (start, end) = (w as u32 * WINDOW, (w as u32 + 1) * WINDOW);
            let mut doc = scorer.doc();
            if doc < start {
                doc = scorer.seek(start);
            }
            while doc < end {
                let alive = seg.reader.alive_bitset().is_none_or(|a| a.is_alive(doc));
                let section = seg.columns.section.first(doc).unwrap_or(0);
                if alive && rule.section.is_none_or(|want| want == section) {
                    rule.weigh(
                        &seg.columns,
                        doc,
                        score_of(rule, &mut *scorer),
                        ceiling,
                        best,
                    );
                }
                doc = scorer.advance();
            }
        }
    }
    Ok(())
}

/// A match's text score (none is needed by date).
fn score_of(rule: &Rule, scorer: &mut dyn Scorer) -> Score {
    match rule.order {
        Order::Relevance { .. } => scorer.score(),
        Order::Date => 0.0,
    }
}

/// Walks every match of a segment in document order, a window at a time: each counted by section, and weighed
/// when its window could still reach the page and was not weighed already.
fn walk(
    weight: &dyn Weight,
    seg: &mut Segment,
    rule: &Rule,
    tally: &mut Tally,
    best: &mut Best,
) -> tantivy::Result<()> {
    let mut scorer = weight.scorer(seg.reader, 1.0)?;
    let alive = seg.reader.alive_bitset();
    let (mut docs, mut scores, mut sections) = (Vec::new(), Vec::new(), Vec::new());
    let mut doc = scorer.doc();
    while doc != TERMINATED {
        let w = (doc / WINDOW) as usize;
        let end = (doc / WINDOW + 1).saturating_mul(WINDOW);
        // A segment without windows (none can be missing, but a bound is never guessed) is weighed throughout.
        let newest = seg.newest.get(w).copied().unwrap_or(i64::MAX);
        let weigh = !seg.weighed.get(w).copied().unwrap_or(false) && rule.reaches(best, newest);
        docs.clear();
        scores.clear();
        while doc < end {
            if alive.is_none_or(|a| a.is_alive(doc)) {
                docs.push(doc);
                if weigh {
                    scores.push(score_of(rule, &mut *scorer));
                }
            }
            doc = scorer.advance();
        }
        sections.clear();
        sections.resize(docs.len(), None);
        seg.columns.section.first_vals(&docs, &mut sections);
        let ceiling = rule.ceiling(newest);
        for (i, section) in sections.iter().enumerate() {
            let section = section.unwrap_or(0);
            tally.add(section);
            if weigh && rule.section.is_none_or(|want| want == section) {
                rule.weigh(&seg.columns, docs[i], scores[i], ceiling, best);
            }
        }
    }
    Ok(())
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

#[cfg(test)]
mod tests;
