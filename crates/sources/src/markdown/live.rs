//! A live blog in the Markdown folder: an article of `kind = "live"` whose front matter has a `[live]` table
//! (`status`, `coverage_start`, `coverage_end`, `pinned`) and its posts as `[[posts]]` (`id`, `published`,
//! `updated`, `title`, `key_event`, and `body` in Markdown). The article's own body is the blog's summary.

use std::collections::HashSet;

use super::front_matter::{rfc3339, LiveFields, PostFields};
use broadsheet_content::live::{is_post_id, LivePost, LiveStatus, POST_ID_MAX};
use broadsheet_content::Kind;
use broadsheet_store::db::write::live::is_editors_id;
use broadsheet_store::db::write::live::LiveSource;

/// The blog of a `live` article, or `None` for any other kind (whose `[live]` and `[[posts]]` are an error, so a
/// wrong kind is reported). `published` is the article's. Errors name the post.
pub fn read(
    kind: Kind,
    live: Option<&LiveFields>,
    posts: &[PostFields],
    published: &str,
) -> Result<Option<LiveSource>, String> {
    if kind != Kind::Live {
        return match (live, posts.is_empty()) {
            (None, true) => Ok(None),
            _ => Err("`[live]` and `[[posts]]` belong to `kind = \"live\"` only".into()),
        };
    }
    let status = match live.and_then(|l| l.status.as_deref()) {
        None => LiveStatus::Live,
        Some(s) => LiveStatus::from_slug(s)
            .ok_or_else(|| format!("live status `{s}` is not `live` or `ended`"))?,
    };
    let time = |t: Option<&toml::value::Datetime>| t.map(rfc3339).transpose();
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for p in posts {
        if !is_post_id(&p.id) {
            return Err(format!(
                "post id `{}` must be 1 to {POST_ID_MAX} lower-case letters, digits and hyphens",
                p.id
            ));
        }
        if is_editors_id(&p.id) {
            return Err(format!(
                "post id `{}` is of the form editors' posts take (e and digits); choose another",
                p.id
            ));
        }
        if !seen.insert(p.id.as_str()) {
            return Err(format!("post id `{}` appears twice", p.id));
        }
        let (body, _) = super::body::body_to_blocks(&p.body).map_err(|e| {
            format!(
                "post `{}`, line {} of its body: {}",
                p.id, e.line, e.message
            )
        })?;
        out.push(LivePost {
            id: p.id.clone(),
            title: p.title.clone().filter(|t| !t.trim().is_empty()),
            body,
            published: rfc3339(&p.published).map_err(|m| format!("post `{}`: {m}", p.id))?,
            updated: time(p.updated.as_ref()).map_err(|m| format!("post `{}`: {m}", p.id))?,
            key_event: p.key_event,
            seq: 0,
        });
    }
    let pinned = live.and_then(|l| l.pinned.clone());
    if let Some(id) = &pinned {
        if !seen.contains(id.as_str()) {
            return Err(format!("the pinned post `{id}` is not one of the posts"));
        }
    }
    Ok(Some(LiveSource {
        status,
        coverage_start: time(live.and_then(|l| l.coverage_start.as_ref()))?
            .unwrap_or_else(|| published.to_string()),
        coverage_end: time(live.and_then(|l| l.coverage_end.as_ref()))?,
        pinned,
        posts: out,
    }))
}
