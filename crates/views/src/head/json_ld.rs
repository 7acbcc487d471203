//! JSON-LD for the heads: schema.org types as Rust structs, written with serde, never by string building.

use serde::Serialize;

use super::{Site, LOGO_PATH, LOGO_SIZE, SITE_NAME};

pub(super) const CONTEXT: &str = "https://schema.org";

/// JSON text safe inside `<script>`: `<`, `>` and `&` as JSON escapes, so no `</script>` or comment can form.
///
/// Written by the server only: in the browser (wasm32) it is empty, and [`super::Head::tags`] leaves empty
/// JSON-LD out. Its readers (search engines, link previews) fetch each address and read the server's HTML; none
/// reads a head the app rewrote after a client-side navigation, where the app removes the previous page's JSON-LD
/// with its other tags. Leaving the writer out of the wasm saves 1.8 KB brotli of the first visit.
#[cfg(not(target_arch = "wasm32"))]
pub fn ld<T: Serialize>(thing: &T) -> String {
    serde_json::to_string(thing)
        .unwrap_or_default()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

/// In the browser: nothing (see the server's `ld`).
#[cfg(target_arch = "wasm32")]
pub fn ld<T: Serialize>(_thing: &T) -> String {
    String::new()
}

/// A page's JSON-LD scripts, `make`'s on the server; in the browser none, and `make` is not called, so the
/// structures it would fill are not in the wasm either (see [`ld`]).
#[cfg(not(target_arch = "wasm32"))]
pub(super) fn written(make: impl FnOnce() -> Vec<String>) -> Vec<String> {
    make()
}

/// In the browser: none (see the server's `written`).
#[cfg(target_arch = "wasm32")]
pub(super) fn written(_make: impl FnOnce() -> Vec<String>) -> Vec<String> {
    Vec::new()
}

pub(super) fn organization(site: &Site) -> Organization {
    Organization {
        kind: "Organization",
        name: SITE_NAME,
        url: format!("{}/", site.origin),
        logo: ImageObject {
            kind: "ImageObject",
            url: format!("{}{LOGO_PATH}", site.origin),
            width: LOGO_SIZE,
            height: LOGO_SIZE,
        },
    }
}

#[derive(Serialize)]
pub(super) struct WithContext<T> {
    #[serde(rename = "@context")]
    pub(super) context: &'static str,
    #[serde(flatten)]
    pub(super) thing: T,
}

#[derive(Serialize)]
pub(super) struct ImageObject {
    #[serde(rename = "@type")]
    pub(super) kind: &'static str,
    pub(super) url: String,
    pub(super) width: u32,
    pub(super) height: u32,
}

#[derive(Serialize)]
pub(super) struct Organization {
    #[serde(rename = "@type")]
    pub(super) kind: &'static str,
    pub(super) name: &'static str,
    pub(super) url: String,
    pub(super) logo: ImageObject,
}

#[derive(Serialize, Default)]
#[serde(rename_all = "camelCase")]
pub(super) struct Person<'a> {
    #[serde(rename = "@type")]
    pub(super) kind: &'static str,
    pub(super) name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) job_title: Option<&'a str>,
    /// The author's page, absolute.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) description: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) image: Option<String>,
    /// Their profiles elsewhere.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(super) same_as: Vec<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct ProfilePage<'a> {
    #[serde(rename = "@context")]
    pub(super) context: &'static str,
    #[serde(rename = "@type")]
    pub(super) kind: &'static str,
    pub(super) url: &'a str,
    pub(super) main_entity: Person<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct WebSite<'a> {
    #[serde(rename = "@context")]
    pub(super) context: &'static str,
    #[serde(rename = "@type")]
    pub(super) kind: &'static str,
    pub(super) name: &'static str,
    pub(super) description: &'static str,
    pub(super) url: &'a str,
    pub(super) in_language: &'static str,
    pub(super) publisher: Organization,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct NewsArticle<'a> {
    #[serde(rename = "@context")]
    pub(super) context: &'static str,
    #[serde(rename = "@type")]
    pub(super) kind: &'static str,
    pub(super) headline: &'a str,
    pub(super) description: &'a str,
    pub(super) image: Vec<String>,
    pub(super) date_published: &'a str,
    pub(super) date_modified: &'a str,
    pub(super) author: Vec<Person<'a>>,
    pub(super) publisher: Organization,
    pub(super) main_entity_of_page: &'a str,
    pub(super) article_section: &'a str,
    pub(super) keywords: Vec<&'a str>,
    /// A live blog's (`LiveBlogPosting`): when its coverage began and ended.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) coverage_start_time: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) coverage_end_time: Option<&'a str>,
    /// A live blog's posts on this page, each with its own headline and address (as the BBC's Simorgh does).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(super) live_blog_update: Vec<BlogPosting>,
}

/// One post of a live blog (`LiveBlogPosting.liveBlogUpdate`).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct BlogPosting {
    #[serde(rename = "@type")]
    pub(super) kind: &'static str,
    pub(super) headline: String,
    /// The start of its text (`broadsheet_content::live::SUMMARY_CHARS`).
    pub(super) article_body: String,
    pub(super) date_published: String,
    pub(super) date_modified: String,
    /// Its permalink: the canonical address's `?page=with:{id}#post-{id}`, which stays good as posts arrive.
    pub(super) url: String,
}

/// The `BlogPosting` of `post` in the blog at `canonical`.
pub(super) fn blog_posting(
    canonical: &str,
    post: &broadsheet_content::live::LivePost,
) -> BlogPosting {
    use broadsheet_content::live::{summary, SUMMARY_CHARS};
    BlogPosting {
        kind: "BlogPosting",
        headline: broadsheet_content::live::key_event(post).title,
        article_body: summary(post, SUMMARY_CHARS),
        date_published: post.published.clone(),
        date_modified: post
            .updated
            .clone()
            .unwrap_or_else(|| post.published.clone()),
        url: broadsheet_content::live::post_href(canonical, &post.id),
    }
}

#[derive(Serialize)]
pub(super) struct ListItem<'a> {
    #[serde(rename = "@type")]
    pub(super) kind: &'static str,
    pub(super) position: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) name: Option<&'a str>,
    pub(super) item: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct BreadcrumbList<'a> {
    #[serde(rename = "@context")]
    pub(super) context: &'static str,
    #[serde(rename = "@type")]
    pub(super) kind: &'static str,
    pub(super) item_list_element: Vec<ListItem<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct ItemList<'a> {
    #[serde(rename = "@type")]
    pub(super) kind: &'static str,
    pub(super) item_list_element: Vec<ListItem<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct CollectionPage<'a> {
    #[serde(rename = "@context")]
    pub(super) context: &'static str,
    #[serde(rename = "@type")]
    pub(super) kind: &'static str,
    pub(super) name: &'a str,
    pub(super) description: &'a str,
    pub(super) url: &'a str,
    pub(super) main_entity: ItemList<'a>,
}
