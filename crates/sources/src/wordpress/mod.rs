//! WordPress as a content source: its REST API (`/wp-json/wp/v2/`) read into a [`Batch`] of the contract's types
//! for the one write path. docs/sources.md states the mapping; `map` holds it.
//!
//! A read is **full** the first time, and whenever the site's categories, tags or users changed (renaming one does
//! not change a post's `modified`): every published post. Otherwise it is **incremental**:
//! - posts modified since the cursor (`orderby=modified&order=asc&modified_after=…Z`, an hour of overlap:
//!   [`OVERLAP_S`]; an unchanged post re-read is not written again, by its digest);
//! - every published id (`_fields=id`), reconciled with the store: a published post the store lacks (a scheduled
//!   post gone live: publishing does not change `modified`) is read. With webhooks a running site does this
//!   hourly, and reads the posts they named in between (`sync::Sweep`).
//!
//! **Removals are confirmed.** A stored post that a listing did not hold is asked for by id (`include=`), and only
//! one WordPress no longer gives as published (unpublished, trashed, deleted, made private) is removed; a post
//! that became password-protected is removed when it is read. A post that cannot be placed (no section) is
//! skipped and the site keeps what it had. Any failed request, or a listing shorter than its `X-WP-Total`, fails
//! the read before anything is written: a source that is down, slow or answers garbage leaves the site as it was.

pub mod client;
pub mod map;
mod preview;
pub mod redirects;
pub mod wire;

use std::collections::{HashMap, HashSet};

use broadsheet_store::db::write::Batch;

