//! Every URL-typed field of every API type, set to a hostile URL, and every view rendered: no attribute of the
//! HTML (links, image sources, meta tags) and no JSON-LD carries it. The safe-URL rule is
//! `broadsheet_content::safe_href`; the app renders these same views in the browser.

use broadsheet_content::{Article, FrontPage, Listing, Page, Rail, Section, Teaser};
use broadsheet_views::article::ArticleView;
use broadsheet_views::frame::Masthead;
use broadsheet_views::head::{Head, HeadTags, Site};
use broadsheet_views::listing::{FrontView, ListingView};
use broadsheet_views::rails::RailList;
use broadsheet_views::widget::{WidgetShows, WidgetView};
use leptos::prelude::*;
use serde_json::{json, Value};

/// URLs that must never reach an attribute: script schemes in their disguises, data URLs, and addresses that
/// leave the site while looking site-relative.
const HOSTILE: &[&str] = &[
    "javascript:alert(1)",
    " JaVaScRiPt:alert(1)",
    "java\tscript:alert(1)",
    "\u{1}javascript:alert(1)",
    "vbscript:msgbox(1)",
    "data:text/html,<script>alert(1)</script>",
    "//evil.example/x.png",
    "/\\evil.example/x.png",
];

/// Keys whose values are URLs or become part of one (slugs make paths), and ids, which become attributes.
const URL_KEYS: &[&str] = &["url", "href", "link", "slug", "poster", "id"];

fn teaser() -> Value {
    json!({
        "section": {"slug": "housing", "name": "Housing"},
        "slug": "a-story", "kind": "news", "headline": "A story", "standfirst": "S",
        "byline": "A Writer", "published": "2026-11-20T09:00:00Z",
        "image": {"url": "/media/a.png", "width": 600, "height": 400, "alt": "A"}
    })
}

fn article() -> Value {
    let image = json!({"url": "/media/a.png", "width": 1200, "height": 675, "alt": "A", "caption": "C", "credit": "D"});
    json!({
        "section": {"slug": "housing", "name": "Housing"}, "slug": "a-story", "kind": "feature",
        "headline": "H", "standfirst": "S", "byline": {"name": "N", "role": "R"},
        "published": "2026-11-20T09:00:00Z", "updated": "2026-11-21T09:00:00Z", "image": image,
        "tags": ["t"], "comments_open": true, "comment_count": 0, "related": [teaser()],
        "body": [
            {"type": "paragraph", "content": [
                {"type": "link", "href": "https://example.org", "content": [{"type": "text", "text": "x"}]},
                {"type": "emphasis", "content": [
                    {"type": "link", "href": "/housing", "content": [{"type": "text", "text": "y"}]}]}
            ]},
            {"type": "image", "image": image},
            {"type": "video", "video": {"title": "V", "url": "https://video.example/1", "duration": 60, "poster": image}},
            {"type": "list", "ordered": false, "items": [[{"type": "link", "href": "mailto:a@b.example", "content": []}]]}
        ]
    })
}

fn listing() -> Value {
    json!({
        "title": "Housing", "description": "D", "section": {"slug": "housing", "name": "Housing"},
        "articles": [teaser(), teaser()],
        "meta": {"page": 2, "limit": 2, "pages": 3, "total": 6, "next": 3, "prev": 1}
    })
}

fn front() -> Value {
    json!({
        "top_stories": [teaser()],
        "sections": [{"section": {"slug": "housing", "name": "Housing", "description": "D"}, "articles": [teaser()]}]
    })
}

fn rails() -> Value {
    json!([{"id": "latest", "title": "Latest", "link": "/latest", "link_label": "More", "items": [teaser(), teaser()]}])
}

/// `value` with every string under a URL key set to `url`; how many were set is added to `count`.
fn poison(value: &Value, url: &str, count: &mut usize) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(k, v)| {
                    let v = if URL_KEYS.contains(&k.as_str()) && v.is_string() {
                        *count += 1;
                        Value::String(url.to_string())
                    } else {
                        poison(v, url, count)
                    };
                    (k.clone(), v)
                })
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(|v| poison(v, url, count)).collect()),
        other => other.clone(),
    }
}

