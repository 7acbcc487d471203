//! Per-page document metadata: title, description, canonical link, Open Graph, JSON-LD.

use broadsheet_content::Article;
use leptos::prelude::*;
use leptos_meta::{Link, Meta, Script, Title};

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
) -> impl IntoView {
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
    view! {
        <Title text=full_title/>
        <Meta name="description" content=description.clone()/>
        <Link rel="canonical" href=url.clone()/>
        <Meta property="og:site_name" content=SITE/>
        <Meta property="og:type" content=og_type/>
        <Meta property="og:title" content=title/>
        <Meta property="og:description" content=description/>
        <Meta property="og:url" content=url/>
        {image.map(|i| view! { <Meta property="og:image" content=i/> })}
    }
}

/// The schema.org `NewsArticle` of an article, as JSON.
pub fn news_article_json(a: &Article, url: &str) -> String {
    let image: Vec<String> = a.image.iter().map(|i| i.url.clone()).collect();
    let author: Vec<serde_json::Value> = a
        .byline
        .iter()
        .map(|b| serde_json::json!({"@type": "Person", "name": b.name}))
        .collect();
    serde_json::json!({
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": a.headline,
        "description": a.standfirst,
        "datePublished": a.published,
        "dateModified": a.updated.as_deref().unwrap_or(&a.published),
        "articleSection": a.section.name,
        "keywords": a.tags,
        "image": image,
        "author": author,
        "mainEntityOfPage": url,
        "publisher": {"@type": "Organization", "name": SITE},
    })
    .to_string()
}

/// JSON-LD for an article. Inserted as a text node, never parsed as HTML.
#[component]
pub fn ArticleJsonLd(article: Article) -> impl IntoView {
    let url = format!("{}/{}/{}", origin(), article.section.slug, article.slug);
    view! { <Script type_="application/ld+json">{news_article_json(&article, &url)}</Script> }
}
