//! Imports `content/` (sections.toml and one Markdown file per article) into the database, idempotently.

mod changes;
mod front_matter;
mod markdown;
mod people;
mod raw_html;

use std::collections::HashSet;
use std::fmt;
use std::path::{Path, PathBuf};

use crate::db::sql::{params, Conn};
use broadsheet_content::{is_reserved_slug, is_valid_slug, Block, Inline, Kind};
use serde::Deserialize;

pub use markdown::{body_to_blocks, BodyNote};

/// A problem with one file: reported, and that file (or section) is skipped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub path: PathBuf,
    pub line: usize,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.path.display(), self.line, self.message)
    }
}

/// What an import did.
#[derive(Debug, Default)]
pub struct Report {
    pub sections: usize,
    pub articles: usize,
    pub removed: usize,
    pub problems: Vec<Problem>,
    /// What was changed or left out of files that were imported (raw HTML, inline images, unsafe links, tables):
    /// the writer's words are never dropped without one.
    pub notes: Vec<Problem>,
    /// The surrogate keys of what the import changed, for the shared caches (`import::changes`).
    pub purge: crate::cache::Keys,
}

/// An import that could not run at all (no sections file, database error).
#[derive(Debug)]
pub struct ImportError(pub String);

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<crate::db::StoreError> for ImportError {
    fn from(e: crate::db::StoreError) -> Self {
        ImportError(format!("database error during import: {e}"))
    }
}

