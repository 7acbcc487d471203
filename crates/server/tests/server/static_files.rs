//! The built app: SPA fallback, caching of hashed assets, traversal blocked, security headers.

use crate::common;

use common::{client, raw_request, start, INLINE_SCRIPT};

#[tokio::test]
async fn app_paths_get_index_html_and_api_paths_do_not() {
    let s = start().await;
    // Every page path gets the app, with its true status (what the page holds: tests/server/prerender.rs).
    for (path, status) in [
        ("/latest", 200),
        ("/kinds/interview", 200),
        ("/saved", 200),
        ("/housing?page=99", 404),
        ("/housing/some-article", 404),
        ("/no/such/page/at/all", 404),
    ] {
        let res = client()
            .get(format!("{}{path}", s.base))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), status, "{path}");
        assert!(
            res.headers()["content-type"]
                .to_str()
                .unwrap()
                .starts_with("text/html"),
            "{path}"
        );
        // Browsers ask each time; shared caches keep the page until its keys are purged.
        let cache_control = res.headers()["cache-control"].to_str().unwrap();
        assert!(
            cache_control.starts_with("public, max-age=0, must-revalidate, s-maxage="),
            "{path}: {cache_control}"
        );
        // The app's script, started at once or once the server's page is painted.
        assert!(
            res.text()
                .await
                .unwrap()
                .contains("/app-0123456789abcdef.js"),
            "{path}"
        );
    }
    let res = client()
        .get(format!("{}/api/v1/not-a-thing", s.base))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404);
    assert!(res.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("application/json"));
}

#[tokio::test]
async fn hashed_assets_are_immutable_and_others_revalidate() {
    let s = start().await;
    let res = client()
        .get(format!("{}/app-0123456789abcdef_bg.wasm", s.base))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(
        res.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    assert_eq!(res.headers()["content-type"], "application/wasm");
    let res = client()
        .get(format!("{}/manifest.webmanifest", s.base))
        .send()
        .await
        .unwrap();
    assert_eq!(res.headers()["cache-control"], "no-cache");
    let res = client()
        .get(format!("{}/media/housing-1.svg", s.base))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "image/svg+xml");
}

#[tokio::test]
async fn path_traversal_never_reaches_files_outside_dist() {
    let s = start().await;
    // The database file and the test's own folder sit next to dist/: none of them may come back.
    for path in [
        "/../test.db",
        "/%2e%2e/test.db",
        "/%2E%2E%2Ftest.db",
        "/..%2ftest.db",
        "/media/../../test.db",
        "/media/%2e%2e/%2e%2e/test.db",
        "/media/..%5c..%5ctest.db",
        "/%00",
        "/dist/../test.db",
    ] {
        let res = raw_request(&s.base, path).await;
        let status: u16 = res
            .split_whitespace()
            .nth(1)
            .and_then(|c| c.parse().ok())
            .unwrap_or(0);
        assert!(status != 500 && status != 0, "{path}: {res}");
        assert!(!res.contains("SQLite format"), "{path} leaked the database");
    }
}

#[tokio::test]
async fn security_headers_on_every_response() {
    let s = start().await;
    let res = client()
        .get(format!("{}/latest", s.base))
        .send()
        .await
        .unwrap();
    let csp = res.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(!csp.contains("unsafe-inline"), "{csp}");
    assert!(csp.contains("frame-ancestors 'self'"));
    assert!(csp.contains("'wasm-unsafe-eval'"));
    use base64::Engine;
    use sha2::Digest;
    let hash = base64::engine::general_purpose::STANDARD
        .encode(sha2::Sha256::digest(INLINE_SCRIPT.as_bytes()));
    assert!(
        csp.contains(&format!("'sha256-{hash}'")),
        "the inline script's hash is allowed: {csp}"
    );
    for path in [
        "/housing",
        "/api/v1/sections",
        "/api/v1/nope",
        "/robots.txt",
    ] {
        let res = client()
            .get(format!("{}{path}", s.base))
            .send()
            .await
            .unwrap();
        let h = res.headers();
        assert_eq!(h["x-content-type-options"], "nosniff", "{path}");
        assert_eq!(
            h["referrer-policy"], "strict-origin-when-cross-origin",
            "{path}"
        );
        assert!(
            h["content-security-policy"]
                .to_str()
                .unwrap()
                .contains("frame-ancestors 'self'"),
            "{path}"
        );
    }
}

#[tokio::test]
async fn a_missing_build_says_what_to_do() {
    let s = common::start_with(|c| broadsheet_server::Config {
        dist: c.dist.join("missing"),
        ..c
    })
    .await;
    let res = client().get(format!("{}/", s.base)).send().await.unwrap();
    assert_eq!(res.status(), 503);
    assert!(res.text().await.unwrap().contains("scripts/run.sh"));
    let (status, _) = common::get_json(&format!("{}/api/v1/sections", s.base)).await;
    assert_eq!(status, 200, "the API works without a build");
}

#[tokio::test]
async fn the_worker_and_manifest_are_served_for_installing() {
    let s = start().await;
    let get = |path: &str| client().get(format!("{}{path}", s.base)).send();
    let sw = get("/sw.js").await.unwrap();
    assert_eq!(sw.status(), 200);
    assert!(sw.headers()["content-type"]
        .to_str()
        .unwrap()
        .contains("javascript"));
    // A new build's worker must be seen at once, never a cached old one.
    assert_eq!(sw.headers()["cache-control"], "no-cache");
    // Its own policy governs its fetch() calls: it must reach this origin.
    let policy = sw.headers()["content-security-policy"].to_str().unwrap();
    assert!(policy.contains("connect-src 'self'"), "{policy}");
    let manifest = get("/manifest.webmanifest").await.unwrap();
    assert_eq!(manifest.status(), 200);
    assert_eq!(
        manifest.headers()["content-type"],
        "application/manifest+json"
    );
    let page = get("/").await.unwrap();
    let csp = page.headers()["content-security-policy"].to_str().unwrap();
    assert!(csp.contains("worker-src 'self'") && csp.contains("manifest-src 'self'"));
}
