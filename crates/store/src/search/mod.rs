//! Search over the articles: the engine is `broadsheet-search` (an embedded index per instance, fed from the store
//! by `feed`); this module turns its hits into the API's listing (teasers read from the store, the matched
//! words as ranges, counts by section with their names).

pub mod feed;

use std::collections::HashMap;

use broadsheet_content::limits::MAX_SEARCH_RESULTS;
use broadsheet_content::{
    HitMarks, Listing, MatchRange, Pagination, SearchFacts, SearchSort, SectionCount, SectionRef,
    Teaser,
};
use broadsheet_search::Ask;

pub use feed::{Freshness, Search};

use crate::db::listing::{teaser_row, FROM, TEASER_COLS};
use crate::db::sql::{Conn, OptionalExtension};
use crate::db::Dialect;

/// What to search for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchRequest {
    pub query: String,
    pub section: Option<String>,
    pub sort: SearchSort,
    pub page: u32,
    pub limit: u32,
}

fn ranges(marks: Vec<(usize, usize)>) -> Vec<MatchRange> {
    marks
        .into_iter()
        .map(|(start, end)| MatchRange {
            start: start as u32,
            end: end as u32,
        })
        .collect()
}

/// The results for `r`, as a listing with its search facts, after the index has applied what the outbox holds
/// (`Search::catch_up_before_search`: a search sees every write before it, unless another catch-up is applying
/// it, which the [`Freshness`] says). A query with nothing to look for finds nothing. Pages reach the first
/// [`MAX_SEARCH_RESULTS`] matches; the counts are exact.
pub fn search(
    conn: &Conn,
    search: &Search,
    r: &SearchRequest,
) -> crate::db::DbResult<(Listing, Freshness)> {
    let freshness = search.catch_up_before_search(conn);
    let section_id: Option<i64> = match &r.section {
        Some(slug) => conn
            .query_row("SELECT id FROM sections WHERE slug = ?1", [slug], |row| {
                row.get(0)
            })
            .optional()?,
        None => None,
    };
    let within = (r.page.saturating_sub(1) as usize).saturating_mul(r.limit as usize);
    let reachable = (MAX_SEARCH_RESULTS as usize).saturating_sub(within);
    let hits = search.index.search(&Ask {
        query: &r.query,
        // A section that does not exist holds no matches.
        section: r.section.as_ref().map(|_| section_id.unwrap_or(-1)),
        by_date: r.sort == SearchSort::Date,
        // Past the window no page is read at all (an offset of millions would make the engine keep every match).
        offset: if reachable == 0 { 0 } else { within },
        limit: (r.limit as usize).min(reachable),
    })?;
    let sections = section_counts(conn, &hits.sections)?;
    let mut rows = teasers(conn, &hits.ids)?;
    let (mut articles, mut marks) = (Vec::new(), Vec::new());
    for id in &hits.ids {
        // An article deleted since the index last caught up is left out rather than failing the page.
        let Some(t) = rows.remove(id) else {
            continue;
        };
        marks.push(HitMarks {
            headline: ranges(hits.marker.marks(&t.headline)),
            standfirst: ranges(hits.marker.marks(&t.standfirst)),
        });
        articles.push(t);
    }
    let total = hits.total.min(u64::from(MAX_SEARCH_RESULTS)) as u32;
    let listing = Listing {
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
    Ok((listing, freshness))
}

/// A subquery of the ids in a JSON array given as `?1` (one statement whatever the number of ids).
pub(crate) fn id_list(dialect: Dialect) -> &'static str {
    match dialect {
        Dialect::Sqlite => "SELECT value FROM json_each(?1)",
        Dialect::Postgres => "SELECT value::bigint FROM json_array_elements_text(CAST(?1 AS json))",
    }
}

/// `ids` as a JSON array, for [`id_list`].
pub(crate) fn json_ids(ids: &[i64]) -> String {
    format!(
        "[{}]",
        ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",")
    )
}

/// The teasers of `ids`, by id, in one query (one round trip on PostgreSQL rather than one an article).
fn teasers(conn: &Conn, ids: &[i64]) -> crate::db::DbResult<HashMap<i64, Teaser>> {
    let stmt = conn.prepare_cached(&format!(
        "SELECT {TEASER_COLS} {FROM} WHERE a.id IN ({})",
        id_list(conn.dialect())
    ))?;
    let rows = stmt.query_map([json_ids(ids)], teaser_row)?;
    rows.map(|r| r.map(|r| (r.id, r.teaser))).collect()
}

/// The counts by section id as the filter's choices: named, most first, then in the sections' order.
fn section_counts(
    conn: &Conn,
    counts: &HashMap<i64, u64>,
) -> crate::db::DbResult<Vec<SectionCount>> {
    let stmt = conn.prepare_cached("SELECT id, slug, name FROM sections ORDER BY position")?;
    let rows = stmt.query_map((), |row| {
        Ok((row.get::<_, i64>("id")?, row.get("slug")?, row.get("name")?))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (id, slug, name) = row?;
        if let Some(&n) = counts.get(&id) {
            out.push(SectionCount {
                section: SectionRef { slug, name },
                count: u32::try_from(n).unwrap_or(u32::MAX),
            });
        }
    }
    // Stable: equal counts keep the sections' order.
    out.sort_by_key(|c| std::cmp::Reverse(c.count));
    Ok(out)
}
