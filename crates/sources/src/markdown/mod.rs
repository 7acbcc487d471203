//! The Markdown folder as a content source: `content/` (sections.toml, authors.toml, topics.toml and one Markdown
//! file per article under `articles/{section}/`) read into a [`Batch`] of the contract's types, which the one
//! write path (`broadsheet_store::db::write`) stores. Reading writes nothing; [`import_dir`] reads and writes, idempotently.

mod body;
mod front_matter;
mod live;
mod measure;
mod people;
mod raw_html;

use std::collections::HashSet;
use std::fmt;
use std::path::{Path, PathBuf};

use broadsheet_content::{
    is_reserved_slug, is_valid_slug, Article, AuthorRef, Comment, Kind, Section, SectionRef,
    TopicRef,
};
use broadsheet_store::db::sql::Conn;
use broadsheet_store::db::write::{self, Batch, Entry};
use serde::Deserialize;

pub use body::{body_to_blocks, BodyNote};

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
    /// The surrogate keys of what the import changed, for the shared caches (`db::write::changes`).
    pub purge: broadsheet_store::Keys,
}

/// The source's name in the store: an article's `source` is `markdown:{its path under the folder}`.
pub const ORIGIN: &str = "markdown";

/// What reading the folder found: the batch to write, and what was wrong with it or changed in it.
#[derive(Debug, Default)]
pub struct Read {
    pub batch: Batch,
    /// Files (or entries) left out, and why.
    pub problems: Vec<Problem>,
    /// What was changed or left out of files that were read (raw HTML, inline images, unsafe links, tables,
    /// bylines naming nobody): the writer's words are never dropped without one.
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

impl From<broadsheet_store::db::StoreError> for ImportError {
    fn from(e: broadsheet_store::db::StoreError) -> Self {
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

/// Reads everything under `dir` into a complete batch: articles whose files are gone are removed when it is
/// written. Only a missing or unreadable `sections.toml` stops the read; any other bad file is a problem and is
/// left out.
pub fn read_dir(dir: &Path) -> Result<Read, ImportError> {
    let mut read = Read::default();
    read.batch.origin = ORIGIN.to_string();
    read.batch.complete = true;
    read.batch.sections = read_sections(dir, &mut read.problems)?;
    let (mut authors, by_name) = people::read_authors(dir, &mut read.problems);
    read.notes.extend(measure::photos(&mut authors, dir));
    read.batch.authors = authors;
    read.batch.topics = people::read_topics(dir, &mut read.problems);
    for path in article_files(&dir.join("articles")) {
        let rel = path.strip_prefix(dir).unwrap_or(&path).to_path_buf();
        let folder = rel
            .components()
            .nth(1)
            .and_then(|c| c.as_os_str().to_str())
            .unwrap_or("")
            .to_string();
        let Some(section) = read.batch.sections.iter().find(|s| s.slug == folder) else {
            read.problems.push(Problem {
                path: path.clone(),
                line: 1,
                message: format!("folder `{folder}` is not a section in sections.toml"),
            });
            continue;
        };
        let section = SectionRef {
            slug: section.slug.clone(),
            name: section.name.clone(),
        };
        match parse_file(&path) {
            Ok(parsed) => {
                let note = |line: usize, message: String| Problem {
                    path: path.clone(),
                    line,
                    message,
                };
                read.notes
                    .extend(parsed.notes.iter().map(|n| note(n.line, n.message.clone())));
                for name in parsed.fm.byline.names() {
                    if by_name.find(&name).is_none() {
                        read.notes.push(note(1, format!(
                            "byline `{name}` names nobody in authors.toml: shown without an author page"
                        )));
                    }
                }
                let source_id = rel.to_string_lossy().into_owned();
                let mut entry = parsed.into_entry(section, source_id, &by_name);
                let measured = measure::measure(crate::media::images(&mut entry.article), dir);
                read.notes.extend(measured.into_iter().map(|m| note(1, m)));
                read.batch.articles.push(entry);
            }
            Err(p) => read.problems.push(p),
        }
    }
    Ok(read)
}

/// Reads `dir` and writes it through the one write path, in one transaction.
pub fn import_dir(conn: &Conn, dir: &Path) -> Result<Report, ImportError> {
    let read = read_dir(dir)?;
    let written = write::apply(conn, &read.batch)?;
    Ok(Report {
        sections: written.sections,
        articles: written.articles,
        removed: written.removed,
        problems: read.problems,
        notes: read.notes,
        purge: written.purge,
    })
}

/// The sections of `dir/sections.toml`, in order; a bad or repeated slug is a problem and is left out.
fn read_sections(dir: &Path, problems: &mut Vec<Problem>) -> Result<Vec<Section>, ImportError> {
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
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for s in file.section {
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
        } else if !seen.insert(s.slug.clone()) {
            Some(format!("section slug `{}` appears twice", s.slug))
        } else {
            None
        };
        match problem {
            Some(message) => problems.push(Problem {
                path: sections_path.clone(),
                line: text
                    .find(&format!("\"{}\"", s.slug))
                    .map_or(1, |o| front_matter::line_of(&text, o)),
                message,
            }),
            None => out.push(Section {
                slug: s.slug,
                name: s.name,
                description: s.description,
            }),
        }
    }
    Ok(out)
}

/// A parsed article file.
struct Parsed {
    slug: String,
    kind: Kind,
    fm: front_matter::FrontMatter,
    published: String,
    updated: Option<String>,
    image: Option<broadsheet_content::Image>,
    body: Vec<broadsheet_content::Block>,
    /// What the body's import changed or left out, by line in the file.
    notes: Vec<BodyNote>,
    comments: Vec<Comment>,
    live: Option<broadsheet_store::db::write::live::LiveSource>,
}

impl Parsed {
    /// The article as the write path takes it. Each tag is a topic, by slug, in the order written (named after
    /// the tag unless topics.toml names it); a single author's role is the piece's `byline_role`, else their
    /// own from authors.toml.
    fn into_entry(
        self,
        section: SectionRef,
        source_id: String,
        authors: &people::Authors,
    ) -> Entry {
        let fm = self.fm;
        let names = fm.byline.names();
        let bylines = names
            .iter()
            .map(|name| {
                let found = authors.find(name);
                let role = match (&fm.byline_role, names.len()) {
                    (Some(role), 1) => Some(role.trim().to_string()),
                    _ => found.and_then(|(_, role)| role.clone()),
                };
                AuthorRef {
                    name: name.clone(),
                    slug: found.map(|(slug, _)| slug.clone()),
                    role,
                }
            })
            .collect();
        let topics = fm
            .tags
            .iter()
            .map(|tag| TopicRef {
                slug: broadsheet_content::topic_slug(tag),
                name: people::topic_name(tag),
            })
            .collect();
        Entry {
            source_id,
            featured: fm.featured,
            comments: self.comments,
            live: self.live,
            article: Article {
                section,
                slug: self.slug,
                kind: self.kind,
                headline: fm.headline.trim().to_string(),
                standfirst: fm.standfirst.trim().to_string(),
                authors: bylines,
                published: self.published,
                updated: self.updated,
                image: self.image,
                topics,
                body: self.body,
                related: Vec::new(),
                comments_open: fm.comments_open.unwrap_or(true),
                comment_count: 0,
                live: None,
            },
        }
    }
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
    let image = fm
        .image
        .take()
        .map(body::image)
        .transpose()
        .map_err(|m| problem(split.front_line, m))?;
    if fm.headline.trim().is_empty() {
        return Err(problem(
            split.front_line,
            "headline must not be empty".into(),
        ));
    }
    let (body, notes) = body::body_to_blocks(split.body)
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
        comments.push(Comment {
            id: 0,
            author: c.author.clone(),
            body: c.body.clone(),
            posted,
        });
    }
    let live = live::read(kind, fm.live.as_ref(), &fm.posts, &published)
        .map_err(|m| problem(split.front_line, m))?;
    Ok(Parsed {
        slug,
        kind,
        fm,
        published,
        updated,
        image,
        body,
        notes,
        comments,
        live,
    })
}
