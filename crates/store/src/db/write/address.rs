//! Where a source's article lives. An article the source moved to another section or slug keeps its row, and so
//! its readers' comments, and leaves a redirect at its old address. An address another source's article holds is
//! not taken: two sources never overwrite each other's articles.

use super::{Redirect, RedirectTo};
use crate::db::sql::{params, Conn, OptionalExtension};
use crate::db::DbResult;
use crate::keys::Keys;

use super::changes;

/// Whether an article may be written at an address.
pub(super) enum Place {
    Free,
    /// Another source's article is there: its `{origin}:{id}`.
    Taken(String),
}

/// Makes `section`/`slug` the place of `source`'s article: moves the article there when the source had it
/// elsewhere (purging its old address and keeping a redirect from it), or says who holds it.
pub(super) fn claim(
    tx: &Conn,
    origin: &str,
    source: &str,
    (section, slug): (&str, &str),
    purge: &mut Keys,
) -> DbResult<Place> {
    let holder: Option<Option<String>> = tx
        .query_row(
            "SELECT a.source FROM articles a JOIN sections s ON s.id = a.section_id
             WHERE s.slug = ?1 AND a.slug = ?2",
            params![section, slug],
            |r| r.get("source"),
        )
        .optional()?;
    match holder {
        Some(Some(other)) if other != source => return Ok(Place::Taken(other)),
        // Ours already; or a row no source wrote (another tool's), which the source takes over.
        Some(_) => return Ok(Place::Free),
        None => {}
    }
    let elsewhere: Option<i64> = tx
        .query_row(
            "SELECT id FROM articles WHERE source = ?1 ORDER BY id LIMIT 1",
            [source],
            |r| r.get("id"),
        )
        .optional()?;
    let Some(id) = elsewhere else {
        return Ok(Place::Free);
    };
    if let Some((old_section, old_slug, old)) = changes::stored_by_id(tx, id)? {
        changes::article_changed(purge, &old_section, &old_slug, Some(&old.membership), None);
        if let Some(source_id) = source
            .strip_prefix(origin)
            .and_then(|s| s.strip_prefix(':'))
        {
            let old_path = Redirect {
                path: format!("/{old_section}/{old_slug}"),
                to: RedirectTo::Article {
                    source_id: source_id.to_string(),
                },
            };
            crate::db::redirects::write(tx, origin, &[old_path])?;
        }
    }
    // The digest is cleared so that the article is written in full at its new place.
    tx.execute(
        "UPDATE articles SET section_id = (SELECT id FROM sections WHERE slug = ?1), slug = ?2, digest = NULL
         WHERE id = ?3",
        params![section, slug, id],
    )?;
    Ok(Place::Free)
}
