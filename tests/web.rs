//! Browser tests (wasm-bindgen-test in headless Chromium): the body renderer for every block type, hostile
//! strings, and the response cache. Run with `cargo test -p broadsheet --target wasm32-unknown-unknown --test web`.
#![cfg(target_arch = "wasm32")]

use broadsheet::api::{self, FetchError};
use broadsheet::{cache, json};
use broadsheet_content::{Article, Block, Image, Inline, Video};
use broadsheet_views::blocks::Body;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn text(t: &str) -> Inline {
    Inline::Text { text: t.into() }
}

fn image(url: &str) -> Image {
    Image {
        url: url.into(),
        width: 1200,
        height: 675,
        alt: "A drawing of a bus".into(),
        caption: Some("The new route".into()),
        credit: Some("Illustration: Broadsheet".into()),
    }
}

/// Renders `blocks` into a fresh element and returns it.
fn render(blocks: Vec<Block>) -> web_sys::HtmlElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let host: web_sys::HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&host).unwrap();
    let handle = leptos::mount::mount_to(host.clone(), move || view! { <Body blocks=blocks/> });
    handle.forget();
    host
}

fn count(host: &web_sys::HtmlElement, selector: &str) -> u32 {
    host.query_selector_all(selector).unwrap().length()
}

#[wasm_bindgen_test]
fn every_block_type_renders_as_its_element() {
    let host = render(vec![
        Block::Paragraph {
            content: vec![
                text("Plain "),
                Inline::Emphasis {
                    content: vec![text("soft")],
                },
                Inline::Strong {
                    content: vec![text("loud")],
                },
                Inline::Break,
                Inline::Link {
                    href: "/housing/a-story".into(),
                    content: vec![text("inside")],
                },
            ],
        },
        Block::Heading {
            level: 2,
            content: vec![text("Second level")],
        },
        Block::Heading {
            level: 3,
            content: vec![text("Third level")],
        },
        Block::Quote {
            content: vec![text("We will act.")],
            attribution: Some("A leader".into()),
        },
        Block::PullQuote {
            text: "Big words".into(),
            attribution: None,
        },
        Block::List {
            ordered: true,
            items: vec![vec![text("one")], vec![text("two")]],
        },
        Block::List {
            ordered: false,
            items: vec![vec![text("dot")]],
        },
        Block::Image {
            image: image("/media/transport-1.svg"),
        },
        Block::Video {
            video: Video {
                title: "On the buses".into(),
                url: "https://video.example.org/watch/1".into(),
                duration: Some(184),
                poster: Some(image("/media/transport-2.svg")),
            },
        },
        Block::Unsupported,
    ]);
    assert_eq!(count(&host, "p em"), 1);
    assert_eq!(count(&host, "p strong"), 1);
    assert_eq!(count(&host, "p br"), 1);
    assert_eq!(
        host.query_selector("p a")
            .unwrap()
            .unwrap()
            .get_attribute("href")
            .as_deref(),
        Some("/housing/a-story")
    );
    assert_eq!(
        host.query_selector("h2")
            .unwrap()
            .unwrap()
            .text_content()
            .as_deref(),
        Some("Second level")
    );
    assert_eq!(count(&host, "h3"), 1);
    assert!(host
        .query_selector("figure.quote figcaption")
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap()
        .contains("A leader"));
    assert_eq!(
        host.query_selector(".pull-quote blockquote")
            .unwrap()
            .unwrap()
            .text_content()
            .as_deref(),
        Some("Big words")
    );
    assert_eq!(count(&host, "ol > li"), 2);
    assert_eq!(count(&host, "ul > li"), 1);
    let img = host.query_selector("figure.figure img").unwrap().unwrap();
    assert_eq!(
        img.get_attribute("alt").as_deref(),
        Some("A drawing of a bus")
    );
    assert_eq!(img.get_attribute("width").as_deref(), Some("1200"));
    let video_link = host
        .query_selector("figure.video figcaption a")
        .unwrap()
        .unwrap();
    assert_eq!(
        video_link.text_content().as_deref(),
        Some("Watch: On the buses (3:04)")
    );
    assert_eq!(
        video_link.get_attribute("rel").as_deref(),
        Some("noopener noreferrer")
    );
}

