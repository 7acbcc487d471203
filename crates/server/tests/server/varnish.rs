//! The shipped VCL (docs/varnish/broadsheet.vcl) in a real Varnish in front of two real server processes on one
//! database: answers are cached, an edit shows at once where it shows and nowhere else, and when the instances
//! fail the cache keeps serving what it has.

use crate::common;

use std::ffi::OsString;
use std::time::{Duration, Instant};

use common::fleet::{content_copy, free_port, Instance, Varnish, BIN};
use common::{fake_dist, EDITOR_TOKEN};

/// The article the tests edit, and one with nothing in common with it (another section, no shared topic, not
/// in its related list): it must stay cached when the first is edited.
const EDITED: (&str, &str) = ("housing", "damp-and-mould-inspections-find-failures");
const UNTOUCHED: (&str, &str) = (
    "transport",
    "county-pothole-backlog-passes-one-billion-pounds",
);

pub(crate) struct Site {
    /// Kept for the site's lifetime: the content, database and logs are in it.
    _dir: tempfile::TempDir,
    /// The flags that name the store, for `import`.
    store: Vec<OsString>,
    content: std::path::PathBuf,
    pub(crate) instances: Vec<Instance>,
    pub(crate) varnish: Varnish,
    client: reqwest::Client,
}

/// Two instances over one database (SQLite, or PostgreSQL with BROADSHEET_TEST_STORE=postgres), Varnish in
/// front, purging through it; `extra` flags for both.
pub(crate) fn site(extra: &[&str]) -> Site {
    site_on(common::postgres::database_for_tests(), extra)
}

fn site_on(database_url: Option<String>, extra: &[&str]) -> Site {
    let dir = tempfile::tempdir().unwrap();
    let content = content_copy(dir.path());
    let dist = fake_dist(dir.path());
    let varnish_port = free_port();
    let mut args: Vec<OsString> = vec![
        "--db".into(),
        dir.path().join("site.db").into(),
        "--content".into(),
        content.clone().into(),
        "--dist".into(),
        dist.into(),
        "--purge-url".into(),
        format!("xkey+http://127.0.0.1:{varnish_port}/").into(),
        "--moderation-token".into(),
        EDITOR_TOKEN.into(),
        "--mail-outbox".into(),
        dir.path().join("outbox").into(),
    ];
    if let Some(url) = &database_url {
        args.extend(["--database-url".into(), url.into()]);
    }
    args.extend(extra.iter().map(OsString::from));
    // One after the other: the first imports, the second finds nothing changed.
    let instances: Vec<Instance> = (0..2)
        .map(|i| {
            Instance::start(
                free_port(),
                args.clone(),
                dir.path().join(format!("instance{i}.log")),
            )
        })
        .collect();
    let ports: Vec<u16> = instances.iter().map(|i| i.port).collect();
    let varnish = Varnish::start(dir.path(), varnish_port, &ports);
    // The first instance's import purged everything, and sends that purge again 2 s later
    // (`cache::purge::REPURGE_AFTER`): the tests warm the cache after it.
    std::thread::sleep(Duration::from_millis(2_600));
    let mut store: Vec<OsString> = vec!["--db".into(), dir.path().join("site.db").into()];
    if let Some(url) = database_url {
        store.extend(["--database-url".into(), url.into()]);
    }
    Site {
        _dir: dir,
        store,
        content,
        instances,
        varnish,
        client: reqwest::Client::new(),
    }
}

struct Answer {
    status: u16,
    cache: String,
    body: String,
}

impl Site {
    async fn get(&self, path: &str) -> Answer {
        let res = self
            .client
            .get(format!("{}{path}", self.varnish.base()))
            .send()
            .await
            .unwrap();
        let status = res.status().as_u16();
        let cache = res
            .headers()
            .get("x-cache")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_string();
        Answer {
            status,
            cache,
            body: res.text().await.unwrap(),
        }
    }

    /// Rewrites the edited article's headline in its Markdown file and runs `broadsheet-server import`, as an
    /// editor's publishing step would; returns when the import (and its purge) is done.
    fn edit_and_import(&self, headline: &str) {
        self.set_and_import(EDITED, "headline", &format!("\"{headline}\""));
    }

    /// The store, opened as another process (an editor's script) would.
    pub(crate) fn open_store(&self) -> broadsheet_server::Db {
        let flag = |name: &str| {
            let at = self.store.iter().position(|f| f == name)?;
            self.store.get(at + 1).cloned()
        };
        match flag("--database-url") {
            Some(url) => broadsheet_server::Db::connect(&url.to_string_lossy()).unwrap(),
            None => {
                broadsheet_server::Db::open(std::path::Path::new(&flag("--db").unwrap())).unwrap()
            }
        }
    }

