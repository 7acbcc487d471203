//! Full-text search over the articles (SQLite FTS5 with Porter stemming, or PostgreSQL's English text search): the query syntax (`query.rs`), ranking
//! (BM25 with the headline weighing most; newer first among equals), the section filter and counts, and where
//! the query matched each headline and standfirst, as typed ranges.

pub mod query;

use crate::db::sql::{params, Conn};
use broadsheet_content::{
    HitMarks, Listing, MatchRange, Pagination, SearchFacts, SearchSort, SectionCount, SectionRef,
};

use crate::db::listing::{teaser_row, FROM, TEASER_COLS};
use crate::db::Dialect;

/// Marks FTS5's `highlight()` puts around matched words: private-use characters, taken out again here.
const OPEN: char = '\u{E000}';
const CLOSE: char = '\u{E001}';

/// What to search for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchRequest {
    pub query: String,
    pub section: Option<String>,
    pub sort: SearchSort,
    pub page: u32,
    pub limit: u32,
}

/// `highlighted` (FTS5's `highlight()` of `original` with [`OPEN`] and [`CLOSE`]) as byte ranges of `original`;
/// none when the two do not agree (the text itself held a mark character).
fn ranges(original: &str, highlighted: &str) -> Vec<MatchRange> {
    let mut out = Vec::new();
    let mut plain = String::with_capacity(original.len());
    let mut start = None;
    for c in highlighted.chars() {
        match c {
            OPEN => start = Some(plain.len()),
            CLOSE => {
                if let Some(s) = start.take() {
                    out.push(MatchRange {
                        start: s as u32,
                        end: plain.len() as u32,
                    });
                }
            }
            c => plain.push(c),
        }
    }
    if plain == original {
        out
    } else {
        Vec::new()
    }
}

/// Search in each engine's terms. The rules are the same: every required term matches (stemmed, English), the
/// headline weighs most, then the standfirst, the topics and the body (SQLite's BM25 weights 10, 4, 3, 1;
/// PostgreSQL's `ts_rank` weights A 1.0, C 0.4, B 0.3, D 0.1 on the same fields), newer first among equals.
struct Sql {
    parse: fn(&str) -> Option<String>,
    /// The articles searched, as `a`.
    from: &'static str,
    /// The condition that an `articles_fts` row matches `?1`.
    matches: &'static str,
    counts: &'static str,
    rank: &'static str,
    /// The headline and standfirst of article `?2` with the matches of `?1` between [`OPEN`] and [`CLOSE`].
    highlight: String,
}

impl Sql {
    fn of(dialect: Dialect) -> Sql {
        match dialect {
            Dialect::Sqlite => Sql {
                parse: query::parse,
                from: "articles_fts JOIN articles a ON a.id = articles_fts.rowid",
                matches: "articles_fts MATCH ?1",
                counts: "SELECT s.slug, s.name, COUNT(*) AS matches FROM articles_fts f JOIN articles a ON a.id = f.rowid
                     JOIN sections s ON s.id = a.section_id WHERE articles_fts MATCH ?1
                     GROUP BY s.id ORDER BY COUNT(*) DESC, s.position",
                rank: "bm25(articles_fts, 10.0, 4.0, 1.0, 3.0), a.published DESC, a.id DESC",
                highlight: format!(
                    "SELECT highlight(articles_fts, 0, '{OPEN}', '{CLOSE}') AS headline,
                            highlight(articles_fts, 1, '{OPEN}', '{CLOSE}') AS standfirst
                     FROM articles_fts WHERE articles_fts MATCH ?1 AND rowid = ?2"
                ),
            },
            Dialect::Postgres => Sql {
                parse: query::parse_tsquery,
                from: "articles a",
                matches: "a.document @@ to_tsquery('english', ?1)",
                counts: "SELECT s.slug, s.name, COUNT(*) AS matches FROM articles a JOIN sections s ON s.id = a.section_id
                     WHERE a.document @@ to_tsquery('english', ?1)
                     GROUP BY s.id ORDER BY COUNT(*) DESC, s.position",
                rank: "ts_rank('{0.1, 0.4, 0.3, 1.0}', a.document, to_tsquery('english', ?1)) DESC,
                       a.published DESC, a.id DESC",
                highlight: format!(
                    "SELECT ts_headline('english', headline, q, 'StartSel={OPEN}, StopSel={CLOSE}, HighlightAll=true') AS headline,
                            ts_headline('english', standfirst, q, 'StartSel={OPEN}, StopSel={CLOSE}, HighlightAll=true') AS standfirst
                     FROM articles, to_tsquery('english', ?1) q WHERE id = ?2"
                ),
            },
        }
    }
}

