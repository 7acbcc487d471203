//! Word pairs: each two neighbouring words of a text as one token (`council tax` from "the council tax rise" as
//! `the council`, `council tax`, `tax rise`), so that a two-word phrase is one term to look up rather than two
//! long lists of positions to compare. Elasticsearch's `index_phrases` does the same for the same reason.
//!
//! A pair is made only of words at neighbouring positions of one value: never across a value's end (tantivy
//! tokenizes each value of a field on its own), nor across a word the analyzer dropped (a token too long).

use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

/// The filter making pairs of the tokens before it; a pair's text is the two words with one space between.
#[derive(Clone, Copy, Debug, Default)]
pub struct Pairs;

/// The pair of two (stemmed) words, as the filter writes it: what a query looks up.
pub fn pair(first: &str, second: &str) -> String {
    format!("{first} {second}")
}

impl TokenFilter for Pairs {
    type Tokenizer<T: Tokenizer> = PairsTokenizer<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> PairsTokenizer<T> {
        PairsTokenizer(tokenizer)
    }
}

#[derive(Clone)]
pub struct PairsTokenizer<T>(T);

impl<T: Tokenizer> Tokenizer for PairsTokenizer<T> {
    type TokenStream<'a> = PairStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        PairStream {
            words: self.0.token_stream(text),
            previous: None,
            token: Token::default(),
        }
    }
}

pub struct PairStream<S> {
    words: S,
    /// The word before: its text, position and start.
    previous: Option<(String, usize, usize)>,
    token: Token,
}

impl<S: TokenStream> TokenStream for PairStream<S> {
    fn advance(&mut self) -> bool {
        while self.words.advance() {
            let word = self.words.token();
            let this = (word.text.clone(), word.position, word.offset_from);
            let before = self.previous.replace(this);
            let Some((text, position, start)) = before else {
                continue;
            };
            if position.wrapping_add(1) != word.position {
                continue;
            }
            self.token.text = pair(&text, &word.text);
            self.token.position = position;
            self.token.offset_from = start;
            self.token.offset_to = word.offset_to;
            return true;
        }
        false
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
    use tantivy::tokenizer::{RemoveLongFilter, TextAnalyzer};

    fn pairs(text: &str) -> Vec<(String, usize)> {
        let mut a = TextAnalyzer::builder(crate::text::Words)
            .filter(RemoveLongFilter::limit(12))
            .filter(Pairs)
            .build();
        let mut stream = a.token_stream(text);
        let mut out = Vec::new();
        while let Some(t) = stream.next() {
            out.push((t.text.clone(), t.position));
        }
        out
    }

    #[test]
    fn neighbours_pair_and_a_dropped_word_breaks_the_chain() {
        assert_eq!(
            pairs("The council tax"),
            [("the council".into(), 0), ("council tax".into(), 1)]
        );
        // "aaaaaaaaaaaaaaaa" is too long and dropped: "rise" and "again" are not neighbours of "tax".
        assert_eq!(
            pairs("tax aaaaaaaaaaaaaaaa rise again"),
            [("rise again".to_string(), 2)]
        );
        assert!(pairs("one").is_empty());
    }
}