pub use crate::mapping::Mapping;
use crate::remote::SourceError;
use crate::sync::{collect, digest, Cms, Known, Read, State};
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
        let categories = self.terms("categories").await?;
        let tags = self.terms("tags").await?;
        let users = self.users().await?;
        let people = people_digest(&categories, &tags, &users);
        let incremental = state.filter(|s| s.people == people && s.cursor.is_some());
        let (posts, listed) = match incremental.and_then(|s| s.cursor.as_deref()) {
            Some(cursor) => self.changed(cursor, known).await?,
            None => {
                let posts: Vec<Post> = self.client.all("posts", &[]).await?;
                let listed = posts.iter().map(|p| p.id.to_string()).collect();
                (posts, listed)
            }
        };
        let gone = self.confirm_gone(known.stored.difference(&listed)).await?;
        let media = self.media(&posts).await?;
        let lookup = map::Lookup {
            categories: &categories,
            tags: &tags,
            users: &users,
            media: &media,
            sections: &known.sections,
            mapping: &self.mapping,
        };
        let authored: HashSet<u64> = posts.iter().map(|p| p.author).collect();
        let mut read = Read {
            full: incremental.is_none(),
            batch: Batch {
                origin: ORIGIN.into(),
                // Authors with posts here only: an Administrator's password lists every user, subscribers too.
                authors: users
                    .values()
                    .filter(|u| authored.contains(&u.id))
                    .map(map::author)
                    .collect(),
                topics: tags
                    .values()
                    .map(map::topic)
                    .filter(|t| !t.slug.is_empty())
                    .collect(),
                removed: gone,
                people_complete: incremental.is_none(),
                ..Batch::default()
            },
            state: State {
                cursor: newest(state.and_then(|s| s.cursor.clone()), &posts),
                people,
            },
            skipped: vec![],
            notes: vec![],
            sizes: Default::default(),
        };
        let published = posts.iter().filter(|p| p.status == "publish");
        collect(
            &mut read,
            known,
            published.map(|p| {
                let name = format!("post {} ({})", p.id, p.slug);
                (p.id.to_string(), name, map::entry(p, &lookup))
            }),
        );
        let written: HashSet<&str> = read
            .batch
            .articles
            .iter()
            .map(|e| e.source_id.as_str())
            .collect();
        let shown: Vec<&Post> = posts
            .iter()
            .filter(|p| written.contains(p.id.to_string().as_str()))
            .collect();
        read.batch.redirects = redirects::of_site(&shown, &lookup);
        Ok(read)
    }

    async fn terms(&self, path: &str) -> Result<HashMap<u64, Term>, SourceError> {
        Ok(by_id(self.client.all(path, &[]).await?, |t| t.id))
    }

    /// The site's users; none when the site hides them (security plugins often answer 401 or 403 to `/users`):
    /// bylines then go without an author page.
    async fn users(&self) -> Result<HashMap<u64, User>, SourceError> {
        match self.client.all::<User>("users", &[]).await {
            Ok(users) => Ok(by_id(users, |u| u.id)),
            Err(SourceError::Status {
                status: 401 | 403, ..
            }) => Ok(HashMap::new()),
            Err(e) => Err(e),
        }
    }

    /// The posts modified since `cursor`, and those the sweep finds (`Sweep`): with reconciliation, the published
    /// ones the store lacks; the ids the read treats as published.
    async fn changed(
        &self,
        cursor: &str,
        known: &Known,
    ) -> Result<(Vec<Post>, HashSet<String>), SourceError> {
        let query = [
            ("orderby", "modified".to_string()),
            ("order", "asc".to_string()),
            ("modified_after", overlap(cursor)),
        ];
        let mut posts: Vec<Post> = self.client.all("posts", &query).await?;
        let ids = match known.sweep.reconcile {
            true => Some(
                self.client
                    .all::<Id>("posts", &[("_fields", "id".into())])
                    .await?
                    .into_iter()
                    .map(|i| i.id.to_string())
                    .collect(),
            ),
            false => None,
        };
        let have: HashSet<String> = posts.iter().map(|p| p.id.to_string()).collect();
        let (listed, missing) = known.sweep.listed(ids, &known.stored, &have);
        let missing: Vec<u64> = missing.iter().filter_map(|id| id.parse().ok()).collect();
        for chunk in missing.chunks(INCLUDE_CHUNK) {
            let q = [("include", join(chunk))];
            posts.extend(self.client.all::<Post>("posts", &q).await?);
        }
        Ok((posts, listed))
    }

    /// Of `candidates` (stored posts a listing did not hold), those WordPress confirms are no longer published,
    /// asked for by id: a listing that missed a post (a page that shifted while it was read, a proxy that
    /// dropped a header) removes nothing.
    async fn confirm_gone<'a>(
        &self,
        candidates: impl Iterator<Item = &'a String>,
    ) -> Result<Vec<String>, SourceError> {
        let ids: Vec<u64> = candidates.filter_map(|id| id.parse().ok()).collect();
        let mut gone = Vec::new();
        for chunk in ids.chunks(INCLUDE_CHUNK) {
            let q = [("include", join(chunk)), ("_fields", "id".to_string())];
            let still: HashSet<u64> = self
                .client
                .all::<Id>("posts", &q)
                .await?
                .into_iter()
                .map(|i| i.id)
                .collect();
            gone.extend(
                chunk
                    .iter()
                    .filter(|id| !still.contains(id))
                    .map(u64::to_string),
            );
        }
        gone.sort();
        Ok(gone)
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

/// How far back of the cursor a read starts, in seconds (an hour): `modified_after` is strictly later with
/// one-second resolution, the web servers of a cluster keep their own clocks, and an hour covers the hour a
/// clock change repeats. Posts read again unchanged are not written again (their digest).
const OVERLAP_S: i64 = 3600;

/// [`OVERLAP_S`] before `cursor` (`2026-06-01T08:00:00`), with `Z`.
fn overlap(cursor: &str) -> String {
    chrono::NaiveDateTime::parse_from_str(cursor, "%Y-%m-%dT%H:%M:%S")
        .map(|t| {
            (t - chrono::Duration::seconds(OVERLAP_S))
                .format("%Y-%m-%dT%H:%M:%SZ")
                .to_string()
        })
        .unwrap_or_else(|_| "1970-01-01T00:00:00Z".into())
}

/// The newest `modified_gmt` among `posts` and `old`, never later than now (a post dated in the future by a
/// wrong clock must not move the cursor past changes still to come). The fixed format sorts as text.
fn newest(old: Option<String>, posts: &[Post]) -> Option<String> {
    let now = chrono::Utc::now().format("%Y-%m-%dT%H:%M:%S").to_string();
    posts
        .iter()
        .filter_map(|p| p.modified_gmt.clone())
        .chain(old)
        .max()
        .map(|newest| newest.min(now))
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
            .chain(users.values().map(|u| {
                format!(
                    "u{}\t{}\t{}\t{}\t{:?}",
                    u.id, u.slug, u.name, u.description, u.avatar_urls
                )
            }))
            .collect(),
    )
}

impl Cms for WordPress {
    fn origin(&self) -> &'static str {
        ORIGIN
    }

    fn base(&self) -> &str {
        &self.client.base
    }

    fn state_key(&self) -> String {
        self.key.clone()
    }

    fn requests(&self) -> usize {
        self.client.requests()
    }

    async fn read(&self, known: &Known, state: Option<&State>) -> Result<Read, SourceError> {
        self.read_site(known, state).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cursor_overlaps_by_an_hour_in_utc() {
        assert_eq!(overlap("2026-06-01T08:00:00"), "2026-06-01T07:00:00Z");
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
