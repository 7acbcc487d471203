//! Imports `content/` (sections.toml and one Markdown file per article) into the database, idempotently.

mod front_matter;
mod markdown;
mod people;
mod raw_html;

use std::collections::HashSet;
use std::fmt;
use std::path::{Path, PathBuf};

use broadsheet_content::{is_reserved_slug, is_valid_slug, Block, Inline, Kind};
use rusqlite::{params, Connection};
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
}

/// An import that could not run at all (no sections file, database error).
#[derive(Debug)]
pub struct ImportError(pub String);

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<rusqlite::Error> for ImportError {
    fn from(e: rusqlite::Error) -> Self {
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
pub fn import_dir(conn: &mut Connection, dir: &Path) -> Result<Report, ImportError> {
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

    let tx = conn.transaction()?;
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
                store(&tx, &section, &parsed, &rel, &authors)?;
                kept.insert(rel.to_string_lossy().into_owned());
                report.articles += 1;
            }
            Err(p) => report.problems.push(p),
        }
    }
    // Articles imported earlier from files that are gone; generated rows (no source) are left alone.
    let mut stale = Vec::new();
    {
        let mut stmt = tx.prepare("SELECT id, source FROM articles WHERE source IS NOT NULL")?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?;
        for row in rows {
            let (id, source) = row?;
            if !kept.contains(&source) {
                stale.push(id);
            }
        }
    }
    for id in &stale {
        tx.execute("DELETE FROM articles_fts WHERE rowid = ?1", [id])?;
        tx.execute("DELETE FROM articles WHERE id = ?1", [id])?;
    }
    report.removed = stale.len();
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

fn store(
    tx: &Connection,
    section: &str,
    a: &Parsed,
    source: &Path,
    authors: &people::Authors,
) -> rusqlite::Result<()> {
    let fm = &a.fm;
    let body_json = serde_json::to_string(&a.body).unwrap_or_else(|_| "[]".into());
    let id: i64 = tx.query_row(
        "INSERT INTO articles (section_id, slug, kind, headline, standfirst, byline_name, byline_role, published,
                               updated, featured, comments_open, image_json, body_json, source)
         VALUES ((SELECT id FROM sections WHERE slug = ?1), ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)
         ON CONFLICT (section_id, slug) DO UPDATE SET kind = excluded.kind, headline = excluded.headline,
             standfirst = excluded.standfirst, byline_name = excluded.byline_name,
             byline_role = excluded.byline_role, published = excluded.published, updated = excluded.updated,
             featured = excluded.featured, comments_open = excluded.comments_open,
             image_json = excluded.image_json, body_json = excluded.body_json, source = excluded.source
         RETURNING id",
        params![
            section,
            a.slug,
            a.kind.slug(),
            fm.headline.trim(),
            fm.standfirst.trim(),
            fm.byline.display(),
            fm.byline_role.as_deref().map(str::trim),
            a.published,
            a.updated,
            fm.featured,
            fm.comments_open.unwrap_or(true),
            a.image_json,
            body_json,
            source.to_string_lossy(),
        ],
        |r| r.get(0),
    )?;
    // Each tag is a topic, stored by slug; one topics.toml does not name gets the tag as its name.
    tx.execute("DELETE FROM article_tags WHERE article_id = ?1", [id])?;
    for tag in &fm.tags {
        let slug = broadsheet_content::topic_slug(tag);
        if slug.is_empty() {
            continue;
        }
        tx.execute(
            "INSERT OR IGNORE INTO topics (slug, name) VALUES (?1, ?2)",
            params![slug, people::topic_name(tag)],
        )?;
        tx.execute(
            "INSERT OR IGNORE INTO article_tags (article_id, tag) VALUES (?1, ?2)",
            params![id, slug],
        )?;
    }
    // Who the byline names, in order: a single author's role is the piece's `byline_role`, else their own.
    tx.execute("DELETE FROM article_authors WHERE article_id = ?1", [id])?;
    let names = fm.byline.names();
    for (position, name) in names.iter().enumerate() {
        let found = authors.find(name);
        let role = match (&fm.byline_role, names.len()) {
            (Some(role), 1) => Some(role.trim().to_string()),
            _ => found.and_then(|(_, role)| role.clone()),
        };
        tx.execute(
            "INSERT INTO article_authors (article_id, position, name, author_slug, role) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![id, position as i64, name, found.map(|(slug, _)| slug), role],
        )?;
    }
    tx.execute("DELETE FROM articles_fts WHERE rowid = ?1", [id])?;
    tx.execute(
        "INSERT INTO articles_fts (rowid, headline, standfirst, body, tags) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![id, fm.headline, fm.standfirst, body_text(&a.body), fm.tags.join(" ")],
    )?;
    for (author, body, posted) in &a.comments {
        tx.execute(
            "INSERT OR IGNORE INTO comments (article_id, author, body, status, created, updated)
             VALUES (?1, ?2, ?3, 'published', ?4, ?4)",
            params![id, author, body, posted],
        )?;
    }
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
