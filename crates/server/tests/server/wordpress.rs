//! WordPress as a source, against a real WordPress 6.1 on loopback (scripts/wordpress/): the first sync, then one
//! incremental sync after each thing an editor or WP-Cron does, with exactly the right articles written, removed
//! and purged; and a site that goes down leaving the store as it was.

use crate::common;

use std::collections::BTreeSet;

use broadsheet_sources::mapping::Mapping;
use broadsheet_sources::media::MediaStore;
use broadsheet_sources::sync::{self, Synced};
use broadsheet_sources::wordpress::WordPress;
use common::wordpress::{address_of, stored, wp_post, WordPressSite};
use common::{get_json, TestServer};

/// The demo has no `news`, `politics` or `arts-culture` section: the mapping names theirs.
fn mapping() -> Mapping {
    Mapping::parse(
        "fallback = \"workforce\"\n[sections]\nnews = \"housing\"\npolitics = \"finance\"\n\
         arts-culture = \"education\"\n",
        "mapping.toml",
    )
    .unwrap()
}

async fn sync(source: &WordPress, server: &TestServer) -> Synced {
    let media = MediaStore::open(&server.dir.path().join("media-store")).unwrap();
    sync::sync(&server.store, source, Some(&media))
        .await
        .unwrap()
}

/// The synced post's images are the site's own copies, served for good (named by their content), with their true
/// sizes; the smaller copies `srcset` names are WordPress's own files where it made them at the rule's widths
/// (Broadsheet's plugin asks it to), else made by the server; the store's bookkeeping is not served.
async fn images_are_the_sites_own(
    site: &WordPressSite,
    server: &TestServer,
    wp: &serde_json::Value,
    article: &serde_json::Value,
) {
    let get = |path: String| async move {
        let res = common::client().get(path).send().await.unwrap();
        (res.status().as_u16(), res.bytes().await.unwrap())
    };
    // Its images are the site's own copies, served for good (named by their content), with their true sizes.
    let lead = &article["image"];
    let src = lead["url"].as_str().unwrap();
    assert!(src.starts_with("/media/store/"), "{lead}");
    let res = common::client()
        .get(format!("{}{src}", server.base))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    // WordPress's own 640 px file is the 640 px copy, byte for byte: the site does not resize it again.
    let media = format!("{}/wp-json/wp/v2/media/{}", site.url, wp["featured_media"]);
    let (status, media) = get(media).await;
    assert_eq!(status, 200);
    let media: serde_json::Value = serde_json::from_slice(&media).unwrap();
    let own = media["media_details"]["sizes"]["broadsheet-640w"]["source_url"]
        .as_str()
        .expect("WordPress made the upload at 640 px (the plugin's size)")
        .to_string();
    let (stem, ext) = src.rsplit_once('.').unwrap();
    let (status, copy) = get(format!("{}{stem}-640w.{ext}", server.base)).await;
    assert_eq!(status, 200);
    assert_eq!(
        copy,
        get(own).await.1,
        "the 640 px copy is WordPress's file"
    );
    assert!(res.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("image/"));
    assert!(res.headers()["cache-control"]
        .to_str()
        .unwrap()
        .contains("immutable"));
    // And its smaller copies that `srcset` names, made on request, in WebP, kept for good too.
    assert!(lead["width"].as_u64().unwrap() > 320, "{lead}");
    let res = common::client()
        .get(format!("{}{stem}-320w.webp", server.base))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "image/webp");
    assert!(res.headers()["cache-control"]
        .to_str()
        .unwrap()
        .contains("immutable"));
    let webp = res.bytes().await.unwrap();
    assert_eq!(imagesize::blob_size(&webp).unwrap().width, 320);
    // The store's bookkeeping is not served: neither the copies' folder nor the record of addresses.
    let name = stem.rsplit('/').next().unwrap();
    for path in [
        format!("/media/store/copies/store/{name}-320w.webp"),
        format!("/media/store/copies%2Fstore%2F{name}-320w.webp"),
        format!("/media/store/copies%2fstore%5c{name}-320w.webp"),
        "/media/store/by-url/".to_string(),
    ] {
        let res = common::client()
            .get(format!("{}{path}", server.base))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 404, "{path}");
    }
    let in_body = article["body"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|b| b["type"] == "image");
    for b in in_body {
        assert!(
            b["image"]["url"]
                .as_str()
                .unwrap()
                .starts_with("/media/store/"),
            "{b}"
        );
        assert!(b["image"]["width"].as_u64().unwrap() > 0, "{b}");
    }
}

