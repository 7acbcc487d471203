//! A search, run: the matches counted by section, and one page of their ids, by relevance or by date.

use std::collections::HashMap;
use std::time::{SystemTime, UNIX_EPOCH};

use crate::collect::{pass, Order};
use crate::query::{forgivable, Builder, Marker, Spelling};
use crate::{syntax, SearchError, SearchIndex};

/// What to search for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ask<'a> {
    /// The query as the reader typed it ([`crate::syntax`]).
    pub query: &'a str,
    /// Only this section's articles (its id in the store).
    pub section: Option<i64>,
    /// Newest first rather than most relevant first.
    pub by_date: bool,
    /// Matches skipped, then at most `limit` ids.
    pub offset: usize,
    pub limit: usize,
}

/// What a search found.
#[derive(Debug, Clone, Default)]
pub struct Hits {
    /// One page of the matches' article ids, in order.
    pub ids: Vec<i64>,
    /// The matches in the asked section (or in all), exactly.
    pub total: u64,
    /// Matches by section id across every section, exactly.
    pub sections: HashMap<i64, u64>,
    /// Which words of a headline or standfirst the query matched.
    pub marker: Marker,
}

impl SearchIndex {
    /// Runs `ask`. A query with nothing to look for finds nothing; a query whose words as typed find nothing
    /// is run again forgiving one misspelt letter a word ([`crate::relevance::MIN_FUZZY`]).
    ///
    /// One pass over the matches does it all ([`crate::collect`]): the counts by section (every section, for the
    /// filter's choices), and the page.
    pub fn search(&self, ask: &Ask) -> Result<Hits, SearchError> {
        let Some(parsed) = syntax::parse(ask.query) else {
            return Ok(Hits::default());
        };
        let searcher = self.reader.searcher();
        let mut builder = Builder {
            fields: &self.fields,
            searcher: &searcher,
            spelling: Spelling::AsTyped,
            fuzzed: std::cell::Cell::new(0),
        };
        let order = if ask.by_date {
            Order::Date
        } else {
            let now = SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map_or(0, |d| d.as_secs() as i64);
            Order::Relevance { now }
        };
        let keep = if ask.limit == 0 {
            0
        } else {
            ask.offset.saturating_add(ask.limit)
        };
        let windows = self.windows.of(&searcher);
        let run = |b: &Builder| {
            pass(
                &searcher,
                &b.query(&parsed),
                &windows,
                order,
                ask.section,
                keep,
            )
        };
        let mut found = run(&builder)?;
        if found.sections.is_empty() && forgivable(&parsed) {
            builder.spelling = Spelling::Forgiving;
            found = run(&builder)?;
        }
        let total = match ask.section {
            Some(s) => found.sections.get(&s).copied().unwrap_or(0),
            None => found.sections.values().sum(),
        };
        Ok(Hits {
            ids: found.best.into_iter().skip(ask.offset).collect(),
            total,
            sections: found.sections,
            marker: Marker::of(&parsed),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Change, Document};

    const DAY: i64 = 86_400;

    fn doc(id: i64, section: i64, days_ago: i64, headline: &str, body: &str) -> Document {
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap()
            .as_secs() as i64;
        Document {
            id,
            section,
            published: now - days_ago * DAY,
            headline: headline.into(),
            standfirst: String::new(),
            topics: String::new(),
            body: body.into(),
        }
    }

    fn index() -> SearchIndex {
        let i = SearchIndex::open(None).unwrap();
        let docs = vec![
            doc(
                1,
                10,
                400,
                "Council tax rises again",
                "The council said bills will rise.",
            ),
            doc(
                2,
                10,
                3,
                "Bus franchising goes live in Tyneford",
                "Councils weigh franchising.",
            ),
            doc(
                3,
                20,
                1,
                "Café owners fight parking charges",
                "Parking near the café costs more.",
            ),
            doc(
                4,
                20,
                30,
                "Taxis and tax: a licensing row",
                "The council licenses taxis.",
            ),
            doc(
                5,
                10,
                2,
                "Schools face budget cuts",
                "Heads say the council tax rise is not enough.",
            ),
        ];
        i.apply(&docs.into_iter().map(Change::Upsert).collect::<Vec<_>>(), 7)
            .unwrap();
        i
    }

    fn ids(i: &SearchIndex, q: &str) -> Vec<i64> {
        let ask = Ask {
            query: q,
            section: None,
            by_date: false,
            offset: 0,
            limit: 10,
        };
        i.search(&ask).unwrap().ids
    }

    fn sorted(mut v: Vec<i64>) -> Vec<i64> {
        v.sort();
        v
    }

    #[test]
    fn what_a_reader_types_finds_what_they_mean() {
        let i = index();
        // The headline weighs most.
        assert_eq!(ids(&i, "council tax ")[0], 1);
        // A phrase needs its words together; an exclusion takes away.
        assert_eq!(sorted(ids(&i, "\"council tax\"")), [1, 5]);
        assert_eq!(ids(&i, "council -tax "), [2]);
        assert_eq!(sorted(ids(&i, "schools OR parking ")), [3, 5]);
        // Stemming and any spelling.
        assert_eq!(ids(&i, "franchised "), [2]);
        for spelling in ["CAFE ", "café ", "cafe\u{301} ", "ｃａｆｅ "] {
            assert_eq!(ids(&i, spelling), [3], "{spelling:?}");
        }
        // Typing: "franch" is a prefix; "t" alone is too short to be one.
        assert_eq!(ids(&i, "bus franch"), [2]);
        assert!(ids(&i, "council t").is_empty());
        // A misspelling is forgiven only when the words as typed find nothing.
        assert_eq!(ids(&i, "franchsing "), [2]);
        assert_eq!(ids(&i, "taxis "), [4]);
        assert!(ids(&i, "zzz ").is_empty());
        assert!(ids(&i, "-council").is_empty());
    }

    #[test]
    fn counts_by_section_sorting_and_pages() {
        let i = index();
        let mut ask = Ask {
            query: "council ",
            section: None,
            by_date: true,
            offset: 0,
            limit: 10,
        };
        let all = i.search(&ask).unwrap();
        assert_eq!(all.ids, [5, 2, 4, 1], "newest first");
        assert_eq!(all.total, 4);
        assert_eq!(all.sections, HashMap::from([(10, 3), (20, 1)]));
        ask.section = Some(20);
        let one = i.search(&ask).unwrap();
        assert_eq!((one.ids, one.total), (vec![4], 1));
        assert_eq!(
            one.sections, all.sections,
            "counts stay across every section"
        );
        // A section's second page: the other sections' matches never fill it.
        ask.section = Some(10);
        ask.offset = 1;
        ask.limit = 5;
        let second = i.search(&ask).unwrap();
        assert_eq!((second.ids, second.total), (vec![2, 1], 3));
        ask.section = None;
        ask.offset = 2;
        ask.limit = 1;
        assert_eq!(i.search(&ask).unwrap().ids, [4]);
    }

    #[test]
    fn changes_and_rebuilds_keep_one_copy() {
        let i = index();
        let moved = doc(2, 20, 3, "Tram franchising", "");
        i.apply(&[Change::Upsert(moved.clone()), Change::Delete(3)], 9)
            .unwrap();
        assert_eq!(i.len(), 4);
        assert!(ids(&i, "bus ").is_empty());
        assert_eq!(ids(&i, "tram "), [2]);
        assert_eq!(i.applied(), Some(9));
        let rebuilt = i.rebuild(vec![Ok(vec![moved])], 12, |_| {}).unwrap();
        assert_eq!((rebuilt, i.len(), i.applied()), (1, 1, Some(12)));
        // A failing read keeps the old index whole.
        let failed = i.rebuild(
            vec![Ok(vec![]), Err(crate::SearchError::new("down".into()))],
            13,
            |_| {},
        );
        assert!(failed.is_err());
        assert_eq!((i.len(), i.applied()), (1, Some(12)));
    }

    #[test]
    fn a_rebuilt_index_is_one_segment_and_later_changes_still_apply() {
        let i = index();
        let batches = (0..4).map(|b| {
            Ok((0..500)
                .map(|n| doc(b * 500 + n, 10, n, "Council budget", "Flood defences"))
                .collect())
        });
        assert_eq!(i.rebuild(batches, 20, |_| {}).unwrap(), 2_000);
        assert_eq!(i.reader.searcher().segment_readers().len(), 1);
        i.apply(
            &[
                Change::Delete(0),
                Change::Upsert(doc(5_000, 10, 0, "Tram", "")),
            ],
            21,
        )
        .unwrap();
        assert_eq!((i.len(), ids(&i, "tram ")), (2_000, vec![5_000]));
    }

    #[test]
    fn a_reopened_index_keeps_what_it_committed_and_its_position() {
        let dir = tempfile::tempdir().unwrap();
        {
            let i = SearchIndex::open(Some(dir.path())).unwrap();
            i.apply(&[Change::Upsert(doc(1, 1, 0, "Flood defences", ""))], 4)
                .unwrap();
        }
        let i = SearchIndex::open(Some(dir.path())).unwrap();
        assert_eq!((i.applied(), ids(&i, "flood ")), (Some(4), vec![1]));
    }

    #[test]
    fn marks_are_the_matched_words() {
        let parsed = syntax::parse("councils franch").unwrap();
        let m = Marker::of(&parsed);
        let text = "Council’s bus franchising: the COUNCIL decides";
        let marked: Vec<&str> = m
            .marks(text)
            .into_iter()
            .map(|(a, b)| &text[a..b])
            .collect();
        assert_eq!(marked, ["Council", "franchising", "COUNCIL"]);
    }
}
