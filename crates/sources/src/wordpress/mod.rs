//! WordPress as a content source: its REST API (`/wp-json/wp/v2/`) read into a [`Batch`] of the contract's types
//! for the one write path. docs/sources.md states the mapping; `map` holds it.
//!
//! A read is **full** the first time, and whenever the site's categories, tags or users changed (renaming one does
//! not change a post's `modified`): every published post, as a complete batch. Otherwise it is **incremental**:
//! - posts modified since the cursor (`orderby=modified&order=asc&modified_after=…Z`, one second of overlap,
//!   since `modified_after` is strictly later and has one-second resolution; an unchanged post re-read is not
//!   written again, by its digest);
//! - every published id (`_fields=id`), reconciled with the store: a published post the store lacks (a scheduled
//!   post gone live: publishing does not change `modified`) is read; a stored post no longer listed (unpublished,
//!   trashed, deleted, made private) is removed.
//!
//! Any failed request fails the read before anything is written: a source that is down, slow or answers garbage
//! leaves the site as it was.

pub mod client;
pub mod map;
mod preview;
pub mod redirects;
pub mod wire;

use std::collections::{HashMap, HashSet};

use broadsheet_store::db::write::Batch;

pub use crate::mapping::Mapping;
use crate::remote::SourceError;
use crate::sync::{digest, Cms, Known, Read, State};
use client::Client;
use wire::{Id, Media, Post, Term, User};

/// The origin of WordPress articles in the store (`wordpress:{post id}`).
pub const ORIGIN: &str = "wordpress";
/// Where a site's read state is kept (`settings`), by site address.
const STATE_KEY: &str = "source:wordpress:";
/// Ids asked for in one `include=` request (WordPress's page size).
const INCLUDE_CHUNK: usize = client::PER_PAGE as usize;

/// A WordPress site to read.
pub struct WordPress {
    client: Client,
    mapping: Mapping,
    key: String,
}

impl WordPress {
    /// `base` is the site's address; `auth` a user and application password (for drafts and previews).
    pub fn new(
        base: &str,
        auth: Option<(String, String)>,
        mapping: Mapping,
    ) -> Result<WordPress, SourceError> {
        Ok(WordPress {
            client: Client::new(base, auth)?,
            mapping,
            key: format!("{STATE_KEY}{}", base.trim_end_matches('/')),
        })
    }

    /// Reads the site into a batch (see the module's doc), against the store's sections and the post ids it
    /// holds. Writes nothing.
    async fn read_site(&self, known: &Known, state: Option<&State>) -> Result<Read, SourceError> {
        let (sections, stored) = (&known.sections, &known.stored);
        let categories = self.terms("categories").await?;
        let tags = self.terms("tags").await?;
        let users: HashMap<u64, User> = by_id(self.client.all("users", &[]).await?, |u| u.id);
        let people = people_digest(&categories, &tags, &users);
        let incremental = state.filter(|s| s.people == people && s.cursor.is_some());
        let (posts, removed) = match incremental.and_then(|s| s.cursor.as_deref()) {
            Some(cursor) => self.changed(cursor, stored).await?,
            None => (self.client.all("posts", &[]).await?, vec![]),
        };
        let media = self.media(&posts).await?;
        let lookup = map::Lookup {
            categories: &categories,
            tags: &tags,
            users: &users,
            media: &media,
            sections,
            mapping: &self.mapping,
        };
        let mut read = Read {
            batch: Batch {
                origin: ORIGIN.into(),
                authors: users.values().map(map::author).collect(),
                topics: tags
                    .values()
                    .map(map::topic)
                    .filter(|t| !t.slug.is_empty())
                    .collect(),
                complete: incremental.is_none(),
                removed,
                ..Batch::default()
            },
            state: State {
                cursor: newest(state.and_then(|s| s.cursor.clone()), &posts),
                people,
            },
            skipped: vec![],
            notes: vec![],
            requests: 0,
        };
        let mut seen = HashSet::new();
        let mut written = Vec::new();
        for post in posts.iter().filter(|p| p.status == "publish") {
            if !seen.insert(post.id) {
                continue; // the overlap between the modified listing and the reconciled ids
            }
            let name = format!("post {} ({})", post.id, post.slug);
            match map::entry(post, &lookup) {
                Ok((entry, notes)) => {
                    read.notes
                        .extend(notes.into_iter().map(|n| format!("{name}: {n}")));
                    read.batch.articles.push(entry);
                    written.push(post);
                }
                Err(why) => read.skipped.push(format!("{name}: {why}")),
            }
        }
        read.batch.redirects = redirects::of_site(&written, &lookup);
        Ok(read)
    }

    async fn terms(&self, path: &str) -> Result<HashMap<u64, Term>, SourceError> {
        Ok(by_id(self.client.all(path, &[]).await?, |t| t.id))
    }

