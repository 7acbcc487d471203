//! What a reader types into the search box, as web search engines have taught readers:
//!
//! | Typed | Means |
//! | --- | --- |
//! | `council tax` | both words (stemmed: `councils`, `taxes` match), the last also as a prefix while typing (`tax…`) |
//! | `"council tax"` | the phrase |
//! | `-parking` or `-"car parks"` | without the word or phrase |
//! | `rent OR rents OR "housing costs"` | any of them |
//!
//! The query is built from these parts, never parsed by the engine, so no character a reader types is engine
//! syntax. An unclosed quote closes at the end. A query with nothing to look for (only operators, only
//! exclusions) is no query: [`parse`] answers `None`, and the search finds nothing rather than everything.

use crate::text;

/// The most words used, across every term and phrase; the rest are ignored (a long pasted paragraph, or a phrase
/// of hundreds of words, costs no more than this many).
pub const MAX_TERMS: usize = 24;
/// Quotation marks: straight, typographic and full-width.
const QUOTES: [char; 4] = ['"', '“', '”', '＂'];

/// One term: the folded words of a phrase, or of one typed word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// Folded, unstemmed ([`text::words`]); more than one is a phrase (`covid-19` is the phrase `covid 19`).
    pub words: Vec<String>,
    /// The last word typed, not yet finished: it also matches as a prefix (`crate::relevance::MIN_PREFIX`).
    pub prefix: bool,
}

/// What a query asks for: groups of alternatives (joined by `OR`), every group required; and the terms
/// excluded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parsed {
    pub groups: Vec<Vec<Term>>,
    pub excluded: Vec<Term>,
}

#[derive(Debug)]
enum Token {
    Term {
        term: Term,
        exclude: bool,
        quoted: bool,
    },
    Or,
}

fn term(text: &str) -> Option<Term> {
    let words: Vec<String> = text::words(text).into_iter().map(|w| w.folded).collect();
    (!words.is_empty()).then_some(Term {
        words,
        prefix: false,
    })
}

fn tokens(q: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut rest = q;
    while let Some(start) = rest.find(|c: char| !c.is_whitespace()) {
        rest = &rest[start..];
        let exclude = rest.starts_with('-');
        let body = if exclude { &rest[1..] } else { rest };
        if let Some(quoted) = body.strip_prefix(QUOTES) {
            let end = quoted.find(QUOTES).unwrap_or(quoted.len());
            if let Some(term) = term(&quoted[..end]) {
                out.push(Token::Term {
                    term,
                    exclude,
                    quoted: true,
                });
            }
            rest = quoted[end..]
                .char_indices()
                .nth(1)
                .map_or("", |(i, _)| &quoted[end + i..]);
            continue;
        }
        let end = body.find(char::is_whitespace).unwrap_or(body.len());
        let word = &body[..end];
        rest = &body[end..];
        if word == "OR" && !exclude {
            out.push(Token::Or);
            continue;
        }
        if let Some(term) = term(word) {
            out.push(Token::Term {
                term,
                exclude,
                quoted: false,
            });
        }
    }
    out
}

/// What `q` asks for, or `None` when it asks for nothing.
pub fn parse(q: &str) -> Option<Parsed> {
    let mut tokens = tokens(q);
    // At most MAX_TERMS words in all: a term that would pass it is cut to what is left, and the rest dropped.
    let mut left = MAX_TERMS;
    let typed = tokens.len();
    tokens.retain_mut(|t| match t {
        Token::Term { term, .. } if left > 0 => {
            term.words.truncate(left);
            left -= term.words.len();
            true
        }
        Token::Term { .. } => false,
        Token::Or => left > 0,
    });
    // The last word typed is also a prefix, for results while typing: not after a space (the word is finished),
    // never in quotes, and not when the query was cut (the last word kept is not the last typed).
    if !q.ends_with(char::is_whitespace) && tokens.len() == typed {
        if let Some(Token::Term {
            term,
            exclude: false,
            quoted: false,
        }) = tokens.last_mut()
        {
            term.prefix = term.words.len() == 1;
        }
    }
    let mut groups: Vec<Vec<Term>> = Vec::new();
    let mut excluded = Vec::new();
    let mut or_next = false;
    for token in tokens {
        match token {
            Token::Or => or_next = !groups.is_empty(),
            Token::Term {
                term,
                exclude: true,
                ..
            } => {
                excluded.push(term);
                or_next = false;
            }
            Token::Term {
                term,
                exclude: false,
                ..
            } => {
                match groups.last_mut() {
                    Some(group) if or_next => group.push(term),
                    _ => groups.push(vec![term]),
                }
                or_next = false;
            }
        }
    }
    (!groups.is_empty()).then_some(Parsed { groups, excluded })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A compact form of a parse: groups joined by ` & `, alternatives by ` | `, a phrase's words by `_`, a
    /// prefix with `*`, exclusions as ` !…`.
    fn show(q: &str) -> Option<String> {
        let p = parse(q)?;
        let t = |t: &Term| format!("{}{}", t.words.join("_"), if t.prefix { "*" } else { "" });
        let mut out = p
            .groups
            .iter()
            .map(|g| g.iter().map(t).collect::<Vec<_>>().join(" | "))
            .collect::<Vec<_>>()
            .join(" & ");
        for e in &p.excluded {
            out.push_str(&format!(" !{}", t(e)));
        }
        Some(out)
    }

    #[test]
    fn the_query_syntax() {
        let cases: &[(&str, Option<&str>)] = &[
            ("council tax", Some("council & tax*")),
            ("council tax ", Some("council & tax")),
            ("\"council tax\"", Some("council_tax")),
            ("“council tax”", Some("council_tax")),
            ("\"council tax", Some("council_tax")),
            ("council \"tax", Some("council & tax")),
            ("rent -parking", Some("rent !parking")),
            ("rent -\"car parks\"", Some("rent !car_parks")),
            ("rent OR rents", Some("rent | rents*")),
            (
                "homes rent OR \"housing costs\"",
                Some("homes & rent | housing_costs"),
            ),
            ("covid-19 funding", Some("covid_19 & funding*")),
            ("Café", Some("cafe*")),
            ("Cafe\u{301}", Some("cafe*")),
            ("OR", None),
            ("-parking", None),
            ("\"\"", None),
            ("- \" OR * NEAR( ^", Some("or_near")),
            ("", None),
            ("   ", None),
        ];
        for (typed, want) in cases {
            assert_eq!(show(typed).as_deref(), *want, "{typed:?}");
        }
    }

    #[test]
    fn a_long_paste_is_cut_to_the_most_words() {
        let p = parse(&"word ".repeat(100)).unwrap();
        assert_eq!(p.groups.len(), MAX_TERMS);
        // A phrase of hundreds of words, quoted or joined by hyphens, is cut too.
        for q in [format!("\"{}\"", "a ".repeat(250)), "a-".repeat(250)] {
            let p = parse(&q).unwrap();
            assert_eq!(p.groups[0][0].words.len(), MAX_TERMS, "{q:?}");
        }
        // The last word kept is not the last typed: no prefix.
        let p = parse(&format!("{}counc", "word ".repeat(30))).unwrap();
        assert!(p.groups.iter().flatten().all(|t| !t.prefix));
    }
}
