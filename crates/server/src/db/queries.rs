use crate::db::sql::{params, Conn, OptionalExtension, Row};
use broadsheet_content::{
    Article, AuthorRef, Block, Comment, FrontPage, Image, Kind, Listing, Page, Pagination, Rail,
    Rails, Section, SectionBlock, SectionRef, Teaser, RAIL_SPECS,
};

pub(crate) const TEASER_COLS: &str =
    "a.id, a.slug, a.kind, a.headline, a.standfirst, a.byline_name, a.published, a.image_json, s.slug, s.name";
pub(crate) const FROM: &str = "FROM articles a JOIN sections s ON s.id = a.section_id";

/// Which articles a listing holds; all `None` means every article.
#[derive(Debug, Default, Clone)]
pub struct ListFilter {
    pub section_id: Option<i64>,
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
    let kind: String = row.get(2)?;
    Ok(ArticleRow {
        id: row.get(0)?,
        teaser: Teaser {
            slug: row.get(1)?,
            kind: Kind::from_slug(&kind).unwrap_or(Kind::Other),
            headline: row.get(3)?,
            standfirst: row.get(4)?,
            byline: row.get(5)?,
            published: row.get(6)?,
            image: json::<Image>(row.get(7)?),
            section: SectionRef {
                slug: row.get(8)?,
                name: row.get(9)?,
            },
        },
    })
}

fn teasers(
    conn: &Conn,
    sql: &str,
    params: impl crate::db::sql::Params,
) -> crate::db::DbResult<Vec<Teaser>> {
    let stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map(params, teaser_row)?;
    rows.map(|r| r.map(|r| r.teaser)).collect()
}

/// Every section in navigation order.
pub fn sections(conn: &Conn) -> crate::db::DbResult<Vec<Section>> {
    let stmt =
        conn.prepare_cached("SELECT slug, name, description FROM sections ORDER BY position, id")?;
    let rows = stmt.query_map((), |r| {
        Ok(Section {
            slug: r.get(0)?,
            name: r.get(1)?,
            description: r.get(2)?,
        })
    })?;
    rows.collect()
}

/// A section and its id.
pub fn section(conn: &Conn, slug: &str) -> crate::db::DbResult<Option<(i64, Section)>> {
    conn.prepare_cached("SELECT id, slug, name, description FROM sections WHERE slug = ?1")?
        .query_row([slug], |r| {
            Ok((
                r.get(0)?,
                Section {
                    slug: r.get(1)?,
                    name: r.get(2)?,
                    description: r.get(3)?,
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

/// One page of a listing, newest first, with the total count.
pub fn list(
    conn: &Conn,
    filter: &ListFilter,
    page: u32,
    limit: u32,
) -> crate::db::DbResult<(Vec<Teaser>, u32)> {
    let mut wheres = Vec::new();
    let mut args: Vec<crate::db::sql::Value> = Vec::new();
    if let Some(id) = filter.section_id {
        args.push(id.into());
        wheres.push(format!("a.section_id = ?{}", args.len()));
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
    let total = count(conn, filter, &where_sql, &args)?;
    let offset = i64::from(page.saturating_sub(1)) * i64::from(limit);
    args.push(i64::from(limit).into());
    args.push(offset.into());
    let n = args.len();
    // The page's ids come from the index alone (a deep OFFSET skips index entries, not whole rows); only those
    // rows are then read.
    let sql = format!(
        "SELECT {TEASER_COLS} {FROM} JOIN (SELECT a.id FROM articles a {where_sql}
             ORDER BY a.published DESC, a.id DESC LIMIT ?{} OFFSET ?{n}) page ON page.id = a.id
         ORDER BY a.published DESC, a.id DESC",
        n - 1
    );
    Ok((teasers(conn, &sql, args.clone())?, total))
}

/// How many articles a listing holds: from the kept counts, unless it filters by topic or author.
fn count(
    conn: &Conn,
    filter: &ListFilter,
    where_sql: &str,
    args: &[crate::db::sql::Value],
) -> crate::db::DbResult<u32> {
    let sql = if filter.tag.is_some() || filter.author.is_some() {
        format!("SELECT COUNT(*) FROM articles a {where_sql}")
    } else {
        // The same conditions apply to the counts table, whose columns have the same names.
        format!("SELECT CAST(COALESCE(SUM(n), 0) AS BIGINT) FROM article_counts a {where_sql}")
    };
    conn.prepare_cached(&sql)?.query_row(args, |r| r.get(0))
}

/// The front page: featured stories, then the newest of each section not already shown.
pub fn front(conn: &Conn) -> crate::db::DbResult<FrontPage> {
    let mut top_stories = teasers(
        conn,
        &format!("SELECT {TEASER_COLS} {FROM} WHERE a.featured = 1 ORDER BY a.published DESC, a.id DESC LIMIT 5"),
        (),
    )?;
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
                (SELECT COUNT(*) FROM comments c WHERE c.article_id = a.id AND c.status = 'published')
         {FROM} WHERE s.slug = ?1 AND a.slug = ?2"
    );
    let found = conn
        .prepare_cached(&sql)?
        .query_row([section, slug], |r| {
            let row = teaser_row(r)?;
            let role: Option<String> = r.get(10)?;
            let updated: Option<String> = r.get(11)?;
            let body: String = r.get(12)?;
            let open: bool = r.get(13)?;
            let section_id: i64 = r.get(14)?;
            let count: u32 = r.get(15)?;
            Ok((row, role, updated, body, open, section_id, count))
        })
        .optional()?;
    let Some((row, role, updated, body, comments_open, section_id, comment_count)) = found else {
        return Ok(None);
    };
    let topics = super::people::article_topics(conn, row.id)?;
    let mut authors = super::people::article_authors(conn, row.id)?;
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
    let related = related(conn, row.id, section_id)?;
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
        },
    )))
}

/// Up to four articles: those sharing most tags first, then the newest of the same section.
fn related(conn: &Conn, id: i64, section_id: i64) -> crate::db::DbResult<Vec<Teaser>> {
    let mut out = teasers(
        conn,
        &format!(
            "SELECT {TEASER_COLS} {FROM} JOIN (
                SELECT t.article_id AS aid, COUNT(*) AS shared FROM article_tags t
                WHERE t.tag IN (SELECT tag FROM article_tags WHERE article_id = ?1) AND t.article_id != ?1
                GROUP BY t.article_id ORDER BY shared DESC, t.article_id LIMIT 4
             ) r ON r.aid = a.id ORDER BY r.shared DESC, a.published DESC"
        ),
        [id],
    )?;
    if out.len() < 4 {
        let more = teasers(
            conn,
            &format!(
                "SELECT {TEASER_COLS} {FROM} WHERE a.section_id = ?1 AND a.id != ?2
                 ORDER BY a.published DESC, a.id DESC LIMIT 8"
            ),
            params![section_id, id],
        )?;
        for t in more {
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
    }
    Ok(out)
}

/// An article's published comments, oldest first.
pub fn comments(conn: &Conn, article_id: i64) -> crate::db::DbResult<Vec<Comment>> {
    let stmt = conn.prepare_cached(
        "SELECT id, author, body, created FROM comments WHERE article_id = ?1 AND status = 'published'
         ORDER BY created, id",
    )?;
    let rows = stmt.query_map([article_id], |r| {
        Ok(Comment {
            id: r.get(0)?,
            author: r.get(1)?,
            body: r.get(2)?,
            posted: r.get(3)?,
        })
    })?;
    rows.collect()
}