    /// The posts modified since `cursor` and the published ones the store lacks; the stored ids no longer
    /// published.
    async fn changed(
        &self,
        cursor: &str,
        stored: &HashSet<String>,
    ) -> Result<(Vec<Post>, Vec<String>), SourceError> {
        let since = overlap(cursor);
        let query = [
            ("orderby", "modified".to_string()),
            ("order", "asc".to_string()),
            ("modified_after", since),
        ];
        let mut posts: Vec<Post> = self.client.all("posts", &query).await?;
        let ids: Vec<Id> = self
            .client
            .all("posts", &[("_fields", "id".into())])
            .await?;
        let listed: HashSet<String> = ids.iter().map(|i| i.id.to_string()).collect();
        let have: HashSet<u64> = posts.iter().map(|p| p.id).collect();
        let missing: Vec<u64> = ids
            .iter()
            .map(|i| i.id)
            .filter(|id| !stored.contains(&id.to_string()) && !have.contains(id))
            .collect();
        for chunk in missing.chunks(INCLUDE_CHUNK) {
            let q = [("include", join(chunk))];
            posts.extend(self.client.all::<Post>("posts", &q).await?);
        }
        let mut removed: Vec<String> = stored.difference(&listed).cloned().collect();
        removed.sort();
        Ok((posts, removed))
    }

    /// The featured images of `posts`, by attachment id; an image that cannot be read is left out (the post
    /// is published without it, noted).
    async fn media(&self, posts: &[Post]) -> Result<HashMap<u64, Media>, SourceError> {
        let mut ids: Vec<u64> = posts
            .iter()
            .map(|p| p.featured_media)
            .filter(|&m| m != 0)
            .collect();
        ids.sort_unstable();
        ids.dedup();
        let mut out = HashMap::new();
        for chunk in ids.chunks(INCLUDE_CHUNK) {
            let q = [("include", join(chunk))];
            out.extend(by_id(self.client.all::<Media>("media", &q).await?, |m| {
                m.id
            }));
        }
        Ok(out)
    }
}

fn by_id<T>(items: Vec<T>, id: impl Fn(&T) -> u64) -> HashMap<u64, T> {
    items.into_iter().map(|t| (id(&t), t)).collect()
}

fn join(ids: &[u64]) -> String {
    ids.iter().map(u64::to_string).collect::<Vec<_>>().join(",")
}

/// One second before `cursor` (`2026-06-01T08:00:00`), with `Z`: `modified_after` is strictly later.
fn overlap(cursor: &str) -> String {
    chrono::NaiveDateTime::parse_from_str(cursor, "%Y-%m-%dT%H:%M:%S")
        .map(|t| {
            (t - chrono::Duration::seconds(1))
                .format("%Y-%m-%dT%H:%M:%SZ")
                .to_string()
        })
        .unwrap_or_else(|_| "1970-01-01T00:00:00Z".into())
}

/// The newest `modified_gmt` among `posts` and `old` (the same fixed format sorts as text).
fn newest(old: Option<String>, posts: &[Post]) -> Option<String> {
    posts
        .iter()
        .filter_map(|p| p.modified_gmt.clone())
        .chain(old)
        .max()
}

/// A digest of what the posts are read against (terms and users): when it changes, the next read is full.
fn people_digest(
    categories: &HashMap<u64, Term>,
    tags: &HashMap<u64, Term>,
    users: &HashMap<u64, User>,
) -> String {
    let terms = categories.values().chain(tags.values());
    digest(
        terms
            .map(|t| format!("t{}\t{}\t{}\t{}", t.id, t.slug, t.name, t.description))
            .chain(
                users
                    .values()
                    .map(|u| format!("u{}\t{}\t{}\t{}", u.id, u.slug, u.name, u.description)),
            )
            .collect(),
    )
}

impl Cms for WordPress {
    fn origin(&self) -> &'static str {
        ORIGIN
    }

    fn state_key(&self) -> String {
        self.key.clone()
    }

    async fn read(&self, known: &Known, state: Option<&State>) -> Result<Read, SourceError> {
        let before = self.client.requests();
        let mut read = self.read_site(known, state).await?;
        read.requests = self.client.requests() - before;
        Ok(read)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cursor_overlaps_by_a_second_in_utc() {
        assert_eq!(overlap("2026-06-01T08:00:00"), "2026-06-01T07:59:59Z");
        assert_eq!(overlap("garbage"), "1970-01-01T00:00:00Z");
    }

    #[test]
    fn the_cursor_moves_to_the_newest_change_and_never_back() {
        let post = |m: &str| Post {
            modified_gmt: Some(m.into()),
            ..Post::default()
        };
        let posts = [post("2026-06-01T08:00:00"), post("2026-06-02T08:00:00")];
        assert_eq!(newest(None, &posts).as_deref(), Some("2026-06-02T08:00:00"));
        assert_eq!(
            newest(Some("2026-07-01T00:00:00".into()), &posts).as_deref(),
            Some("2026-07-01T00:00:00")
        );
    }
}
