//! Ghost as a content source: its Content API (`/ghost/api/content/`, with the site's Content API key) read into a
//! [`Batch`] of the contract's types for the one write path. docs/sources.md states the mapping; `map` holds it.
//!
//! As for WordPress, a read is **full** the first time and whenever the tags or authors changed; otherwise it is
//! **incremental**: posts updated since the cursor (`filter=updated_at:>'…'&order=updated_at asc`, an hour of
//! overlap, pages of 100), and every published id (`fields=id`) reconciled with the store, so a scheduled post
//! gone live is read. Removals are confirmed by asking for the candidates by id (`filter=id:[…]`); a post made
//! members-only or paid is removed when it is read. Any failed request, or a listing shorter than its
//! `pagination.total`, fails the read before anything is written.

pub mod map;
mod preview;
pub mod redirects;
pub mod wire;

use std::collections::{HashMap, HashSet};

use broadsheet_store::db::write::Batch;
use serde::de::DeserializeOwned;

use crate::mapping::Mapping;
use crate::remote::{site_address, Http, SourceError};
use crate::sync::{collect, digest, Cms, Known, Read, State};
pub use preview::AdminKey;
use wire::{Author, Id, Page, Pagination, Post, Tag};

/// The origin of Ghost articles in the store (`ghost:{post id}`).
pub const ORIGIN: &str = "ghost";
/// Where a site's read state is kept (`settings`), by site address.
const STATE_KEY: &str = "source:ghost:";
/// Posts a listing page holds (the Content API's largest page but `all`).
const LIMIT: u32 = 100;
/// A listing longer than this many pages is refused: a loop guard, not a limit of the site.
const MAX_PAGES: u32 = 100_000;
/// How far back of the cursor a read starts, in seconds (an hour, as for WordPress): posts read again unchanged
/// are not written again.
const OVERLAP_S: i64 = 3600;
/// The Content API version asked for (`Accept-Version`).
const API_VERSION: &str = "v5.0";

/// A Ghost site to read.
pub struct Ghost {
    http: Http,
    base: String,
    content_key: String,
    mapping: Mapping,
}

impl Ghost {
    /// `base` is the site's address; `content_key` a Content API key (Settings → Integrations).
    pub fn new(base: &str, content_key: &str, mapping: Mapping) -> Result<Ghost, SourceError> {
        if content_key.trim().is_empty() {
            return Err(SourceError::Config(
                "a Ghost Content API key is needed".into(),
            ));
        }
        Ok(Ghost {
            http: Http::new()?,
            base: site_address(base)?,
            content_key: content_key.trim().to_string(),
            mapping,
        })
    }

    /// Every item of a Content API listing (`path` under `/ghost/api/content/`), page by page.
    async fn all<T: DeserializeOwned>(
        &self,
        path: &str,
        query: &[(&str, String)],
    ) -> Result<Vec<T>, SourceError> {
        let mut out = Vec::new();
        let mut expected = 0;
        for page in 1..=MAX_PAGES {
            let mut url = url::Url::parse(&format!("{}/ghost/api/content/{path}/", self.base))
                .map_err(|e| SourceError::Config(format!("bad address for {path}: {e}")))?;
            url.query_pairs_mut()
                .append_pair("key", &self.content_key)
                .append_pair("limit", &LIMIT.to_string())
                .append_pair("page", &page.to_string())
                .extend_pairs(query);
            let version = crate::remote::Auth::Header {
                name: "accept-version",
                value: API_VERSION.into(),
            };
            let shown = format!("{}/ghost/api/content/{path}/", self.base);
            let (listing, _): (Page<T>, _) = self.http.get_json(url, Some(&version)).await?;
            let Pagination { pages, total, .. } = listing.meta.pagination;
            if page == 1 {
                expected = total;
            }
            let items = listing.take(path).ok_or_else(|| SourceError::Garbled {
                url: shown.clone(),
                message: format!("no “{path}” in the answer"),
            })?;
            out.extend(items);
            if page >= pages {
                break;
            }
        }
        // A page that shifted while the listing was read (a post deleted meanwhile) leaves it short: an error,
        // not a shorter site. Posts only: they are what removals are decided on, and Ghost's tag total counts
        // tags its listing leaves out (those with no published post).
        if path == "posts" && (out.len() as u64) < expected {
            return Err(SourceError::Garbled {
                url: format!("{}/ghost/api/content/{path}/", self.base),
                message: format!(
                    "the listing held {} of the {expected} it announced",
                    out.len()
                ),
            });
        }
        Ok(out)
    }

