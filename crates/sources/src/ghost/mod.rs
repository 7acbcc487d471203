//! Ghost as a content source: its Content API (`/ghost/api/content/`, with the site's Content API key) read into a
//! [`Batch`] of the contract's types for the one write path. docs/sources.md states the mapping; `map` holds it.
//!
//! As for WordPress, a read is **full** the first time and whenever the tags or authors changed; otherwise it is
//! **incremental**: posts updated since the cursor (`filter=updated_at:>'…'&order=updated_at asc`, one second of
//! overlap, pages of 100), and every published id (`fields=id`) reconciled with the store, so a scheduled post
//! gone live is read and an unpublished or deleted one removed. Any failed request fails the read before anything
//! is written.

pub mod map;
mod preview;
pub mod redirects;
pub mod wire;

use std::collections::{HashMap, HashSet};

use broadsheet_store::db::write::Batch;
use serde::de::DeserializeOwned;

use crate::mapping::Mapping;
use crate::remote::{site_address, Http, SourceError};
use crate::sync::{digest, Cms, Known, Read, State};
pub use preview::AdminKey;
use wire::{Author, Id, Page, Post, Tag};

/// The origin of Ghost articles in the store (`ghost:{post id}`).
pub const ORIGIN: &str = "ghost";
/// Where a site's read state is kept (`settings`), by site address.
const STATE_KEY: &str = "source:ghost:";
/// Posts a listing page holds (the Content API's largest page but `all`).
const LIMIT: u32 = 100;
/// A listing longer than this many pages is refused: a loop guard, not a limit of the site.
const MAX_PAGES: u32 = 100_000;
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
            let pages = listing.meta.pagination.pages;
            let items = listing.take(path).ok_or_else(|| SourceError::Garbled {
                url: shown,
                message: format!("no “{path}” in the answer"),
            })?;
            out.extend(items);
            if page >= pages {
                break;
            }
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

    /// The posts updated since `cursor` and the published ones the store lacks; the stored ids no longer
    /// published.
    async fn changed(
        &self,
        cursor: &str,
        stored: &HashSet<String>,
    ) -> Result<(Vec<Post>, Vec<String>), SourceError> {
        let since = chrono::DateTime::parse_from_rfc3339(cursor)
            .map(|t| (t - chrono::Duration::seconds(1)).to_utc())
            .map_err(|e| {
                SourceError::Store(format!("the stored cursor {cursor} is not a time: {e}"))
            })?;
        let filter = format!("updated_at:>'{}'", since.format("%Y-%m-%d %H:%M:%S"));
        let mut posts = self.posts(Some(filter)).await?;
        let ids: Vec<Id> = self.all("posts", &[("fields", "id".into())]).await?;
        let listed: HashSet<String> = ids.into_iter().map(|i| i.id).collect();
        let have: HashSet<String> = posts.iter().map(|p| p.id.clone()).collect();
        let missing: Vec<&String> = listed
            .iter()
            .filter(|id| !stored.contains(*id) && !have.contains(*id))
            .collect();
        for chunk in missing.chunks(LIMIT as usize) {
            let ids: Vec<&str> = chunk.iter().map(|s| s.as_str()).collect();
            posts.extend(self.posts(Some(format!("id:[{}]", ids.join(",")))).await?);
        }
        let mut removed: Vec<String> = stored.difference(&listed).cloned().collect();
        removed.sort();
        Ok((posts, removed))
    }

    /// Width and height of each post's feature image, read from the file's first bytes.
    async fn sizes(&self, posts: &[Post]) -> HashMap<String, (u32, u32)> {
        let mut out = HashMap::new();
        for url in posts.iter().filter_map(|p| p.feature_image.as_deref()) {
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
                .chain(
                    authors
                        .iter()
                        .map(|a| format!("a{}\t{}\t{}\t{:?}", a.id, a.slug, a.name, a.bio)),
                )
                .collect(),
        );
        let incremental = state.filter(|s| s.people == people && s.cursor.is_some());
        let (posts, removed) = match incremental.and_then(|s| s.cursor.as_deref()) {
            Some(cursor) => self.changed(cursor, &known.stored).await?,
            None => (self.posts(None).await?, vec![]),
        };
        let sizes = self.sizes(&posts).await;
        let lookup = map::Lookup {
            sections: &known.sections,
            mapping: &self.mapping,
            sizes: &sizes,
        };
        let newest = posts
            .iter()
            .filter_map(|p| map::utc(p.updated_at.as_deref()))
            .chain(state.and_then(|s| s.cursor.clone()))
            .max();
        let mut read = Read {
            batch: Batch {
                origin: ORIGIN.into(),
                authors: authors.iter().map(map::author).collect(),
                topics: tags
                    .iter()
                    .filter(|t| t.visibility != "internal")
                    .map(map::topic)
                    .filter(|t| !t.slug.is_empty())
                    .collect(),
                complete: incremental.is_none(),
                removed,
                ..Batch::default()
            },
            state: State {
                cursor: newest,
                people,
            },
            skipped: vec![],
            notes: vec![],
            requests: 0,
        };
        let mut seen = HashSet::new();
        let mut written = Vec::new();
        for post in &posts {
            if !seen.insert(post.id.clone()) {
                continue;
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
        read.batch.redirects = redirects::of_site(&written, &tags, &authors);
        Ok(read)
    }
}

impl Cms for Ghost {
    fn origin(&self) -> &'static str {
        ORIGIN
    }

    fn state_key(&self) -> String {
        format!("{STATE_KEY}{}", self.base)
    }

    async fn read(&self, known: &Known, state: Option<&State>) -> Result<Read, SourceError> {
        let before = self.http.requests();
        let mut read = self.read_site(known, state).await?;
        read.requests = self.http.requests() - before;
        Ok(read)
    }
}
