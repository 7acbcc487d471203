//! What a reader types into the search box, made into an SQLite FTS5 query. The syntax, as web search engines
//! have taught readers:
//!
//! | Typed | Means |
//! | --- | --- |
//! | `council tax` | both words (stemmed: `councils`, `taxes` match), the last also as a prefix while typing (`tax*`) |
//! | `"council tax"` | the phrase |
//! | `-parking` or `-"car parks"` | without the word or phrase |
//! | `rent OR rents OR "housing costs"` | any of them |
//!
//! Every word reaches FTS5 inside double quotes, so no character the reader types is FTS5 syntax. An unclosed
//! quote closes at the end. A query with nothing to look for (only operators, only exclusions) is no query:
//! [`parse`] answers `None`, and the search finds nothing rather than everything.

/// The most characters a query may have; longer ones are refused (400), not cut, so a reader is never shown
/// results for words they did not send.
pub const MAX_QUERY_CHARS: usize = 500;
/// The most terms used; the rest are ignored (FTS5 query cost grows with terms).
pub const MAX_TERMS: usize = 24;

/// One term: the words of a phrase (one word for a plain word).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Term {
    words: Vec<String>,
    prefix: bool,
}

impl Term {
    fn fts(&self) -> String {
        // Inside FTS5 double quotes, a double quote is written twice; the tokenizer splits the words.
        let text = self.words.join(" ").replace('"', "\"\"");
        if self.prefix {
            format!("\"{text}\"*")
        } else {
            format!("\"{text}\"")
        }
    }
}

/// The words of `text` as the index splits them: runs of letters and digits.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// A piece of the query before operators are applied.
#[derive(Debug)]
enum Token {
    Term { term: Term, exclude: bool },
    Or,
}

fn tokens(q: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut rest = q;
    while let Some(start) = rest.find(|c: char| !c.is_whitespace()) {
        rest = &rest[start..];
        let exclude = rest.starts_with('-');
        let body = if exclude { &rest[1..] } else { rest };
        if let Some(quoted) = body.strip_prefix('"') {
            let end = quoted.find('"').unwrap_or(quoted.len());
            let phrase = words(&quoted[..end]);
            if !phrase.is_empty() {
                out.push(Token::Term {
                    term: Term {
                        words: phrase,
                        prefix: false,
                    },
                    exclude,
                });
            }
            rest = quoted.get(end + 1..).unwrap_or("");
            continue;
        }
        let end = body.find(char::is_whitespace).unwrap_or(body.len());
        let word = &body[..end];
        rest = &body[end..];
        if word == "OR" && !exclude {
            out.push(Token::Or);
            continue;
        }
        // A word with inner punctuation ("covid-19", "s.106") is a phrase of its parts.
        let parts = words(word);
        if !parts.is_empty() {
            out.push(Token::Term {
                term: Term {
                    words: parts,
                    prefix: false,
                },
                exclude,
            });
        }
    }
    out
}

/// What a query asks for: groups of alternatives, all required, and the terms excluded.
type Parsed = (Vec<Vec<Term>>, Vec<Term>);

/// The FTS5 query for what the reader typed, or `None` when it asks for nothing.
pub fn parse(q: &str) -> Option<String> {
    let (groups, excluded) = parsed(q)?;
    let required = groups
        .iter()
        .map(|g| {
            let alternatives: Vec<String> = g.iter().map(Term::fts).collect();
            format!("({})", alternatives.join(" OR "))
        })
        .collect::<Vec<_>>()
        .join(" AND ");
    let mut fts = required;
    for term in excluded {
        fts = format!("({fts}) NOT {}", term.fts());
    }
    Some(fts)
}