#[wasm_bindgen_test]
fn hostile_strings_stay_inert_text() {
    let host = render(vec![
        Block::Paragraph {
            content: vec![text(
                "<script>alert(1)</script><img src=x onerror=alert(2)>",
            )],
        },
        Block::Paragraph {
            content: vec![Inline::Link {
                href: "javascript:alert(3)".into(),
                content: vec![text("click me")],
            }],
        },
        Block::Paragraph {
            content: vec![Inline::Link {
                href: "https://example.org/report".into(),
                content: vec![text("report")],
            }],
        },
        Block::Image {
            image: image("javascript:alert(4)"),
        },
        Block::PullQuote {
            text: "<b>bold?</b>".into(),
            attribution: Some("<i>x</i>".into()),
        },
    ]);
    assert_eq!(count(&host, "script"), 0);
    assert_eq!(
        count(&host, "img"),
        0,
        "neither the text nor the javascript: image may become an img"
    );
    assert_eq!(count(&host, "b, i"), 0);
    assert!(host
        .text_content()
        .unwrap()
        .contains("<script>alert(1)</script><img src=x onerror=alert(2)>"));
    assert!(host.text_content().unwrap().contains("click me"));
    let links = host.query_selector_all("a").unwrap();
    assert_eq!(
        links.length(),
        1,
        "the javascript: link is dropped, its words kept"
    );
    let a: web_sys::Element = links.get(0).unwrap().unchecked_into();
    assert_eq!(
        a.get_attribute("href").as_deref(),
        Some("https://example.org/report")
    );
    assert_eq!(
        a.get_attribute("rel").as_deref(),
        Some("noopener noreferrer")
    );
}

#[wasm_bindgen_test]
fn cache_returns_what_was_stored_by_type() {
    let body = "[1,2,3]";
    cache::put("/api/v1/x", vec![1u32, 2, 3], cache::body_hash(body));
    assert_eq!(cache::get::<Vec<u32>>("/api/v1/x"), Some(vec![1, 2, 3]));
    assert_eq!(cache::get::<String>("/api/v1/x"), None);
    assert!(cache::same_body("/api/v1/x", cache::body_hash(body)));
    assert!(!cache::same_body("/api/v1/x", cache::body_hash("[1,2,4]")));
    for i in 0..cache::CAPACITY {
        cache::put(&format!("/fill/{i}"), i, 0);
    }
    assert_eq!(
        cache::get::<Vec<u32>>("/api/v1/x"),
        None,
        "old entries are evicted"
    );
    assert_eq!(cache::get::<usize>("/fill/99"), Some(99));
}

#[wasm_bindgen_test]
async fn unreachable_api_is_a_network_error_not_a_panic() {
    // Nothing listens on port 9 of loopback: the request fails at once.
    let result =
        api::get_url::<broadsheet_content::Sections>("http://127.0.0.1:9/api/v1/sections", None)
            .await;
    assert_eq!(result, Err(FetchError::Network));
}

#[wasm_bindgen_test]
fn text_that_is_not_the_contract_is_an_error_not_a_panic() {
    assert!(json::from_str::<Article>("{not json").is_err());
    assert!(json::from_str::<Article>("<html>").is_err());
    assert!(
        json::from_str::<Article>(r#"{"slug": "a-story"}"#).is_err(),
        "required fields missing"
    );
    assert!(
        json::from_str::<Vec<u32>>(r#"[1, -2]"#).is_err(),
        "a negative count"
    );
    assert!(
        json::from_str::<Vec<u32>>(r#"[1.5]"#).is_err(),
        "a fraction where a count goes"
    );
}
