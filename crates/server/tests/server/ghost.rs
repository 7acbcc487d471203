//! Ghost as a source, against a real Ghost 5 on loopback (scripts/ghost/): a running site syncs at start, then at
//! once on each signed webhook Ghost delivers (an edit, an unpublished, a deleted and a scheduled post going
//! live); forged and replayed signatures are refused; the site going down leaves the store as it was.

use crate::common;

use std::collections::BTreeSet;
use std::time::Duration;

use broadsheet_sources::ghost::Ghost;
use broadsheet_sources::mapping::Mapping;
use common::ghost::GhostSite;
use common::{get_json, TestServer};

const SECRET: &str = "ghost-webhook-secret-for-tests";
const MAPPING: &str =
    "fallback = \"workforce\"\n[sections]\nnews = \"housing\"\npolitics = \"finance\"\n\
                       arts-culture = \"education\"\n";

fn stored(server: &TestServer) -> BTreeSet<String> {
    server
        .store
        .with_conn(|c| broadsheet_store::db::write::source_ids(c, "ghost"))
        .unwrap()
        .into_iter()
        .collect()
}

/// Polls until `done` holds (syncs run in the server's own task), for up to 20 s.
async fn eventually(mut done: impl FnMut() -> bool) -> bool {
    for _ in 0..200 {
        if done() {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    false
}

async fn status(url: &str) -> u16 {
    get_json(url).await.0
}

/// The post with every card reads as on Ghost: in its primary tag's section, with its feature image's size, no
/// internal tags; its author's page has their Ghost profile image, copied to the site with its size.
async fn cards_post_reads_as_on_ghost(site: &GhostSite, server: &TestServer) {
    let cards = &site.fixtures["posts"]["cards"];
    let slug = cards["slug"].as_str().unwrap();
    let (code, article) =
        get_json(&format!("{}/api/v1/articles/housing/{slug}", server.base)).await;
    assert_eq!(code, 200, "{article}");
    let image = &article["image"];
    assert!(
        image["width"].as_u64().unwrap() > 0 && image["height"].as_u64().unwrap() > 0,
        "{image}"
    );
    let kinds: BTreeSet<&str> = article["body"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["type"].as_str().unwrap())
        .collect();
    for kind in ["paragraph", "heading", "list", "quote", "image", "video"] {
        assert!(kinds.contains(kind), "no {kind} block in {kinds:?}");
    }
    let topics: Vec<&str> = article["topics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap())
        .collect();
    assert!(
        topics.iter().all(|t| !t.starts_with('#')),
        "internal tags shown: {topics:?}"
    );
    // Its author's page has their Ghost profile image, copied to the site with its size.
    let author = article["authors"][0]["slug"].as_str().unwrap();
    let (code, page) = get_json(&format!("{}/api/v1/authors/{author}", server.base)).await;
    assert_eq!(code, 200, "{page}");
    let photo = &page["author"]["photo"];
    assert!(
        photo["url"].as_str().unwrap().starts_with("/media/store/"),
        "{photo}"
    );
    assert_eq!(
        (photo["width"].as_u64(), photo["height"].as_u64()),
        (Some(400), Some(400))
    );
    let res = common::client()
        .get(format!("{}{}", server.base, photo["url"].as_str().unwrap()))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "image/png");
}

/// An editor's preview of the draft, by its uuid: shown under a banner, never stored or indexed; an unknown uuid
/// is 404.
async fn draft_preview_is_shown_and_never_kept(site: &GhostSite, server: &TestServer) {
    let draft = &site.fixtures["posts"]["draft"];
    let preview = format!(
        "{}/preview/ghost/{}",
        server.base,
        draft["uuid"].as_str().unwrap()
    );
    let (code, headers, html) = common::get_page(&preview).await;
    assert_eq!(code, 200, "{html}");
    assert_eq!(headers["cache-control"], "private, no-store");
    assert!(
        html.contains("class=\"preview-banner\"")
            && html.contains("name=\"robots\" content=\"noindex\"")
    );
    let title = site.control(&["preview", "draft"])["post"]["title"]
        .as_str()
        .unwrap_or("")
        .to_string();
    assert!(
        !title.is_empty() && html.contains(&broadsheet_server::html::escape(&title)),
        "{title}"
    );
    let unknown = format!(
        "{}/preview/ghost/00000000-0000-4000-8000-000000000000",
        server.base
    );
    assert_eq!(common::get_page(&unknown).await.0, 404);
}

/// Signatures Ghost did not make, and replays of one it did, are refused at `hook`.
async fn forged_and_replayed_signatures_are_refused(hook: &str) {
    let body = r#"{"post":{"current":{}}}"#;
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis()
        .to_string();
    let signed = |secret: &str| {
        let hex =
            broadsheet_server::sources::signature::sign(secret.as_bytes(), body.as_bytes(), &now);
        format!("sha256={hex}, t={now}")
    };
    let post = |signature: String| {
        let hook = hook.to_string();
        async move {
            common::client()
                .post(hook)
                .header("x-ghost-signature", signature)
                .body(body)
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        }
    };
    assert_eq!(post(signed("forged")).await, 401);
    assert_eq!(post(signed(SECRET)).await, 202);
    assert_eq!(post(signed(SECRET)).await, 401, "a replay");
}

/// Ghost's webhooks, subscribed to `hook`, bring each change to the running site at once: an edit, an unpublished
/// and a deleted post, a scheduled post going live.
async fn changes_arrive_by_webhook(site: &GhostSite, server: &TestServer, hook: &str) {
    for event in [
        "post.published",
        "post.edited",
        "post.unpublished",
        "post.deleted",
    ] {
        site.control(&["webhook", event, hook, SECRET]);
    }
    let arts = &site.fixtures["posts"]["arts"];
    let arts_url = format!(
        "{}/api/v1/articles/education/{}",
        server.base,
        arts["slug"].as_str().unwrap()
    );
    site.control(&["edit", "arts", "Players cancel the winter show"]);
    let mut headline = String::new();
    for _ in 0..200 {
        headline = get_json(&arts_url).await.1["headline"]
            .as_str()
            .unwrap_or("")
            .to_string();
        if headline == "Players cancel the winter show" {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(headline, "Players cancel the winter show");

    let transport = site.post("transport");
    site.control(&["unpublish", "transport"]);
    let politics = site.post("politics");
    site.control(&["delete", "politics"]);
    let scheduled = site.post("scheduled");
    site.control(&["publish-scheduled", "scheduled"]);
    assert!(
        eventually(|| {
            let now = stored(server);
            !now.contains(&transport) && !now.contains(&politics) && now.contains(&scheduled)
        })
        .await,
        "stored {:?}",
        stored(server)
    );
    assert_eq!(status(&arts_url).await, 200);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_running_site_follows_ghost_by_its_signed_webhooks() {
    let mut site = GhostSite::start();
    let dir = tempfile::tempdir().unwrap();
    let mapping = dir.path().join("mapping.toml");
    std::fs::write(&mapping, MAPPING).unwrap();
    let (url, key, admin) = (
        site.url.clone(),
        site.content_key.clone(),
        site.admin_key.clone(),
    );
    let server = common::start_with(|c| broadsheet_server::Config {
        sources: broadsheet_server::config::SourcesConfig {
            ghost_url: Some(url),
            ghost_content_key: Some(key),
            ghost_admin_key: Some(admin),
            source_mapping: Some(mapping.clone()),
            sync_interval: 3600,
            webhook_secret: Some(SECRET.into()),
            ..Default::default()
        },
        ..c
    })
    .await;

    // The sync at start: the public posts, not the members-only or paid ones, nor drafts or scheduled posts.
    let public: BTreeSet<String> = ["cards", "arts", "transport", "politics"]
        .iter()
        .map(|n| site.post(n))
        .collect();
    assert!(
        eventually(|| stored(&server) == public).await,
        "stored {:?}",
        stored(&server)
    );

    cards_post_reads_as_on_ghost(&site, &server).await;

    draft_preview_is_shown_and_never_kept(&site, &server).await;

    // Ghost delivers its webhooks to the running site; each change is there at once.
    let hook = format!("{}/webhooks/ghost", server.base);
    changes_arrive_by_webhook(&site, &server, &hook).await;
    forged_and_replayed_signatures_are_refused(&hook).await;

    // Its old addresses lead to the articles.
    let arts = &site.fixtures["posts"]["arts"];
    let res = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
        .get(format!(
            "{}/{}/",
            server.base,
            arts["slug"].as_str().unwrap()
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 301);
    assert!(res.headers()["location"]
        .to_str()
        .unwrap()
        .starts_with("/education/"));

    // A renamed tag: read in full again (renaming changes no post). Its topic takes the new name's slug; the old
    // topic is gone, and Ghost's tag page leads to the new one.
    site.control(&["rename-tag", "harbour", "Harbour and quay"]);
    let mapping = Mapping::parse(MAPPING, "m").unwrap();
    let ghost = Ghost::new(&site.url, &site.content_key, mapping).unwrap();
    let renamed = broadsheet_sources::sync::sync(&server.store, &ghost, None)
        .await
        .unwrap();
    assert!(renamed.full);
    let topics = format!("{}/api/v1/topics", server.base);
    let (code, topic) = get_json(&format!("{topics}/harbour-and-quay")).await;
    assert_eq!((code, &topic["title"]), (200, &"Harbour and quay".into()));
    let listed: Vec<&str> = topic["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["slug"].as_str().unwrap())
        .collect();
    assert!(
        listed.contains(&arts["slug"].as_str().unwrap()),
        "{listed:?}"
    );
    assert_eq!(status(&format!("{topics}/harbour")).await, 404);
    assert!(
        renamed
            .written
            .purge
            .header_value()
            .contains("topic:harbour "),
        "{}",
        renamed.written.purge.header_value()
    );
    let res = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
        .get(format!("{}/tag/harbour/", server.base))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 301);
    assert_eq!(res.headers()["location"], "/topics/harbour-and-quay");

    // The site goes down: a sync fails, naming it, and the store is as it was.
    let before = stored(&server);
    site.stop();
    let err = broadsheet_sources::sync::sync(&server.store, &ghost, None)
        .await
        .unwrap_err()
        .to_string();
    assert!(err.contains(&site.url), "{err}");
    assert!(
        !err.contains(&site.content_key),
        "the key is not in messages: {err}"
    );
    assert_eq!(stored(&server), before);
}
