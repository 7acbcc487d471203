use super::*;
use crate::query::{Builder, Spelling};
use crate::{syntax, Change, Document, SearchIndex};

const NOW: i64 = 2_000_000_000;
const WORDS: [&str; 12] = [
    "council",
    "council",
    "council",
    "year",
    "year",
    "tax",
    "taxis",
    "housing",
    "transport",
    "budget",
    "flood",
    "wirstum",
];

/// 3,000 articles in several segments, dated mostly in id order over 20 years with some out of order and a
/// few from today, with a few deleted: windows of every kind.
fn archive() -> SearchIndex {
    let index = SearchIndex::open(None).unwrap();
    let mut seed = 7u64;
    let mut next = move |n: i64| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((seed >> 33) % n as u64) as i64
    };
    let span = 20 * 365 * 86_400;
    for batch in 0..6 {
        let docs: Vec<Change> = (0..500)
            .map(|i| {
                let id = batch * 500 + i;
                let published = match next(20) {
                    0 => NOW - next(86_400),
                    1 => NOW - next(span),
                    _ => NOW - span + id * (span / 3_000),
                };
                let mut words = |n: i64| {
                    let n = next(n) + 1;
                    (0..n)
                        .map(|_| WORDS[next(12) as usize])
                        .collect::<Vec<_>>()
                        .join(" ")
                };
                let (headline, standfirst, body) = (words(4), words(6), words(40));
                Change::Upsert(Document {
                    id,
                    section: 1 + next(4),
                    published,
                    headline,
                    standfirst,
                    topics: String::new(),
                    body,
                })
            })
            .collect();
        index.apply(&docs, batch).unwrap();
    }
    let gone: Vec<Change> = (0..3_000).step_by(37).map(Change::Delete).collect();
    index.apply(&gone, 6).unwrap();
    index
}

/// Every match weighed: the counts and the page as the pass must find them.
fn plain(
    index: &SearchIndex,
    query: &Scored,
    order: Order,
    section: Option<i64>,
    keep: usize,
) -> Found {
    let searcher = index.reader.searcher();
    let weight = query
        .query
        .weight(EnableScoring::enabled_from_searcher(&searcher))
        .unwrap();
    let (mut sections, mut keys) = (HashMap::new(), Vec::new());
    for reader in searcher.segment_readers() {
        let columns = Columns::of(reader);
        let mut all = Vec::new();
        weight
            .for_each(reader, &mut |doc, score| all.push((doc, score)))
            .unwrap();
        for (doc, score) in all {
            assert!(
                score <= query.max * MARGIN,
                "a true bound: {score} > {}",
                query.max
            );
            if reader.alive_bitset().is_some_and(|a| a.is_deleted(doc)) {
                continue;
            }
            let s = columns.section.first(doc).unwrap();
            *sections.entry(s).or_insert(0) += 1;
            if section.is_some_and(|want| want != s) {
                continue;
            }
            let published = columns.published.first(doc).unwrap();
            let score = match order {
                Order::Relevance { now } => score * recency(now - published),
                Order::Date => 0.0,
            };
            keys.push(Key {
                score,
                published,
                id: columns.id.first(doc).unwrap(),
            });
        }
    }
    keys.sort_by(|a, b| b.cmp(a));
    Found {
        sections,
        best: keys.into_iter().take(keep).map(|k| k.id).collect(),
    }
}

#[test]
fn skipping_windows_keeps_the_page_of_every_match_weighed() {
    let index = archive();
    let searcher = index.reader.searcher();
    assert!(searcher.segment_readers().len() > 1);
    let windows = index.windows.of(&searcher);
    let builder = Builder {
        fields: &index.fields,
        searcher: &searcher,
        spelling: Spelling::AsTyped,
        fuzzed: std::cell::Cell::new(0),
    };
    for q in [
        "council ",
        "council year",
        "council -housing ",
        "council ta",
        "council tax",
        "\"council tax\"",
        "housing OR transport ",
        "wirstum ",
        "year budget flood ",
    ] {
        let query = builder.query(&syntax::parse(q).unwrap());
        for order in [Order::Relevance { now: NOW }, Order::Date] {
            for (section, keep) in [(None, 10), (None, 45), (Some(2), 10), (None, 0)] {
                let found = pass(&searcher, &query, &windows, order, section, keep).unwrap();
                let want = plain(&index, &query, order, section, keep);
                let case = format!("{q:?} {order:?} {section:?} {keep}");
                assert_eq!(found.best, want.best, "{case}");
                assert_eq!(found.sections, want.sections, "{case}");
            }
        }
        assert!(query.max.is_finite(), "{q:?}: its bound is known");
    }
}
