//! Most read over HTTP, on either store: what counts (a reader once a day per article), what does not (reloads,
//! bots, prefetches, Global Privacy Control), that nothing naming a reader is stored anywhere, and the list's
//! answer; two instances counting into one list, and a reader reloading through Varnish counted once.

use std::time::Duration;

use crate::common;
use broadsheet_content::reads::MOST_READ_RAIL;
use broadsheet_server::reads::FLUSH_EVERY;
use broadsheet_store::db::Dialect;
use common::{client, get_json, start_with, TestServer};

/// Two demo articles in different sections, made fresh so the list may show them.
const FIRST: (&str, &str) = ("housing", "damp-and-mould-inspections-find-failures");
const SECOND: (&str, &str) = (
    "transport",
    "county-pothole-backlog-passes-one-billion-pounds",
);

/// The address the trusted proxy says the readers come from, and a mark in every reader's user agent: neither
/// may be stored.
const ADDRESS: &str = "198.51.100.77";
const AGENT_MARK: &str = "ZqxReaderMark";

async fn server() -> TestServer {
    let s = start_with(|mut c| {
        c.trusted_proxies = vec!["127.0.0.1".parse().unwrap()];
        c
    })
    .await;
    let now = chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string();
    for (section, slug) in [FIRST, SECOND] {
        let sql = format!(
            "UPDATE articles SET published = '{now}' WHERE slug = '{slug}'
             AND section_id = (SELECT id FROM sections WHERE slug = '{section}')"
        );
        s.store.with_conn(|db| db.execute_batch(&sql)).unwrap();
    }
    s
}

/// Sends a view of `article` as a browser's beacon would, with `headers`; the status.
async fn read(s: &TestServer, article: (&str, &str), agent: &str, headers: &[(&str, &str)]) -> u16 {
    let mut req = client()
        .post(format!("{}/api/v1/reads", s.base))
        .header("content-type", "text/plain;charset=UTF-8")
        .header("x-forwarded-for", ADDRESS)
        .header("user-agent", agent)
        .body(format!("/{}/{}", article.0, article.1));
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    let res = req.send().await.unwrap();
    assert_eq!(
        res.headers()
            .get("cache-control")
            .and_then(|v| v.to_str().ok()),
        Some("no-store")
    );
    res.status().as_u16()
}

fn browser(n: u32) -> String {
    format!("Mozilla/5.0 (X11; Linux x86_64) {AGENT_MARK}/{n} Firefox/133.0")
}

/// The reads the store holds for `article`, summed over its hours.
fn stored_reads(s: &TestServer, (section, slug): (&str, &str)) -> i64 {
    let sql = format!(
        "SELECT CAST(COALESCE(SUM(r.reads), 0) AS BIGINT) FROM article_reads r JOIN articles a ON a.id = r.article_id
         JOIN sections s ON s.id = a.section_id WHERE s.slug = '{section}' AND a.slug = '{slug}'"
    );
    s.store
        .with_conn(|db| db.query_row(&sql, (), |r| r.get::<_, i64>(0)))
        .unwrap()
}

/// Every row of every table, as text (PostgreSQL), and every file under the server's folder (the SQLite
/// database and its journal, the search index, the mail outbox, the media store).
fn everything_stored(s: &TestServer) -> String {
    let mut all = String::new();
    if s.store.dialect() == Dialect::Postgres {
        let tables: Vec<String> = s
            .store
            .with_conn(|db| {
                db.query_map(
                    "SELECT table_name::text FROM information_schema.tables WHERE table_schema = current_schema()",
                    (),
                    |r| r.get(0),
                )
            })
            .unwrap();
        for t in tables {
            let sql = format!("SELECT COALESCE(string_agg(x::text, E'\\n'), '') FROM \"{t}\" x");
            all += &s
                .store
                .with_conn(|db| db.query_row(&sql, (), |r| r.get::<_, String>(0)))
                .unwrap();
        }
    }
    for file in walk(s.dir.path()) {
        all += &String::from_utf8_lossy(&std::fs::read(file).unwrap_or_default());
    }
    all
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        if p.is_dir() {
            files.extend(walk(&p));
        } else {
            files.push(p);
        }
    }
    files
}

