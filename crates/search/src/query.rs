//! A parsed query ([`crate::syntax::Parsed`]) as a tantivy query, under the rules of [`crate::relevance`]: every
//! group required, a word in the weighted text, a phrase by its pairs of words, the unfinished last
//! word also as a prefix, exclusions; and which words of a headline or standfirst it matched.

use std::collections::{HashMap, HashSet};

use tantivy::query::{
    Bm25Weight, BooleanQuery, BoostQuery, EmptyQuery, FuzzyTermQuery, Occur, PhraseQuery, Query,
    TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{Score, Searcher, Term as IndexTerm};

use crate::relevance::{EXPANSION, MAX_EXPANSIONS, MAX_FUZZY_WORDS, MIN_FUZZY, MIN_PREFIX};

/// The most words of the dictionary looked at for one prefix in one segment, the first in dictionary order (a
/// 3-letter prefix of a large archive starts thousands).
const SCANNED: usize = 5_000;
use crate::schema::Fields;
use crate::syntax::{Parsed, Term};
use crate::{pairs, text};

/// How words are matched: as typed, or forgiving one edit when that found nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Spelling {
    AsTyped,
    Forgiving,
}

pub(crate) struct Builder<'a> {
    pub fields: &'a Fields,
    pub searcher: &'a Searcher,
    pub spelling: Spelling,
    /// Words forgiven a misspelling so far (at most [`MAX_FUZZY_WORDS`]).
    pub fuzzed: std::cell::Cell<usize>,
}

type Boxed = Box<dyn Query>;

/// A query and the most any article can score on it: BM25 before recency, summed as tantivy sums its clauses
/// (a term's most is its weight as the term frequency grows without end; a misspelling's constant score is 1).
/// [`crate::collect`] skips a window of matches whose most, times the window's recency, cannot reach the page.
pub(crate) struct Scored {
    pub query: Boxed,
    pub max: Score,
}

impl Scored {
    fn new(query: impl Query, max: Score) -> Scored {
        Scored {
            query: Box::new(query),
            max,
        }
    }
}

/// Any of `clauses`, scored as their sum; one clause is itself (a lone term keeps tantivy's fast paths for a term).
fn any(mut clauses: Vec<Scored>) -> Scored {
    match clauses.len() {
        0 => Scored::new(EmptyQuery, 0.0),
        1 => clauses.remove(0),
        _ => {
            let max = clauses.iter().map(|c| c.max).sum();
            let should = clauses.into_iter().map(|c| (Occur::Should, c.query));
            Scored::new(BooleanQuery::new(should.collect()), max)
        }
    }
}

