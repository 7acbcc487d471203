//! The relevance rules, written once: how much each field weighs, how recency counts, when the last typed word is
//! a prefix and when a misspelling is forgiven. The engine applies them the same way whichever store it indexes.
//!
//! Sources: the BBC's search weighs the headline, then the summary, then the body, with recency counting most in
//! the last day; BM25 (tantivy's scorer, k1 = 1.2, b = 0.75) already favours a match in a short field.

/// Each field's weight, as how many times its text is indexed in the one searched field: the headline most, then
/// the topics and the standfirst equally, the body least (the earlier SQLite ranking weighed them 10, 3, 4 and 1).
/// A word's frequency is thus the fields' frequencies weighted, and one BM25 scores the whole article: BM25F
/// (Robertson, Zaragoza and Taylor, "Simple BM25 extension to multiple weighted fields", 2004), as
/// Elasticsearch's `combined_fields` query scores. One list of articles per word, not one per field, is also what
/// keeps a query of broad words cheap at 1,000,000 articles (docs/search.md).
pub const HEADLINE: usize = 4;
pub const TOPICS: usize = 2;
pub const STANDFIRST: usize = 2;
pub const BODY: usize = 1;

/// The shortest unfinished last word searched as a prefix, in folded characters. A shorter one (`council t`) is
/// searched as a whole word only: a one- or two-letter prefix names most of the dictionary, and expanding it
/// would cost a scan of the archive on every keystroke.
pub const MIN_PREFIX: usize = 3;
/// The most words a prefix expands to, the most frequent first (Elasticsearch's `max_expansions` is 50 too).
pub const MAX_EXPANSIONS: usize = 50;
/// A prefix's expansions weigh less than the word typed whole: `tax` ranks articles about tax above those about
/// taxis.
pub const EXPANSION: f32 = 0.5;

/// The shortest word (folded characters, before stemming) a misspelling of which is forgiven, by one edit (a
/// letter wrong, missing, added or two swapped). Only when the query as typed finds nothing: a query that finds
/// something is never blurred (in the second pass every such word is forgiven, the correct ones too).
pub const MIN_FUZZY: usize = 5;
/// The most words forgiven in one query, the first typed (each costs an automaton over the dictionary of two
/// fields).
pub const MAX_FUZZY_WORDS: usize = 4;

/// How much newer articles count: the text score times this factor of the article's age in seconds. It is 1.75
/// for an article published now, 1.5 a day later and 1.25 a week later, falling to 1.0 over years: most in the
/// first day (the news), a little over the first year (the archive):
/// `1 + 0.5 · 2^(−hours / 24) + 0.25 · 2^(−days / 365)`, to the hour and the day. It runs for every match of a
/// broad query, so both terms are read from tables computed once.
pub fn recency(age_secs: i64) -> f32 {
    // (The factor never exceeds MAX_RECENCY: the search skips matches on that bound.)
    let age = age_secs.max(0);
    let (hours, days) = ((age / 3600) as usize, (age / 86_400) as usize);
    let t = tables();
    1.0 + t.day.get(hours).copied().unwrap_or(0.0) + t.year.get(days).copied().unwrap_or(0.0)
}

/// Recency's first-day term for an article published now (halving every 24 hours).
const DAY: f32 = 0.5;
/// Recency's first-year term for an article published now (halving every 365 days).
const YEAR: f32 = 0.25;
/// The most [`recency`] gives: an article published now.
pub const MAX_RECENCY: f32 = 1.0 + DAY + YEAR;

struct Tables {
    /// The first day's term by hour, for 40 days (then under 10^-12).
    day: Vec<f32>,
    /// The year's term by day, for 60 years (then under 10^-18).
    year: Vec<f32>,
}

fn tables() -> &'static Tables {
    static TABLES: std::sync::OnceLock<Tables> = std::sync::OnceLock::new();
    TABLES.get_or_init(|| Tables {
        day: (0..24 * 40)
            .map(|h| DAY * 0.5f32.powf(h as f32 / 24.0))
            .collect(),
        year: (0..365 * 60)
            .map(|d| YEAR * 0.5f32.powf(d as f32 / 365.0))
            .collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn newer_counts_more_and_most_in_the_first_day() {
        let day = 86_400;
        let f = [0, day, 7 * day, 365 * day, 20 * 365 * day].map(recency);
        assert!(f.windows(2).all(|w| w[0] > w[1]), "{f:?}");
        assert!(
            f[0] - f[1] > f[1] - f[2],
            "the first day weighs most: {f:?}"
        );
        assert!(f[4] < 1.001);
        // An article dated in the future (a clock ahead) counts as new, not newer.
        assert_eq!(recency(-day), recency(0));
        assert_eq!(recency(0), MAX_RECENCY, "the bound the search skips on");
    }
}
