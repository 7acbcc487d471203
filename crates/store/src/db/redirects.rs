//! Old addresses that keep working: a CMS's permalinks, and an article's address before it moved, answered
//! `301` to where the article or page is now. A publisher who switches to Broadsheet keeps inbound links and
//! search ranking. An article's redirect names its source (`{origin}:{id}`), not its address, so it follows the
//! article through later moves; a redirect to an article that is gone finds nothing (the address is a 404).

use broadsheet_content::Page;

use crate::db::sql::{params, Conn, OptionalExtension};
use crate::db::DbResult;

/// Where an old address leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RedirectTo {
    /// The article a source knows by this id, wherever it is now.
    Article { source_id: String },
    /// A page of the site (a section, a topic), by its path.
    Page(String),
}

/// One old address: its path (and query, for `/?p=123`) as [`normalise`] gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Redirect {
    pub path: String,
    pub to: RedirectTo,
}

/// The form an old address is stored and looked up in: the path without a trailing slash, lower-cased ASCII,
/// and of the query only WordPress's post and page ids (`p`, `page_id`): `/2018/06/05/Slug/` →
/// `/2018/06/05/slug`, `/?p=123&utm_source=x` → `/?p=123`. `None` for a path with nothing to keep.
pub fn normalise(path: &str, query: Option<&str>) -> Option<String> {
    let trimmed = path.trim_end_matches('/');
    let base = if trimmed.is_empty() { "/" } else { trimmed };
    let id = query.and_then(|q| {
        q.split('&').find_map(|pair| {
            let (k, v) = pair.split_once('=')?;
            (matches!(k, "p" | "page_id") && !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()))
                .then(|| format!("{k}={v}"))
        })
    });
    match (base, id) {
        ("/", None) => None,
        (b, Some(id)) => Some(format!("{}?{id}", b.to_ascii_lowercase())),
        (b, None) => Some(b.to_ascii_lowercase()),
    }
}

/// Stores `origin`'s redirects (an address already stored is pointed at the new target).
pub(crate) fn write(tx: &Conn, origin: &str, redirects: &[Redirect]) -> DbResult<()> {
    for r in redirects {
        let (source_id, target) = match &r.to {
            RedirectTo::Article { source_id } => (Some(source_id.as_str()), None),
            RedirectTo::Page(p) => (None, Some(p.as_str())),
        };
        tx.execute(
            "INSERT INTO redirects (path, origin, source_id, target) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (path) DO UPDATE SET origin = excluded.origin, source_id = excluded.source_id,
                 target = excluded.target",
            params![r.path, origin, source_id, target],
        )?;
    }
    Ok(())
}

/// Where `path` (normalised) leads now: a site path, or `None`.
pub fn find(c: &Conn, path: &str) -> DbResult<Option<String>> {
    let row: Option<(String, Option<String>, Option<String>)> = c
        .query_row(
            "SELECT origin, source_id, target FROM redirects WHERE path = ?1",
            [path],
            |r| Ok((r.get("origin")?, r.get("source_id")?, r.get("target")?)),
        )
        .optional()?;
    let Some((origin, source_id, target)) = row else {
        return Ok(None);
    };
    let Some(id) = source_id else {
        return Ok(target);
    };
    let found: Option<(String, String)> = c
        .query_row(
            "SELECT s.slug AS section, a.slug FROM articles a JOIN sections s ON s.id = a.section_id
             WHERE a.source = ?1",
            [format!("{origin}:{id}")],
            |r| Ok((r.get("section")?, r.get("slug")?)),
        )
        .optional()?;
    Ok(found
        .and_then(|(section, slug)| Page::article(&section, &slug))
        .map(|p| p.href()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn old_addresses_are_kept_in_one_form() {
        let n = |p, q| normalise(p, q);
        assert_eq!(
            n("/2018/06/05/Night-Buses/", None).as_deref(),
            Some("/2018/06/05/night-buses")
        );
        assert_eq!(
            n("/", Some("p=123&utm_source=x")).as_deref(),
            Some("/?p=123")
        );
        assert_eq!(n("/", Some("page_id=9")).as_deref(), Some("/?page_id=9"));
        assert_eq!(n("/", Some("p=abc")), None);
        assert_eq!(n("/", None), None);
        assert_eq!(
            n("/category/news/", Some("utm=1")).as_deref(),
            Some("/category/news")
        );
    }
}
