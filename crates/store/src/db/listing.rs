//! Lists of teasers: the columns a teaser is read from, and one page of any listing (by section, kind, topic or
//! author) with its total. The queries of pages (`queries`) and of topics and authors (`people`) build on it.

use crate::db::sql::{Conn, Dialect, Query, Row};
use broadsheet_content::limits::MAX_LIMIT;
use broadsheet_content::{Image, Kind, SectionRef, Teaser};

pub(crate) const TEASER_COLS: &str =
    "a.id, a.slug, a.kind, a.headline, a.standfirst, a.byline_name, a.published, a.image_json,
     s.slug AS section_slug, s.name AS section_name";
pub(crate) const FROM: &str = "FROM articles a JOIN sections s ON s.id = a.section_id";

/// Which articles a listing holds; all `None` means every article.
#[derive(Debug, Default, Clone)]
pub struct ListFilter {
    /// A section's slug.
    pub section: Option<String>,
    pub kind: Option<Kind>,
    /// A topic's slug.
    pub tag: Option<String>,
    /// An author's slug.
    pub author: Option<String>,
}

/// An article's id with its teaser.
pub struct ArticleRow {
    pub id: i64,
    pub teaser: Teaser,
}

fn json<T: serde::de::DeserializeOwned>(text: Option<String>) -> Option<T> {
    text.and_then(|t| serde_json::from_str(&t).ok())
}

pub(crate) fn teaser_row(row: &Row) -> crate::db::DbResult<ArticleRow> {
    let kind: String = row.get("kind")?;
    Ok(ArticleRow {
        id: row.get("id")?,
        teaser: Teaser {
            slug: row.get("slug")?,
            kind: Kind::from_slug(&kind).unwrap_or(Kind::Other),
            headline: row.get("headline")?,
            standfirst: row.get("standfirst")?,
            byline: row.get("byline_name")?,
            published: row.get("published")?,
            image: json::<Image>(row.get("image_json")?),
            section: SectionRef {
                slug: row.get("section_slug")?,
                name: row.get("section_name")?,
            },
        },
    })
}

pub(crate) fn teasers(
    conn: &Conn,
    sql: &str,
    params: impl crate::db::sql::Params,
) -> crate::db::DbResult<Vec<Teaser>> {
    let stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map(params, teaser_row)?;
    rows.map(|r| r.map(|r| r.teaser)).collect()
}

/// One page of a listing, newest first, with the total count.
pub fn list(
    conn: &Conn,
    filter: &ListFilter,
    page: u32,
    limit: u32,
) -> crate::db::DbResult<(Vec<Teaser>, u32)> {
    list_with(conn, filter, page, limit, Vec::new())
}

/// [`list`], with `also` (queries that need nothing from it, such as the listing's own row) sent in the same
/// round trip.
pub fn list_with(
    conn: &Conn,
    filter: &ListFilter,
    page: u32,
    limit: u32,
    also: Vec<Query<'_>>,
) -> crate::db::DbResult<(Vec<Teaser>, u32)> {
    let mut wheres = Vec::new();
    let mut args: Vec<crate::db::sql::Value> = Vec::new();
    if let Some(section) = &filter.section {
        args.push(section.clone().into());
        wheres.push(format!(
            "a.section_id = (SELECT id FROM sections WHERE slug = ?{})",
            args.len()
        ));
    }
    if let Some(kind) = filter.kind {
        args.push(kind.slug().to_string().into());
        wheres.push(format!("a.kind = ?{}", args.len()));
    }
    if let Some(tag) = &filter.tag {
        args.push(tag.clone().into());
        wheres.push(format!(
            "a.id IN (SELECT article_id FROM article_tags WHERE tag = ?{})",
            args.len()
        ));
    }
    if let Some(author) = &filter.author {
        args.push(author.clone().into());
        wheres.push(format!(
            "a.id IN (SELECT article_id FROM article_authors WHERE author_slug = ?{})",
            args.len()
        ));
    }
    let where_sql = if wheres.is_empty() {
        String::new()
    } else {
        format!("WHERE {}", wheres.join(" AND "))
    };
    let count_sql = count_sql(filter, &where_sql);
    let counted = args.clone();
    let window = page_window(conn.dialect(), page, limit, &mut args);
    // The page's ids come from the index alone (a deep OFFSET skips index entries, not whole rows); only those
    // rows are then read.
    let sql = format!(
        "SELECT {TEASER_COLS} {FROM} JOIN (SELECT a.id FROM articles a {where_sql}
             ORDER BY a.published DESC, a.id DESC {window}) page ON page.id = a.id
         ORDER BY a.published DESC, a.id DESC"
    );
    // The count and the page, sent together (one round trip on PostgreSQL).
    let (mut total, mut teasers) = (0, Vec::new());
    // The same queries, for as long as this function's own (a `Query` is covariant in its lifetime).
    let mut also: Vec<Query<'_>> = also;
    also.push(Query::new(&count_sql, counted, |r| {
        total = r.get(0)?;
        Ok(())
    }));
    also.push(Query::new(&sql, args, |r| {
        teasers.push(teaser_row(r)?.teaser);
        Ok(())
    }));
    conn.together(also)?;
    Ok((teasers, total))
}

/// The `LIMIT … OFFSET …` of page `page` (from 1) of `limit` rows. On PostgreSQL the first page's limit is
/// written into the SQL when it is at most `limits::MAX_LIMIT` (so at most that many statements a listing's
/// shape; it is a number, never text): with a literal limit and no offset, PostgreSQL's generic plan costs what a
/// custom one does, so after five executions the statement is not planned again. With `LIMIT $n OFFSET $m` it was planned on every
/// execution, 0.24 ms of a section page's 1.1 ms at 100,000 articles (pg_stat_statements; a literal limit with
/// an `OFFSET $m` did not change that). Deeper pages bind both, so the statements a connection prepares stay
/// bounded however deep readers and crawlers go. SQLite plans as it prepares, and its statement cache is small
/// (16): it always binds.
fn page_window(
    dialect: Dialect,
    page: u32,
    limit: u32,
    args: &mut Vec<crate::db::sql::Value>,
) -> String {
    if page <= 1 && dialect == Dialect::Postgres && limit <= MAX_LIMIT {
        return format!("LIMIT {limit}");
    }
    let offset = i64::from(page.saturating_sub(1)) * i64::from(limit);
    args.push(i64::from(limit).into());
    args.push(offset.into());
    let n = args.len();
    format!("LIMIT ?{} OFFSET ?{n}", n - 1)
}

/// The query of how many articles a listing holds: from the kept counts, unless it filters by topic or author.
fn count_sql(filter: &ListFilter, where_sql: &str) -> String {
    if filter.tag.is_some() || filter.author.is_some() {
        format!("SELECT COUNT(*) FROM articles a {where_sql}")
    } else {
        // The same conditions apply to the counts table, whose columns have the same names.
        format!("SELECT CAST(COALESCE(SUM(n), 0) AS BIGINT) FROM article_counts a {where_sql}")
    }
}