/// The block-editor post `blocks` reads as on WordPress: its title decoded, in its category's section, at its
/// address, with every kind of block and the site's own images; its permalink on WordPress answers 301 to it. Its
/// address.
async fn block_post_reads_as_on_wordpress(
    site: &WordPressSite,
    server: &TestServer,
    blocks: u64,
) -> String {
    // The block-editor post reads as on WordPress: its title decoded, in its category's section, at its address.
    let wp = wp_post(site, blocks).await;
    let address = address_of(server, blocks)
        .await
        .expect("/?p= leads to the article");
    let (status, article) = get_json(&format!("{}/api/v1/articles{address}", server.base)).await;
    assert_eq!(status, 200);
    let title = wp["title"]["rendered"].as_str().unwrap();
    assert!(
        title.contains("&#"),
        "the fixture's title has entities: {title}"
    );
    assert!(!article["headline"].as_str().unwrap().contains("&#"));
    assert_eq!(article["slug"], wp["slug"]);
    let kinds: BTreeSet<&str> = article["body"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["type"].as_str().unwrap())
        .collect();
    for kind in [
        "paragraph",
        "heading",
        "list",
        "quote",
        "pull_quote",
        "image",
        "video",
    ] {
        assert!(kinds.contains(kind), "no {kind} block in {kinds:?}");
    }
    images_are_the_sites_own(site, server, &wp, &article).await;

    // Its permalink on WordPress leads to it too.
    let link = url::Url::parse(wp["link"].as_str().unwrap()).unwrap();
    let res = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
        .get(format!("{}{}", server.base, link.path()))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 301);
    assert_eq!(res.headers()["location"], address.as_str());
    address
}