fn html(render: impl FnOnce() -> String) -> String {
    Owner::new().with(render)
}

/// Every piece of HTML the views make from data that is hostile everywhere a URL goes.
fn rendered(url: &str) -> Vec<String> {
    let mut count = 0;
    let a: Article = serde_json::from_value(poison(&article(), url, &mut count)).unwrap();
    let l: Listing = serde_json::from_value(poison(&listing(), url, &mut count)).unwrap();
    let f: FrontPage = serde_json::from_value(poison(&front(), url, &mut count)).unwrap();
    let r: Vec<Rail> = serde_json::from_value(poison(&rails(), url, &mut count)).unwrap();
    let sections: Vec<Section> = f.sections.iter().map(|b| b.section.clone()).collect();
    let teasers: Vec<Teaser> = l.articles.clone();
    assert!(count >= 30, "only {count} URL fields were poisoned");
    let site = Site::new("https://news.example");
    let page = Page::Section {
        section: "housing".into(),
        page: 2,
    };
    let section = sections[0].clone();
    vec![
        html({
            let a = a.clone();
            move || view! { <ArticleView article=a/> }.to_html()
        }),
        html({
            let (l, page) = (l.clone(), page.clone());
            move || view! { <ListingView listing=l page=page/> }.to_html()
        }),
        html({
            let f = f.clone();
            move || view! { <FrontView front=f/> }.to_html()
        }),
        html(move || view! { <RailList rails=r/> }.to_html()),
        html(move || {
            view! { <Masthead sections=Signal::stored(sections) current=Signal::stored(None::<String>)/> }
                .to_html()
        }),
        html(move || {
            let shows = WidgetShows {
                images: true,
                dates: true,
                standfirst: true,
                most_read: false,
            };
            view! { <WidgetView section=section teasers=teasers shows=shows theme="auto" oembed="/o".to_string()/> }
                .to_html()
        }),
        html({
            let head = Head::article(&site, &a);
            move || view! { <HeadTags head=head/> }.to_html()
        }),
        html({
            let head = Head::listing(&site, &page, &l);
            move || view! { <HeadTags head=head/> }.to_html()
        }),
        html({
            let head = Head::front(&site, &f);
            move || view! { <HeadTags head=head/> }.to_html()
        }),
    ]
}

/// What a browser would make of a URL's start: ASCII white space and controls removed, lower case.
fn normalised(value: &str) -> String {
    value
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase()
}

fn leaks(value: &str) -> bool {
    let v = normalised(value);
    v.contains("javascript:")
        || v.contains("vbscript:")
        || v.starts_with("data:")
        || v.contains("evil.example")
}

#[test]
fn no_hostile_url_reaches_an_attribute_or_json_ld() {
    for url in HOSTILE {
        for page in rendered(url) {
            let doc = scraper::Html::parse_fragment(&page);
            let mut attributes = 0;
            for element in doc
                .root_element()
                .descendants()
                .filter_map(scraper::ElementRef::wrap)
            {
                for (name, value) in element.value().attrs() {
                    attributes += 1;
                    assert!(
                        !leaks(value),
                        "{url:?} reached {name}=\"{value}\" in {page}"
                    );
                }
                if element.value().attr("type") == Some("application/ld+json") {
                    let text: String = element.text().collect();
                    assert!(!leaks(&text), "{url:?} reached JSON-LD: {text}");
                }
            }
            assert!(attributes > 5, "nothing rendered: {page}");
        }
    }
}

#[test]
fn the_same_fields_with_safe_urls_are_rendered() {
    // The check above does not pass because nothing is rendered: with safe URLs, the links and images are there.
    let pages = rendered("/media/safe.png").join("\n");
    assert!(pages.contains("src=\"/media/safe.png\""), "{pages}");
    assert!(pages.contains("href=\"/media/safe.png\""), "{pages}");
}
