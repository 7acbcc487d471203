//! The queries behind the pages: sections, the front page, the rails, an article with its related articles and
//! comments, kind listings, and the articles of a period (the newsletter's editions).

use crate::db::listing::{list, teaser_row, teasers, ListFilter, FROM, TEASER_COLS};
use crate::db::people;
use crate::db::sql::{params, Conn, OptionalExtension, Query};
use broadsheet_content::{
    Article, AuthorRef, Block, Comment, FrontPage, Kind, Listing, Page, Pagination, Rail, Rails,
    Section, SectionBlock, SectionRef, Teaser, RAIL_SPECS,
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

/// A section and its id.
pub fn section(conn: &Conn, slug: &str) -> crate::db::DbResult<Option<(i64, Section)>> {
    conn.prepare_cached("SELECT id, slug, name, description FROM sections WHERE slug = ?1")?
        .query_row([slug], |r| {
            Ok((
                r.get("id")?,
                Section {
                    slug: r.get("slug")?,
                    name: r.get("name")?,
                    description: r.get("description")?,
                },
            ))
        })
        .optional()
}

/// A page of one section's articles with the section's total; `None` for an unknown section.
pub fn section_page(
    conn: &Conn,
    slug: &str,
    page: u32,
    limit: u32,
) -> crate::db::DbResult<Option<(Section, Vec<Teaser>, u32)>> {
    let Some((id, section)) = section(conn, slug)? else {
        return Ok(None);
    };
    let filter = ListFilter {
        section_id: Some(id),
        ..Default::default()
    };
    let (articles, total) = list(conn, &filter, page, limit)?;
    Ok(Some((section, articles, total)))
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

/// An article by section and slug, with its related articles and published comment count.
pub fn article(
    conn: &Conn,
    section: &str,
    slug: &str,
) -> crate::db::DbResult<Option<(i64, Article)>> {
    let sql = format!(
        "SELECT {TEASER_COLS}, a.byline_role, a.updated, a.body_json, a.comments_open, a.section_id,
                (SELECT COUNT(*) FROM comments c WHERE c.article_id = a.id AND c.status = 'published') AS comment_count
         {FROM} WHERE s.slug = ?1 AND a.slug = ?2"
    );
    let found = conn
        .prepare_cached(&sql)?
        .query_row([section, slug], |r| {
            let row = teaser_row(r)?;
            let role: Option<String> = r.get("byline_role")?;
            let updated: Option<String> = r.get("updated")?;
            let body: String = r.get("body_json")?;
            let open: bool = r.get("comments_open")?;
            let section_id: i64 = r.get("section_id")?;
            let count: u32 = r.get("comment_count")?;
            Ok((row, role, updated, body, open, section_id, count))
        })
        .optional()?;
    let Some((row, role, updated, body, comments_open, section_id, comment_count)) = found else {
        return Ok(None);
    };
    // The follow-up reads need only the article's id: sent together (one round trip on PostgreSQL).
    let (mut topics, mut authors, mut by_tags, mut in_section) = (vec![], vec![], vec![], vec![]);
    let (related_by_tags, related_in_section) = related_queries();
    conn.together(vec![
        Query::new(people::ARTICLE_TOPICS, [row.id], |r| {
            topics.push(people::topic_ref(r)?);
            Ok(())
        }),
        Query::new(people::ARTICLE_AUTHORS, [row.id], |r| {
            authors.push(people::author_ref(r)?);
            Ok(())
        }),
        Query::new(&related_by_tags, [row.id], |r| {
            by_tags.push(teaser_row(r)?.teaser);
            Ok(())
        }),
        Query::new(&related_in_section, params![section_id, row.id], |r| {
            in_section.push(teaser_row(r)?.teaser);
            Ok(())
        }),
    ])?;
    // A row written without authors (by another tool): its byline, as written.
    if authors.is_empty() {
        if let Some(name) = row.teaser.byline.clone().filter(|n| !n.trim().is_empty()) {
            authors.push(AuthorRef {
                name,
                slug: None,
                role,
            });
        }
    }
    let related = related(by_tags, in_section);
    let t = row.teaser;
    let body: Vec<Block> = serde_json::from_str(&body).unwrap_or_default();
    Ok(Some((
        row.id,
        Article {
            section: t.section,
            slug: t.slug,
            kind: t.kind,
            headline: t.headline,
            standfirst: t.standfirst,
            authors,
            published: t.published,
            updated,
            image: t.image,
            topics,
            body,
            related,
            comments_open,
            comment_count,
            live: None,
        },
    )))
}

/// The queries of an article's related articles (`?1` its id; the second's `?1` its section's id, `?2` its id):
/// up to four sharing most of its tags, and the newest eight of its section.
fn related_queries() -> (String, String) {
    (
        format!(
            "SELECT {TEASER_COLS} {FROM} JOIN (
                SELECT t.article_id AS aid, COUNT(*) AS shared FROM article_tags t
                WHERE t.tag IN (SELECT tag FROM article_tags WHERE article_id = ?1) AND t.article_id != ?1
                GROUP BY t.article_id ORDER BY shared DESC, t.article_id LIMIT 4
             ) r ON r.aid = a.id ORDER BY r.shared DESC, a.published DESC"
        ),
        format!(
            "SELECT {TEASER_COLS} {FROM} WHERE a.section_id = ?1 AND a.id != ?2
             ORDER BY a.published DESC, a.id DESC LIMIT 8"
        ),
    )
}

/// Up to four related articles: those sharing most tags first, then the newest of the same section not among
/// them.
fn related(by_tags: Vec<Teaser>, in_section: Vec<Teaser>) -> Vec<Teaser> {
    let mut out = by_tags;
    for t in in_section {
        if out.len() >= 4 {
            break;
        }
        if !out
            .iter()
            .any(|o| o.slug == t.slug && o.section.slug == t.section.slug)
        {
            out.push(t);
        }
    }
    out
}

/// An article's published comments, oldest first.
pub fn comments(conn: &Conn, article_id: i64) -> crate::db::DbResult<Vec<Comment>> {
    let stmt = conn.prepare_cached(
        "SELECT id, author, body, created FROM comments WHERE article_id = ?1 AND status = 'published'
         ORDER BY created, id",
    )?;
    let rows = stmt.query_map([article_id], |r| {
        Ok(Comment {
            id: r.get("id")?,
            author: r.get("author")?,
            body: r.get("body")?,
            posted: r.get("created")?,
        })
    })?;
    rows.collect()
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
