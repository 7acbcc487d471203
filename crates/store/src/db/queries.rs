//! The queries behind the pages: sections, the front page, the rails, an article with its related articles and
//! comments, kind listings, and the articles of a period (the newsletter's editions).

pub use crate::db::article::{article, article_read, comments, ArticleRead};
use crate::db::listing::{list, list_with, teasers, ListFilter, FROM, TEASER_COLS};
use crate::db::sql::{Conn, OptionalExtension, Query, Row};
use broadsheet_content::{
    FrontPage, Kind, Listing, Page, Pagination, Rail, Rails, Section, SectionBlock, SectionRef,
    Teaser, RAIL_SPECS,
};

/// Every section in navigation order.
pub fn sections(conn: &Conn) -> crate::db::DbResult<Vec<Section>> {
    let stmt =
        conn.prepare_cached("SELECT slug, name, description FROM sections ORDER BY position, id")?;
    let rows = stmt.query_map((), |r| {
        Ok(Section {
            slug: r.get("slug")?,
            name: r.get("name")?,
            description: r.get("description")?,
        })
    })?;
    rows.collect()
}

/// The query of a section's row by slug (`?1`), read by [`section_row`].
const SECTION_SQL: &str = "SELECT id, slug, name, description FROM sections WHERE slug = ?1";

fn section_row(r: &Row<'_>) -> crate::db::DbResult<(i64, Section)> {
    Ok((
        r.get("id")?,
        Section {
            slug: r.get("slug")?,
            name: r.get("name")?,
            description: r.get("description")?,
        },
    ))
}

/// A section and its id.
pub fn section(conn: &Conn, slug: &str) -> crate::db::DbResult<Option<(i64, Section)>> {
    conn.prepare_cached(SECTION_SQL)?
        .query_row([slug], section_row)
        .optional()
}

/// A page of one section's articles with the section's total; `None` for an unknown section. The section's row,
/// its count and its page are sent together, each naming the section by its slug.
pub fn section_page(
    conn: &Conn,
    slug: &str,
    page: u32,
    limit: u32,
) -> crate::db::DbResult<Option<(Section, Vec<Teaser>, u32)>> {
    let filter = ListFilter {
        section: Some(slug.to_string()),
        ..Default::default()
    };
    let mut section = None;
    let also = vec![Query::new(SECTION_SQL, [slug], |r| {
        section = Some(section_row(r)?.1);
        Ok(())
    })];
    let (articles, total) = list_with(conn, &filter, page, limit, also)?;
    Ok(section.map(|section| (section, articles, total)))
}

/// A section's listing as the API answers it; `None` for an unknown section.
pub fn section_listing(
    conn: &Conn,
    slug: &str,
    page: u32,
    limit: u32,
) -> crate::db::DbResult<Option<Listing>> {
    Ok(
        section_page(conn, slug, page, limit)?.map(|(section, articles, total)| Listing {
            title: section.name.clone(),
            description: section.description.clone(),
            section: Some(SectionRef {
                slug: section.slug,
                name: section.name,
            }),
            articles,
            meta: Pagination::new(page, limit, total),
            author: None,
            search: None,
        }),
    )
}

/// Page `page` of every piece of one kind, under the kind's title (`Kind::title`), as the API answers
/// `/articles?kind=…`.
pub fn kind_listing(
    conn: &Conn,
    kind: Kind,
    page: u32,
    limit: u32,
) -> crate::db::DbResult<Listing> {
    let filter = ListFilter {
        kind: Some(kind),
        ..Default::default()
    };
    let (articles, total) = list(conn, &filter, page, limit)?;
    Ok(Listing {
        title: kind.title().to_string(),
        description: kind.description().to_string(),
        section: None,
        articles,
        meta: Pagination::new(page, limit, total),
        author: None,
        search: None,
    })
}

/// Every article published from `from` (an RFC 3339 date or time, compared as text) on, by section in masthead
/// order and newest first within each: the newsletter's editions are made from it.
pub fn published_since(conn: &Conn, from: &str) -> crate::db::DbResult<Vec<Teaser>> {
    teasers(
        conn,
        &format!(
            "SELECT {TEASER_COLS} {FROM} WHERE a.published >= ?1
             ORDER BY s.position, a.published DESC, a.id DESC"
        ),
        [from],
    )
}

/// The front page's top stories: the 5 newest featured articles, read from the index of featured articles alone
/// (`articles_featured`, migration V6; a scan of the table at 1,000,000 articles without it).
fn top_stories_sql() -> String {
    format!("SELECT {TEASER_COLS} {FROM} WHERE a.featured = 1 ORDER BY a.published DESC, a.id DESC LIMIT 5")
}

/// The front page: featured stories, then the newest of each section not already shown.
pub fn front(conn: &Conn) -> crate::db::DbResult<FrontPage> {
    let mut top_stories = teasers(conn, &top_stories_sql(), ())?;
    if top_stories.is_empty() {
        top_stories = teasers(
            conn,
            &format!("SELECT {TEASER_COLS} {FROM} ORDER BY a.published DESC LIMIT 5"),
            (),
        )?;
    }
    let mut blocks = Vec::new();
    for section in sections(conn)? {
        let articles = teasers(
            conn,
            &format!(
                "SELECT {TEASER_COLS} {FROM} WHERE s.slug = ?1 ORDER BY a.published DESC, a.id DESC LIMIT 8"
            ),
            [&section.slug],
        )?
        .into_iter()
        .filter(|t| !top_stories.iter().any(|top| top.slug == t.slug && top.section.slug == t.section.slug))
        .take(4)
        .collect();
        blocks.push(SectionBlock { section, articles });
    }
    Ok(FrontPage {
        top_stories,
        sections: blocks,
    })
}

/// The rails shown beside every page, as `RAIL_SPECS` lists them.
pub fn rails(conn: &Conn) -> crate::db::DbResult<Rails> {
    let mut rails = Vec::new();
    for spec in RAIL_SPECS {
        let filter = ListFilter {
            kind: Some(spec.kind),
            ..Default::default()
        };
        let (items, _) = list(conn, &filter, 1, spec.items)?;
        rails.push(Rail {
            id: spec.id.into(),
            title: spec.kind.title().into(),
            link: Page::of_kind(spec.kind).href(),
            link_label: spec.link_label.into(),
            items,
        });
    }
    Ok(Rails { rails })
}

#[cfg(test)]
mod tests {
    use crate::db::pool::Db;

    /// The front page's top stories come from the featured articles' own index, not a walk of every article by
    /// date (at 1,000,000 articles PostgreSQL scanned the table: 0.31 s a front page).
    #[test]
    fn top_stories_are_read_from_the_featured_index() {
        let c = Db::memory().unwrap();
        let plan: Vec<String> = c
            .query_map(
                &format!("EXPLAIN QUERY PLAN {}", super::top_stories_sql()),
                (),
                |r| r.get("detail"),
            )
            .unwrap();
        assert!(
            plan.iter().any(|d| d.contains("articles_featured")),
            "{plan:?}"
        );
    }
}