    /// Sets `key = value` (TOML) in `article`'s front matter and imports, as [`Site::edit_and_import`].
    pub(crate) fn set_and_import(&self, article: (&str, &str), key: &str, value: &str) {
        let file = self
            .content
            .join(format!("articles/{}/{}.md", article.0, article.1));
        let text = std::fs::read_to_string(&file).unwrap();
        let prefix = format!("{key} = ");
        let edited: String = text
            .lines()
            .map(|l| {
                if l.starts_with(&prefix) {
                    format!("{prefix}{value}")
                } else {
                    l.to_string()
                }
            })
            .collect::<Vec<_>>()
            .join("\n");
        std::fs::write(&file, edited).unwrap();
        let out = std::process::Command::new(BIN)
            .arg("import")
            .args(&self.store)
            .arg("--content")
            .arg(&self.content)
            .arg("--purge-url")
            .arg(format!("xkey+http://127.0.0.1:{}/", self.varnish.port))
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "import failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(stdout.contains("purged"), "{stdout}");
    }
}

fn api(article: (&str, &str)) -> String {
    format!("/api/v1/articles/{}/{}", article.0, article.1)
}

fn page(article: (&str, &str)) -> String {
    format!("/{}/{}", article.0, article.1)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_second_request_is_a_hit_and_an_edit_purges_its_article_alone() {
    let site = site(&[]);
    let paths = [api(EDITED), page(EDITED), api(UNTOUCHED), page(UNTOUCHED)];
    for path in &paths {
        let first = site.get(path).await;
        assert_eq!(first.status, 200, "{path}");
        let second = site.get(path).await;
        assert_eq!(
            (second.status, second.cache.as_str()),
            (200, "HIT"),
            "{path}"
        );
    }
    let before = site.get(&api(EDITED)).await.body;
    assert!(!before.contains("Inspections edited for the cache test"));

    site.edit_and_import("Inspections edited for the cache test");
    let edited_at = Instant::now();
    for path in [api(EDITED), page(EDITED)] {
        let after = site.get(&path).await;
        assert!(
            after.body.contains("Inspections edited for the cache test"),
            "{path} does not show the edit"
        );
        assert_eq!(after.cache, "MISS", "{path}");
    }
    assert!(
        edited_at.elapsed() < Duration::from_secs(1),
        "the edit took {:?} to show",
        edited_at.elapsed()
    );
    for path in [api(UNTOUCHED), page(UNTOUCHED)] {
        assert_eq!(site.get(&path).await.cache, "HIT", "{path} was purged");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_approved_comment_shows_through_the_cache_at_once() {
    let site = site(&[]);
    let comments = format!("{}/comments", api(UNTOUCHED));
    site.get(&comments).await;
    assert_eq!(site.get(&comments).await.cache, "HIT");
    // A reader posts (held for moderation) straight to an instance; an editor approves it on the other.
    let posted: serde_json::Value = site
        .client
        .post(format!("{}{comments}", site.instances[0].base()))
        .json(&serde_json::json!({"name": "Ada Reader", "body": "A comment the cache must show once approved."}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let id = posted["id"].as_i64().expect("the comment's id");
    assert_eq!(
        site.get(&comments).await.cache,
        "HIT",
        "a held comment purges nothing"
    );
    let approved = site
        .client
        .post(format!(
            "{}/api/v1/moderation/comments/{id}/approve",
            site.instances[1].base()
        ))
        .bearer_auth(EDITOR_TOKEN)
        .send()
        .await
        .unwrap();
    assert_eq!(approved.status().as_u16(), 204);
    let after = site.get(&comments).await;
    assert!(
        after
            .body
            .contains("A comment the cache must show once approved."),
        "{}",
        after.body
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_every_instance_down_the_cache_serves_what_it_has_and_recovers_after() {
    // Answers expire after a second, so that what is served below is stale: served for stale-if-error.
    let mut site = site(&["--shared-max-age", "1"]);
    let paths = [api(EDITED), page(EDITED), "/api/v1/sections".to_string()];
    for path in &paths {
        assert_eq!(site.get(path).await.status, 200, "{path}");
    }
    for i in &mut site.instances {
        i.kill();
    }
    // Past the answers' TTL, and past the probe's verdict (two failed checks a second apart).
    tokio::time::sleep(Duration::from_secs(4)).await;
    for path in &paths {
        let stale = site.get(path).await;
        assert_eq!(stale.status, 200, "{path} was not served from the cache");
        assert_eq!(stale.cache, "HIT", "{path}");
    }
    let never_cached = site.get(&api(UNTOUCHED)).await;
    assert_eq!(
        never_cached.status, 503,
        "nothing to serve for an uncached answer"
    );

    for i in &mut site.instances {
        i.restart();
    }
    site.edit_and_import("Inspections edited after the outage");
    let start = Instant::now();
    loop {
        let fresh = site.get(&api(EDITED)).await;
        if fresh.body.contains("Inspections edited after the outage") {
            break;
        }
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "the cache did not recover: {}",
            fresh.body
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert_eq!(site.get(&api(UNTOUCHED)).await.status, 200);
}

#[test]
fn the_vcl_in_the_deploying_guide_is_the_one_these_tests_run_and_probes_the_health_check() {
    let vcl = std::fs::read_to_string(common::fleet::shipped_vcl()).unwrap();
    let guide = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../docs/deploying.md"
    ))
    .unwrap();
    assert!(
        guide.contains(&vcl),
        "docs/deploying.md must show docs/varnish/broadsheet.vcl as it is"
    );
    let health = format!(
        ".url = \"{}{}\";",
        broadsheet_content::API_BASE,
        broadsheet_server::api::HEALTH_PATH
    );
    assert!(vcl.contains(&health), "the probe must ask {health}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_postgresql_stopped_the_cache_serves_pages_and_answers_and_all_recovers_when_it_is_back(
) {
    // A cluster of this test's own, since it is stopped; answers expire after a second, so that what is served
    // while the database is down is stale.
    let cluster = common::postgres::private();
    let site = site_on(Some(cluster.database()), &["--shared-max-age", "1"]);
    let paths = [
        api(EDITED),
        page(EDITED),
        "/api/v1/sections".to_string(),
        "/api/v1/rails".to_string(),
    ];
    for path in &paths {
        assert_eq!(site.get(path).await.status, 200, "{path}");
    }
    cluster.stop();
    // The instances' health checks fail (503), the probe says so, and the answers' TTL has passed.
    let health = site
        .client
        .get(format!("{}/api/v1/health", site.instances[0].base()))
        .send()
        .await
        .unwrap();
    assert_eq!(health.status().as_u16(), 503);
    tokio::time::sleep(Duration::from_secs(4)).await;
    for path in &paths {
        let stale = site.get(path).await;
        assert_eq!(stale.status, 200, "{path} was not served from the cache");
    }
    // The page served is the whole first paint, not the app alone that a page without its database gets.
    let html = site.get(&page(EDITED)).await.body;
    assert!(html.contains("id=\"prerender\""), "the page keeps its HTML");

    cluster.start_again();
    site.edit_and_import("Inspections edited after the database came back");
    let start = Instant::now();
    loop {
        let fresh = site.get(&api(EDITED)).await;
        if fresh
            .body
            .contains("Inspections edited after the database came back")
        {
            break;
        }
        assert!(
            start.elapsed() < Duration::from_secs(15),
            "no recovery without a restart: {}",
            fresh.body
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let health = site
        .client
        .get(format!("{}/api/v1/health", site.instances[1].base()))
        .send()
        .await
        .unwrap();
    assert_eq!(health.status().as_u16(), 200, "the instances recovered");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn behind_the_cache_each_reader_has_a_rate_limit_of_their_own() {
    // Every post reaches the instances from Varnish's address; the reader is in X-Forwarded-For.
    let site = site(&["--trusted-proxies", "127.0.0.1", "--comment-limit", "2"]);
    let comments = format!("{}/comments", api(UNTOUCHED));
    let post = |reader: &'static str, n: usize| {
        let (client, url) = (
            site.client.clone(),
            format!("{}{comments}", site.varnish.base()),
        );
        async move {
            client
                .post(url)
                .header("x-forwarded-for", reader)
                .json(&serde_json::json!({"name": "Reader", "body": format!("Post number {n} through the cache.")}))
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        }
    };
    let mut first = Vec::new();
    for n in 0..3 {
        first.push(post("198.51.100.1", n).await);
    }
    assert_eq!(first, [202, 202, 429], "the limit holds for one reader");
    assert_eq!(
        post("198.51.100.2", 9).await,
        202,
        "another reader is not held back by the first"
    );
}