    async fn posts(&self, filter: Option<String>) -> Result<Vec<Post>, SourceError> {
        let mut q = vec![
            ("include", "tags,authors".to_string()),
            ("formats", "html".to_string()),
        ];
        if let Some(f) = filter {
            q.push(("filter", f));
            q.push(("order", "updated_at asc".to_string()));
        }
        self.all("posts", &q).await
    }

    /// The posts updated since `cursor`, and those the sweep finds (`Sweep`): with reconciliation, the published
    /// ones the store lacks; the ids the read treats as published.
    async fn changed(
        &self,
        cursor: &str,
        known: &Known,
    ) -> Result<(Vec<Post>, HashSet<String>), SourceError> {
        let since = chrono::DateTime::parse_from_rfc3339(cursor)
            .map(|t| (t - chrono::Duration::seconds(OVERLAP_S)).to_utc())
            .map_err(|e| {
                SourceError::Store(format!("the stored cursor {cursor} is not a time: {e}"))
            })?;
        let filter = format!("updated_at:>'{}'", since.format("%Y-%m-%d %H:%M:%S"));
        let mut posts = self.posts(Some(filter)).await?;
        let ids = match known.sweep.reconcile {
            true => Some(
                self.all::<Id>("posts", &[("fields", "id".into())])
                    .await?
                    .into_iter()
                    .map(|i| i.id)
                    .collect(),
            ),
            false => None,
        };
        let have: HashSet<String> = posts.iter().map(|p| p.id.clone()).collect();
        let (listed, missing) = known.sweep.listed(ids, &known.stored, &have);
        // Ghost's ids are 24 hex digits; anything else in the filter could change its meaning.
        let missing: Vec<&String> = missing
            .iter()
            .filter(|id| !id.is_empty() && id.bytes().all(|b| b.is_ascii_hexdigit()))
            .collect();
        for chunk in missing.chunks(LIMIT as usize) {
            let ids: Vec<&str> = chunk.iter().map(|s| s.as_str()).collect();
            posts.extend(self.posts(Some(format!("id:[{}]", ids.join(",")))).await?);
        }
        Ok((posts, listed))
    }