/// Unpublished, trashed and deleted posts: removed, their pages purged, their old addresses no longer leading
/// there; a deletion that a webhook named is applied without the listing of every id.
async fn removals_are_applied_and_purged(
    site: &WordPressSite,
    server: &TestServer,
    source: &WordPress,
) {
    // Unpublished, trashed and deleted: removed, their pages purged, their old addresses no longer lead there.
    let gone = [
        site.post("politics"),
        site.post("transport"),
        site.post("festival"),
    ];
    let addresses = [
        address_of(server, gone[0]).await.unwrap(),
        address_of(server, gone[1]).await.unwrap(),
        address_of(server, gone[2]).await.unwrap(),
    ];
    site.control(&["unpublish", &gone[0].to_string()]);
    site.control(&["trash", &gone[1].to_string()]);
    let removed = sync(source, server).await;
    assert_eq!((removed.written.changed, removed.written.removed), (0, 2));
    // With webhooks, a sync between reconciliations reads the changes and the posts the webhooks named: the
    // deleted post is confirmed gone without the listing of every id.
    site.control(&["delete", &gone[2].to_string()]);
    let sweep = sync::Sweep {
        reconcile: false,
        hinted: [gone[2].to_string()].into(),
    };
    let media = MediaStore::open(&server.dir.path().join("media-store")).unwrap();
    let hinted = sync::sync_with(&server.store, source, Some(&media), sweep)
        .await
        .unwrap();
    assert_eq!((hinted.written.changed, hinted.written.removed), (0, 1));
    assert!(
        hinted.requests < removed.requests,
        "{} requests with the hint, {} with the listing",
        hinted.requests,
        removed.requests
    );
    let keys = format!(
        "{} {}",
        removed.written.purge.header_value(),
        hinted.written.purge.header_value()
    );
    for a in &addresses {
        assert!(
            keys.contains(&format!("article:{}", &a[1..])),
            "{a} not in {keys}"
        );
        let (status, _) = get_json(&format!("{}/api/v1/articles{a}", server.base)).await;
        assert_eq!(status, 404, "{a}");
    }
    assert_eq!(address_of(server, gone[0]).await, None);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_wordpress_site_synced_in_full_then_by_its_changes() {
    let mut site = WordPressSite::start();
    let server = common::start().await;
    let auth = Some((site.user.clone(), site.app_password.clone()));
    let source = WordPress::new(&site.url, auth, mapping()).unwrap();

    // The first sync: every published post that is not password-protected, nothing else.
    let first = sync(&source, &server).await;
    assert!(first.full);
    let published: BTreeSet<u64> = [
        "hello",
        "blocks",
        "classic",
        "hostile",
        "politics",
        "transport",
        "festival",
    ]
    .iter()
    .map(|n| site.post(n))
    .collect();
    assert_eq!(stored(&server), published);
    assert!(
        first
            .skipped
            .iter()
            .any(|s| s.contains("password-protected")),
        "{:?}",
        first.skipped
    );

    // The block-editor post reads as on WordPress, and its permalink leads to it.
    let blocks = site.post("blocks");
    let address = block_post_reads_as_on_wordpress(&site, &server, blocks).await;

    // An edit: that article alone is written and purged.
    site.control(&[
        "edit",
        &blocks.to_string(),
        "Library opening delayed by a week",
    ]);
    let edit = sync(&source, &server).await;
    assert!(!edit.full);
    assert_eq!((edit.written.changed, edit.written.removed), (1, 0));
    assert!(edit
        .written
        .purge
        .header_value()
        .contains(&format!("article:{}", &address[1..])));
    let (_, article) = get_json(&format!("{}/api/v1/articles{address}", server.base)).await;
    assert_eq!(article["headline"], "Library opening delayed by a week");

    // A scheduled post going live (WP-Cron's publishing leaves `modified` as it was): found by the id listing.
    let scheduled = site.post("scheduled");
    assert!(!stored(&server).contains(&scheduled));
    site.control(&["publish-future", &scheduled.to_string()]);
    let live = sync(&source, &server).await;
    assert_eq!(live.written.changed, 1);
    assert!(stored(&server).contains(&scheduled));

    // Put behind a password: still published on WordPress, no longer on the site.
    let classic = site.post("classic");
    let classic_at = address_of(&server, classic).await.unwrap();
    site.control(&["protect", &classic.to_string(), "members-evening"]);
    let protected = sync(&source, &server).await;
    assert_eq!(protected.written.removed, 1);
    assert!(!stored(&server).contains(&classic));
    let (status, _) = get_json(&format!("{}/api/v1/articles{classic_at}", server.base)).await;
    assert_eq!(status, 404);

    removals_are_applied_and_purged(&site, &server, &source).await;

    // A renamed category: read in full again (a rename does not change posts), and nothing changed or purged.
    site.control(&["rename-category", "news", "Local news"]);
    let renamed = sync(&source, &server).await;
    assert!(renamed.full);
    assert_eq!((renamed.written.changed, renamed.written.removed), (0, 0));
    assert!(
        renamed.written.purge.is_empty(),
        "{}",
        renamed.written.purge.header_value()
    );

    // The site goes down: the sync fails, naming it, and the store is as it was.
    let before = stored(&server);
    site.stop();
    let err = sync::sync(&server.store, &source, None)
        .await
        .unwrap_err()
        .to_string();
    assert!(err.contains(&site.url), "{err}");
    assert_eq!(stored(&server), before);
}

/// What a spoiling proxy answers itself for a request (its path and query), instead of passing it on: a status
/// and a body; `None` passes it on.
type Spoil = fn(&str) -> Option<(u16, &'static str)>;

/// A proxy in front of `upstream` (a WordPress) that passes GET requests on as they are, except those `spoil`
/// answers: a source that fails part of the way through a sync. Its address.
async fn spoiling_proxy(upstream: String, spoil: Spoil) -> String {
    use axum::response::IntoResponse;
    let client = reqwest::Client::new();
    let app = axum::Router::new().fallback(move |req: axum::extract::Request| {
        let (client, upstream) = (client.clone(), upstream.clone());
        async move {
            let pq = req.uri().path_and_query().map_or("/", |p| p.as_str());
            if let Some((status, body)) = spoil(pq) {
                return (axum::http::StatusCode::from_u16(status).unwrap(), body).into_response();
            }
            let mut out = client.get(format!("{upstream}{pq}"));
            if let Some(auth) = req.headers().get("authorization") {
                out = out.header("authorization", auth.as_bytes());
            }
            let res = out.send().await.unwrap();
            let mut passed = axum::http::Response::builder().status(res.status().as_u16());
            for (name, value) in res.headers() {
                if !["transfer-encoding", "content-length", "connection"].contains(&name.as_str()) {
                    passed = passed.header(name.as_str(), value.as_bytes());
                }
            }
            let body = axum::body::Body::from(res.bytes().await.unwrap());
            passed.body(body).unwrap().into_response()
        }
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    address
}

#[tokio::test(flavor = "multi_thread")]
async fn a_wordpress_that_fails_part_way_through_a_sync_leaves_the_site_as_it_was() {
    let site = WordPressSite::start();
    let server = common::start().await;
    let auth = || Some((site.user.clone(), site.app_password.clone()));
    let direct = WordPress::new(&site.url, auth(), mapping()).unwrap();
    sync::sync(&server.store, &direct, None).await.unwrap();
    let before = stored(&server);
    let (blocks, transport) = (site.post("blocks"), site.post("transport"));
    let address = address_of(&server, blocks).await.unwrap();
    let headline = || async {
        let (_, article) = get_json(&format!("{}/api/v1/articles{address}", server.base)).await;
        article["headline"].as_str().unwrap_or_default().to_string()
    };
    let was = headline().await;
    site.control(&["edit", &blocks.to_string(), "Library opening delayed"]);
    site.control(&["trash", &transport.to_string()]);

    // The changed posts are read, then the listing of every published id fails: WordPress answers 503, or a
    // page of HTML with 200 (a plugin's error page). The sync fails naming the address; nothing is written.
    let unavailable: Spoil = |pq| {
        pq.contains("_fields=id")
            .then_some((503, "{\"code\":\"down\"}"))
    };
    let garbage: Spoil = |pq| {
        let page = "<html><body>Error establishing a database connection</body></html>";
        pq.contains("_fields=id").then_some((200, page))
    };
    for (why, spoil) in [("503", unavailable), ("garbage", garbage)] {
        let proxy = spoiling_proxy(site.url.clone(), spoil).await;
        let cut = WordPress::new(&proxy, auth(), mapping()).unwrap();
        let err = sync::sync(&server.store, &cut, None)
            .await
            .unwrap_err()
            .to_string();
        assert!(err.contains(&proxy), "{why}: {err}");
        assert_eq!(stored(&server), before, "{why}: nothing removed");
        assert_eq!(headline().await, was, "{why}: nothing written");
    }

    // The next sync that reads the whole way applies both changes.
    sync::sync(&server.store, &direct, None).await.unwrap();
    assert_eq!(headline().await, "Library opening delayed");
    assert!(!stored(&server).contains(&transport));
}
