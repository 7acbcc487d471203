//! WordPress as a source, against a real WordPress 6.1 on loopback (scripts/wordpress/): the first sync, then one
//! incremental sync after each thing an editor or WP-Cron does, with exactly the right articles written, removed
//! and purged; and a site that goes down leaving the store as it was.

mod common;

use std::collections::BTreeSet;

use broadsheet_sources::mapping::Mapping;
use broadsheet_sources::media::MediaStore;
use broadsheet_sources::sync::{self, Synced};
use broadsheet_sources::wordpress::WordPress;
use common::wordpress::WordPressSite;
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

/// The ids of the WordPress posts the store holds.
fn stored(server: &TestServer) -> BTreeSet<u64> {
    server
        .store
        .with_conn(|c| broadsheet_store::db::write::source_ids(c, "wordpress"))
        .unwrap()
        .into_iter()
        .map(|id| id.parse().unwrap())
        .collect()
}

/// A post as WordPress's REST API shows it (for its slug and rendered title).
async fn wp_post(site: &WordPressSite, id: u64) -> serde_json::Value {
    let url = format!("{}/wp-json/wp/v2/posts/{id}?context=edit", site.url);
    let res = common::client()
        .get(url)
        .basic_auth(&site.user, Some(&site.app_password))
        .send()
        .await
        .unwrap();
    res.json().await.unwrap()
}

/// Where the article of post `id` is now, by its old address `/?p=ID`.
async fn address_of(server: &TestServer, id: u64) -> Option<String> {
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let res = client
        .get(format!("{}/?p={id}", server.base))
        .send()
        .await
        .unwrap();
    (res.status() == 301).then(|| res.headers()["location"].to_str().unwrap().to_string())
}

