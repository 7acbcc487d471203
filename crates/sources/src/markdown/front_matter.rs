//! The TOML front matter of an article file.

use serde::Deserialize;

/// What an editor writes between the `+++` lines. Unknown keys are an error, so a typo is reported.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    pub headline: String,
    pub standfirst: String,
    pub kind: String,
    pub published: toml::value::Datetime,
    #[serde(default)]
    pub updated: Option<toml::value::Datetime>,
    /// Who wrote it: one name, or several (`["A", "B"]`); matched against authors.toml by name.
    pub byline: Byline,
    #[serde(default)]
    pub byline_role: Option<String>,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub featured: bool,
    #[serde(default)]
    pub comments_open: Option<bool>,
    #[serde(default)]
    pub image: Option<ImageFields>,
    #[serde(default)]
    pub comments: Vec<CommentFields>,
    /// A live blog's state (`kind = "live"` only; the markdown `live` module reads it).
    #[serde(default)]
    pub live: Option<LiveFields>,
    /// A live blog's posts.
    #[serde(default)]
    pub posts: Vec<PostFields>,
}

/// A live blog's `[live]` table.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LiveFields {
    /// `live` (the default) or `ended`.
    #[serde(default)]
    pub status: Option<String>,
    /// Defaults to the article's `published`.
    #[serde(default)]
    pub coverage_start: Option<toml::value::Datetime>,
    #[serde(default)]
    pub coverage_end: Option<toml::value::Datetime>,
    /// A post's id.
    #[serde(default)]
    pub pinned: Option<String>,
}

/// One `[[posts]]` entry.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PostFields {
    pub id: String,
    pub published: toml::value::Datetime,
    #[serde(default)]
    pub updated: Option<toml::value::Datetime>,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub key_event: bool,
    /// Markdown, as an article's body.
    pub body: String,
}

/// A byline: one name or a list of them.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum Byline {
    One(String),
    Many(Vec<String>),
}

impl Byline {
    /// The names, trimmed, empty ones left out.
    pub fn names(&self) -> Vec<String> {
        let names: Vec<&String> = match self {
            Byline::One(n) => vec![n],
            Byline::Many(ns) => ns.iter().collect(),
        };
        names
            .into_iter()
            .map(|n| n.trim().to_string())
            .filter(|n| !n.is_empty())
            .collect()
    }
}

/// An image as written in front matter or in an ```image block.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImageFields {
    pub src: String,
    pub width: u32,
    pub height: u32,
    pub alt: String,
    #[serde(default)]
    pub caption: Option<String>,
    #[serde(default)]
    pub credit: Option<String>,
}

/// A demo comment, imported as published.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CommentFields {
    pub author: String,
    pub posted: toml::value::Datetime,
    pub body: String,
}

/// A file split into front matter and body, with the line on which each starts (1-based).
pub struct Split<'a> {
    pub front: &'a str,
    pub front_line: usize,
    pub body: &'a str,
    pub body_line: usize,
}

/// Splits `+++`-delimited front matter from the body. The error says which line is wrong.
pub fn split(text: &str) -> Result<Split<'_>, (usize, String)> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let Some(rest) = text
        .strip_prefix("+++")
        .and_then(|r| r.strip_prefix('\n').or(r.strip_prefix("\r\n")))
    else {
        return Err((
            1,
            "the file must start with a line `+++` that opens the front matter".into(),
        ));
    };
    let open_len = text.len() - rest.len();
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "+++" {
            let front = &rest[..offset];
            let body = &rest[offset + line.len()..];
            let front_lines = front.matches('\n').count();
            return Ok(Split {
                front,
                front_line: 2,
                body,
                body_line: 3 + front_lines,
            });
        }
        offset += line.len();
    }
    let _ = open_len;
    Err((
        1,
        "the front matter opened by `+++` on line 1 is never closed by another `+++` line".into(),
    ))
}

/// Converts a TOML datetime into canonical RFC 3339 UTC (`2026-09-14T08:30:00Z`).
pub fn rfc3339(dt: &toml::value::Datetime) -> Result<String, String> {
    if dt.date.is_none() || dt.time.is_none() || dt.offset.is_none() {
        return Err(format!(
            "`{dt}` needs a date, a time and a time zone, as in 2026-09-14T08:30:00Z"
        ));
    }
    let parsed = chrono::DateTime::parse_from_rfc3339(&dt.to_string())
        .map_err(|e| format!("`{dt}` is not a valid time: {e}"))?;
    Ok(parsed
        .with_timezone(&chrono::Utc)
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
}

/// The 1-based line of a byte offset in `text`.
pub fn line_of(text: &str, offset: usize) -> usize {
    text.get(..offset.min(text.len()))
        .map_or(0, |t| t.matches('\n').count())
        + 1
}
