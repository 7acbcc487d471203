//! One answer per page: the data a first paint brings is, byte for byte, what the content API answers at the
//! path the page names for it, for every kind of page (run on both stores by `scripts/test.sh`).

use crate::common;

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

/// The API answers a page brought, by path: `(path, JSON text)`.
fn page_data(html: &str) -> Vec<(String, String)> {
    let doc = Html::parse_document(html);
    let sel = Selector::parse("script[type=\"application/json\"][data-broadsheet-path]").unwrap();
    doc.select(&sel)
        .map(|e| {
            let path = e.value().attr("data-broadsheet-path").unwrap().to_string();
            (path, e.text().collect())
        })
        .collect()
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
async fn a_first_paint_brings_exactly_what_the_api_answers() {
    let s = start().await;
    for page in PAGES {
        let (status, _, html) = get_page(&format!("{}{page}", s.base)).await;
        assert_eq!(status, 200, "{page}");
        let data = page_data(&html);
        // The page's own answer, the sections and the rails.
        assert_eq!(
            data.len(),
            3,
            "{page}: {:?}",
            data.iter().map(|d| &d.0).collect::<Vec<_>>()
        );
        for (path, json) in data {
            let (status, api) = api_text(&s.base, &path).await;
            assert_eq!(status, 200, "{page}: {path}");
            let brought: serde_json::Value = serde_json::from_str(&json).unwrap();
            let answered: serde_json::Value = serde_json::from_str(&api).unwrap();
            assert_eq!(brought, answered, "{page}: {path}");
        }
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
    let (path, json) = page_data(&html)
        .into_iter()
        .find(|(p, _)| p.starts_with("/search?"))
        .expect("the search answer");
    let (status, api) = api_text(&s.base, &path).await;
    assert_eq!(status, 200, "{path}");
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&json).unwrap(),
        serde_json::from_str::<serde_json::Value>(&api).unwrap()
    );
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