/// The results for `r`, as a listing with its search facts. A query with nothing to look for finds nothing.
pub fn search(conn: &Conn, r: &SearchRequest) -> crate::db::DbResult<Listing> {
    let listing = |articles, marks, sections, total| Listing {
        title: "Search results".to_string(),
        description: "Articles that match the search.".to_string(),
        section: None,
        articles,
        meta: Pagination::new(r.page, r.limit, total),
        author: None,
        search: Some(SearchFacts {
            query: r.query.clone(),
            section: r.section.clone(),
            sort: r.sort,
            marks,
            sections,
        }),
    };
    let empty = |sections| listing(Vec::new(), Vec::new(), sections, 0);
    let sql = Sql::of(conn.dialect());
    let Some(fts) = (sql.parse)(&r.query) else {
        return Ok(empty(Vec::new()));
    };
    // Counts by section, across every section: the filter's choices.
    let mut sections = Vec::new();
    {
        let stmt = conn.prepare_cached(sql.counts)?;
        let rows = stmt.query_map([&fts], |row| {
            Ok(SectionCount {
                section: SectionRef {
                    slug: row.get("slug")?,
                    name: row.get("name")?,
                },
                count: row.get("matches")?,
            })
        })?;
        for row in rows {
            sections.push(row?);
        }
    }
    let total: u32 = match &r.section {
        Some(slug) => sections
            .iter()
            .find(|s| &s.section.slug == slug)
            .map_or(0, |s| s.count),
        None => sections.iter().map(|s| s.count).sum(),
    };
    if total == 0 {
        return Ok(empty(sections));
    }
    let order = match r.sort {
        SearchSort::Relevance => sql.rank,
        SearchSort::Date => "a.published DESC, a.id DESC",
    };
    let offset = i64::from(r.page.saturating_sub(1)) * i64::from(r.limit);
    // The page's ids first; only those rows are then read and highlighted.
    let ids: Vec<i64> = {
        let page = format!(
            "SELECT a.id FROM {} JOIN sections s ON s.id = a.section_id
             WHERE {} AND (CAST(?2 AS TEXT) IS NULL OR s.slug = ?2)
             ORDER BY {order} LIMIT ?3 OFFSET ?4",
            sql.from, sql.matches
        );
        let stmt = conn.prepare_cached(&page)?;
        let rows = stmt.query_map(params![fts, r.section, r.limit, offset], |row| row.get(0))?;
        rows.collect::<crate::db::DbResult<_>>()?
    };
    let teaser_sql = format!("SELECT {TEASER_COLS} {FROM} WHERE a.id = ?1");
    let teaser = conn.prepare_cached(&teaser_sql)?;
    let highlight = conn.prepare_cached(&sql.highlight)?;
    let (mut articles, mut marks) = (Vec::with_capacity(ids.len()), Vec::with_capacity(ids.len()));
    for id in ids {
        let t = teaser.query_row([id], teaser_row)?.teaser;
        let (headline, standfirst): (String, String) = highlight
            .query_row(params![fts, id], |row| {
                Ok((row.get("headline")?, row.get("standfirst")?))
            })?;
        marks.push(HitMarks {
            headline: ranges(&t.headline, &headline),
            standfirst: ranges(&t.standfirst, &standfirst),
        });
        articles.push(t);
    }
    Ok(listing(articles, marks, sections, total))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highlights_become_byte_ranges() {
        let marked = format!("{OPEN}Café{CLOSE} rates {OPEN}rise{CLOSE}");
        assert_eq!(
            ranges("Café rates rise", &marked),
            [
                MatchRange { start: 0, end: 5 },
                MatchRange { start: 12, end: 16 }
            ]
        );
        // Text that held a mark character itself: no ranges rather than wrong ones.
        assert_eq!(ranges("A\u{E000}B", &format!("A{OPEN}B{CLOSE}")), []);
    }
}