#[derive(Deserialize)]
struct SectionsFile {
    section: Vec<SectionFields>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SectionFields {
    slug: String,
    name: String,
    description: String,
}

/// A parsed article, ready to store.
struct Parsed {
    slug: String,
    kind: Kind,
    fm: front_matter::FrontMatter,
    published: String,
    updated: Option<String>,
    image_json: Option<String>,
    body: Vec<Block>,
    /// What the body's import changed or left out, by line in the file.
    notes: Vec<BodyNote>,
    comments: Vec<(String, String, String)>,
}

/// Imports everything under `dir` in one transaction. Articles whose files are gone are removed.
pub fn import_dir(conn: &Conn, dir: &Path) -> Result<Report, ImportError> {
    let mut report = Report::default();
    let sections_path = dir.join("sections.toml");
    let text = std::fs::read_to_string(&sections_path)
        .map_err(|e| ImportError(format!("cannot read {}: {e}", sections_path.display())))?;
    let file: SectionsFile = toml::from_str(&text).map_err(|e| {
        let line = e
            .span()
            .map_or(1, |s| front_matter::line_of(&text, s.start));
        ImportError(format!(
            "{}:{line}: {}",
            sections_path.display(),
            e.message()
        ))
    })?;

    // IMMEDIATE: the write lock from the start, waiting (busy_timeout) for other writers, so that an import
    // beside a running instance, or two instances starting at once, queue instead of failing.
    let tx = conn.transaction()?;
    if tx.dialect() == crate::db::Dialect::Postgres {
        // Imports take turns with each other and with schema changes across every instance.
        tx.execute(
            "SELECT pg_advisory_xact_lock(?1)",
            [crate::db::ADVISORY_LOCK],
        )?;
    }
    let before = changes::snapshot(&tx)?;
    let mut seen_sections = HashSet::new();
    for (position, s) in file.section.iter().enumerate() {
        let problem = if !is_valid_slug(&s.slug) {
            Some(format!(
                "section slug `{}` must be lower-case letters, digits and hyphens",
                s.slug
            ))
        } else if is_reserved_slug(&s.slug) {
            Some(format!(
                "section slug `{}` is one of the app's own paths; choose another",
                s.slug
            ))
        } else if !seen_sections.insert(s.slug.clone()) {
            Some(format!("section slug `{}` appears twice", s.slug))
        } else {
            None
        };
        if let Some(message) = problem {
            let line = text
                .find(&format!("\"{}\"", s.slug))
                .map_or(1, |o| front_matter::line_of(&text, o));
            report.problems.push(Problem {
                path: sections_path.clone(),
                line,
                message,
            });
            continue;
        }
        tx.execute(
            "INSERT INTO sections (slug, name, description, position) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (slug) DO UPDATE SET name = excluded.name, description = excluded.description,
             position = excluded.position",
            params![s.slug, s.name, s.description, position as i64],
        )?;
        report.sections += 1;
    }

    let authors = people::store_authors(&tx, dir, &mut report.problems)?;
    people::store_topics(&tx, dir, &mut report.problems)?;
    let mut kept = HashSet::new();
    for path in article_files(&dir.join("articles")) {
        let rel = path.strip_prefix(dir).unwrap_or(&path).to_path_buf();
        let section = rel
            .components()
            .nth(1)
            .and_then(|c| c.as_os_str().to_str())
            .unwrap_or("")
            .to_string();
        if !seen_sections.contains(&section) {
            report.problems.push(Problem {
                path: path.clone(),
                line: 1,
                message: format!("folder `{section}` is not a section in sections.toml"),
            });
            continue;
        }
        match parse_file(&path) {
            Ok(parsed) => {
                report.notes.extend(parsed.notes.iter().map(|n| Problem {
                    path: path.clone(),
                    line: n.line,
                    message: n.message.clone(),
                }));
                for name in parsed.fm.byline.names() {
                    if authors.find(&name).is_none() {
                        report.notes.push(Problem {
                            path: path.clone(),
                            line: 1,
                            message: format!(
                                "byline `{name}` names nobody in authors.toml: shown without an author page"
                            ),
                        });
                    }
                }
                store(&tx, &section, &parsed, &rel, &authors, &mut report.purge)?;
                kept.insert(rel.to_string_lossy().into_owned());
                report.articles += 1;
            }
            Err(p) => report.problems.push(p),
        }
    }
    // Articles imported earlier from files that are gone; generated rows (no source) are left alone.
    let mut stale = Vec::new();
    {
        let stmt = tx.prepare("SELECT id, source FROM articles WHERE source IS NOT NULL")?;
        let rows = stmt.query_map((), |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?;
        for row in rows {
            let (id, source) = row?;
            if !kept.contains(&source) {
                stale.push(id);
            }
        }
    }
    for id in &stale {
        if let Some((section, slug, old)) = changes::stored_by_id(&tx, *id)? {
            changes::article_changed(
                &mut report.purge,
                &section,
                &slug,
                Some(&old.membership),
                None,
            );
        }
        tx.execute("DELETE FROM articles_fts WHERE rowid = ?1", [id])?;
        tx.execute("DELETE FROM articles WHERE id = ?1", [id])?;
    }
    report.removed = stale.len();
    let after = changes::snapshot(&tx)?;
    changes::compare(&tx, &before, &after, &mut report.purge)?;
    tx.commit()?;
    Ok(report)
}

fn article_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(sections) = std::fs::read_dir(dir) else {
        return out;
    };
    for section in sections.flatten() {
        let Ok(files) = std::fs::read_dir(section.path()) else {
            continue;
        };
        for f in files.flatten() {
            let p = f.path();
            if p.extension().is_some_and(|e| e == "md") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

fn parse_file(path: &Path) -> Result<Parsed, Problem> {
    let problem = |line: usize, message: String| Problem {
        path: path.to_path_buf(),
        line,
        message,
    };
    let slug = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("")
        .to_string();
    if !is_valid_slug(&slug) {
        return Err(problem(
            1,
            format!("file name `{slug}` is not a valid slug (lower-case letters, digits, hyphens)"),
        ));
    }
    let text = std::fs::read_to_string(path)
        .map_err(|e| problem(1, format!("cannot read the file: {e}")))?;
    let split = front_matter::split(&text).map_err(|(line, m)| problem(line, m))?;
    let mut fm: front_matter::FrontMatter = toml::from_str(split.front).map_err(|e| {
        let line = e
            .span()
            .map_or(0, |s| front_matter::line_of(split.front, s.start) - 1);
        problem(
            split.front_line + line,
            format!("front matter: {}", e.message().trim()),
        )
    })?;
    let kind = Kind::from_slug(&fm.kind).ok_or_else(|| {
        let all: Vec<_> = Kind::ALL.iter().map(|k| k.slug()).collect();
        problem(
            split.front_line,
            format!("kind `{}` is not one of: {}", fm.kind, all.join(", ")),
        )
    })?;
    let published =
        front_matter::rfc3339(&fm.published).map_err(|m| problem(split.front_line, m))?;
    let updated = fm
        .updated
        .as_ref()
        .map(front_matter::rfc3339)
        .transpose()
        .map_err(|m| problem(split.front_line, m))?;
    let image_json = match fm.image.take() {
        Some(fields) => {
            let img = markdown::image(fields).map_err(|m| problem(split.front_line, m))?;
            serde_json::to_string(&img).ok()
        }
        None => None,
    };
    if fm.headline.trim().is_empty() {
        return Err(problem(
            split.front_line,
            "headline must not be empty".into(),
        ));
    }
    let (body, notes) = markdown::body_to_blocks(split.body)
        .map_err(|e| problem(split.body_line + e.line - 1, e.message))?;
    // Lines in the file, not in the body.
    let notes = notes
        .into_iter()
        .map(|n| BodyNote {
            line: split.body_line + n.line - 1,
            message: n.message,
        })
        .collect();
    let mut comments = Vec::new();
    for c in &fm.comments {
        let posted = front_matter::rfc3339(&c.posted).map_err(|m| problem(split.front_line, m))?;
        comments.push((c.author.clone(), c.body.clone(), posted));
    }
    Ok(Parsed {
        slug,
        kind,
        fm,
        published,
        updated,
        image_json,
        body,
        notes,
        comments,
    })
}

/// The columns of an article's row that come from its file.
#[derive(serde::Serialize)]
struct ArticleRow<'a> {
    kind: &'a str,
    headline: &'a str,
    standfirst: &'a str,
    byline: String,
    byline_role: Option<&'a str>,
    published: &'a str,
    updated: Option<&'a str>,
    featured: bool,
    comments_open: bool,
    image_json: Option<&'a str>,
    body_json: &'a str,
    source: std::borrow::Cow<'a, str>,
}

/// Stores one article, unless what is stored for it is the same (its digest). The keys of what changed go to
/// `purge`.
fn store(
    tx: &Conn,
    section: &str,
    a: &Parsed,
    source: &Path,
    authors: &people::Authors,
    purge: &mut crate::cache::Keys,
) -> crate::db::DbResult<()> {
    let fm = &a.fm;
    let body_json = serde_json::to_string(&a.body).unwrap_or_else(|_| "[]".into());
    // Each tag is a topic, stored by slug, in the order written; one topics.toml does not name gets the tag as
    // its name.
    let mut topics: Vec<(String, String)> = fm
        .tags
        .iter()
        .map(|tag| (broadsheet_content::topic_slug(tag), people::topic_name(tag)))
        .filter(|(slug, _)| !slug.is_empty())
        .collect();
    let mut seen = HashSet::new();
    topics.retain(|(slug, _)| seen.insert(slug.clone()));
    // Who the byline names, in order: a single author's role is the piece's `byline_role`, else their own.
    let names = fm.byline.names();
    let bylines: Vec<(String, Option<String>, Option<String>)> = names
        .iter()
        .map(|name| {
            let found = authors.find(name);
            let role = match (&fm.byline_role, names.len()) {
                (Some(role), 1) => Some(role.trim().to_string()),
                _ => found.and_then(|(_, role)| role.clone()),
            };
            (name.clone(), found.map(|(slug, _)| slug.to_string()), role)
        })
        .collect();
    // The article's row as stored; its digest is of the row, its topics, bylines and comments.
    let row = ArticleRow {
        kind: a.kind.slug(),
        headline: fm.headline.trim(),
        standfirst: fm.standfirst.trim(),
        byline: fm.byline.display(),
        byline_role: fm.byline_role.as_deref().map(str::trim),
        published: &a.published,
        updated: a.updated.as_deref(),
        featured: fm.featured,
        comments_open: fm.comments_open.unwrap_or(true),
        image_json: a.image_json.as_deref(),
        body_json: &body_json,
        source: source.to_string_lossy(),
    };
    let digest = changes::digest(&serde_json::json!([row, topics, bylines, a.comments]));
    // The topics table is rebuilt by each import (`people::store_topics`): an article's topics go back in
    // whether or not the article itself changed.
    for (slug, name) in &topics {
        tx.execute(
            "INSERT INTO topics (slug, name) VALUES (?1, ?2) ON CONFLICT DO NOTHING",
            params![slug, name],
        )?;
    }
    let old = changes::stored(tx, section, &a.slug)?;
    if old.as_ref().and_then(|o| o.digest.as_deref()) == Some(digest.as_str()) {
        return Ok(());
    }
    let id: i64 = tx.query_row(
        "INSERT INTO articles (section_id, slug, kind, headline, standfirst, byline_name, byline_role, published,
                               updated, featured, comments_open, image_json, body_json, source, digest)
         VALUES ((SELECT id FROM sections WHERE slug = ?1), ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14,
                 ?15)
         ON CONFLICT (section_id, slug) DO UPDATE SET kind = excluded.kind, headline = excluded.headline,
             standfirst = excluded.standfirst, byline_name = excluded.byline_name,
             byline_role = excluded.byline_role, published = excluded.published, updated = excluded.updated,
             featured = excluded.featured, comments_open = excluded.comments_open,
             image_json = excluded.image_json, body_json = excluded.body_json, source = excluded.source,
             digest = excluded.digest
         RETURNING id",
        params![
            section,
            a.slug,
            row.kind,
            row.headline,
            row.standfirst,
            row.byline,
            row.byline_role,
            row.published,
            row.updated,
            row.featured,
            row.comments_open,
            row.image_json,
            row.body_json,
            row.source,
            digest,
        ],
        |r| r.get(0),
    )?;
    tx.execute("DELETE FROM article_tags WHERE article_id = ?1", [id])?;
    for (position, (slug, _)) in topics.iter().enumerate() {
        tx.execute(
            "INSERT INTO article_tags (article_id, tag, position) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING",
            params![id, slug, position as i64],
        )?;
    }
    tx.execute("DELETE FROM article_authors WHERE article_id = ?1", [id])?;
    for (position, (name, slug, role)) in bylines.iter().enumerate() {
        tx.execute(
            "INSERT INTO article_authors (article_id, position, name, author_slug, role) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![id, position as i64, name, slug, role],
        )?;
    }
    tx.execute("DELETE FROM articles_fts WHERE rowid = ?1", [id])?;
    tx.execute(
        "INSERT INTO articles_fts (rowid, headline, standfirst, body, tags) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![id, fm.headline, fm.standfirst, body_text(&a.body), fm.tags.join(" ")],
    )?;
    for (author, body, posted) in &a.comments {
        tx.execute(
            "INSERT INTO comments (article_id, author, body, status, created, updated)
             VALUES (?1, ?2, ?3, 'published', ?4, ?4) ON CONFLICT DO NOTHING",
            params![id, author, body, posted],
        )?;
    }
    let new = changes::Membership {
        section: section.to_string(),
        kind: a.kind,
        published: a.published.clone(),
        featured: fm.featured,
        topics: {
            let mut slugs: Vec<String> = topics.into_iter().map(|(slug, _)| slug).collect();
            slugs.sort();
            slugs
        },
        authors: bylines
            .into_iter()
            .filter_map(|(_, slug, _)| slug)
            .collect(),
    };
    changes::article_changed(
        purge,
        section,
        &a.slug,
        old.as_ref().map(|o| &o.membership),
        Some(&new),
    );
    Ok(())
}

/// The searchable text of a body.
pub fn body_text(blocks: &[Block]) -> String {
    let mut out = String::new();
    for b in blocks {
        let text = match b {
            Block::Paragraph { content }
            | Block::Heading { content, .. }
            | Block::Quote { content, .. } => Inline::plain_text(content),
            Block::PullQuote { text, .. } => text.clone(),
            Block::List { items, .. } => items
                .iter()
                .map(|i| Inline::plain_text(i))
                .collect::<Vec<_>>()
                .join(" "),
            Block::Image { image } => image.caption.clone().unwrap_or_default(),
            Block::Video { video } => video.title.clone(),
            Block::Unsupported => String::new(),
        };
        out.push_str(&text);
        out.push('\n');
    }
    out
}