impl Builder<'_> {
    /// The whole query: a lone group without exclusions is that group's query (see [`any`]).
    pub fn query(&self, parsed: &Parsed) -> Scored {
        if let ([group], []) = (parsed.groups.as_slice(), parsed.excluded.as_slice()) {
            return any(group.iter().map(|t| self.term(t)).collect());
        }
        let groups: Vec<Scored> = (parsed.groups.iter())
            .map(|g| any(g.iter().map(|t| self.term(t)).collect()))
            .collect();
        // Exclusions score nothing.
        let max = groups.iter().map(|g| g.max).sum();
        let mut clauses: Vec<(Occur, Boxed)> =
            groups.into_iter().map(|g| (Occur::Must, g.query)).collect();
        for t in &parsed.excluded {
            // Exclusions are exact: a misspelt exclusion excludes nothing rather than something unasked.
            let exact = Builder {
                fields: self.fields,
                searcher: self.searcher,
                spelling: Spelling::AsTyped,
                fuzzed: std::cell::Cell::new(0),
            };
            clauses.push((
                Occur::MustNot,
                exact
                    .term(&Term {
                        prefix: false,
                        ..t.clone()
                    })
                    .query,
            ));
        }
        Scored::new(BooleanQuery::new(clauses), max)
    }

    /// One term: a word (stemmed) or a phrase in the weighted text; the unfinished last word also as a prefix.
    fn term(&self, t: &Term) -> Scored {
        let stems: Vec<String> = t.words.iter().map(|w| text::stem(w)).collect();
        // Only a single word of MIN_FUZZY letters or more is forgiven a misspelling.
        let forgiving = self.spelling == Spelling::Forgiving
            && t.words.len() == 1
            && t.words[0].chars().count() >= MIN_FUZZY
            && self.fuzzed.get() < MAX_FUZZY_WORDS;
        if forgiving {
            self.fuzzed.set(self.fuzzed.get() + 1);
        }
        let mut alternatives: Vec<Scored> = vec![match stems.as_slice() {
            [one] => self.word(self.fields.text, one, forgiving),
            many => self.phrase(many),
        }];
        if let [word] = t.words.as_slice() {
            if t.prefix {
                alternatives.extend(self.expansions(word));
            }
            // A misspelling is often more than one edit from the stem ("franchisng" and "franchis") but one from
            // the word: forgiven against the headline's, standfirst's and topics' words too.
            if forgiving {
                let term = IndexTerm::from_field_text(self.fields.prefixes, word);
                alternatives.push(Scored::new(FuzzyTermQuery::new(term, 1, true), 1.0));
            }
        }
        any(alternatives)
    }

    /// A phrase of two words or more: its pairs of neighbouring words ([`crate::pairs`]), which score it; past two
    /// words, every pair and the words' positions. (Tantivy's phrase scorer walks its own words' intersection, so
    /// the pairs do not spare a long phrase of common words its scan of positions: docs/search.md, next levers.)
    fn phrase(&self, stems: &[String]) -> Scored {
        let pair = |w: &[String]| -> Scored {
            let term = IndexTerm::from_field_text(self.fields.pairs, &pairs::pair(&w[0], &w[1]));
            self.exact(term, IndexRecordOption::WithFreqs)
        };
        if stems.len() == 2 {
            return pair(stems);
        }
        let pairs: Vec<Scored> = stems.windows(2).map(pair).collect();
        // The words in order only filter (boost 0).
        let max = pairs.iter().map(|p| p.max).sum();
        let mut all: Vec<(Occur, Boxed)> =
            pairs.into_iter().map(|p| (Occur::Must, p.query)).collect();
        let words = stems
            .iter()
            .map(|s| IndexTerm::from_field_text(self.fields.text, s))
            .collect();
        let in_order = BoostQuery::new(Box::new(PhraseQuery::new(words)), 0.0);
        all.push((Occur::Must, Box::new(in_order)));
        Scored::new(BooleanQuery::new(all), max)
    }

    fn word(&self, field: Field, stem: &str, forgiving: bool) -> Scored {
        let term = IndexTerm::from_field_text(field, stem);
        let exact = self.exact(term.clone(), IndexRecordOption::WithFreqs);
        if forgiving {
            any(vec![
                exact,
                Scored::new(FuzzyTermQuery::new(term, 1, true), 1.0),
            ])
        } else {
            exact
        }
    }

    /// One term, and its most: its BM25 weight over the whole index, as the search scores it (unknown when the
    /// index's statistics cannot be read, which only means no window is skipped). The weight is the score as the
    /// term frequency grows without end in the shortest field; tantivy's own `max_score` takes the longest field,
    /// a few thousandths lower, which a long field of one repeated word could exceed.
    fn exact(&self, term: IndexTerm, record: IndexRecordOption) -> Scored {
        let max = Bm25Weight::for_terms(self.searcher, std::slice::from_ref(&term))
            .map_or(Score::INFINITY, |w| w.score(0, u32::MAX));
        Scored::new(TermQuery::new(term, record), max)
    }

    /// The words of the index that start with `prefix` (at most [`MAX_EXPANSIONS`], the most frequent first), as
    /// alternatives; none for a prefix shorter than [`MIN_PREFIX`].
    fn expansions(&self, prefix: &str) -> Vec<Scored> {
        if prefix.chars().count() < MIN_PREFIX {
            return Vec::new();
        }
        let field = self.fields.prefixes;
        // Words with the prefix's own stem (`council`, `councils` for `council`) are matched already, in every
        // field, by the word itself: expanding to them again would only cost.
        let stem = text::stem(prefix);
        // Doc frequency of each word, summed over the segments; at most SCANNED words a segment are looked at.
        let mut freqs: HashMap<String, u64> = HashMap::new();
        for segment in self.searcher.segment_readers() {
            let Ok(inverted) = segment.inverted_index(field) else {
                continue;
            };
            let Ok(mut stream) = inverted.terms().range().ge(prefix.as_bytes()).into_stream()
            else {
                continue;
            };
            let mut scanned = 0;
            while scanned < SCANNED && stream.advance() {
                scanned += 1;
                let Ok(word) = std::str::from_utf8(stream.key()) else {
                    continue;
                };
                if !word.starts_with(prefix) {
                    break;
                }
                *freqs.entry(word.to_string()).or_default() += u64::from(stream.value().doc_freq);
            }
        }
        let mut found: Vec<(String, u64)> = freqs
            .into_iter()
            .filter(|(word, _)| text::stem(word) != stem)
            .collect();
        found.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        found.truncate(MAX_EXPANSIONS);
        found
            .into_iter()
            .map(|(word, _)| {
                let q = self.exact(
                    IndexTerm::from_field_text(field, &word),
                    IndexRecordOption::Basic,
                );
                Scored::new(BoostQuery::new(q.query, EXPANSION), q.max * EXPANSION)
            })
            .collect()
    }
}

/// Whether `parsed` has a word a misspelling of which could be forgiven (else a second pass would find nothing
/// more).
pub(crate) fn forgivable(parsed: &Parsed) -> bool {
    parsed
        .groups
        .iter()
        .flatten()
        .any(|t| t.words.len() == 1 && t.words[0].chars().count() >= MIN_FUZZY)
}

/// What marks a matched word in a headline or standfirst: the stems of the query's wanted words, and its prefix.
#[derive(Debug, Clone, Default)]
pub struct Marker {
    stems: HashSet<String>,
    prefix: Option<String>,
}

impl Marker {
    pub fn of(parsed: &Parsed) -> Marker {
        let mut m = Marker::default();
        for t in parsed.groups.iter().flatten() {
            m.stems.extend(t.words.iter().map(|w| text::stem(w)));
            if t.prefix && t.words[0].chars().count() >= MIN_PREFIX {
                m.prefix = Some(t.words[0].clone());
            }
        }
        m
    }

    /// The byte ranges of `text`'s words that the query matched, in order.
    pub fn marks(&self, text: &str) -> Vec<(usize, usize)> {
        text::words(text)
            .into_iter()
            .filter(|w| {
                self.stems.contains(&text::stem(&w.folded))
                    || self
                        .prefix
                        .as_ref()
                        .is_some_and(|p| w.folded.starts_with(p.as_str()))
            })
            .map(|w| (w.start, w.end))
            .collect()
    }
}
