//! How text becomes searchable words, once for the articles and the queries alike, so that any spelling of a
//! word finds the same articles: case, composed (NFC) and decomposed (NFD) accents, full-width forms and
//! typographic apostrophes all fold to one form.
//!
//! A word is a run of letters, digits and combining marks (a decomposed accent stays inside its word rather than
//! splitting it, the bug behind `cóuncil` finding nothing). Each word is decomposed for compatibility (NFKD:
//! `é` → `e` + accent, `Ｂ` → `B`), stripped of its combining marks, lower-cased, then folded to ASCII where
//! Latin letters have no decomposition (`ø` → `o`, `ß` → `ss`: tantivy's `AsciiFoldingFilter`). Apostrophes
//! of either kind end a word (`council’s` and `council's` are `council` and `s`). The stemmed analyzer then takes
//! English endings off (Porter 2, `councils` → `council`).

use rust_stemmers::{Algorithm, Stemmer};
use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, RemoveLongFilter, TextAnalyzer, Token, TokenStream, Tokenizer,
};
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// The analyzer of the field matched whole and stemmed (headline, standfirst, topics and body together).
pub const STEMMED: &str = "broadsheet_stemmed";
/// The analyzer of the stemmed words' pairs ([`crate::pairs`]), what a two-word phrase matches.
pub const PAIRS: &str = "broadsheet_pairs";
/// The analyzer of the field matched by prefix while a reader types: folded, not stemmed.
pub const FOLDED: &str = "broadsheet_folded";
/// Tokens of this many bytes or more are not indexed: usually junk (a hash, a long number). Long enough for the
/// longest place names readers search for (Llanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogoch is 58).
const LONGEST_TOKEN: usize = 80;

/// Registers the analyzers on `index`.
pub fn register(index: &tantivy::Index) {
    let stemming = || folding().filter(tantivy::tokenizer::Stemmer::new(Language::English));
    index.tokenizers().register(FOLDED, folding().build());
    index.tokenizers().register(STEMMED, stemming().build());
    index
        .tokenizers()
        .register(PAIRS, stemming().filter(crate::pairs::Pairs).build());
}

/// The folded analyzer's steps, which the stemmed one continues.
fn folding() -> tantivy::tokenizer::TextAnalyzerBuilder<impl Tokenizer> {
    TextAnalyzer::builder(Words)
        .filter(RemoveLongFilter::limit(LONGEST_TOKEN))
        .filter(AsciiFoldingFilter)
}

/// One folded word of `text`: its byte range in `text` and its folded form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub start: usize,
    pub end: usize,
    pub folded: String,
}

/// The words of `text`, folded as the index folds them (before stemming).
pub fn words(text: &str) -> Vec<Word> {
    let mut analyzer = folding().build();
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    while let Some(t) = stream.next() {
        out.push(Word {
            start: t.offset_from,
            end: t.offset_to,
            folded: t.text.clone(),
        });
    }
    out
}

/// `folded` with its English ending taken off, as the stemmed analyzer does.
pub fn stem(folded: &str) -> String {
    Stemmer::create(Algorithm::English)
        .stem(folded)
        .into_owned()
}

/// Whether `c` belongs inside a word.
fn in_word(c: char) -> bool {
    c.is_alphanumeric() || is_combining_mark(c)
}

/// The first step of both analyzers: words, decomposed, without marks, lower-cased.
#[derive(Clone, Copy, Debug, Default)]
pub struct Words;

pub struct WordStream<'a> {
    text: &'a str,
    at: usize,
    token: Token,
}

impl Tokenizer for Words {
    type TokenStream<'a> = WordStream<'a>;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> WordStream<'a> {
        // `advance` adds one before each word: the first is at position 0.
        let token = Token {
            position: usize::MAX,
            ..Token::default()
        };
        WordStream { text, at: 0, token }
    }
}

impl TokenStream for WordStream<'_> {
    fn advance(&mut self) -> bool {
        loop {
            let rest = &self.text[self.at..];
            let Some(start) = rest.find(in_word) else {
                self.at = self.text.len();
                return false;
            };
            let start = self.at + start;
            let end = self.text[start..]
                .find(|c: char| !in_word(c))
                .map_or(self.text.len(), |e| start + e);
            self.at = end;
            let folded: String = self.text[start..end]
                .nfkd()
                .filter(|c| !is_combining_mark(*c))
                .flat_map(char::to_lowercase)
                .filter(|c| c.is_alphanumeric())
                .collect();
            if folded.is_empty() {
                // Marks alone: no word.
                continue;
            }
            self.token.offset_from = start;
            self.token.offset_to = end;
            self.token.position = self.token.position.wrapping_add(1);
            self.token.text = folded;
            return true;
        }
    }

    fn token(&self) -> &Token {
        &self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folded(text: &str) -> Vec<String> {
        words(text).into_iter().map(|w| w.folded).collect()
    }

    /// The spelling matrix: every way a reader (or a PDF, a phone, another site) writes the same words.
    #[test]
    fn every_spelling_folds_to_one() {
        let same = [
            (
                "council",
                &[
                    "council",
                    "COUNCIL",
                    "Council",
                    "cóuncil",
                    "co\u{301}uncil",
                    "ｃｏｕｎｃｉｌ",
                ][..],
            ),
            ("cafe", &["café", "cafe\u{301}", "CAFÉ", "Café"][..]),
            ("smorrebrod", &["smørrebrød", "SMØRREBRØD"][..]),
            ("strasse", &["straße", "STRASSE"][..]),
        ];
        for (want, spellings) in same {
            for s in spellings {
                assert_eq!(folded(s), [want], "{s:?}");
            }
        }
        // Apostrophes of either kind, and full-width punctuation, end words.
        for s in ["council's", "council’s", "council＇s"] {
            assert_eq!(folded(s), ["council", "s"], "{s:?}");
        }
        assert_eq!(folded("“bus” — franchising…"), ["bus", "franchising"]);
    }

    #[test]
    fn words_keep_their_place_in_the_original() {
        let text = "Cafe\u{301} rates rise";
        let w = words(text);
        assert_eq!(&text[w[0].start..w[0].end], "Cafe\u{301}");
        assert_eq!(&text[w[2].start..w[2].end], "rise");
    }

    #[test]
    fn stems_are_english() {
        assert_eq!(stem("councils"), stem("council"));
        assert_eq!(stem("franchising"), stem("franchised"));
    }
}
