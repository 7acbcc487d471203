//! A real server on a loopback port the test picks, over a real database file in a temporary folder.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

pub mod fleet;
pub mod ghost;
pub mod postgres;
pub mod scripted;
pub mod smtp;
pub mod wordpress;

use broadsheet_server::{app, prepare, serve, Config};
use tempfile::TempDir;

/// The inline script of the fake build; its hash must appear in the CSP.
pub const INLINE_SCRIPT: &str = "import init from '/app-0123456789abcdef.js'; await init();";

/// The moderation token of test servers.
pub const EDITOR_TOKEN: &str = "test-editor-token";

pub struct TestServer {
    pub base: String,
    pub dir: TempDir,
    /// The server's store, as another process (an editor's script) would open it.
    pub store: broadsheet_server::Db,
    /// The command-line flags that name the server's store: `--db` and, on PostgreSQL, `--database-url`.
    pub store_args: Vec<String>,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
}

impl Drop for TestServer {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

/// The repository's demo content.
pub fn demo_content() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content")
}

/// A dist folder like Trunk's: index.html with an inline module script, a hashed asset, a plain file.
pub fn fake_dist(dir: &Path) -> PathBuf {
    let dist = dir.join("dist");
    std::fs::create_dir_all(&dist).unwrap();
    std::fs::write(
        dist.join("index.html"),
        format!("<!doctype html><html><head><title>Broadsheet</title><script type=\"module\">{INLINE_SCRIPT}</script></head><body></body></html>"),
    )
    .unwrap();
    std::fs::write(
        dist.join("app-0123456789abcdef_bg.wasm"),
        b"\0asm\x01\0\0\0",
    )
    .unwrap();
    std::fs::write(dist.join("robots.txt"), "User-agent: *\n").unwrap();
    std::fs::write(
        dist.join("sw.js"),
        "self.addEventListener('fetch', () => {});\n",
    )
    .unwrap();
    std::fs::write(
        dist.join("manifest.webmanifest"),
        "{\"name\": \"Broadsheet\"}\n",
    )
    .unwrap();
    dist
}

pub fn config(dir: &Path, content: PathBuf) -> Config {
    Config {
        addr: "127.0.0.1:0".parse().unwrap(),
        db: dir.join("test.db"),
        content,
        media_store: dir.join("media-store"),
        search_index: None,
        search_turns: None,
        dist: fake_dist(dir),
        cors_origins: Vec::new(),
        no_import: false,
        comment_policy: broadsheet_server::config::CommentPolicy::Moderate,
        moderation_token: Some(EDITOR_TOKEN.to_string()),
        comment_limit: 1000,
        comment_window: 600,
        embed_ancestors: vec!["*".into()],
        public_url: None,
        smtp_url: None,
        mail_outbox: dir.join("outbox"),
        mail_from: "Broadsheet <newsletter@broadsheet.test>".into(),
        mail_retry: 1,
        newsletter_secret: None,
        purge_url: Vec::new(),
        database_url: postgres::database_for_tests(),
        database_connections: None,
        shared_max_age: None,
        trusted_proxies: Vec::new(),
        sources: Default::default(),
    }
}

/// How many articles the demo content has in `section` (Markdown files in its folder), or in all sections.
pub fn demo_article_count(section: Option<&str>) -> u64 {
    let root = demo_content().join("articles");
    let folders: Vec<PathBuf> = match section {
        Some(s) => vec![root.join(s)],
        None => std::fs::read_dir(&root)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect(),
    };
    folders
        .iter()
        .flat_map(|f| std::fs::read_dir(f).unwrap())
        .filter(|e| e.as_ref().unwrap().path().extension() == Some("md".as_ref()))
        .count() as u64
}

/// The command-line flags that name `config`'s store.
pub fn store_args(config: &Config) -> Vec<String> {
    let mut args = vec!["--db".to_string(), config.db.display().to_string()];
    if let Some(url) = &config.database_url {
        args.extend(["--database-url".to_string(), url.clone()]);
    }
    args
}

/// Starts a server over the demo content.
pub async fn start() -> TestServer {
    start_with(|c| c).await
}

/// Starts a server with an adjusted configuration.
pub async fn start_with(adjust: impl FnOnce(Config) -> Config) -> TestServer {
    let dir = tempfile::tempdir().unwrap();
    let config = adjust(config(dir.path(), demo_content()));
    let db = prepare(&config).unwrap();
    let store = match &config.database_url {
        Some(url) => broadsheet_server::Db::connect(url).unwrap(),
        None => broadsheet_server::Db::open(&config.db).unwrap(),
    };
    let store_args = store_args(&config);
    let listener = tokio::net::TcpListener::bind(config.addr).await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    let newsletter =
        std::sync::Arc::new(broadsheet_server::newsletter::open(&config, &db).unwrap());
    let router = app(&config, db, newsletter);
    tokio::spawn(serve(listener, router, async {
        let _ = rx.await;
    }));
    TestServer {
        base,
        dir,
        store,
        store_args,
        stop: Some(tx),
    }
}

/// Adds `n` confirmed subscribers of The Week, `reader{i}@example.org`, straight into `store`.
pub fn weekly_subscribers(store: &broadsheet_server::Db, n: usize) {
    store
        .with_conn(|c| {
            let tx = c.transaction()?;
            for i in 0..n {
                let id: i64 = tx.query_row(
                    "INSERT INTO subscribers (email, email_key, state, manage_nonce, signed_up, confirmed)
                     VALUES (?1, ?1, 'confirmed', 'n', 0, 0) RETURNING id",
                    [format!("reader{i}@example.org")],
                    |r| r.get(0),
                )?;
                tx.execute(
                    "INSERT INTO subscriptions (subscriber_id, edition) VALUES (?1, 'weekly')",
                    [id],
                )?;
            }
            tx.commit()
        })
        .unwrap();
}

pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .no_gzip()
        .no_brotli()
        .build()
        .unwrap()
}

/// GET a page: status, headers and body.
pub async fn get_page(url: &str) -> (u16, reqwest::header::HeaderMap, String) {
    let res = client().get(url).send().await.unwrap();
    let status = res.status().as_u16();
    let headers = res.headers().clone();
    (status, headers, res.text().await.unwrap())
}

/// The search API's URL on `base` for `q` (form-encoded), 50 results a page, then `extra` (`&sort=date`, …).
pub fn search_url(base: &str, q: &str, extra: &str) -> String {
    let q: String = form_urlencoded::byte_serialize(q.as_bytes()).collect();
    format!("{base}/api/v1/search?q={q}&limit=50{extra}")
}

/// GET and parse JSON, returning status and body.
pub async fn get_json(url: &str) -> (u16, serde_json::Value) {
    let res = client().get(url).send().await.unwrap();
    let status = res.status().as_u16();
    let text = res.text().await.unwrap();
    let json = serde_json::from_str(&text)
        .unwrap_or_else(|_| panic!("not JSON from {url} ({status}): {text}"));
    (status, json)
}

/// Sends raw bytes as an HTTP request (for paths a client library would normalise) and returns the response.
pub async fn raw_request(base: &str, request_line_path: &str) -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let addr = base.trim_start_matches("http://");
    let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    let req =
        format!("GET {request_line_path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n");
    stream.write_all(req.as_bytes()).await.unwrap();
    let mut out = Vec::new();
    stream.read_to_end(&mut out).await.unwrap();
    String::from_utf8_lossy(&out).into_owned()
}
