//! What WordPress's REST API (`/wp-json/wp/v2/`) answers, as far as Broadsheet reads it. Every field has a
//! default, so a plugin that removes one (or a site that answers an older shape) costs that field, not the post.
//! Shapes: <https://developer.wordpress.org/rest-api/reference/posts/>, `…/categories/`, `…/tags/`, `…/users/`,
//! `…/media/`.

use std::collections::BTreeMap;

use serde::Deserialize;

/// `{"rendered": "…"}`: HTML with entities encoded (`&#8217;`, `&#038;`), as WordPress renders a field.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct Rendered {
    pub rendered: String,
    /// True for the content and excerpt of a password-protected post.
    pub protected: bool,
}

/// A post (`/wp/v2/posts`).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct Post {
    pub id: u64,
    /// The publication time in UTC without a zone: `2026-06-01T08:00:00`.
    pub date_gmt: Option<String>,
    /// The last change in UTC without a zone.
    pub modified_gmt: Option<String>,
    pub slug: String,
    /// `publish`, `future`, `draft`, `pending`, `private` (`trash` with `status=trash`).
    pub status: String,
    pub link: String,
    pub title: Rendered,
    pub excerpt: Rendered,
    pub content: Rendered,
    /// The user id of the author.
    pub author: u64,
    /// The attachment id of the featured image, 0 for none.
    pub featured_media: u64,
    /// `open` or `closed`.
    pub comment_status: String,
    pub sticky: bool,
    /// Category ids, in the order the site lists them.
    pub categories: Vec<u64>,
    pub tags: Vec<u64>,
}

/// `{"id": 3}` from a listing asked with `_fields=id`.
#[derive(Debug, Clone, Copy, Default, Deserialize)]
#[serde(default)]
pub struct Id {
    pub id: u64,
}

/// A category or a tag (`/wp/v2/categories`, `/wp/v2/tags`): its name is entity-encoded.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct Term {
    pub id: u64,
    pub name: String,
    pub slug: String,
    pub description: String,
    /// The archive's address on the WordPress site (`https://…/category/news/`).
    pub link: String,
}

/// A user with published posts (`/wp/v2/users`): anonymous readers see name, slug, description and avatars.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct User {
    pub id: u64,
    pub name: String,
    pub slug: String,
    pub description: String,
    /// The author archive's address on the WordPress site.
    pub link: String,
    /// Gravatar URLs by pixel size (`"96": "https://…"`).
    pub avatar_urls: BTreeMap<String, String>,
}

/// An attachment (`/wp/v2/media`).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct Media {
    pub id: u64,
    pub source_url: String,
    pub alt_text: String,
    pub caption: Rendered,
    pub media_details: MediaDetails,
}

/// The original's size and the sizes WordPress made of it (`thumbnail`, `medium`, `medium_large`, `large`, …).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct MediaDetails {
    pub width: u32,
    pub height: u32,
    pub sizes: BTreeMap<String, Size>,
}

/// One size of an image, in pixels.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct Size {
    pub source_url: String,
    pub width: u32,
    pub height: u32,
}
