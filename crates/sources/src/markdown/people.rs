//! `content/authors.toml` and `content/topics.toml`: the writers who have a page, and the topics' names and
//! descriptions. Both files are optional; a tag without an entry is still a topic, named after the tag.

use std::collections::HashMap;
use std::path::Path;

use broadsheet_content::{is_valid_slug, safe_href, topic_slug, Author, AuthorLink, Image};
use broadsheet_store::db::write::Topic;
use serde::Deserialize;

use super::body::image;
use super::front_matter::{line_of, ImageFields};
use super::Problem;

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct AuthorsFile {
    #[serde(default)]
    author: Vec<AuthorFields>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AuthorFields {
    slug: String,
    name: String,
    #[serde(default)]
    role: Option<String>,
    #[serde(default)]
    bio: String,
    #[serde(default)]
    photo: Option<ImageFields>,
    #[serde(default)]
    links: Vec<AuthorLink>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct TopicsFile {
    #[serde(default)]
    topic: Vec<TopicFields>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TopicFields {
    slug: String,
    name: String,
    #[serde(default)]
    description: String,
}

/// The authors who have a page, by the name bylines use (compared without case): their slug and role.
#[derive(Default)]
pub struct Authors {
    by_name: HashMap<String, (String, Option<String>)>,
}

impl Authors {
    /// The slug and role of the author a byline calls `name`.
    pub fn find(&self, name: &str) -> Option<&(String, Option<String>)> {
        self.by_name.get(&name.trim().to_lowercase())
    }
}

fn read<T: serde::de::DeserializeOwned + Default>(path: &Path, problems: &mut Vec<Problem>) -> T {
    let Ok(text) = std::fs::read_to_string(path) else {
        return T::default();
    };
    toml::from_str(&text).unwrap_or_else(|e| {
        problems.push(Problem {
            path: path.to_path_buf(),
            line: e.span().map_or(1, |s| line_of(&text, s.start)),
            message: format!("not read: {}", e.message()),
        });
        T::default()
    })
}

/// The authors of `dir/authors.toml`, and an index of them by name. An entry with a bad slug, photo or link is
/// reported; the rest of it still counts where it can.
pub fn read_authors(dir: &Path, problems: &mut Vec<Problem>) -> (Vec<Author>, Authors) {
    let path = dir.join("authors.toml");
    let file: AuthorsFile = read(&path, problems);
    let mut authors = Authors::default();
    let mut out = Vec::new();
    for a in file.author {
        let problem = |message: String| Problem {
            path: path.clone(),
            line: 1,
            message,
        };
        if !is_valid_slug(&a.slug) {
            problems.push(problem(format!(
                "author slug `{}` must be lower-case letters, digits and hyphens",
                a.slug
            )));
            continue;
        }
        let photo: Option<Image> = match a.photo.map(image).transpose() {
            Ok(photo) => photo,
            Err(m) => {
                problems.push(problem(format!("author `{}`: {m}", a.slug)));
                None
            }
        };
        let links: Vec<AuthorLink> = a
            .links
            .into_iter()
            .filter(|l| {
                let ok = safe_href(&l.url).is_some();
                if !ok {
                    problems.push(problem(format!(
                        "author `{}`: link `{}` is not a safe link",
                        a.slug, l.url
                    )));
                }
                ok
            })
            .collect();
        authors.by_name.insert(
            a.name.trim().to_lowercase(),
            (a.slug.clone(), a.role.clone()),
        );
        out.push(Author {
            slug: a.slug,
            name: a.name.trim().to_string(),
            role: a.role,
            bio: a.bio.trim().to_string(),
            photo,
            links,
        });
    }
    (out, authors)
}

/// The topics of `dir/topics.toml`; an entry with a slug that is not a topic's is reported and left out.
pub fn read_topics(dir: &Path, problems: &mut Vec<Problem>) -> Vec<Topic> {
    let path = dir.join("topics.toml");
    let file: TopicsFile = read(&path, problems);
    let mut out = Vec::new();
    for t in file.topic {
        if t.slug != topic_slug(&t.slug) || !is_valid_slug(&t.slug) {
            problems.push(Problem {
                path: path.clone(),
                line: 1,
                message: format!(
                    "topic slug `{}` must be lower-case letters, digits and single hyphens",
                    t.slug
                ),
            });
            continue;
        }
        out.push(Topic {
            slug: t.slug,
            name: t.name.trim().to_string(),
            description: t.description.trim().to_string(),
        });
    }
    out
}

/// A tag as a topic's name when topics.toml does not name it: the tag with a capital first letter.
pub fn topic_name(tag: &str) -> String {
    let mut chars = tag.trim().chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