/// The list's article paths, asked of the server itself.
async fn list(s: &TestServer, query: &str) -> Vec<String> {
    list_at(&s.base, query).await
}

/// The list's article paths, asked of the server or instance at `base`.
async fn list_at(base: &str, query: &str) -> Vec<String> {
    let (status, rail) = get_json(&format!("{base}/api/v1/most-read{query}")).await;
    assert_eq!(status, 200, "{rail}");
    assert_eq!(rail["id"], MOST_READ_RAIL);
    rail["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            format!(
                "{}/{}",
                t["section"]["slug"].as_str().unwrap(),
                t["slug"].as_str().unwrap()
            )
        })
        .collect()
}

/// Waits until `done` says the counts are written (the server writes every few seconds; a busy machine may take
/// longer), up to 30 s, then one more write's time, so that a count that should not be there has arrived too.
async fn written(done: impl Fn() -> bool) {
    for _ in 0..120 {
        if done() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    tokio::time::sleep(FLUSH_EVERY + Duration::from_millis(500)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reader_counts_once_a_day_and_reloads_bots_prefetches_and_gpc_do_not() {
    let s = server().await;
    assert!(list(&s, "").await.is_empty(), "nothing counted yet: hidden");
    // FIRST: two readers, one reloading four times.
    for _ in 0..5 {
        assert_eq!(read(&s, FIRST, &browser(1), &[]).await, 204);
    }
    read(&s, FIRST, &browser(2), &[]).await;
    // SECOND: three readers.
    for n in 3..6 {
        read(&s, SECOND, &browser(n), &[]).await;
    }
    // None of these count.
    for n in 10..14 {
        let bot = format!("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html) {AGENT_MARK}/{n}");
        read(&s, FIRST, &bot, &[]).await;
        read(&s, FIRST, &browser(n + 10), &[("sec-gpc", "1")]).await;
        read(
            &s,
            FIRST,
            &browser(n + 20),
            &[("sec-purpose", "prefetch;prerender")],
        )
        .await;
    }
    read(&s, FIRST, "", &[]).await;
    written(|| stored_reads(&s, FIRST) >= 2 && stored_reads(&s, SECOND) >= 3).await;
    assert_eq!((stored_reads(&s, FIRST), stored_reads(&s, SECOND)), (2, 3));
    let paths = list(&s, "").await;
    assert_eq!(
        paths[..2],
        [
            format!("{}/{}", SECOND.0, SECOND.1),
            format!("{}/{}", FIRST.0, FIRST.1)
        ]
    );
    assert_eq!(
        list(&s, "?section=housing").await,
        [format!("{}/{}", FIRST.0, FIRST.1)]
    );
    // A partner's widget of the section's most read.
    let res = client()
        .get(format!("{}/embed/{}?most_read=1", s.base, FIRST.0))
        .send()
        .await
        .unwrap();
    let cache = res.headers()["cache-control"].to_str().unwrap().to_string();
    assert!(cache.contains("s-maxage=120"), "{cache}");
    let html = scraper::Html::parse_document(&res.text().await.unwrap());
    let text = |css: &str| -> Vec<String> {
        let sel = scraper::Selector::parse(css).unwrap();
        html.select(&sel)
            .map(|e| e.text().collect::<String>())
            .collect()
    };
    assert_eq!(text(".from"), ["Most read from Broadsheet"]);
    let (_, article) = get_json(&format!(
        "{}/api/v1/articles/{}/{}",
        s.base, FIRST.0, FIRST.1
    ))
    .await;
    assert_eq!(text("ol li a"), [article["headline"].as_str().unwrap()]);

    let stored = everything_stored(&s);
    assert!(!stored.contains(ADDRESS), "the reader's address is stored");
    assert!(
        !stored.contains(AGENT_MARK),
        "the reader's user agent is stored"
    );
}

#[tokio::test]
async fn a_bad_view_is_refused_by_name_and_the_list_is_cached_briefly() {
    let s = server().await;
    assert_eq!(
        read(&s, ("housing", "no-such-article"), &browser(1), &[]).await,
        404
    );
    let post = |body: &'static str| {
        client()
            .post(format!("{}/api/v1/reads", s.base))
            .body(body)
            .send()
    };
    // Another page of the site has no article to count.
    assert_eq!(
        post("/search?q=council").await.unwrap().status().as_u16(),
        404
    );
    let res = post("council tax").await.unwrap();
    assert_eq!(res.status().as_u16(), 400);
    let message = res.text().await.unwrap();
    assert!(message.contains("article's path"), "{message}");

    let res = client()
        .get(format!("{}/api/v1/most-read", s.base))
        .send()
        .await
        .unwrap();
    let cache = res.headers()["cache-control"].to_str().unwrap().to_string();
    assert!(
        cache.contains("s-maxage=120") && cache.contains("max-age=60"),
        "{cache}"
    );
    let (status, _) = get_json(&format!("{}/api/v1/most-read?section=nowhere", s.base)).await;
    assert_eq!(status, 404);
}

/// Every read `store` holds.
fn total_reads(store: &broadsheet_server::Db) -> i64 {
    store
        .with_conn(|db| {
            db.query_row(
                "SELECT CAST(COALESCE(SUM(reads), 0) AS BIGINT) FROM article_reads",
                (),
                |r| r.get::<_, i64>(0),
            )
        })
        .unwrap()
}

/// Sends a view of `article` to `base` (an instance, or Varnish) as the reader with user agent `agent`.
async fn read_at(base: &str, article: (&str, &str), agent: &str) -> (u16, String) {
    let res = client()
        .post(format!("{base}/api/v1/reads"))
        .header("user-agent", agent)
        .body(format!("/{}/{}", article.0, article.1))
        .send()
        .await
        .unwrap();
    let cache = res
        .headers()
        .get("x-cache")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    (res.status().as_u16(), cache)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_instances_count_into_one_list_and_a_reload_through_the_cache_counts_once() {
    let site = crate::varnish::site(&[]);
    let now = chrono::Utc::now();
    // SECOND is a minute newer, so it would come first on a tie.
    let at = |t: chrono::DateTime<chrono::Utc>| t.format("%Y-%m-%dT%H:%M:%SZ").to_string();
    site.set_and_import(FIRST, "published", &at(now - chrono::Duration::minutes(1)));
    site.set_and_import(SECOND, "published", &at(now));
    let (one, two, cache) = (
        site.instances[0].base(),
        site.instances[1].base(),
        site.varnish.base(),
    );
    // FIRST: four readers, on both instances.
    for (base, n) in [(&one, 1), (&two, 2), (&two, 3), (&one, 4)] {
        assert_eq!(read_at(base, FIRST, &browser(n)).await.0, 204);
    }
    // SECOND: two readers on one instance, and a third reloading through the cache four times. Round robin would
    // send the reloads to both instances, each counting the reader once: 4 reads, a tie won by SECOND.
    read_at(&one, SECOND, &browser(5)).await;
    read_at(&one, SECOND, &browser(6)).await;
    for _ in 0..4 {
        let (status, cache) = read_at(&cache, SECOND, &browser(7)).await;
        assert_eq!(
            (status, cache.as_str()),
            (204, "MISS"),
            "a view is never answered from the cache"
        );
    }
    // Both instances' counts are in when each article has as many reads as readers (7, with the reloads once).
    let store = site.open_store();
    written(|| total_reads(&store) >= 7).await;
    let first = format!("{}/{}", FIRST.0, FIRST.1);
    let second = format!("{}/{}", SECOND.0, SECOND.1);
    for base in [&one, &two] {
        let paths = list_at(base, "").await;
        assert_eq!(paths, [first.clone(), second.clone()], "asked of {base}");
    }
}