/// The same query for PostgreSQL's `to_tsquery('english', …)`: `&` for all, `|` for OR, `<->` between a
/// phrase's words, `:*` for the prefix, `!` to exclude. Words are letters and digits only, so nothing the reader
/// types is tsquery syntax; `to_tsquery` stems each word with the English configuration.
pub fn parse_tsquery(q: &str) -> Option<String> {
    let (groups, excluded) = parsed(q)?;
    let term = |t: &Term| {
        let words = t.words.join(" <-> ");
        if t.prefix {
            format!("{words}:*")
        } else {
            format!("({words})")
        }
    };
    let mut out = groups
        .iter()
        .map(|g| format!("({})", g.iter().map(term).collect::<Vec<_>>().join(" | ")))
        .collect::<Vec<_>>()
        .join(" & ");
    for t in excluded {
        out = format!("({out}) & !{}", term(&t));
    }
    Some(out)
}

fn parsed(q: &str) -> Option<Parsed> {
    let mut tokens = tokens(q);
    tokens.truncate(MAX_TERMS * 2);
    // The last plain word is also a prefix, for results while typing; not after a space (the word is finished),
    // and never a phrase.
    if !q.ends_with(char::is_whitespace) {
        if let Some(Token::Term {
            term,
            exclude: false,
        }) = tokens.last_mut()
        {
            if term.words.len() == 1 && !q.trim_end().ends_with('"') {
                term.prefix = true;
            }
        }
    }
    // Groups of alternatives (joined by OR), all required; and the exclusions.
    let mut groups: Vec<Vec<Term>> = Vec::new();
    let mut excluded: Vec<Term> = Vec::new();
    let mut or_next = false;
    for token in tokens {
        match token {
            Token::Or => or_next = !groups.is_empty(),
            Token::Term {
                term,
                exclude: true,
            } => {
                excluded.push(term);
                or_next = false;
            }
            Token::Term {
                term,
                exclude: false,
            } => {
                match groups.last_mut() {
                    Some(group) if or_next => group.push(term),
                    _ => groups.push(vec![term]),
                }
                or_next = false;
            }
        }
    }
    if groups.is_empty() {
        return None;
    }
    Some((groups, excluded))
}

#[cfg(test)]
mod tests {
    use super::parse;

    /// What readers type, and the FTS5 query it becomes.
    const SYNTAX: &[(&str, Option<&str>)] = &[
        ("council tax", Some("(\"council\") AND (\"tax\"*)")),
        ("council tax ", Some("(\"council\") AND (\"tax\")")),
        ("\"council tax\"", Some("(\"council tax\")")),
        ("\"council tax", Some("(\"council tax\")")),
        ("rent -parking", Some("((\"rent\")) NOT \"parking\"")),
        (
            "rent -\"car parks\"",
            Some("((\"rent\")) NOT \"car parks\""),
        ),
        ("rent OR rents", Some("(\"rent\" OR \"rents\"*)")),
        (
            "homes rent OR \"housing costs\"",
            Some("(\"homes\") AND (\"rent\" OR \"housing costs\")"),
        ),
        (
            "covid-19 funding",
            Some("(\"covid 19\") AND (\"funding\"*)"),
        ),
        ("Café", Some("(\"café\"*)")),
        ("OR", None),
        ("-parking", None),
        ("\"\"", None),
        // An unclosed quote closes at the end: a phrase of its words.
        ("- \" OR * NEAR( ^", Some("(\"or near\")")),
        ("", None),
        ("   ", None),
    ];

    #[test]
    fn the_query_syntax() {
        for (typed, fts) in SYNTAX {
            assert_eq!(parse(typed).as_deref(), *fts, "{typed:?}");
        }
    }

    #[test]
    fn no_typed_character_is_fts_syntax() {
        for hostile in [
            "a\"b",
            "x NEAR(y z)",
            "col:value",
            "^start",
            "a* b+c",
            "{a b}",
            "a AND b",
        ] {
            let fts = parse(hostile).unwrap();
            // Every word is inside quotes: outside them only our own operators and brackets remain.
            let outside: String = fts.split('"').step_by(2).collect::<Vec<_>>().join("");
            assert!(
                outside
                    .chars()
                    .all(|c| "() *".contains(c) || "ANDORNOT".contains(c)),
                "{hostile:?} -> {fts}"
            );
        }
    }
}
