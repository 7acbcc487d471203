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
    set_attr(
        &document,
        "meta",
        "name",
        "description",
        "content",
        Some(&description),
    );
    set_attr(&document, "link", "rel", "canonical", "href", Some(&url));
    set_attr(
        &document,
        "meta",
        "property",
        "og:site_name",
        "content",
        Some(SITE),
    );
    set_attr(
        &document,
        "meta",
        "property",
        "og:type",
        "content",
        Some(og_type),
    );
    set_attr(
        &document,
        "meta",
        "property",
        "og:title",
        "content",
        Some(&title),
    );
    set_attr(
        &document,
        "meta",
        "property",
        "og:description",
        "content",
        Some(&description),
    );
    set_attr(
        &document,
        "meta",
        "property",
        "og:url",
        "content",
        Some(&url),
    );
    set_attr(
        &document,
        "meta",
        "property",
        "og:image",
        "content",
        image.as_deref(),
    );
}

/// Sets `attr` of the head's `<tag key_attr="key">` (made if missing) to `value`; `None` removes the tag.
/// `tag`, `key_attr` and `key` are this module's constants; values from the API only ever become attribute values.
fn set_attr(
    document: &web_sys::Document,
    tag: &str,
    key_attr: &str,
    key: &str,
    attr: &str,
    value: Option<&str>,
) {
    let existing = document
        .query_selector(&format!("head > {tag}[{key_attr}=\"{key}\"]"))
        .ok()
        .flatten();
    match (existing, value) {
        (Some(el), None) => el.remove(),
        (None, None) => {}
        (Some(el), Some(v)) => {
            let _ = el.set_attribute(attr, v);
        }
        (None, Some(v)) => {
            let Some(head) = document.head() else { return };
            let Ok(el) = document.create_element(tag) else {
                return;
            };
            let _ = el.set_attribute(key_attr, key);
            let _ = el.set_attribute(attr, v);
            let _ = head.append_child(&el);
        }
    }
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
    let script = document
        .query_selector("head > script[type=\"application/ld+json\"]")
        .ok()
        .flatten()
        .or_else(|| {
            let el = document.create_element("script").ok()?;
            el.set_attribute("type", "application/ld+json").ok()?;
            document.head()?.append_child(&el).ok()?;
            Some(el)
        });
    if let Some(script) = script {
        script.set_text_content(Some(&news_article_json(&article, &url)));
    }
    on_cleanup(move || {
        if JSON_LD.with(Cell::get) != generation {
            return;
        }
        if let Ok(Some(script)) = leptos::prelude::document()
            .query_selector("head > script[type=\"application/ld+json\"]")
        {
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
