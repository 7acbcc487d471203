//! The feeds over real HTTP, read back with a feed-parsing crate (`feed-rs`) as a feed reader would.

use crate::common;

use common::{demo_article_count, get_page, start, start_with};
use feed_rs::model::{Feed, FeedType};

async fn read(url: &str) -> (u16, reqwest::header::HeaderMap, Feed) {
    let (status, headers, body) = get_page(url).await;
    let feed = feed_rs::parser::parse(body.as_bytes())
        .unwrap_or_else(|e| panic!("{url} ({status}) is not a feed: {e}\n{body}"));
    (status, headers, feed)
}

#[tokio::test]
async fn the_site_feed_in_both_formats_has_the_latest_fifty_with_every_field() {
    let s = start_with(|c| broadsheet_server::Config {
        public_url: Some("https://news.example".into()),
        ..c
    })
    .await;
    for (path, kind, media) in [
        ("/feed.xml", FeedType::RSS2, "application/rss+xml"),
        ("/feed.atom", FeedType::Atom, "application/atom+xml"),
    ] {
        let (status, headers, feed) = read(&format!("{}{path}", s.base)).await;
        assert_eq!(status, 200);
        assert_eq!(feed.feed_type, kind);
        assert!(headers[reqwest::header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with(media));
        assert_eq!(feed.title.unwrap().content, "Broadsheet");
        assert_eq!(
            feed.language
                .as_deref()
                .map(str::to_ascii_lowercase)
                .as_deref(),
            Some("en-gb")
        );
        assert!(
            feed.links.iter().any(|l| l.href == "https://news.example/"),
            "{path}"
        );
        assert_eq!(
            feed.entries.len() as u64,
            demo_article_count(None).min(50),
            "{path}"
        );
        let dates: Vec<_> = feed.entries.iter().map(|e| e.published.unwrap()).collect();
        assert!(dates.windows(2).all(|w| w[0] >= w[1]), "newest first");
        for e in &feed.entries {
            let link = &e.links[0].href;
            assert!(link.starts_with("https://news.example/"), "{link}");
            assert_eq!(&e.id, link, "the id (GUID) is the article's address");
            assert!(!e.title.as_ref().unwrap().content.is_empty());
            assert!(!e.summary.as_ref().unwrap().content.is_empty());
            assert!(e.published.is_some());
            if kind == FeedType::Atom {
                assert!(e.updated.is_some());
            }
        }
        // The 58-letter article: its byline and its lead image.
        let anglesey = feed
            .entries
            .iter()
            .find(|e| {
                e.id.ends_with("/housing/anglesey-village-with-the-longest-name-gets-new-homes")
            })
            .unwrap();
        assert_eq!(anglesey.authors[0].name, "Elin Hughes-Parry");
        let image = anglesey
            .media
            .iter()
            .flat_map(|m| &m.content)
            .filter_map(|c| c.url.as_ref())
            .map(|u| u.to_string())
            .chain(
                anglesey
                    .links
                    .iter()
                    .filter(|l| l.rel.as_deref() == Some("enclosure"))
                    .map(|l| l.href.clone()),
            )
            .next();
        assert_eq!(
            image.as_deref(),
            Some("https://news.example/media/housing-4.svg"),
            "{path}"
        );
    }
}

#[tokio::test]
async fn a_section_feed_has_that_section_only_and_unknown_ones_are_404() {
    let s = start().await;
    let (_, _, feed) = read(&format!("{}/housing/feed.xml", s.base)).await;
    assert_eq!(feed.title.unwrap().content, "Broadsheet: Housing");
    assert_eq!(
        feed.entries.len() as u64,
        demo_article_count(Some("housing"))
    );
    assert!(feed.entries.iter().all(|e| e.id.contains("/housing/")));
    for path in [
        "/no-such-section/feed.xml",
        "/latest/feed.atom",
        "/housing/feed.rss",
    ] {
        let (status, _, _) = get_page(&format!("{}{path}", s.base)).await;
        assert_eq!(status, 404, "{path}");
    }
}

#[tokio::test]
async fn pages_name_their_feeds() {
    let s = start().await;
    for (path, expected) in [
        ("/", vec!["/feed.xml", "/feed.atom"]),
        ("/housing", vec!["/housing/feed.xml", "/housing/feed.atom"]),
        ("/latest", vec!["/feed.xml", "/feed.atom"]),
        (
            "/topics/council-housing",
            vec![
                "/topics/council-housing/feed.xml",
                "/topics/council-housing/feed.atom",
            ],
        ),
        (
            "/authors/priya-natarajan",
            vec![
                "/authors/priya-natarajan/feed.xml",
                "/authors/priya-natarajan/feed.atom",
            ],
        ),
    ] {
        let (_, _, html) = get_page(&format!("{}{path}", s.base)).await;
        let doc = scraper::Html::parse_document(&html);
        let sel = scraper::Selector::parse("head link[rel=alternate][type$='+xml']").unwrap();
        let hrefs: Vec<String> = doc
            .select(&sel)
            .map(|l| {
                let href = l.value().attr("href").unwrap();
                assert!(href.starts_with("http"), "absolute: {href}");
                assert!(l.value().attr("title").is_some());
                href.split_once("//")
                    .unwrap()
                    .1
                    .split_once('/')
                    .unwrap()
                    .1
                    .to_string()
            })
            .map(|p| format!("/{p}"))
            .collect();
        assert_eq!(hrefs, expected, "{path}");
    }
}

#[tokio::test]
async fn topic_and_author_feeds_carry_theirs() {
    let s = start().await;
    let (_, _, feed) = read(&format!("{}/authors/elin-hughes-parry/feed.atom", s.base)).await;
    assert_eq!(feed.title.unwrap().content, "Broadsheet: Elin Hughes-Parry");
    assert!(!feed.entries.is_empty());
    assert!(feed
        .entries
        .iter()
        .all(|e| e.authors[0].name == "Elin Hughes-Parry"));
    let (_, _, topic) = get_page(&format!("{}/api/v1/topics/council-housing", s.base)).await;
    let topic: serde_json::Value = serde_json::from_str(&topic).unwrap();
    let (_, _, feed) = read(&format!("{}/topics/council-housing/feed.xml", s.base)).await;
    assert_eq!(
        feed.entries.len() as u64,
        topic["meta"]["total"].as_u64().unwrap().min(50)
    );
    assert_eq!(
        feed.entries[0].title.as_ref().unwrap().content,
        topic["articles"][0]["headline"].as_str().unwrap()
    );
}