    /// Of `candidates` (stored posts a listing did not hold), those Ghost confirms are no longer published, asked
    /// for by id: a listing that missed a post removes nothing.
    async fn confirm_gone<'a>(
        &self,
        candidates: impl Iterator<Item = &'a String>,
    ) -> Result<Vec<String>, SourceError> {
        // Ghost's ids are 24 hex digits; anything else in the filter could change its meaning.
        let ids: Vec<&String> = candidates
            .filter(|id| !id.is_empty() && id.bytes().all(|b| b.is_ascii_hexdigit()))
            .collect();
        let mut gone = Vec::new();
        for chunk in ids.chunks(LIMIT as usize) {
            let list: Vec<&str> = chunk.iter().map(|s| s.as_str()).collect();
            let q = [
                ("filter", format!("id:[{}]", list.join(","))),
                ("fields", "id".into()),
            ];
            let still: HashSet<String> = self
                .all::<Id>("posts", &q)
                .await?
                .into_iter()
                .map(|i| i.id)
                .collect();
            gone.extend(
                chunk
                    .iter()
                    .filter(|id| !still.contains(**id))
                    .map(|id| (*id).clone()),
            );
        }
        gone.sort();
        Ok(gone)
    }

    /// Width and height of each post's feature image and each author's profile image, read from the file's first
    /// bytes.
    async fn sizes(&self, posts: &[Post], authors: &[Author]) -> HashMap<String, (u32, u32)> {
        let mut out = HashMap::new();
        let images = posts.iter().filter_map(|p| p.feature_image.as_deref());
        // Only the site's own: another host's photo is dropped before copying (`media::drop_foreign_photos`).
        let host = |u: &str| {
            url::Url::parse(u)
                .ok()
                .map(|u| u.host_str().map(str::to_string))
        };
        let photos = authors
            .iter()
            .filter_map(|a| a.profile_image.as_deref())
            .filter(|u| host(u).flatten().is_some() && host(u) == host(&self.base));
        for url in images.chain(photos) {
            if out.contains_key(url) {
                continue;
            }
            if let Some(size) = self.http.image_size(url).await {
                out.insert(url.to_string(), size);
            }
        }
        out
    }

    async fn read_site(&self, known: &Known, state: Option<&State>) -> Result<Read, SourceError> {
        let tags: Vec<Tag> = self.all("tags", &[]).await?;
        let authors: Vec<Author> = self.all("authors", &[]).await?;
        let people = digest(
            tags.iter()
                .map(|t| format!("t{}\t{}\t{}\t{:?}", t.id, t.slug, t.name, t.description))
                .chain(authors.iter().map(|a| {
                    format!(
                        "a{}\t{}\t{}\t{:?}\t{:?}",
                        a.id, a.slug, a.name, a.bio, a.profile_image
                    )
                }))
                .collect(),
        );
        let incremental = state.filter(|s| s.people == people && s.cursor.is_some());
        let (posts, listed) = match incremental.and_then(|s| s.cursor.as_deref()) {
            Some(cursor) => self.changed(cursor, known).await?,
            None => {
                let posts = self.posts(None).await?;
                let listed = posts.iter().map(|p| p.id.clone()).collect();
                (posts, listed)
            }
        };
        let gone = self.confirm_gone(known.stored.difference(&listed)).await?;
        let sizes = self.sizes(&posts, &authors).await;
        let lookup = map::Lookup {
            sections: &known.sections,
            mapping: &self.mapping,
            sizes: &sizes,
        };
        // Never later than now: a post dated ahead by a wrong clock must not move the cursor past changes to come.
        let now = chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string();
        let newest = posts
            .iter()
            .filter_map(|p| map::utc(p.updated_at.as_deref()))
            .chain(state.and_then(|s| s.cursor.clone()))
            .max()
            .map(|newest| newest.min(now));
        let mut read = Read {
            full: incremental.is_none(),
            batch: Batch {
                origin: ORIGIN.into(),
                authors: authors.iter().map(|a| map::author(a, &sizes)).collect(),
                topics: tags
                    .iter()
                    .filter(|t| t.visibility != "internal")
                    .map(map::topic)
                    .filter(|t| !t.slug.is_empty())
                    .collect(),
                removed: gone,
                people_complete: incremental.is_none(),
                ..Batch::default()
            },
            state: State {
                cursor: newest,
                people,
            },
            skipped: vec![],
            notes: vec![],
            sizes: Default::default(),
        };
        collect(
            &mut read,
            known,
            posts.iter().map(|p| {
                let name = format!("post {} ({})", p.id, p.slug);
                (p.id.clone(), name, map::entry(p, &lookup))
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
            .filter(|p| written.contains(p.id.as_str()))
            .collect();
        read.batch.redirects = redirects::of_site(&shown, &tags, &authors);
        Ok(read)
    }
}

impl Cms for Ghost {
    fn origin(&self) -> &'static str {
        ORIGIN
    }

    fn base(&self) -> &str {
        &self.base
    }

    fn state_key(&self) -> String {
        format!("{STATE_KEY}{}", self.base)
    }

    fn requests(&self) -> usize {
        self.http.requests()
    }

    async fn read(&self, known: &Known, state: Option<&State>) -> Result<Read, SourceError> {
        self.read_site(known, state).await
    }
}
