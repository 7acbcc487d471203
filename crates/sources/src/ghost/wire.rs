//! What Ghost's Content API (`/ghost/api/content/`, version 5) answers, as far as Broadsheet reads it. Every field
//! has a default, so a field a later Ghost removes costs that field, not the post.
//! Shapes: <https://ghost.org/docs/content-api/#posts>, `#tags`, `#authors`, `#pagination`.

use serde::Deserialize;

/// A post, asked with `include=tags,authors&formats=html`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct Post {
    pub id: String,
    /// The post's lasting id (its preview address is by it).
    pub uuid: String,
    pub title: String,
    pub slug: String,
    /// `published`, `draft`, `scheduled`, `sent` (the Admin API's; the Content API lists published posts only).
    pub status: String,
    /// The rendered body; empty (or cut at the paywall) for members-only and paid posts.
    pub html: Option<String>,
    pub feature_image: Option<String>,
    pub feature_image_alt: Option<String>,
    /// HTML.
    pub feature_image_caption: Option<String>,
    pub featured: bool,
    /// `public`, `members`, `paid` or `tiers`.
    pub visibility: String,
    pub custom_excerpt: Option<String>,
    /// ISO 8601 with an offset: `2026-06-01T08:00:00.000+00:00`.
    pub published_at: Option<String>,
    pub updated_at: Option<String>,
    /// The post's address on the Ghost site.
    pub url: String,
    /// Public and internal tags; the first is the primary tag.
    pub tags: Vec<Tag>,
    pub authors: Vec<Author>,
}

/// A tag: `internal` ones (named `#…`) organise the newsroom's work and are never shown.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct Tag {
    pub id: String,
    pub name: String,
    pub slug: String,
    pub description: Option<String>,
    /// `public` or `internal`.
    pub visibility: String,
    pub url: String,
}

/// A staff user with posts.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct Author {
    pub id: String,
    pub name: String,
    pub slug: String,
    pub bio: Option<String>,
    pub profile_image: Option<String>,
    pub url: String,
}

/// A listing page: `{"posts": […], "meta": {"pagination": {…}}}` (or `tags`, `authors`). The list asked for
/// must be there: an answer without it is garbage, not an empty site (or every stored post would be removed).
#[derive(Debug, Clone, Deserialize)]
pub struct Page<T> {
    pub posts: Option<Vec<T>>,
    pub tags: Option<Vec<T>>,
    pub authors: Option<Vec<T>>,
    pub meta: Meta,
}

impl<T> Page<T> {
    /// The list named `resource` (`posts`, `tags`, `authors`), if the answer has it.
    pub fn take(self, resource: &str) -> Option<Vec<T>> {
        match resource {
            "posts" => self.posts,
            "tags" => self.tags,
            "authors" => self.authors,
            _ => None,
        }
    }
}

/// Required: a listing without its pagination cannot be known to be whole.
#[derive(Debug, Clone, Deserialize)]
pub struct Meta {
    pub pagination: Pagination,
}

/// `pages` is how many pages the listing has at this `limit`, `total` how many items.
#[derive(Debug, Clone, Deserialize)]
pub struct Pagination {
    pub page: u32,
    pub pages: u32,
    pub total: u64,
}

/// `{"id": "…"}` from a listing asked with `fields=id`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct Id {
    pub id: String,
}
