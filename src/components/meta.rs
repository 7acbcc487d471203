//! Per-page document metadata: title, description, canonical link, Open Graph, JSON-LD. Written into `<head>`
//! directly, one tag of each kind updated in place as pages change: a page's metadata is a handful of
//! attributes, and a head-management library cost 7 KB of brotli'd wasm for them.

use std::cell::Cell;

use broadsheet_content::Article;
use leptos::prelude::*;
use serde::Serialize;

/// The site's name, appended to page titles.
pub const SITE: &str = "Broadsheet";

fn origin() -> String {
    web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default()
}

/// Title, description, canonical URL and Open Graph tags for a page at `path`.
#[component]
pub fn PageMeta(
    title: String,
    description: String,
    path: String,
    #[prop(default = "website")] og_type: &'static str,
    #[prop(optional)] image: Option<String>,
) {
    let full_title = if title.is_empty() {
        SITE.to_string()
    } else {
        format!("{title} | {SITE}")
    };
    let url = format!("{}{}", origin(), path);
    let image = image.map(|i| {
        if i.starts_with('/') {
            format!("{}{}", origin(), i)
        } else {
            i
        }
    });
    let document = document();
    document.set_title(&full_title);
    let (description, url, title) = (
        Some(description.as_str()),
        Some(url.as_str()),
        Some(title.as_str()),
    );
    for (tag, key_attr, key, attr, value) in [
        ("meta", "name", "description", "content", description),
        ("link", "rel", "canonical", "href", url),
        ("meta", "property", "og:site_name", "content", Some(SITE)),
        ("meta", "property", "og:type", "content", Some(og_type)),
        ("meta", "property", "og:title", "content", title),
        ("meta", "property", "og:description", "content", description),
        ("meta", "property", "og:url", "content", url),
        ("meta", "property", "og:image", "content", image.as_deref()),
    ] {
        // Set where there is a value (making the tag if need be); removed where there is none.
        match (
            head_tag(&document, tag, key_attr, key, value.is_some()),
            value,
        ) {
            (Some(el), Some(v)) => {
                let _ = el.set_attribute(attr, v);
            }
            (Some(el), None) => el.remove(),
            (None, _) => {}
        }
    }
}

/// The head's `<tag key_attr="key">`, made (and added to the head) if missing and `make`. `tag`, `key_attr` and
/// `key` are this module's constants; text from the API only ever becomes attribute values or script text.
fn head_tag(
    document: &web_sys::Document,
    tag: &str,
    key_attr: &str,
    key: &str,
    make: bool,
) -> Option<web_sys::Element> {
    let selector = format!("head > {tag}[{key_attr}=\"{key}\"]");
    if let Ok(Some(el)) = document.query_selector(&selector) {
        return Some(el);
    }
    if !make {
        return None;
    }
    let el = document.create_element(tag).ok()?;
    el.set_attribute(key_attr, key).ok()?;
    document.head()?.append_child(&el).ok()?;
    Some(el)
}

/// A schema.org thing with a name (`Person`, `Organization`).
#[derive(Serialize)]
struct Named<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
}

/// The schema.org `NewsArticle` fields search engines read, as typed data (no JSON value tree in the wasm).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct NewsArticle<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    headline: &'a str,
    description: &'a str,
    date_published: &'a str,
    date_modified: &'a str,
    article_section: &'a str,
    keywords: &'a [String],
    image: Vec<&'a str>,
    author: Vec<Named<'a>>,
    main_entity_of_page: &'a str,
    publisher: Named<'static>,
}

/// The schema.org `NewsArticle` of an article, as JSON.
pub fn news_article_json(a: &Article, url: &str) -> String {
    let ld = NewsArticle {
        context: "https://schema.org",
        kind: "NewsArticle",
        headline: &a.headline,
        description: &a.standfirst,
        date_published: &a.published,
        date_modified: a.updated.as_deref().unwrap_or(&a.published),
        article_section: &a.section.name,
        keywords: &a.tags,
        image: a.image.iter().map(|i| i.url.as_str()).collect(),
        author: a
            .byline
            .iter()
            .map(|b| Named {
                kind: "Person",
                name: &b.name,
            })
            .collect(),
        main_entity_of_page: url,
        publisher: Named {
            kind: "Organization",
            name: SITE,
        },
    };
    serde_json::to_string(&ld).unwrap_or_default()
}

thread_local! {
    /// Which article's JSON-LD is in the head: the page that leaves removes it only if no later one replaced it.
    static JSON_LD: Cell<u32> = const { Cell::new(0) };
}

/// JSON-LD for an article, in the head while its page is shown. Set as the script's text, never parsed as HTML.
#[component]
pub fn ArticleJsonLd(article: Article) {
    let url = format!("{}/{}/{}", origin(), article.section.slug, article.slug);
    let document = document();
    let generation = JSON_LD.with(|g| {
        g.set(g.get().wrapping_add(1));
        g.get()
    });
    let script = head_tag(&document, "script", "type", "application/ld+json", true);
    if let Some(script) = script {
        script.set_text_content(Some(&news_article_json(&article, &url)));
    }
    on_cleanup(move || {
        if JSON_LD.with(Cell::get) != generation {
            return;
        }
        if let Some(script) = head_tag(
            &leptos::prelude::document(),
            "script",
            "type",
            "application/ld+json",
            false,
        ) {
            script.remove();
        }
    });
}

#[cfg(test)]
mod tests {
    use super::news_article_json;

    #[test]
    fn news_article_has_the_fields_search_engines_read() -> Result<(), serde_json::Error> {
        let article: broadsheet_content::Article = serde_json::from_str(
            r#"{"section": {"slug": "housing", "name": "Housing"}, "slug": "a-story", "kind": "news",
                "headline": "Councils \"build\" </script> homes", "standfirst": "Why", "published": "2026-05-04T08:20:00Z",
                "byline": {"name": "Ada Byline"}, "image": {"url": "/media/a.svg", "width": 4, "height": 3, "alt": ""},
                "tags": ["homes"], "body": [], "comments_open": true, "comment_count": 0}"#,
        )?;
        let ld: serde_json::Value =
            serde_json::from_str(&news_article_json(&article, "https://example.org/a/b"))?;
        assert_eq!(ld["@context"], "https://schema.org");
        assert_eq!(ld["@type"], "NewsArticle");
        assert_eq!(ld["headline"], article.headline.as_str());
        assert_eq!(ld["datePublished"], article.published.as_str());
        assert_eq!(ld["mainEntityOfPage"], "https://example.org/a/b");
        assert_eq!(ld["publisher"]["@type"], "Organization");
        assert_eq!(ld["author"][0]["@type"], "Person");
        assert_eq!(ld["dateModified"], "2026-05-04T08:20:00Z");
        assert_eq!(ld["articleSection"], "Housing");
        assert_eq!(ld["keywords"][0], "homes");
        assert_eq!(ld["image"][0], "/media/a.svg");
        assert_eq!(ld["author"][0]["name"], "Ada Byline");
        Ok(())
    }
}