async fn sync(source: &WordPress, server: &TestServer) -> Synced {
    let media = MediaStore::open(&server.dir.path().join("media-store")).unwrap();
    sync::sync(&server.store, source, Some(&media))
        .await
        .unwrap()
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

    // The block-editor post reads as on WordPress: its title decoded, in its category's section, at its address.
    let blocks = site.post("blocks");
    let wp = wp_post(&site, blocks).await;
    let address = address_of(&server, blocks)
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
    assert!(res.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("image/"));
    assert!(res.headers()["cache-control"]
        .to_str()
        .unwrap()
        .contains("immutable"));
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

    // Unpublished, trashed and deleted: removed, their pages purged, their old addresses no longer lead there.
    let gone = [
        site.post("politics"),
        site.post("transport"),
        site.post("festival"),
    ];
    let addresses = [
        address_of(&server, gone[0]).await.unwrap(),
        address_of(&server, gone[1]).await.unwrap(),
        address_of(&server, gone[2]).await.unwrap(),
    ];
    site.control(&["unpublish", &gone[0].to_string()]);
    site.control(&["trash", &gone[1].to_string()]);
    site.control(&["delete", &gone[2].to_string()]);
    let removed = sync(&source, &server).await;
    assert_eq!((removed.written.changed, removed.written.removed), (0, 3));
    let keys = removed.written.purge.header_value();
    for a in &addresses {
        assert!(
            keys.contains(&format!("article:{}", &a[1..])),
            "{a} not in {keys}"
        );
        let (status, _) = get_json(&format!("{}/api/v1/articles{a}", server.base)).await;
        assert_eq!(status, 404, "{a}");
    }
    assert_eq!(address_of(&server, gone[0]).await, None);

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

/// Polls `url` until `done` holds for its JSON (a sync runs in the server's own task), for up to 20 s.
async fn eventually(url: &str, done: impl Fn(u16, &serde_json::Value) -> bool) -> bool {
    for _ in 0..200 {
        let (status, json) = get_json(url).await;
        if done(status, &json) {
            return true;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    false
}

#[tokio::test(flavor = "multi_thread")]
async fn a_running_site_syncs_when_the_wordpress_plugin_says_a_post_changed() {
    const SECRET: &str = "webhook-secret-for-tests";
    let site = WordPressSite::start();
    let dir = tempfile::tempdir().unwrap();
    let mapping = dir.path().join("mapping.toml");
    std::fs::write(
        &mapping,
        "fallback = \"workforce\"\n[sections]\nnews = \"housing\"\n",
    )
    .unwrap();
    let (url, user, password) = (
        site.url.clone(),
        site.user.clone(),
        site.app_password.clone(),
    );
    let server = common::start_with(|c| broadsheet_server::Config {
        sources: broadsheet_server::config::SourcesConfig {
            wordpress_url: Some(url),
            wordpress_user: Some(user),
            wordpress_app_password: Some(password),
            source_mapping: Some(mapping),
            sync_interval: 3600,
            webhook_secret: Some(SECRET.into()),
            ..Default::default()
        },
        ..c
    })
    .await;
    // The sync at start.
    let blocks = site.post("blocks");
    let mut address = None;
    for _ in 0..200 {
        address = address_of(&server, blocks).await;
        if address.is_some() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let address = address.expect("the sync at start wrote the post");
    let article = format!("{}/api/v1/articles{address}", server.base);

    // An editor retitles the post: the plugin's signed POST makes the server sync it at once (not in an hour).
    site.install_plugin(&server.base, SECRET);
    site.control(&[
        "edit",
        &blocks.to_string(),
        "Library opens on Sunday after all",
    ]);
    assert!(
        eventually(&article, |_, a| a["headline"]
            == "Library opens on Sunday after all")
        .await,
        "the edit did not reach the site"
    );
    // Deleted: gone from the site just as soon.
    site.control(&["delete", &blocks.to_string()]);
    assert!(
        eventually(&article, |status, _| status == 404).await,
        "the deletion did not reach the site"
    );

    // The editor's Preview button on a draft: the draft as it would be, under a banner, never stored or indexed.
    let draft = site.post("draft");
    let link = site.preview_link(draft);
    assert!(
        link.starts_with(&format!("{}/preview/wordpress/{draft}?", server.base)),
        "{link}"
    );
    let wp = wp_post(&site, draft).await;
    let (status, headers, html) = common::get_page(&link).await;
    assert_eq!(status, 200, "{html}");
    assert_eq!(headers["cache-control"], "private, no-store");
    assert!(html.contains("class=\"preview-banner\""));
    assert!(
        html.contains("name=\"robots\" content=\"noindex\""),
        "noindex"
    );
    let title = wp["title"]["raw"].as_str().unwrap();
    assert!(
        html.contains(&broadsheet_server::html::escape(title)),
        "{title} in the preview"
    );
    // An autosave newer than the draft is what the preview shows.
    site.control(&[
        "autosave",
        &draft.to_string(),
        "Autosaved: the late edit",
        "<p>Typed a moment ago.</p>",
    ]);
    let (_, _, html) = common::get_page(&site.preview_link(draft)).await;
    assert!(html.contains("Autosaved: the late edit") && html.contains("Typed a moment ago."));
    // A link for another post, or tampered with, shows nothing.
    let forged = link.replace(&format!("/wordpress/{draft}?"), "/wordpress/1?");
    assert_eq!(common::get_page(&forged).await.0, 401);
    let expired = link.replace("expires=", "expires=1");
    assert_eq!(common::get_page(&expired).await.0, 401);

    // Forged, stale and replayed signatures are refused, and a source the site does not sync is not found.
    let hook = format!("{}/webhooks/wordpress", server.base);
    let body = r#"{"event":"edited","post":{"id":1}}"#;
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis()
        .to_string();
    let signed = |secret: &str, t: &str| {
        format!(
            "sha256={}, t={t}",
            broadsheet_server::sources::signature::sign(secret.as_bytes(), body.as_bytes(), t)
        )
    };
    let send = |signature: Option<String>, to: String| async move {
        let mut req = common::client().post(to).body(body);
        if let Some(s) = signature {
            req = req.header("x-broadsheet-signature", s);
        }
        req.send().await.unwrap().status().as_u16()
    };
    assert_eq!(send(Some(signed("guessed", &now)), hook.clone()).await, 401);
    assert_eq!(send(None, hook.clone()).await, 401);
    assert_eq!(send(Some(signed(SECRET, "1000")), hook.clone()).await, 401);
    assert_eq!(send(Some(signed(SECRET, &now)), hook.clone()).await, 202);
    assert_eq!(
        send(Some(signed(SECRET, &now)), hook.clone()).await,
        401,
        "a replay"
    );
    let ghost = format!("{}/webhooks/ghost", server.base);
    assert_eq!(send(Some(signed(SECRET, &now)), ghost).await, 404);
}

#[test]
fn the_wordpress_plugin_uses_the_sites_webhook_and_preview_addresses() {
    let plugin = include_str!("../../../integrations/wordpress/broadsheet.php");
    let webhook = format!("'{}/wordpress'", broadsheet_content::WEBHOOK_PATH);
    let preview = format!("'{}/wordpress/'", broadsheet_content::PREVIEW_PATH);
    assert!(plugin.contains(&webhook), "the plugin posts to {webhook}");
    assert!(
        plugin.contains(&preview),
        "the plugin's previews open {preview}"
    );
    assert!(plugin.contains("X-Broadsheet-Signature"));
}
