//! One answer per page: a first paint shows what the content API answers at the path the app asks for that page
//! (`Page::api_path`), for every kind of page (run on both stores by `scripts/test.sh`).

use crate::common;

use broadsheet_content::Page;
use common::{client, get_page, start};
use scraper::{Html, Selector};

/// Every kind of page that shows an answer of the API.
const PAGES: [&str; 12] = [
    "/",
    "/housing",
    "/housing?page=2",
    "/latest",
    "/kinds/interview",
    "/housing/long-road-out-of-temporary-accommodation",
    "/topics/council-housing",
    "/authors/amira-said",
    "/search?q=bus+franchising",
    "/search?q=council&section=housing&sort=date",
    "/search?q=%22temporary+accommodation%22+-london",
    "/search?q=zzzzqqq",
];

/// The article links of the page's main column, in order.
fn main_links(doc: &Html) -> Vec<String> {
    let sel = Selector::parse("main a[href]").unwrap();
    doc.select(&sel)
        .filter_map(|a| a.value().attr("href").map(str::to_string))
        .collect()
}

/// The address of every article an API answer shows in the first paint (`/{section}/{slug}` of each object with
/// a headline; an article's related articles are the app's, below the first paint).
fn answer_articles(v: &serde_json::Value, out: &mut Vec<String>) {
    match v {
        serde_json::Value::Object(o) => {
            if let (Some(slug), Some(section), Some(_)) = (
                o.get("slug").and_then(|s| s.as_str()),
                o.get("section").and_then(|s| s["slug"].as_str()),
                o.get("headline"),
            ) {
                out.push(format!("/{section}/{slug}"));
            }
            o.iter()
                .filter(|(k, _)| k.as_str() != "related")
                .for_each(|(_, v)| answer_articles(v, out));
        }
        serde_json::Value::Array(a) => a.iter().for_each(|v| answer_articles(v, out)),
        _ => {}
    }
}

/// The API path the app asks for the page at `address` (`/search?q=…`).
fn api_path(address: &str) -> String {
    let (path, query) = address.split_once('?').unwrap_or((address, ""));
    Page::parse(path, Some(query))
        .and_then(|p| p.api_path())
        .unwrap_or_else(|| panic!("{address} is a page with an answer"))
}

/// Asserts that the page's main column links to every article of the API's answer (an article's page, to every
/// article its answer names but itself).
fn shows_the_answer(page: &str, html: &str, api: &str) {
    let answer: serde_json::Value = serde_json::from_str(api).unwrap();
    let mut articles = Vec::new();
    answer_articles(&answer, &mut articles);
    // A page's heading is its answer's: an article's headline, a listing's title.
    let doc = Html::parse_document(html);
    let h1: String = doc
        .select(&Selector::parse("main h1").unwrap())
        .flat_map(|e| e.text())
        .collect();
    if let Some(title) = answer["headline"].as_str().or(answer["title"].as_str()) {
        assert_eq!(h1.trim(), title, "{page}");
    }
    let links = main_links(&doc);
    for a in articles.iter().filter(|a| a.as_str() != page) {
        assert!(
            links.contains(a),
            "{page}: {a} not in the page's main column"
        );
    }
}

async fn api_text(base: &str, path: &str) -> (u16, String) {
    let res = client()
        .get(format!("{base}/api/v1{path}"))
        .send()
        .await
        .unwrap();
    (res.status().as_u16(), res.text().await.unwrap())
}

#[tokio::test]
async fn a_first_paint_shows_what_the_api_answers() {
    let s = start().await;
    for page in PAGES {
        let (status, _, html) = get_page(&format!("{}{page}", s.base)).await;
        assert_eq!(status, 200, "{page}");
        let path = api_path(page);
        let (status, api) = api_text(&s.base, &path).await;
        assert_eq!(status, 200, "{page}: {path}");
        shows_the_answer(page, &html, &api);
    }
}

#[tokio::test]
async fn a_search_longer_than_the_limit_is_the_same_search_in_page_and_api() {
    let s = start().await;
    let long = "council ".repeat(80);
    let url = format!(
        "{}/search?{}",
        s.base,
        form_urlencoded::Serializer::new(String::new())
            .append_pair("q", &long)
            .finish()
    );
    let (status, _, html) = get_page(&url).await;
    assert_eq!(status, 200);
    // The app asks for the query cut to the limit, as the page shows it.
    let path = api_path(&url[s.base.len()..]);
    let (status, api) = api_text(&s.base, &path).await;
    assert_eq!(status, 200, "{path}");
    shows_the_answer("/search", &html, &api);
    // The whole query, as typed, is refused by the API with the limit named.
    let (status, refused) = api_text(
        &s.base,
        &format!(
            "/search?{}",
            form_urlencoded::Serializer::new(String::new())
                .append_pair("q", &long)
                .finish()
        ),
    )
    .await;
    assert_eq!(status, 400);
    assert!(refused.contains("500 characters"), "{refused}");
}

#[tokio::test]
async fn a_filter_that_names_nothing_is_not_found_in_page_and_api() {
    let s = start().await;
    let (status, _, _) = get_page(&format!(
        "{}/search?q=council&section=no-such-section",
        s.base
    ))
    .await;
    assert_eq!(status, 404);
    let (status, _) = api_text(
        &s.base,
        "/search?q=council&section=no-such-section&sort=relevance&page=1",
    )
    .await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn the_search_page_arrives_with_its_query_in_the_masthead_box() {
    let s = start().await;
    let box_value = |html: &str| {
        let doc = Html::parse_document(html);
        let sel = Selector::parse("header form[role=search] input#site-search-q").unwrap();
        doc.select(&sel)
            .next()
            .and_then(|i| i.value().attr("value").map(str::to_string))
            .unwrap_or_default()
    };
    for (path, shown) in [
        ("/search?q=bus+franchising", "bus franchising"),
        (
            "/search?q=%22rough+sleeping%22+-london",
            "\"rough sleeping\" -london",
        ),
        ("/search?q=Caf%C3%A9+%3Cb%3E", "Café <b>"),
    ] {
        let (_, _, html) = get_page(&format!("{}{path}", s.base)).await;
        assert_eq!(box_value(&html), shown, "{path}");
    }
    let (_, _, html) = get_page(&format!("{}/housing", s.base)).await;
    assert_eq!(box_value(&html), "", "other pages leave the box empty");
}
