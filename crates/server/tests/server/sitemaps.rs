//! Sitemaps and robots.txt over real HTTP, parsed as XML (with namespaces) and checked for the elements the
//! sitemaps.org protocol and Google News require.

use crate::common;

use common::{demo_article_count, get_page, start_with, TestServer};

const SITEMAP_NS: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";
const NEWS_NS: &str = "http://www.google.com/schemas/sitemap-news/0.9";

async fn server() -> TestServer {
    start_with(|c| broadsheet_server::Config {
        public_url: Some("https://news.example".into()),
        ..c
    })
    .await
}

/// The text of every `{ns}name` element in the XML at `url`, which must answer 200 as XML.
async fn texts(s: &TestServer, path: &str, ns: &str, name: &str) -> Vec<String> {
    let (status, headers, body) = get_page(&format!("{}{path}", s.base)).await;
    assert_eq!(status, 200, "{path}");
    assert!(headers["content-type"]
        .to_str()
        .unwrap()
        .starts_with("application/xml"));
    let doc = roxmltree::Document::parse(&body).unwrap_or_else(|e| panic!("{path}: {e}\n{body}"));
    doc.descendants()
        .filter(|n| n.tag_name().namespace() == Some(ns) && n.tag_name().name() == name)
        .map(|n| n.text().unwrap_or_default().to_string())
        .collect()
}

/// The path part of an absolute URL on the test's public URL.
fn path(url: &str) -> &str {
    url.strip_prefix("https://news.example")
        .unwrap_or_else(|| panic!("not absolute on the public URL: {url}"))
}

#[tokio::test]
async fn robots_names_the_index_and_the_news_sitemap() {
    let s = server().await;
    let (status, _, body) = get_page(&format!("{}/robots.txt", s.base)).await;
    assert_eq!(status, 200);
    assert!(
        body.contains("Sitemap: https://news.example/sitemap.xml\n"),
        "{body}"
    );
    assert!(
        body.contains("Sitemap: https://news.example/sitemaps/news.xml\n"),
        "{body}"
    );
}

#[tokio::test]
async fn the_index_lists_sitemaps_that_hold_every_page_and_article_once() {
    let s = server().await;
    let maps = texts(&s, "/sitemap.xml", SITEMAP_NS, "loc").await;
    let lastmods = texts(&s, "/sitemap.xml", SITEMAP_NS, "lastmod").await;
    assert_eq!(lastmods.len(), maps.len(), "every child has a lastmod");
    let (mut urls, mut articles) = (Vec::new(), Vec::new());
    for m in &maps {
        let locs = texts(&s, path(m), SITEMAP_NS, "loc").await;
        if path(m).starts_with("/sitemaps/articles-") {
            articles.extend(locs.clone());
        }
        urls.extend(locs);
    }
    assert_eq!(articles.len() as u64, demo_article_count(None));
    let mut unique = articles.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), articles.len(), "no article twice");
    for page in [
        "/",
        "/latest",
        "/housing",
        "/kinds/opinion",
        "/topics/council-housing",
        "/authors/priya-natarajan",
    ] {
        assert!(urls.iter().any(|u| path(u) == page), "{page} missing");
    }
    // Each listed article is a page that exists.
    for u in [
        &articles[0],
        urls.iter()
            .find(|u| path(u).starts_with("/authors/"))
            .unwrap(),
    ] {
        let (status, _, _) = get_page(&format!("{}{}", s.base, path(u))).await;
        assert_eq!(status, 200, "{u}");
    }
}

#[tokio::test]
async fn the_news_sitemap_has_the_last_48_hours_with_the_required_elements() {
    let s = server().await;
    let now = chrono::Utc::now();
    let at = |hours: i64| {
        (now - chrono::Duration::hours(hours)).to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
    };
    s.store
        .with_conn(|c| {
            c.execute(
                "INSERT INTO articles (section_id, slug, kind, headline, standfirst, published, body_json)
                 SELECT id, 'fresh-story', 'news', 'Fresh & new', 'S', ?1, '[]' FROM sections WHERE slug = 'housing'
                 UNION ALL
                 SELECT id, 'older-story', 'news', 'Older', 'S', ?2, '[]' FROM sections WHERE slug = 'housing'",
                [at(1), at(49)],
            )
        })
        .unwrap();
    let locs = texts(&s, "/sitemaps/news.xml", SITEMAP_NS, "loc").await;
    assert_eq!(locs, ["https://news.example/housing/fresh-story"]);
    assert_eq!(
        texts(&s, "/sitemaps/news.xml", NEWS_NS, "name").await,
        ["Broadsheet"]
    );
    assert_eq!(
        texts(&s, "/sitemaps/news.xml", NEWS_NS, "language").await,
        ["en"]
    );
    assert_eq!(
        texts(&s, "/sitemaps/news.xml", NEWS_NS, "publication_date").await,
        [at(1)]
    );
    assert_eq!(
        texts(&s, "/sitemaps/news.xml", NEWS_NS, "title").await,
        ["Fresh & new"]
    );
}

#[tokio::test]
async fn a_month_of_more_than_50000_articles_is_split() {
    let s = server().await;
    s.store
        .with_conn(|c| {
            c.execute_batch(
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 50001)
                 INSERT INTO articles (section_id, slug, kind, headline, standfirst, published, body_json)
                 SELECT (SELECT id FROM sections WHERE slug = 'housing'), 'bulk-' || i, 'news', 'Bulk', 'S',
                        '2020-01-15T10:00:00Z', '[]' FROM n;",
            )
        })
        .unwrap();
    let maps = texts(&s, "/sitemap.xml", SITEMAP_NS, "loc").await;
    let january: Vec<&str> = maps
        .iter()
        .map(|m| path(m))
        .filter(|p| p.contains("2020-01"))
        .collect();
    assert_eq!(
        january,
        [
            "/sitemaps/articles-2020-01.xml",
            "/sitemaps/articles-2020-01-2.xml"
        ]
    );
    assert_eq!(texts(&s, january[0], SITEMAP_NS, "loc").await.len(), 50_000);
    assert_eq!(texts(&s, january[1], SITEMAP_NS, "loc").await.len(), 1);
    let (status, _, _) = get_page(&format!("{}/sitemaps/articles-2020-01-3.xml", s.base)).await;
    assert_eq!(status, 404);
}
