//! A running site and a real WordPress 6.1 on loopback (scripts/wordpress/), with Broadsheet's plugin
//! (integrations/wordpress): the plugin's signed webhooks make the site sync at once, its Preview button opens the
//! draft on the site, and forged, stale or replayed signatures are refused.

use crate::common;

use common::wordpress::{address_of, eventually, wp_post, WordPressSite};

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
    let plugin = include_str!("../../../../integrations/wordpress/broadsheet.php");
    let webhook = format!("'{}/wordpress'", broadsheet_content::WEBHOOK_PATH);
    let preview = format!("'{}/wordpress/'", broadsheet_content::PREVIEW_PATH);
    assert!(plugin.contains(&webhook), "the plugin posts to {webhook}");
    assert!(
        plugin.contains(&preview),
        "the plugin's previews open {preview}"
    );
    assert!(plugin.contains("X-Broadsheet-Signature"));
    let widths = broadsheet_content::responsive::IMAGE_WIDTHS.map(|w| w.to_string());
    let widths = format!("[{}]", widths.join(", "));
    assert!(
        plugin.contains(&widths),
        "the plugin makes uploads at the rule's widths {widths}"
    );
}
